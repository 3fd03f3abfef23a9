using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Core.Reporting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class CohortDashboardsTests
{
    private const int CohortId = 5;
    private static readonly ReportScope Provider = ReportScope.ForProvider(1);
    private readonly Mock<ICompletionReportQueries> _report = new();
    private readonly Mock<IReportLookups> _lookups = new();
    private readonly Mock<IDeclarationRepository> _declarations = new();
    private readonly Mock<ICohortDashboardQueries> _figures = new();
    private readonly DashboardOptions _options = new();

    [SetUp]
    public void Cohort()
    {
        _lookups.Setup(l => l.GetProviderCohortAsync(Provider.ProviderId!.Value, CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(new CohortOption { CohortId = CohortId });
        _lookups.Setup(l => l.GetCohortCountsAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(new CohortCounts(9, 2));
        _declarations.Setup(d => d.GetCohortFactsAsync(CohortId, Now, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _declarations.Setup(d => d.GetForCohortAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _declarations.Setup(d => d.CountEngagementAsync(CohortId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(new CohortEngagementCounts(2, 1));
        // What the database counts for two candidates: "Low" (8 of 10 sessions, final submitted and passed) and "Fine"
        // (10 of 10), neither on a course with a framework; the at-risk page is "Low" alone whatever the threshold asked.
        _figures.Setup(f => f.ReadAsync(Provider, CohortId, It.IsAny<AtRiskRules>(), 1, CohortDashboards.AtRiskPageSize, Now, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CohortDashboardFigures
            {
                AttendanceBands = [0, 0, 0, 0, 0, 2],
                CoverageBands = [2, 0, 0, 0, 0, 0],
                FinalSubmitted = 1,
                Passed = 1,
                AtRiskTotal = 1,
                AtRiskRows = [new CompletionRow { CandidateName = "Low", SessionsCounted = 10, SessionsAttended = 8, FinalSubmitted = true }],
            });
    }

    private CohortDashboards Dashboards() =>
        new(_report.Object, _lookups.Object, new ReportCohorts(_lookups.Object), new DeclarationReviewService(_declarations.Object, []),
            Options.Create(_options), Clock(), _figures.Object);

    [Test]
    public async Task CohortAsync_ProvidersCohort_FunnelDistributionsAndAtRiskFromItsFigures()
    {
        _options.AtRiskAttendancePercent = 90;

        var dashboard = await Dashboards().CohortAsync(Provider, CohortId);

        Assert.That(dashboard!.Funnel.Select(b => b.Value), Is.EqualTo(new[] { 9, 2, 2, 1, 1, 1 }), "started and retained counted in SQL");
        _declarations.Verify(d => d.GetCohortFactsAsync(It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never, "the cohort's review lines are never read");
        _declarations.Verify(d => d.GetForCohortAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _report.Verify(r => r.StreamAsync(It.IsAny<ReportScope>(), It.IsAny<CompletionFilter>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never,
            "the cohort's report rows are never read: the database counts them");
        _figures.Verify(f => f.ReadAsync(Provider, CohortId, new AtRiskRules(90, 25), 1, CohortDashboards.AtRiskPageSize, Now, It.IsAny<CancellationToken>()));
        Assert.That(dashboard.Attendance.Select(b => (b.Label, b.Value)), Is.EqualTo(new[] { ("No session yet", 0), ("0–19%", 0), ("20–39%", 0), ("40–59%", 0), ("60–79%", 0), ("80–100%", 2) }));
        Assert.That(dashboard.Coverage.Single(b => b.Label == "No framework").Value, Is.EqualTo(2));
        Assert.That(dashboard.AtRisk.Select(r => (r.Row.CandidateName, string.Join("; ", r.Reasons))), Is.EqualTo(new[] { ("Low", "Attendance 80% (under 90%)") }));
        Assert.That((dashboard.AtRiskTotal, dashboard.AtRiskPage, dashboard.AtRiskPageSize), Is.EqualTo((1, 1, CohortDashboards.AtRiskPageSize)));
        Assert.That(dashboard.AtRiskAttendancePercent, Is.EqualTo(90));
    }

    [Test]
    public async Task CohortAsync_ThresholdOverAHundred_Clamped()
    {
        _options.AtRiskAttendancePercent = 150;

        var dashboard = await Dashboards().CohortAsync(Provider, CohortId);

        Assert.That(dashboard!.AtRiskAttendancePercent, Is.EqualTo(100));
        _figures.Verify(f => f.ReadAsync(Provider, CohortId, new AtRiskRules(100, 25), 1, CohortDashboards.AtRiskPageSize, Now, It.IsAny<CancellationToken>()),
            "the rules are read with the threshold clamped");
        Assert.That(dashboard.AtRisk.Single().Reasons, Is.EqualTo(new[] { "Attendance 80% (under 100%)" }));
    }

    [Test]
    public async Task CohortAsync_AnotherProvidersCohortOrASchoolScope_Null()
    {
        Assert.That(await Dashboards().CohortAsync(Provider, 999), Is.Null);
        Assert.That(await Dashboards().CohortAsync(ReportScope.ForSchool(3), CohortId), Is.Null);
        _report.Verify(r => r.StreamAsync(It.IsAny<ReportScope>(), It.IsAny<CompletionFilter>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
        _figures.Verify(f => f.ReadAsync(It.IsAny<ReportScope>(), It.IsAny<int>(), It.IsAny<AtRiskRules>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SchoolAsync_HeadteacherWithoutASchool_Null()
    {
        _lookups.Setup(l => l.GetAffiliationAsync(4, It.IsAny<CancellationToken>())).ReturnsAsync((null, null));

        Assert.That(await Dashboards().SchoolAsync(4), Is.Null);
    }

    [Test]
    public async Task SchoolAsync_SchoolWithoutAName_TheirSchoolsRowsUnderAPlainTitle()
    {
        _lookups.Setup(l => l.GetAffiliationAsync(4, It.IsAny<CancellationToken>())).ReturnsAsync((null, 3));
        _report.Setup(r => r.StreamAsync(ReportScope.ForSchool(3), new CompletionFilter(), Now, It.IsAny<CancellationToken>())).Returns(Rows(2));

        var school = await Dashboards().SchoolAsync(4);

        Assert.That((school!.SchoolName, school.Rows.Count, school.GeneratedUtc), Is.EqualTo(("Your school", 2, Now)));
    }
}
