using Npq.Core.Webinars;

namespace Npq.Tests.Core.Webinars;

public sealed class AttendanceCalculatorTests
{
    private static readonly DateTime Start = new(2026, 11, 2, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddMinutes(90);

    private static AttendanceSegment Seg(int joinMinute, int? leaveMinute, int sessionId = 1, int userId = 7) => new()
    {
        SessionId = sessionId, UserId = userId, JoinUtc = Start.AddMinutes(joinMinute), LeaveUtc = leaveMinute is null ? null : Start.AddMinutes(leaveMinute.Value),
    };

    [Test]
    public void MinutesAttended_OverlappingSegments_AreCountedOnce()
    {
        // 0–50 and 45–90 overlap by five minutes: 90 minutes, not 95.
        Assert.That(AttendanceCalculator.MinutesAttended([Seg(0, 50), Seg(45, 90)], Start, End), Is.EqualTo(90));
    }

    [Test]
    public void MinutesAttended_SegmentInsideAnother_AddsNothing()
    {
        Assert.That(AttendanceCalculator.MinutesAttended([Seg(10, 80), Seg(20, 30)], Start, End), Is.EqualTo(70));
    }

    [Test]
    public void MinutesAttended_GapBetweenSegments_IsNotCounted()
    {
        Assert.That(AttendanceCalculator.MinutesAttended([Seg(0, 30), Seg(40, 70)], Start, End), Is.EqualTo(60));
    }

    [Test]
    public void MinutesAttended_JoinWithoutLeave_IsClosedAtTheSessionsEnd()
    {
        Assert.That(AttendanceCalculator.MinutesAttended([Seg(30, null)], Start, End), Is.EqualTo(60));
    }

    [Test]
    public void MinutesAttended_TimeOutsideTheSession_IsClipped()
    {
        Assert.That(AttendanceCalculator.MinutesAttended([Seg(-20, 10), Seg(80, 120)], Start, End), Is.EqualTo(20));
    }

    [TestCase(67, null, SessionOutcome.Missed)]
    [TestCase(68, null, SessionOutcome.Attended)]
    [TestCase(0, RegisterMark.Present, SessionOutcome.Attended)]
    [TestCase(0, RegisterMark.Late, SessionOutcome.Attended)]
    [TestCase(90, RegisterMark.Absent, SessionOutcome.Missed)]
    [TestCase(0, RegisterMark.Excused, SessionOutcome.Excused)]
    public void Outcome_SeventyFivePercentRule_AndTheRegisterHasTheLastWord(int minutes, RegisterMark? mark, SessionOutcome expected)
    {
        // 75% of 90 minutes is 67.5: 67 minutes is not enough, 68 is.
        Assert.That(AttendanceCalculator.Outcome(minutes, 90, mark, 75), Is.EqualTo(expected));
    }

    [Test]
    public void Summarise_ExcusedSessionsAreLeftOutAndFutureAndCancelledOnesNeverCount()
    {
        var cohort = new SessionCohort { Id = 3, Name = "c", TimeZone = "Asia/Dubai", AttendanceThresholdPercent = 75 };
        WebinarSession S(int id, int daysFromStart, SessionStatus status = SessionStatus.Scheduled) =>
            new() { Id = id, CohortId = 3, Title = $"s{id}", StartUtc = Start.AddDays(daysFromStart), DurationMinutes = 90, Status = status };
        var sessions = new[] { S(1, 0), S(2, 7), S(3, 14), S(4, 21), S(5, 28, SessionStatus.Cancelled), S(6, 60) };
        var segments = new[]
        {
            Seg(0, null, sessionId: 1),
            new AttendanceSegment { SessionId = 2, UserId = 7, JoinUtc = sessions[1].StartUtc, LeaveUtc = sessions[1].StartUtc.AddMinutes(30) },
            new AttendanceSegment { SessionId = 1, UserId = 8, JoinUtc = Start, LeaveUtc = End },
        };
        var marks = new[] { new AttendanceMark { SessionId = 3, UserId = 7, Mark = RegisterMark.Excused }, new AttendanceMark { SessionId = 4, UserId = 7, Mark = RegisterMark.Present } };

        var summary = AttendanceCalculator.Summarise(7, cohort, sessions, segments, marks, Start.AddDays(40));

        Assert.That(summary.Sessions.Select(s => s.Session.Id), Is.EqualTo(new[] { 1, 2, 3, 4 }));
        Assert.That(summary.SessionsCounted, Is.EqualTo(3));
        Assert.That(summary.SessionsAttended, Is.EqualTo(2));
        Assert.That(summary.SessionsExcused, Is.EqualTo(1));
        Assert.That(summary.MinutesAttended, Is.EqualTo(120));
        Assert.That(summary.Percentage, Is.EqualTo(66));
    }

    [Test]
    public void Summarise_NoSessionHasEnded_HasNoPercentage()
    {
        var cohort = new SessionCohort { Id = 3, Name = "c", TimeZone = "UTC" };
        var summary = AttendanceCalculator.Summarise(7, cohort, [new WebinarSession { Id = 1, Title = "s", StartUtc = Start, DurationMinutes = 90 }], [], [], Start);

        Assert.That(summary.Percentage, Is.Null);
    }
}
