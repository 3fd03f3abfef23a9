using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class SessionQueriesTests
{
    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly SessionCohort London = new() { Id = 1, Name = "London", TimeZone = "Europe/London" };
    private static readonly SessionCohort Dubai = new() { Id = 2, Name = "Dubai", TimeZone = "Asia/Dubai" };
    private static readonly SessionCohort Hidden = new() { Id = 3, Name = "Hidden", TimeZone = "UTC" };

    private Mock<IWebinarRepository> _webinars = null!;
    private Mock<IAttendanceQueries> _attendance = null!;
    private SessionQueries _queries = null!;

    [SetUp]
    public void SetUp()
    {
        _webinars = new Mock<IWebinarRepository>();
        _webinars.Setup(w => w.GetCohortsForUserAsync(5, false, It.IsAny<CancellationToken>())).ReturnsAsync([London, Dubai, Hidden]);
        _webinars.Setup(w => w.GetPossibleFacilitatorsAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([new RosterMember(9, "Priya", "p@npq.example")]);
        _webinars.Setup(w => w.GetSessionsForCohortAsync(London.Id, It.IsAny<CancellationToken>())).ReturnsAsync(
            [Session(11, London.Id, Now.AddDays(3)), Session(12, London.Id, Now.AddDays(-3)), Session(13, London.Id, Now.AddDays(1))]);
        _webinars.Setup(w => w.GetSessionsForCohortAsync(Dubai.Id, It.IsAny<CancellationToken>())).ReturnsAsync([Session(21, Dubai.Id, Now.AddDays(-1)) with { FacilitatorUserId = null }]);
        _attendance = new Mock<IAttendanceQueries>();
        _attendance.Setup(a => a.GetAttendanceForCandidateAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync([new AttendanceSummary { CandidateUserId = 5, CohortId = Dubai.Id }]);
        var zones = new Mock<IUserTimeZones>();
        zones.Setup(z => z.GetAsync(5, It.IsAny<CancellationToken>())).ReturnsAsync(new UserTimeZone { TimeZone = "America/Bogota" });
        _queries = new SessionQueries(_webinars.Object, _attendance.Object, zones.Object, Mock.Of<IFrameworkCatalog>(), new FakeTimeProvider(Now));
    }

    private static WebinarSession Session(int id, int cohortId, DateTime start) => new()
    {
        Id = id, CohortId = cohortId, Title = $"Session {id}", StartUtc = start, DurationMinutes = 60, FacilitatorUserId = 9, JoinUrl = "https://meet.example/a",
    };

    private static Task<CohortAccess> Access(int cohortId) =>
        Task.FromResult(cohortId == London.Id ? CohortAccess.Manage : cohortId == Dubai.Id ? CohortAccess.View : CohortAccess.None);

    [Test]
    public async Task OverviewAsync_SplitsUpcomingAndPast_LeavesOutCohortsWithoutAccess()
    {
        var overview = await _queries.OverviewAsync(5, isProviderAdmin: false, isCandidate: false, Access);

        Assert.That(overview.Upcoming.Select(s => s.Session.Id), Is.EqualTo(new[] { 13, 11 }), "soonest first");
        Assert.That(overview.Past.Select(s => s.Session.Id), Is.EqualTo(new[] { 21, 12 }), "latest first");
        Assert.That(overview.ManagedCohorts, Is.EqualTo(new[] { London }));
        Assert.That(overview.Upcoming.Select(s => s.CanManage), Has.All.True);
        Assert.That(overview.Past.Single(s => s.Session.Id == 21).CanManage, Is.False);
        Assert.That((overview.Upcoming[0].FacilitatorName, overview.Past[0].FacilitatorName), Is.EqualTo(("Priya", (string?)null)));
        Assert.That((overview.ViewerZone, overview.NowUtc), Is.EqualTo(("America/Bogota", Now)));
        _webinars.Verify(w => w.GetSessionsForCohortAsync(Hidden.Id, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task OverviewAsync_Candidate_GetsTheirAttendanceNamedByCohort()
    {
        Assert.That((await _queries.OverviewAsync(5, false, isCandidate: false, Access)).Attendance, Is.Empty);
        _attendance.Verify(a => a.GetAttendanceForCandidateAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);

        var overview = await _queries.OverviewAsync(5, false, isCandidate: true, Access);

        Assert.That(overview.Attendance.Select(a => a.CohortName), Is.EqualTo(new[] { "Dubai" }));
    }

    [Test]
    public async Task OverviewAsync_ManyPastSessions_ShowsTheMostRecentTwenty()
    {
        _webinars.Setup(w => w.GetSessionsForCohortAsync(London.Id, It.IsAny<CancellationToken>())).ReturnsAsync(
            Enumerable.Range(1, 25).Select(i => Session(100 + i, London.Id, Now.AddDays(-i))).ToList());

        var overview = await _queries.OverviewAsync(5, false, false, Access);

        Assert.That(overview.Past, Has.Count.EqualTo(SessionQueries.PastShown));
        Assert.That(overview.Past.Select(p => p.Session.Id), Does.Not.Contain(125));
    }

    [Test]
    public async Task Ics_OneSession_IsACalendarWithTheSessionsUid()
    {
        _webinars.Setup(w => w.GetCohortAsync(London.Id, It.IsAny<CancellationToken>())).ReturnsAsync(London);
        var listing = await _queries.ListingAsync(Session(11, London.Id, Now.AddDays(3)), canManage: false);

        var ics = System.Text.Encoding.UTF8.GetString(_queries.Ics(listing, "https://npq.example"));

        Assert.That((listing.Cohort, listing.FacilitatorName), Is.EqualTo((London, "Priya")));
        Assert.That(ics, Does.Contain("UID:session-11@npq.example").And.Contain("BEGIN:VCALENDAR"));
    }
}
