using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Core.Files;

namespace Npq.Tests.Web.Reporting;

/// <summary>Background exports past their time, and an export of nobody; they need no report data, only the application.</summary>
public sealed class ExportExpiryTests : WebFixture
{
    [Test]
    public async Task Sweep_ExportPastItsTime_FileDeletedAndMarkedExpired_FreshOneKept()
    {
        var services = Factory.Services;
        var exports = services.GetRequiredService<IReportExportRepository>();
        var files = services.GetRequiredService<IFileStore>();
        var adminId = await UserIdAsync(ReportWorld.AdminEmail);

        async Task<(int Id, string Stored)> ReadyExportAsync(DateTime expiresUtc)
        {
            var stored = await files.SaveAsync(new MemoryStream("candidate\r\n"u8.ToArray()));
            var id = await exports.CreateAsync(new ReportExport
            {
                Token = ExportTokens.New(),
                RequestedByUserId = adminId,
                Report = CompletionReporting.Report,
                Format = ExportFormat.Csv,
                Query = new ExportRequest(ReportScope.Nobody, new CompletionFilter()).Serialise(),
                CreatedUtc = DateTime.UtcNow.AddDays(-2),
            });
            await exports.MarkReadyAsync(id, stored, 1, DateTime.UtcNow.AddDays(-2), expiresUtc);
            return (id, stored);
        }

        var old = await ReadyExportAsync(DateTime.UtcNow.AddHours(-1));
        var fresh = await ReadyExportAsync(DateTime.UtcNow.AddHours(5));

        await services.GetRequiredService<BackgroundExports>().SweepOnceAsync(CancellationToken.None);

        Assert.That(await files.OpenReadAsync(old.Stored), Is.Null);
        Assert.That((await exports.FindAsync(old.Id))!.Status, Is.EqualTo(ExportStatus.Expired));
        await using (var kept = await files.OpenReadAsync(fresh.Stored))
        {
            Assert.That(kept, Is.Not.Null);
        }

        Assert.That((await exports.FindAsync(fresh.Id))!.Status, Is.EqualTo(ExportStatus.Ready));
        var db = services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<string?>("SELECT StoredName FROM ReportExports WHERE Id = @id", new { id = old.Id }), Is.Null);
    }

    [Test]
    public async Task Run_ScopeOfNobody_ReadyWithNoRows()
    {
        var services = Factory.Services;
        var exports = services.GetRequiredService<IReportExportRepository>();
        var adminId = await UserIdAsync(ReportWorld.AdminEmail);
        var id = await exports.CreateAsync(new ReportExport
        {
            Token = ExportTokens.New(),
            RequestedByUserId = adminId,
            Report = CompletionReporting.Report,
            Format = ExportFormat.Xlsx,
            Query = new ExportRequest(ReportScope.Nobody, new CompletionFilter()).Serialise(),
            CreatedUtc = DateTime.UtcNow,
        });

        await services.GetRequiredService<BackgroundExports>().RunAsync(id, CancellationToken.None);

        var export = await exports.FindAsync(id);
        Assert.That(export!.Status, Is.EqualTo(ExportStatus.Ready));
        Assert.That(export.RowsWritten, Is.Zero);
        Assert.That(export.ExpiresUtc, Is.EqualTo(export.CompletedUtc!.Value.AddHours(24)).Within(TimeSpan.FromSeconds(1)));
    }
}
