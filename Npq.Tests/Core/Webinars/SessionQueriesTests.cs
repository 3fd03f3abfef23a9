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
        _countsMade = 0;
        _webinars.Setup(w => w.GetPersonReachAsync(5, false, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonReach(1,
            [new CohortReach(London, false, true, false), new CohortReach(Dubai, false, false, true), new CohortReach(Hidden, false, false, false)]));
        _webinars.Setup(w => w.GetFacilitatorNamesAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyCollection<int> ids, CancellationToken _) => ids.Contains(9) ? [new RosterMember(9, "Priya", "p@npq.example")] : []);
        _sessions =
        [
            Session(11, London.Id, Now.AddDays(3)), Session(12, London.Id, Now.AddDays(-3)), Session(13, London.Id, Now.AddDays(1)),
            Session(21, Dubai.Id, Now.AddDays(-1)) with { FacilitatorUserId = null }, Session(31, Hidden.Id, Now.AddDays(2)),
        ];

        // The store's lists, over the sessions above, as the repository answers them.
        _webinars.Setup(w => w.GetSessionListAsync(null, It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int? _, IReadOnlyCollection<int> ids, SessionList list, DateTime windowStart, DateTime now, int skip, int take, int upTo, CancellationToken _) =>
                ListPage(_sessions.Where(s => ids.Contains(s.CohortId)), list, windowStart, now, skip, take, upTo, Listed, counts: _ => true));
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

    /// <summary>A session as the store lists it: with its facilitator's name (person 9 is Priya).</summary>
    private static ListedSession Listed(WebinarSession session) => new(session, session.FacilitatorUserId == 9 ? "Priya" : null);

    private static CohortAccess Access(CohortReach reach) =>
        reach.IsFacilitator ? CohortAccess.Manage : reach.IsEnrolled ? CohortAccess.View : CohortAccess.None;

    /// <summary>How many times the store counted a list (its page was full or past the end).</summary>
    private int _countsMade;

    /// <summary>
    /// A list's page as the store reads it from <paramref name="sessions"/> (the upcoming: running or to start, soonest
    /// first; the past: ended, latest first), counted up to <paramref name="upTo"/> (the sessions <paramref name="counts"/>
    /// keeps) only when the page is full or past the end.
    /// </summary>
    private SessionListPage ListPage(
        IEnumerable<WebinarSession> sessions, SessionList list, DateTime windowStart, DateTime now, int skip, int take, int upTo,
        Func<WebinarSession, ListedSession> listed, Func<WebinarSession, bool> counts)
    {
        var inList = list == SessionList.Upcoming
            ? sessions.Where(s => s.StartUtc >= windowStart && (s.StartUtc >= now || !s.HasEnded(now))).OrderBy(s => s.StartUtc)
            : sessions.Where(s => s.StartUtc < now && (s.StartUtc < windowStart || s.HasEnded(now))).OrderByDescending(s => s.StartUtc);
        var page = inList.Skip(skip).Take(take).Select(listed).ToList();
        if (page.Count < take && (page.Count > 0 || skip == 0))
        {
            return new SessionListPage(page, null);
        }

        _countsMade++;
        return new SessionListPage(page, Math.Min(upTo, inList.Count(counts)));
    }

    [Test]
    public async Task OverviewAndPast_SplitUpcomingAndPast_LeaveOutCohortsWithoutAccess()
    {
        var overview = await _queries.OverviewAsync(5, isProviderAdmin: false, isCandidate: false, Access, 0, 25);
        var past = await _queries.PastAsync(5, isProviderAdmin: false, Access, 0, 25);

        Assert.That(overview.Upcoming.Select(s => s.Session.Id), Is.EqualTo(new[] { 13, 11 }), "soonest first");
        Assert.That(past.Sessions.Select(s => s.Session.Id), Is.EqualTo(new[] { 21, 12 }), "latest first");
        var run = await _queries.RunCohortsAsync(5, isProviderAdmin: false, Access, 0, 25);
        Assert.That((run.Cohorts, run.Total), Is.EqualTo((new[] { London }, 1)), "the cohorts they run: London, which they facilitate");
        Assert.That(overview.Upcoming.Select(s => s.CanManage), Has.All.True);
        Assert.That(past.Sessions.Single(s => s.Session.Id == 21).CanManage, Is.False);
        Assert.That((overview.Upcoming[0].FacilitatorName, past.Sessions[0].FacilitatorName), Is.EqualTo(("Priya", (string?)null)));
        _webinars.Verify(w => w.GetFacilitatorNamesAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()), Times.Never,
            "the names come with the sessions read");
        Assert.That((overview.ViewerZone, overview.NowUtc), Is.EqualTo(("America/Bogota", Now)));
        Assert.That((past.ViewerZone, past.NowUtc, past.Total, past.MoreThanTotal), Is.EqualTo(("America/Bogota", Now, 2, false)));
        Assert.That(overview.Upcoming.Concat(past.Sessions).Select(s => s.Session.CohortId), Does.Not.Contain(Hidden.Id), "no access, not listed");
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
    public async Task PastAsync_ManyPastSessions_PagesThemLatestFirst_WithTheJustEndedOnesFirst()
    {
        _sessions.Add(Session(51, London.Id, Now.AddMinutes(-90))); // started in the last hours, ended
        _sessions.Add(Session(52, London.Id, Now.AddMinutes(-30))); // running now: not past
        _sessions.AddRange(Enumerable.Range(1, 30).Select(i => Session(100 + i, London.Id, Now.AddDays(-i).AddMinutes(-1))));
        var expected = _sessions.Where(s => s.CohortId != Hidden.Id && s.StartUtc.AddMinutes(s.DurationMinutes) <= Now)
            .OrderByDescending(s => s.StartUtc).Select(s => s.Id).ToList();

        var first = await _queries.PastAsync(5, false, Access, 0, 25);
        var second = await _queries.PastAsync(5, false, Access, 25, 25);
        var pastTheEnd = await _queries.PastAsync(5, false, Access, 50, 25);

        Assert.That(expected, Has.Count.EqualTo(33), "51, the thirty older ones, 12 and 21");
        Assert.That(first.Sessions.Select(s => s.Session.Id), Is.EqualTo(expected.Take(25)), "the page size bounds the page; the just-ended first");
        Assert.That(first.Sessions[0].Session.Id, Is.EqualTo(51));
        Assert.That(second.Sessions.Select(s => s.Session.Id), Is.EqualTo(expected.Skip(25)), "page 2 shows the rest, latest first");
        Assert.That((first.Total, second.Total, pastTheEnd.Total, pastTheEnd.Sessions.Count), Is.EqualTo((33, 33, 33, 0)));
        Assert.That(first.Sessions.Concat(second.Sessions).Select(s => s.Session.Id), Does.Not.Contain(52));
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
        Assert.That(first.Upcoming.Concat(second.Upcoming).Select(s => s.Session.Id), Does.Not.Contain(51), "the ended one is past");
    }

    /// <summary>
    /// The upcoming sessions are counted only when the page read of them is full: a page that ends short of what it
    /// wanted is the last, and the total is where it ends (issue 23: a person's one page of sessions needs no count).
    /// </summary>
    [Test]
    public async Task OverviewAsync_UpcomingCounted_OnlyWhenThePageIsFullOrPastTheEnd()
    {
        _sessions.Clear();
        _sessions.AddRange(Enumerable.Range(1, 3).Select(i => Session(100 + i, London.Id, Now.AddDays(i))));

        var shortPage = await _queries.OverviewAsync(5, false, false, Access, 0, 25);
        var shortSecondPage = await _queries.OverviewAsync(5, false, false, Access, 2, 2);
        Assert.That(_countsMade, Is.Zero, "a page that ends short is the last: no count");
        var fullPage = await _queries.OverviewAsync(5, false, false, Access, 0, 3);
        var pastTheEnd = await _queries.OverviewAsync(5, false, false, Access, 6, 3);
        Assert.That(_countsMade, Is.EqualTo(2));

        Assert.That((shortPage.UpcomingTotal, shortPage.Upcoming.Count), Is.EqualTo((3, 3)));
        Assert.That((shortSecondPage.UpcomingTotal, shortSecondPage.Upcoming.Select(u => u.Session.Id).Single()), Is.EqualTo((3, 103)));
        Assert.That((fullPage.UpcomingTotal, fullPage.Upcoming.Count), Is.EqualTo((3, 3)), "a full page may have more after it: counted");
        Assert.That((pastTheEnd.UpcomingTotal, pastTheEnd.Upcoming.Count), Is.EqualTo((3, 0)), "past the end: counted, not taken for the end");

        _sessions.Clear();
        var none = await _queries.OverviewAsync(5, false, false, Access, 0, 25);
        Assert.That((none.UpcomingTotal, none.Upcoming.Count), Is.EqualTo((0, 0)));
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

    private static readonly SessionCohort Leeds = new() { Id = 41, Name = "Leeds", TimeZone = "Europe/London", ProviderId = 7 };
    private static readonly SessionCohort York = new() { Id = 42, Name = "York", TimeZone = "Europe/London", ProviderId = 7 };
    private static readonly SessionCohort Elsewhere = new() { Id = 43, Name = "Elsewhere", TimeZone = "UTC", ProviderId = 8 };

    /// <summary>The web's rule: an admin of the cohort's provider and a facilitator run it, an enrolled candidate views it.</summary>
    private static CohortAccess AdminRule(CohortReach reach) =>
        reach.IsAdmin || reach.IsFacilitator ? CohortAccess.Manage : reach.IsEnrolled ? CohortAccess.View : CohortAccess.None;

    /// <summary>
    /// An admin of provider 7 who owns no rows: the store reads provider 7's sessions by provider (as the repository
    /// does, modelled here over the sessions by each cohort's provider), and a faulty store's session of another
    /// provider would still not be shown.
    /// </summary>
    private void ArrangeProviderAdmin(int countedUpcoming = -1)
    {
        _webinars.Setup(w => w.GetPersonReachAsync(70, true, It.IsAny<CancellationToken>())).ReturnsAsync(new PersonReach(7, []));
        var providers = new Dictionary<int, SessionCohort> { [Leeds.Id] = Leeds, [York.Id] = York, [Elsewhere.Id] = Elsewhere };
        _sessions.Clear();
        _sessions.AddRange([
            Session(71, Leeds.Id, Now.AddDays(2)), Session(72, York.Id, Now.AddDays(1)), Session(73, Leeds.Id, Now.AddDays(-2)),
            Session(81, Elsewhere.Id, Now.AddDays(1).AddMinutes(5)),
        ]);
        _webinars.Setup(w => w.GetSessionListAsync(It.IsNotNull<int?>(), It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int? provider, IReadOnlyCollection<int> _, SessionList list, DateTime windowStart, DateTime now, int skip, int take, int upTo, CancellationToken _) =>
            {
                // The faulty store gives away another provider's session (81), though it does not count it.
                var read = ListPage(
                    _sessions.Where(s => providers[s.CohortId].ProviderId == provider || s.Id == 81), list, windowStart, now, skip, take, upTo,
                    s => Listed(s) with { Cohort = providers[s.CohortId] }, counts: s => s.Id != 81);
                return countedUpcoming >= 0 && read.Counted is not null ? read with { Counted = Math.Min(countedUpcoming, upTo) } : read;
            });
        _webinars.Setup(w => w.GetManagedCohortsPageAsync(70, true, true, 0, 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync((2, [new CohortReach(Leeds, true, false, false), new CohortReach(York, true, false, false)]));
    }

    [Test]
    public async Task OverviewAsync_ProviderAdmin_ReadsOnlyAPageOfTheSessionsStartedInTheLastHours()
    {
        ArrangeProviderAdmin();
        // The provider's last eight hours hold many sessions, all still running: 200 of them 90 minutes long, from 80 minutes ago.
        _sessions.AddRange(Enumerable.Range(0, 200).Select(i => Session(1000 + i, i % 2 == 0 ? Leeds.Id : York.Id, Now.AddMinutes(-80).AddSeconds(i)) with { DurationMinutes = 90 }));

        var overview = await _queries.OverviewAsync(70, isProviderAdmin: true, isCandidate: false, AdminRule, 25, 25);

        Assert.That(overview.Upcoming.Select(s => s.Session.Id), Is.EqualTo(Enumerable.Range(1025, 25)), "the second page of those running, by start");
        Assert.That((overview.UpcomingTotal, overview.UpcomingMoreThanTotal), Is.EqualTo((25 + (25 * SessionQueries.PagesCountedOn), true)), "counted a few pages on");
        _webinars.Verify(w => w.GetSessionListAsync(7, It.IsAny<IReadOnlyCollection<int>>(), SessionList.Upcoming, Now.AddMinutes(-SessionQueries.LongestSessionMinutes), Now, 25, 25, 25 + (25 * SessionQueries.PagesCountedOn) + 1, It.IsAny<CancellationToken>()), Times.Once);
        _webinars.Verify(w => w.GetSessionListAsync(It.IsAny<int?>(), It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once,
            "one read: the page and its count");
    }

    [Test]
    public async Task OverviewAsync_ProviderAdmin_ReadsTheProvidersSessionsByProvider_RunsThem_AndNeverAnotherProvidersSession()
    {
        ArrangeProviderAdmin();

        var overview = await _queries.OverviewAsync(70, isProviderAdmin: true, isCandidate: false, AdminRule, 0, 25);

        Assert.That(overview.Upcoming.Select(s => (s.Session.Id, s.Cohort.Name, s.CanManage)), Is.EqualTo(new[] { (72, "York", true), (71, "Leeds", true) }),
            "the provider's sessions, soonest first, run by its admin; the other provider's session is not shown even when the store gives it");
        Assert.That((await _queries.PastAsync(70, true, AdminRule, 0, 25)).Sessions.Select(s => (s.Session.Id, s.CanManage)), Is.EqualTo(new[] { (73, true) }));
        var run = await _queries.RunCohortsAsync(70, isProviderAdmin: true, AdminRule, 0, 25);
        Assert.That((run.Cohorts, run.Total), Is.EqualTo((new[] { Leeds, York }, 2)), "the page of cohorts run, read in SQL");
        _webinars.Verify(w => w.GetSessionListAsync(7, It.Is<IReadOnlyCollection<int>>(ids => ids.Count == 0), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _webinars.Verify(w => w.GetSessionListAsync(null, It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never,
            "never a list of every cohort's ids");
    }

    [Test]
    public async Task OverviewAsync_ProviderAdmin_CountsTheUpcomingOnlyAFewPagesOn()
    {
        ArrangeProviderAdmin(countedUpcoming: 10_000);

        var overview = await _queries.OverviewAsync(70, true, false, AdminRule, 50, 25);

        Assert.That((overview.UpcomingTotal, overview.UpcomingMoreThanTotal), Is.EqualTo((50 + (25 * SessionQueries.PagesCountedOn), true)), "more than page 3 and five more pages");
        _webinars.Verify(w => w.GetSessionListAsync(7, It.IsAny<IReadOnlyCollection<int>>(), SessionList.Upcoming, Now.AddMinutes(-SessionQueries.LongestSessionMinutes), Now, 50, 25, 50 + (25 * SessionQueries.PagesCountedOn) + 1, It.IsAny<CancellationToken>()), Times.Once);
        ArrangeProviderAdmin();
        Assert.That((await _queries.OverviewAsync(70, true, false, AdminRule, 0, 25)) is { UpcomingTotal: 2, UpcomingMoreThanTotal: false }, Is.True, "a count under the limit is exact");
    }

    [Test]
    public async Task PastAsync_ProviderAdmin_CountsThePastOnlyAFewPagesOn()
    {
        ArrangeProviderAdmin(countedUpcoming: 10_000);

        var past = await _queries.PastAsync(70, true, AdminRule, 0, 1);

        Assert.That((past.Sessions.Single().Session.Id, past.Total, past.MoreThanTotal), Is.EqualTo((73, SessionQueries.PagesCountedOn, true)),
            "a full page: the older ones counted five pages on, no further");
        _webinars.Verify(w => w.GetSessionListAsync(7, It.IsAny<IReadOnlyCollection<int>>(), SessionList.Past, Now.AddMinutes(-SessionQueries.LongestSessionMinutes), Now, 0, 1, SessionQueries.PagesCountedOn + 1, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task OverviewAsync_AdminRoleTheRuleDoesNotLetRunTheProvider_ReadsNothingOfTheProvider()
    {
        ArrangeProviderAdmin();

        // Deny by default: the rule gives nothing to a mere admin standing (say the role was taken away), so no provider read.
        var overview = await _queries.OverviewAsync(70, true, false, Access, 0, 25);

        var past = await _queries.PastAsync(70, true, Access, 0, 25);
        var run = await _queries.RunCohortsAsync(70, true, Access, 0, 25);

        Assert.That((overview.Upcoming.Count, past.Sessions.Count, past.Total, run.Cohorts.Count, run.Total, overview.UpcomingTotal), Is.EqualTo((0, 0, 0, 0, 0, 0)));
        _webinars.Verify(w => w.GetSessionListAsync(It.IsAny<int?>(), It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _webinars.Verify(w => w.GetManagedCohortsPageAsync(It.IsAny<int>(), It.IsAny<bool>(), It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task OverviewAsync_Mentor_SeesOnlyTheirCohortsSessions_ReadByTheirCohortsIds()
    {
        var overview = await _queries.OverviewAsync(5, isProviderAdmin: false, isCandidate: false, AdminRule, 0, 25);
        var past = await _queries.PastAsync(5, isProviderAdmin: false, AdminRule, 0, 25);

        Assert.That(overview.Upcoming.Concat(past.Sessions).Select(s => s.Session.CohortId).Distinct(), Is.EquivalentTo(new[] { London.Id, Dubai.Id }));
        Assert.That((await _queries.RunCohortsAsync(5, isProviderAdmin: false, AdminRule, 0, 25)).Total, Is.EqualTo(1));
        _webinars.Verify(w => w.GetSessionListAsync(null, It.Is<IReadOnlyCollection<int>>(ids => ids.Count == 2 && ids.Contains(London.Id) && ids.Contains(Dubai.Id)), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _webinars.Verify(w => w.GetSessionListAsync(It.IsNotNull<int?>(), It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<SessionList>(), It.IsAny<DateTime>(), It.IsAny<DateTime>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
