using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class AttendanceQueriesTests
{
    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);

    private Mock<IWebinarRepository> _webinars = null!;
    private Mock<IAttendanceRepository> _attendance = null!;
    private AttendanceQueries _queries = null!;

    [SetUp]
    public void SetUp()
    {
        _webinars = new Mock<IWebinarRepository>();
        _attendance = new Mock<IAttendanceRepository>();
        _queries = new AttendanceQueries(_webinars.Object, _attendance.Object, new FakeTimeProvider(Now));
    }

    private void Cohort(int id, int threshold, params WebinarSession[] sessions)
    {
        _webinars.Setup(w => w.GetCohortAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new SessionCohort { Id = id, Name = $"C{id}", TimeZone = "UTC", AttendanceThresholdPercent = threshold });
        _webinars.Setup(w => w.GetSessionsForCohortAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(sessions);
        _attendance.Setup(a => a.GetSegmentsAsync(It.IsAny<int>(), id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _attendance.Setup(a => a.GetMarksAsync(It.IsAny<int>(), id, It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    [Test]
    public async Task GetAttendanceAsync_UnknownCohort_IsNull()
    {
        Assert.That(await _queries.GetAttendanceAsync(1, 99), Is.Null);
    }

    [Test]
    public async Task GetAttendanceAsync_CountsOnlySessionsEndedByNowWithTheCohortsRule()
    {
        var ended = new WebinarSession { Id = 1, CohortId = 4, Title = "Ended", StartUtc = Now.AddHours(-2), DurationMinutes = 60 };
        var later = new WebinarSession { Id = 2, CohortId = 4, Title = "Later", StartUtc = Now.AddHours(1), DurationMinutes = 60 };
        Cohort(4, 60, ended, later);
        _attendance.Setup(a => a.GetSegmentsAsync(1, 4, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new AttendanceSegment { SessionId = 1, UserId = 1, JoinUtc = ended.StartUtc, LeaveUtc = ended.StartUtc.AddMinutes(36) }]);

        var summary = (await _queries.GetAttendanceAsync(1, 4))!;

        Assert.That((summary.ThresholdPercent, summary.SessionsCounted, summary.SessionsAttended, summary.MinutesAttended), Is.EqualTo((60, 1, 1, 36)));
    }

    [Test]
    public async Task GetAttendanceForCandidateAsync_OneSummaryPerEnrolledCohortInEnrolmentOrder_FromOneRead()
    {
        var c4 = new SessionCohort { Id = 4, Name = "C4", TimeZone = "UTC", AttendanceThresholdPercent = 75 };
        var c2 = new SessionCohort { Id = 2, Name = "C2", TimeZone = "UTC", AttendanceThresholdPercent = 25 };
        var s1 = new WebinarSession { Id = 1, CohortId = 4, Title = "A", StartUtc = Now.AddHours(-5), DurationMinutes = 60 };
        var s2 = new WebinarSession { Id = 2, CohortId = 2, Title = "B", StartUtc = Now.AddHours(-3), DurationMinutes = 60 };
        var s3 = new WebinarSession { Id = 3, CohortId = 2, Title = "C", StartUtc = Now.AddHours(-2), DurationMinutes = 60 };
        var later = new WebinarSession { Id = 4, CohortId = 2, Title = "Later", StartUtc = Now.AddHours(2), DurationMinutes = 60 };
        _attendance.Setup(a => a.GetCandidateFactsAsync(1, Now, It.IsAny<CancellationToken>())).ReturnsAsync(new CandidateAttendanceFacts(
            [4, 2, 99], [c2, c4], [s1, s2, s3, later],
            [new AttendanceSegment { SessionId = 1, UserId = 1, JoinUtc = s1.StartUtc, LeaveUtc = s1.StartUtc.AddMinutes(30) },
             new AttendanceSegment { SessionId = 2, UserId = 1, JoinUtc = s2.StartUtc, LeaveUtc = s2.StartUtc.AddMinutes(20) }],
            [new AttendanceMark { SessionId = 3, UserId = 1, Mark = RegisterMark.Excused }]));

        var summaries = await _queries.GetAttendanceForCandidateAsync(1);

        Assert.That(summaries.Select(s => s.CohortId), Is.EqualTo(new[] { 4, 2 }), "an unknown cohort is left out");
        Assert.That((summaries[0].ThresholdPercent, summaries[0].MinutesAttended, summaries[0].SessionsCounted, summaries[0].SessionsAttended), Is.EqualTo((75, 30, 1, 0)),
            "30 of 60 minutes is under cohort 4's 75%");
        Assert.That((summaries[1].ThresholdPercent, summaries[1].MinutesAttended, summaries[1].SessionsCounted, summaries[1].SessionsAttended, summaries[1].SessionsExcused),
            Is.EqualTo((25, 20, 1, 1, 1)), "cohort 2's own sessions and rule: 20 of 60 is over 25%, the excused one left out, the later one not yet counted");
        _webinars.Verify(w => w.GetEnrolledCohortIdsAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _webinars.Verify(w => w.GetCohortAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _webinars.Verify(w => w.GetSessionsForCohortAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _attendance.Verify(a => a.GetSegmentsAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _attendance.Verify(a => a.GetMarksAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task GetAttendanceForPeopleAsync_EachPersonFromTheirOwnSegmentsAndMarks_InThreeQueriesWhateverTheirNumber()
    {
        var ended = new WebinarSession { Id = 1, CohortId = 4, Title = "Ended", StartUtc = Now.AddHours(-2), DurationMinutes = 60 };
        Cohort(4, 60, ended);
        var cohort = new SessionCohort { Id = 4, Name = "C4", TimeZone = "UTC", AttendanceThresholdPercent = 60 };
        int[] people = [1, 2, 3];
        _attendance.Setup(a => a.GetSegmentsForPeopleAsync(4, people, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new AttendanceSegment { SessionId = 1, UserId = 1, JoinUtc = ended.StartUtc, LeaveUtc = ended.StartUtc.AddMinutes(50) },
             new AttendanceSegment { SessionId = 1, UserId = 2, JoinUtc = ended.StartUtc, LeaveUtc = ended.StartUtc.AddMinutes(10) }]);
        _attendance.Setup(a => a.GetMarksForPeopleAsync(4, people, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new AttendanceMark { SessionId = 1, UserId = 3, Mark = RegisterMark.Excused }]);

        var summaries = await _queries.GetAttendanceForPeopleAsync(cohort, people);

        Assert.That(summaries.Keys, Is.EquivalentTo(people));
        Assert.That((summaries[1].SessionsAttended, summaries[1].MinutesAttended), Is.EqualTo((1, 50)));
        Assert.That((summaries[2].SessionsAttended, summaries[2].SessionsCounted), Is.EqualTo((0, 1)), "10 of 60 minutes is under the threshold");
        Assert.That((summaries[3].SessionsExcused, summaries[3].SessionsCounted), Is.EqualTo((1, 0)));
        _webinars.Verify(w => w.GetSessionsForCohortAsync(4, It.IsAny<CancellationToken>()), Times.Once);
        _attendance.Verify(a => a.GetSegmentsAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _attendance.Verify(a => a.GetMarksAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
