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
    private List<WebinarSession> _sessions = null!;
    private Mock<IAttendanceQueries> _attendance = null!;
    private SessionQueries _queries = null!;

    [SetUp]
    public void SetUp()
    {
        _webinars = new Mock<IWebinarRepository>();
        _webinars.Setup(w => w.GetCohortReachAsync(5, false, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new CohortReach(London, false, true, false), new CohortReach(Dubai, false, false, true), new CohortReach(Hidden, false, false, false)]);
        _webinars.Setup(w => w.GetFacilitatorNamesAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<int> ids, CancellationToken _) => ids.Contains(9) ? [new RosterMember(9, "Priya", "p@npq.example")] : []);
        _sessions =
        [
            Session(11, London.Id, Now.AddDays(3)), Session(12, London.Id, Now.AddDays(-3)), Session(13, London.Id, Now.AddDays(1)),
            Session(21, Dubai.Id, Now.AddDays(-1)) with { FacilitatorUserId = null }, Session(31, Hidden.Id, Now.AddDays(2)),
        ];

        // The store's range queries, over the sessions above, as the repository answers them.
        IEnumerable<WebinarSession> InRange(IReadOnlyCollection<int> ids, DateTime? from, DateTime? before) =>
            _sessions.Where(s => ids.Contains(s.CohortId) && (from is null || s.StartUtc >= from) && (before is null || s.StartUtc < before));
        _webinars.Setup(w => w.GetSessionsForCohortsAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<int> ids, DateTime? from, DateTime? before, bool newest, int skip, int take, CancellationToken _) =>
                (newest ? InRange(ids, from, before).OrderByDescending(s => s.StartUtc) : InRange(ids, from, before).OrderBy(s => s.StartUtc)).Skip(skip).Take(take).ToList());
        _webinars.Setup(w => w.CountSessionsForCohortsAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<DateTime?>(), It.IsAny<DateTime?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<int> ids, DateTime? from, DateTime? before, CancellationToken _) => InRange(ids, from, before).Count());
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

    private static CohortAccess Access(CohortReach reach) =>
        reach.IsFacilitator ? CohortAccess.Manage : reach.IsEnrolled ? CohortAccess.View : CohortAccess.None;

    [Test]
    public async Task OverviewAsync_SplitsUpcomingAndPast_LeavesOutCohortsWithoutAccess()
    {
        var overview = await _queries.OverviewAsync(5, isProviderAdmin: false, isCandidate: false, Access, 0, 25);

        Assert.That(overview.Upcoming.Select(s => s.Session.Id), Is.EqualTo(new[] { 13, 11 }), "soonest first");
        Assert.That(overview.Past.Select(s => s.Session.Id), Is.EqualTo(new[] { 21, 12 }), "latest first");
        Assert.That(overview.ManagedCohorts, Is.EqualTo(new[] { London }));
        Assert.That(overview.Upcoming.Select(s => s.CanManage), Has.All.True);
        Assert.That(overview.Past.Single(s => s.Session.Id == 21).CanManage, Is.False);
        Assert.That((overview.Upcoming[0].FacilitatorName, overview.Past[0].FacilitatorName), Is.EqualTo(("Priya", (string?)null)));
        Assert.That((overview.ViewerZone, overview.NowUtc), Is.EqualTo(("America/Bogota", Now)));
        Assert.That(overview.Upcoming.Concat(overview.Past).Select(s => s.Session.CohortId), Does.Not.Contain(Hidden.Id), "no access, not listed");
        Assert.That(overview.UpcomingTotal, Is.EqualTo(2));
    }

    [Test]
    public async Task OverviewAsync_Candidate_GetsTheirAttendanceNamedByCohort()
    {
        Assert.That((await _queries.OverviewAsync(5, false, isCandidate: false, Access, 0, 25)).Attendance, Is.Empty);
        _attendance.Verify(a => a.GetAttendanceForCandidateAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);

        var overview = await _queries.OverviewAsync(5, false, isCandidate: true, Access, 0, 25);

        Assert.That(overview.Attendance.Select(a => a.CohortName), Is.EqualTo(new[] { "Dubai" }));
    }

    [Test]
    public async Task OverviewAsync_ManyPastSessions_ShowsTheMostRecentTwenty()
    {
        _sessions.AddRange(Enumerable.Range(1, 25).Select(i => Session(100 + i, London.Id, Now.AddDays(-i).AddMinutes(-1))));

        var overview = await _queries.OverviewAsync(5, false, false, Access, 0, 25);

        Assert.That(overview.Past, Has.Count.EqualTo(SessionQueries.PastShown));
        Assert.That(overview.Past.Select(p => p.Session.Id), Does.Not.Contain(125));
    }

    [Test]
    public async Task OverviewAsync_ManyUpcoming_PagesThemWithRunningSessionsFirst()
    {
        _sessions.Clear();
        _sessions.Add(Session(50, London.Id, Now.AddMinutes(-30))); // running now (60 minutes long)
        _sessions.Add(Session(51, London.Id, Now.AddMinutes(-90))); // started in the last hours, ended
        _sessions.AddRange(Enumerable.Range(1, 30).Select(i => Session(100 + i, London.Id, Now.AddDays(i))));

        var first = await _queries.OverviewAsync(5, false, false, Access, 0, 25);
        var second = await _queries.OverviewAsync(5, false, false, Access, 25, 25);

        Assert.That(first.UpcomingTotal, Is.EqualTo(31), "the running one and the thirty to come");
        Assert.That(first.Upcoming, Has.Count.EqualTo(25), "the page size bounds the page");
        Assert.That(first.Upcoming[0].Session.Id, Is.EqualTo(50), "running first");
        Assert.That(second.Upcoming.Select(s => s.Session.Id), Is.EqualTo(Enumerable.Range(125, 6)), "page 2 shows the rest, soonest first");
        Assert.That(first.Past.Select(s => s.Session.Id), Is.EqualTo(new[] { 51 }), "the ended one is past");
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
