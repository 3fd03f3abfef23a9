using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Files;
using Npq.Core.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Core.Reporting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class BackgroundExportsTests
{
    private const string Token = "0123456789abcdef0123456789abcdef";
    private readonly Mock<IReportExportRepository> _exports = new();
    private readonly Mock<ICompletionReportQueries> _report = new();
    private readonly Mock<IFileStore> _files = new();
    private readonly Mock<ICompletionExportWriter> _writer = new();
    private readonly Mock<IExportJobs> _queue = new();
    private readonly RecordedAudit _audit = new();

    private BackgroundExports Exports() =>
        new(_exports.Object, _report.Object, _files.Object, _writer.Object, _queue.Object, _audit, Options.Create(new ReportsOptions { KeepHours = 6 }), Clock(),
            NullLogger<BackgroundExports>.Instance);

    private static ReportExport Export(ExportStatus status, DateTime? expiresUtc = null) => new()
    {
        Id = 3,
        Token = Token,
        RequestedByUserId = Admin.UserId,
        Report = CompletionReporting.Report,
        Format = ExportFormat.Csv,
        Query = new ExportRequest(ReportScope.ForProvider(1), new CompletionFilter()).Serialise(),
        Status = status,
        StoredName = status == ExportStatus.Ready ? "stored" : null,
        ExpiresUtc = expiresUtc,
    };

    private void Found(ReportExport export)
    {
        _exports.Setup(e => e.FindAsync(export.Id, It.IsAny<CancellationToken>())).ReturnsAsync(export);
        _exports.Setup(e => e.FindForUserAsync(export.Token, export.RequestedByUserId, It.IsAny<CancellationToken>())).ReturnsAsync(export);
    }

    [Test]
    public async Task RunAsync_QueuedExport_WritesEveryRowWithProgressAndMarksItReady()
    {
        Found(Export(ExportStatus.Queued));
        _report.Setup(r => r.CountAsync(ReportScope.ForProvider(1), It.IsAny<CompletionFilter>(), It.IsAny<CancellationToken>())).ReturnsAsync(600);
        _report.Setup(r => r.StreamAsync(ReportScope.ForProvider(1), It.IsAny<CompletionFilter>(), Now, It.IsAny<CancellationToken>())).Returns(Rows(600));
        const string createdName = "fedcba9876543210fedcba9876543210";
        _files.Setup(f => f.SaveAsync(It.IsAny<Stream>(), It.IsAny<CancellationToken>())).ReturnsAsync(createdName);
        _writer.Setup(w => w.WriteAsync(ExportFormat.Csv, It.IsAny<Stream>(), It.IsAny<IAsyncEnumerable<CompletionRow>>(), It.IsAny<CancellationToken>()))
            .Returns<ExportFormat, Stream, IAsyncEnumerable<CompletionRow>, CancellationToken>((_, _, rows, _) => ToListAsync(rows));

        await Exports().RunAsync(3, CancellationToken.None);

        _exports.Verify(e => e.MarkRunningAsync(3, 600, It.IsAny<CancellationToken>()));
        _exports.Verify(e => e.ReportProgressAsync(3, 250, It.IsAny<CancellationToken>()));
        _exports.Verify(e => e.ReportProgressAsync(3, 500, It.IsAny<CancellationToken>()));
        _exports.Verify(e => e.ReportProgressAsync(3, It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        Assert.That(createdName, Does.Match("^[0-9a-f]{32}$"));
        _exports.Verify(e => e.MarkReadyAsync(3, createdName, 600, Now, Now.AddHours(6), It.IsAny<CancellationToken>()));
        _files.Verify(f => f.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [TestCase(ExportStatus.Ready)]
    [TestCase(ExportStatus.Expired)]
    [TestCase(ExportStatus.Failed)]
    public async Task RunAsync_FinishedExport_LeftAlone(ExportStatus status)
    {
        Found(Export(status));

        await Exports().RunAsync(3, CancellationToken.None);

        _exports.Verify(e => e.MarkRunningAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _files.Verify(f => f.SaveAsync(It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task RunAsync_WriterFails_FileDeletedAndExportMarkedFailed()
    {
        Found(Export(ExportStatus.Running));
        _report.Setup(r => r.StreamAsync(It.IsAny<ReportScope>(), It.IsAny<CompletionFilter>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>())).Returns(Rows(1));
        _writer.Setup(w => w.WriteAsync(It.IsAny<ExportFormat>(), It.IsAny<Stream>(), It.IsAny<IAsyncEnumerable<CompletionRow>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("disk full"));

        await Exports().RunAsync(3, CancellationToken.None);

        _files.Verify(f => f.SaveAsync(It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Never);
        _exports.Verify(e => e.MarkFailedAsync(3, Now, Now.AddHours(6), It.IsAny<CancellationToken>()));
        _exports.Verify(e => e.MarkReadyAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SweepOnceAsync_ExpiredExports_FilesDeletedAndMarkedExpired()
    {
        _exports.Setup(e => e.GetExpiredAsync(Now, It.IsAny<CancellationToken>())).ReturnsAsync([Export(ExportStatus.Ready) with { Id = 8, StoredName = "old" }]);

        await Exports().SweepOnceAsync(CancellationToken.None);

        _files.Verify(f => f.DeleteAsync("old", It.IsAny<CancellationToken>()));
        _exports.Verify(e => e.MarkExpiredAsync(8, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task RequeueUnfinishedAsync_QueuedAndRunningLeft_QueuedAgain()
    {
        _exports.Setup(e => e.GetUnfinishedAsync(It.IsAny<CancellationToken>())).ReturnsAsync([4, 5]);

        await Exports().RequeueUnfinishedAsync(CancellationToken.None);

        _queue.Verify(q => q.EnqueueAsync(4, It.IsAny<CancellationToken>()));
        _queue.Verify(q => q.EnqueueAsync(5, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task OpenDownloadAsync_ReadyAndInTime_OpensTheFileAndAuditsTheDownload()
    {
        Found(Export(ExportStatus.Ready, Now.AddHours(1)));
        var content = new MemoryStream();
        _files.Setup(f => f.OpenReadAsync("stored", It.IsAny<CancellationToken>())).ReturnsAsync(content);

        var download = await Exports().OpenDownloadAsync(Token, Admin);

        Assert.That(download!.Content, Is.SameAs(content));
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail, entry.ActorUserId), Is.EqualTo(("report.export-downloaded", "export:3", "completion Csv", Admin.UserId)));
    }

    [Test]
    public async Task OpenDownloadAsync_PastItsTime_NothingOpenedOrAudited()
    {
        Found(Export(ExportStatus.Ready, Now));

        Assert.That(await Exports().OpenDownloadAsync(Token, Admin), Is.Null);
        _files.Verify(f => f.OpenReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task OpenDownloadAsync_FileGone_NullAndNotAudited()
    {
        Found(Export(ExportStatus.Ready, Now.AddHours(1)));

        Assert.That(await Exports().OpenDownloadAsync(Token, Admin), Is.Null);
        Assert.That(_audit.Entries, Is.Empty);
    }

    [Test]
    public async Task OpenDownloadAsync_SomeoneElsesToken_Null()
    {
        Found(Export(ExportStatus.Ready, Now.AddHours(1)));

        Assert.That(await Exports().OpenDownloadAsync(Token, Admin with { UserId = 99 }), Is.Null);
        _files.Verify(f => f.OpenReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
