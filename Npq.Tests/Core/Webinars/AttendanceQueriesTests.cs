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
    public async Task GetAttendanceForCandidateAsync_OneSummaryPerEnrolledCohortInEnrolmentOrder()
    {
        Cohort(4, 75);
        Cohort(2, 75);
        _webinars.Setup(w => w.GetEnrolledCohortIdsAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync([4, 2, 99]);

        var summaries = await _queries.GetAttendanceForCandidateAsync(1);

        Assert.That(summaries.Select(s => s.CohortId), Is.EqualTo(new[] { 4, 2 }), "an unknown cohort is left out");
    }
}
