using Microsoft.Extensions.Time.Testing;
using Npq.Core.Auditing;
using Npq.Core.Reporting;

namespace Npq.Tests.Core.Reporting;

/// <summary>The audit log as a list, for the use-case tests to read back.</summary>
public sealed class RecordedAudit : IAuditLog
{
    public List<AuditEntry> Entries { get; } = [];

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        Entries.Add(entry);
        return Task.CompletedTask;
    }
}

/// <summary>Small pieces the reporting use-case tests share.</summary>
public static class ReportingFakes
{
    public static readonly DateTime Now = new(2026, 11, 24, 10, 30, 0, DateTimeKind.Utc);

    public static readonly ReportActor Admin = new(7, "192.0.2.7");

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(Now));

    public static async IAsyncEnumerable<CompletionRow> Rows(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await Task.Yield();
            yield return new CompletionRow { EnrolmentId = i, CandidateName = $"Candidate {i}" };
        }
    }

    public static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
