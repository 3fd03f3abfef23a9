namespace Npq.Core.FinalAssessment;

/// <summary>Whether a candidate may sit the final assessment, and if not, why.</summary>
public sealed record EligibilityDecision(bool Eligible, int? AttendancePercent, int ThresholdPercent, string Reason);

/// <summary>
/// The final assessment's engagement gate: webinar attendance at least the cohort's threshold (90% unless set).
/// Attendance comes from the webinars feature's <c>IAttendanceQueries</c>; excused sessions never count against it.
/// </summary>
public static class FinalAssessmentGate
{
    public static EligibilityDecision Check(int? attendancePercent, int thresholdPercent)
    {
        if (thresholdPercent <= 0)
        {
            return new(true, attendancePercent, thresholdPercent, "This cohort sets no attendance requirement.");
        }

        if (attendancePercent is null)
        {
            return new(false, null, thresholdPercent,
                $"No webinar has been counted for you yet; you need at least {thresholdPercent}% attendance to sit the final assessment.");
        }

        return attendancePercent >= thresholdPercent
            ? new(true, attendancePercent, thresholdPercent, $"Your webinar attendance is {attendancePercent}%, meeting the {thresholdPercent}% requirement.")
            : new(false, attendancePercent, thresholdPercent,
                $"Your webinar attendance is {attendancePercent}%; you need at least {thresholdPercent}% to sit the final assessment. Speak to your mentor about catching up.");
    }
}
