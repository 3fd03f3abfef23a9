using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Core.Reporting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class CompletionReportingTests
{
    private readonly Mock<ICompletionReportQueries> _report = new();
    private readonly Mock<IReportLookups> _lookups = new();
    private readonly Mock<IReportExportRepository> _exports = new();
    private readonly Mock<IExportJobs> _queue = new();
    private readonly RecordedAudit _audit = new();
    private readonly ReportsOptions _options = new() { BackgroundThresholdRows = 10 };

    private CompletionReporting Reporting() =>
        new(_report.Object, _lookups.Object, _exports.Object, _queue.Object, _audit, Options.Create(_options), Clock(), NullLogger<CompletionReporting>.Instance);

    private void Counting(int rows) =>
        _report.Setup(r => r.CountAsync(It.IsAny<ReportScope>(), It.IsAny<CompletionFilter>(), It.IsAny<CancellationToken>())).ReturnsAsync(rows);

    [Test]
    public async Task StartExportAsync_UpToTheThreshold_StreamsNowAndAuditsTheExport()
    {
        Counting(10);
        _report.Setup(r => r.StreamAsync(ReportScope.ForProvider(1), It.IsAny<CompletionFilter>(), Now, It.IsAny<CancellationToken>())).Returns(Rows(3));

        var start = await Reporting().StartExportAsync(ReportScope.ForProvider(1), new CompletionFilter(), ExportFormat.Csv, background: false, Admin);

        Assert.That(start.QueuedToken, Is.Null);
        Assert.That(await ToListAsync(start.Rows!), Has.Count.EqualTo(3));
        Assert.That(start.NowUtc, Is.EqualTo(Now));
        _exports.Verify(e => e.CreateAsync(It.IsAny<ReportExport>(), It.IsAny<CancellationToken>()), Times.Never);
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail), Is.EqualTo(("report.exported", "report:completion", "Csv provider:1 rows=10")));
        Assert.That((entry.ActorUserId, entry.IpAddress, entry.OccurredUtc), Is.EqualTo((Admin.UserId, Admin.IpAddress, Now)));
    }

    [Test]
    public async Task StartExportAsync_OverTheThreshold_QueuesAnExportOfTheRequestAndAuditsIt()
    {
        Counting(11);
        ReportExport? created = null;
        _exports.Setup(e => e.CreateAsync(It.IsAny<ReportExport>(), It.IsAny<CancellationToken>()))
            .Callback<ReportExport, CancellationToken>((e, _) => created = e).ReturnsAsync(42);
        var filter = new CompletionFilter { CohortId = 5, Sort = CompletionSort.School };

        var start = await Reporting().StartExportAsync(ReportScope.ForSchool(3), filter, ExportFormat.Xlsx, background: false, Admin);

        Assert.That(start.QueuedToken, Does.Match("^[0-9a-f]{32}$"));
        Assert.That(start.Rows, Is.Null);
        Assert.That(created!.Token, Is.EqualTo(start.QueuedToken));
        Assert.That((created.Report, created.Format, created.RequestedByUserId, created.CreatedUtc), Is.EqualTo(("completion", ExportFormat.Xlsx, Admin.UserId, Now)));
        Assert.That(ExportRequest.Deserialise(created.Query), Is.EqualTo(new ExportRequest(ReportScope.ForSchool(3), filter)));
        var entry = _audit.Entries.Single();
        Assert.That((entry.Action, entry.Subject, entry.Detail), Is.EqualTo(("report.export-queued", "export:42", "completion Xlsx school:3 rows=11")));
        _queue.Verify(q => q.EnqueueAsync(42, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task StartExportAsync_BackgroundAskedForAFewRows_Queues()
    {
        Counting(1);
        _exports.Setup(e => e.CreateAsync(It.IsAny<ReportExport>(), It.IsAny<CancellationToken>())).ReturnsAsync(9);

        var start = await Reporting().StartExportAsync(ReportScope.ForMentor(4), new CompletionFilter(), ExportFormat.Csv, background: true, Admin);

        Assert.That(start.QueuedToken, Is.Not.Null);
        Assert.That(_audit.Entries.Single().Action, Is.EqualTo("report.export-queued"));
    }

    [TestCase(1000, 500)]
    [TestCase(1, 5)]
    [TestCase(25, 25)]
    public async Task GetPageAsync_PageSize_ClampedBetweenFiveAndFiveHundred(int configured, int used)
    {
        _options.PageSize = configured;
        _lookups.Setup(l => l.GetFilterChoicesAsync(It.IsAny<ReportScope>(), null, null, CompletionReporting.CohortChoicesLimit, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ReportFilterChoices([], [], [new ReportChoice { Id = 2, Name = "Leeds 2026" }], false));
        // The screen's page reads only the fields its table shows.
        _report.Setup(r => r.GetPageAsync(It.IsAny<ReportScope>(), It.IsAny<CompletionFilter>(), 3, used, Now, CompletionColumns.Table, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CompletionPage([], 0, 1, used));

        var page = await Reporting().GetPageAsync(ReportScope.ForProvider(1), new CompletionFilter(), 3);

        Assert.That(page.Page.PageSize, Is.EqualTo(used));
        Assert.That(page.Choices.Cohorts.Single().Id, Is.EqualTo(2));
        Assert.That(page.ScopeLabel, Is.EqualTo("Every candidate of your provider"));
        Assert.That(page.BackgroundThresholdRows, Is.EqualTo(10));
    }

    [Test]
    public async Task ScopeLabelAsync_EachScope_SaysWhoseCandidates()
    {
        _lookups.Setup(l => l.GetSchoolNameAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync("Hill School");
        var reporting = Reporting();

        Assert.That(await reporting.ScopeLabelAsync(ReportScope.ForSchool(3)), Is.EqualTo("Candidates from Hill School"));
        Assert.That(await reporting.ScopeLabelAsync(ReportScope.ForMentor(4)), Is.EqualTo("Your mentees"));
        Assert.That(await reporting.ScopeLabelAsync(ReportScope.Nobody), Does.StartWith("Nobody"));
    }
}
