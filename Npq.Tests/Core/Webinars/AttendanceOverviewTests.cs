using Moq;
using Npq.Core.Accounts;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class AttendanceOverviewTests
{
    private static readonly SessionCohort Cohort = new() { Id = 7, Name = "Dubai", TimeZone = "Asia/Dubai" };

    private Mock<IWebinarRepository> _webinars = null!;
    private Mock<IAttendanceQueries> _queries = null!;
    private AttendanceOverview _overview = null!;

    [SetUp]
    public void SetUp()
    {
        _webinars = new Mock<IWebinarRepository>();
        _webinars.Setup(w => w.GetCohortAsync(Cohort.Id, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort);
        _webinars.Setup(w => w.GetManagedCohortsPageAsync(It.IsAny<int>(), It.IsAny<bool>(), It.IsAny<bool>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((1, [new CohortReach(Cohort, false, true, false)]));
        _webinars.Setup(w => w.GetMenteesPageAsync(4, 0, 25, It.IsAny<CancellationToken>())).ReturnsAsync(([Person(1, "Amira"), Person(2, "Ben")], 2));
        _webinars.Setup(w => w.GetEnrolmentsOfAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync([Person(1, "Amira")]);
        _webinars.Setup(w => w.GetEnrolmentsOfAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _queries = new Mock<IAttendanceQueries>();
        _queries.Setup(q => q.GetAttendanceAsync(It.IsAny<int>(), Cohort.Id, It.IsAny<CancellationToken>()))
            .ReturnsAsync((int candidate, int cohort, CancellationToken _) => new AttendanceSummary { CandidateUserId = candidate, CohortId = cohort });
        _queries.Setup(q => q.GetAttendanceForPeopleAsync(It.IsAny<SessionCohort>(), It.IsAny<IReadOnlyList<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SessionCohort cohort, IReadOnlyList<int> ids, CancellationToken _) =>
                ids.ToDictionary(id => id, id => new AttendanceSummary { CandidateUserId = id, CohortId = cohort.Id }));
        _overview = new AttendanceOverview(_webinars.Object, _queries.Object, Mock.Of<IUserTimeZones>());
    }

    private static EnrolledPerson Person(int id, string name) => new() { CandidateUserId = id, DisplayName = name, CohortId = Cohort.Id, CohortName = Cohort.Name };

    private static Task<bool> Yes(int id) => Task.FromResult(true);

    [Test]
    public async Task ListsAsync_Mentor_SeesOnlyMenteesTheHandlerAllows()
    {
        var lists = await _overview.ListsAsync(new AttendanceViewer(4, false, IsMentor: true, false, false), id => Task.FromResult(id == 2), _ => true);

        Assert.That(lists.Mentees.Select(m => m.Person.DisplayName), Is.EqualTo(new[] { "Ben" }));
        Assert.That((lists.Own, lists.School), Is.EqualTo((Array.Empty<PersonAttendance>(), Array.Empty<PersonAttendance>())));
        // The cohort's readable mentees in one call (issue 23: never a query per person); the unreadable one is never asked.
        _queries.Verify(q => q.GetAttendanceForPeopleAsync(Cohort, It.Is<IReadOnlyList<int>>(ids => ids.SequenceEqual(new[] { 2 })), It.IsAny<CancellationToken>()), Times.Once);
        _queries.Verify(q => q.GetAttendanceForPeopleAsync(It.IsAny<SessionCohort>(), It.Is<IReadOnlyList<int>>(ids => ids.Contains(1)), It.IsAny<CancellationToken>()), Times.Never);
        _queries.Verify(q => q.GetAttendanceAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _webinars.Verify(w => w.GetEnrolmentsOfAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "not a candidate");
    }

    [Test]
    public async Task ListsAsync_MenteesAndSchool_ReadThePageAskedForAndThePastTheEndOneGivesTheFirst()
    {
        _webinars.Setup(w => w.GetMenteesPageAsync(4, 50, 50, It.IsAny<CancellationToken>())).ReturnsAsync(([Person(2, "Ben")], 51));
        _webinars.Setup(w => w.GetSchoolCandidatesPageAsync(4, It.IsAny<int>(), 25, It.IsAny<CancellationToken>())).ReturnsAsync(([], 3));
        _webinars.Setup(w => w.GetSchoolCandidatesPageAsync(4, 0, 25, It.IsAny<CancellationToken>())).ReturnsAsync(([Person(1, "Amira")], 3));
        var viewer = new AttendanceViewer(4, false, IsMentor: true, IsHeadteacher: true, false);

        var lists = await _overview.ListsAsync(viewer, Yes, _ => true, new AttendancePages { MenteesPage = 2, MenteesSize = 50, SchoolPage = 9 });

        Assert.That((lists.Mentees.Single().Person.DisplayName, lists.MenteesPage), Is.EqualTo(("Ben", new ListPage(2, 51))));
        Assert.That((lists.School.Single().Person.DisplayName, lists.SchoolPage), Is.EqualTo(("Amira", new ListPage(1, 3))), "page 9 is past the end: the first");
        _webinars.Verify(w => w.GetSchoolCandidatesPageAsync(4, 200, 25, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That((await _overview.ListsAsync(new AttendanceViewer(4, false, true, false, false), Yes, _ => true)).SchoolPage, Is.EqualTo(ListPage.None), "not a headteacher");
        _webinars.Verify(w => w.GetSchoolCandidatesPageAsync(4, It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task ListsAsync_ManagedCohorts_AreThoseTheHandlerLetsThemRun()
    {
        Assert.That((await _overview.ListsAsync(new AttendanceViewer(4, false, true, false, false), Yes, _ => false)).ManagedCohorts, Is.Empty);
        Assert.That((await _overview.ListsAsync(new AttendanceViewer(4, false, true, false, false), Yes, r => r.IsFacilitator)).ManagedCohorts, Is.EqualTo(new[] { Cohort }));
        Assert.That((await _overview.ListsAsync(new AttendanceViewer(3, true, false, false, false), Yes, _ => true)).ManagedCohorts, Is.Empty, "a candidate runs nothing");
    }

    [Test]
    public async Task CandidateAsync_NotEnrolled_IsNull()
    {
        Assert.That(await _overview.CandidateAsync(3, viewerUserId: 4, Yes), Is.Null);
    }

    [Test]
    public async Task CandidateAsync_Enrolled_NamesThemWithEachCohort()
    {
        var attendance = (await _overview.CandidateAsync(1, viewerUserId: 4, Yes))!;

        Assert.That(attendance.DisplayName, Is.EqualTo("Amira"));
        Assert.That(attendance.Cohorts.Single().Cohort, Is.EqualTo(Cohort));
        Assert.That(attendance.Cohorts.Single().Line.Summary.CandidateUserId, Is.EqualTo(1));
    }

    [Test]
    public async Task CohortPageAsync_ThePagesPeopleWithTheirFiguresAndTheRosterTotal()
    {
        _webinars.Setup(w => w.GetRosterPageAsync(Cohort.Id, 25, 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync(([new RosterMember(1, "Amira", "a@npq.example"), new RosterMember(2, "Ben", "b@npq.example")], 27));
        _queries.Setup(q => q.GetAttendanceForPeopleAsync(Cohort, It.Is<IReadOnlyList<int>>(ids => ids.SequenceEqual(new[] { 1, 2 })), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, AttendanceSummary>
            {
                [1] = new() { CandidateUserId = 1, CohortId = Cohort.Id, SessionsAttended = 3 },
                [2] = new() { CandidateUserId = 2, CohortId = Cohort.Id, SessionsAttended = 1 },
            });

        var (people, total) = await _overview.CohortPageAsync(Cohort, skip: 25, take: 25);

        Assert.That(people.Select(p => p.Person), Is.EqualTo(new[] { Person(1, "Amira"), Person(2, "Ben") }));
        Assert.That(people.Select(p => p.Summary.SessionsAttended), Is.EqualTo(new[] { 3, 1 }));
        Assert.That(total, Is.EqualTo(27));
        // The page's figures in one call for all its people, never one person at a time.
        _queries.Verify(q => q.GetAttendanceAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
