using System.Security.Cryptography;
using System.Text.Json;

namespace Npq.Core.Reporting;

/// <summary>What a background export was asked for: whose candidates and which of them.</summary>
public sealed record ExportRequest(ReportScope Scope, CompletionFilter Filter)
{
    public string Serialise() => JsonSerializer.Serialize(this);

    public static ExportRequest Deserialise(string json) =>
        JsonSerializer.Deserialize<ExportRequest>(json) ?? throw new InvalidOperationException("Empty export request");
}

/// <summary>
/// Hands an export to the background runner (the web's clustered job store): the database row is the truth; queuing
/// the same export twice runs it once.
/// </summary>
public interface IExportJobs
{
    Task EnqueueAsync(int exportId, CancellationToken cancellationToken = default);
}

/// <summary>The names of exports: 32 random hex digits, used as a link's token and as the stored file's name.</summary>
public static class ExportTokens
{
    public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}

/// <summary>Writes completion rows as a file in a format (CSV or Excel): the web's file shapes.</summary>
public interface ICompletionExportWriter
{
    /// <summary>Writes the rows as they come; xlsx needs a seekable stream.</summary>
    Task WriteAsync(ExportFormat format, Stream output, IAsyncEnumerable<CompletionRow> rows, CancellationToken cancellationToken);
}
