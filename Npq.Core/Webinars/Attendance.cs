namespace Npq.Core.Webinars;

/// <summary>Where a join/leave segment came from.</summary>
public enum AttendanceSource
{
    JoinButton,
    Register,
    Import,
}

/// <summary>What a facilitator records in the register.</summary>
public enum RegisterMark
{
    Present,
    Late,
    Absent,
    Excused,
}

/// <summary>A stretch of time a person was in a session. A join without a leave is closed at the session's end.</summary>
public sealed record AttendanceSegment
{
    public int Id { get; init; }
    public int SessionId { get; init; }
    public int UserId { get; init; }
    public DateTime JoinUtc { get; init; }
    public DateTime? LeaveUtc { get; init; }
    public AttendanceSource Source { get; init; }
}

/// <summary>A facilitator's register entry for one person and one session.</summary>
public sealed record AttendanceMark
{
    public int SessionId { get; init; }
    public int UserId { get; init; }
    public RegisterMark Mark { get; init; }
    public string? Note { get; init; }
    public int RecordedByUserId { get; init; }
    public DateTime RecordedUtc { get; init; }
}

/// <summary>How one past session counts for one candidate.</summary>
public enum SessionOutcome
{
    Attended,
    Missed,
    Excused,
}

/// <summary>One session's line in a candidate's attendance.</summary>
public sealed record SessionAttendance(SessionSummary Session, int MinutesAttended, RegisterMark? Mark, string? Note, SessionOutcome Outcome);

/// <summary>
/// A candidate's attendance on a cohort. Excused sessions are left out of the percentage (neither attended nor
/// missed) and reported separately, so an excused absence never lowers the figure.
/// </summary>
public sealed record AttendanceSummary
{
    public int CandidateUserId { get; init; }
    public int CohortId { get; init; }
    public int ThresholdPercent { get; init; }
    public int MinutesAttended { get; init; }
    public int SessionsCounted { get; init; }
    public int SessionsAttended { get; init; }
    public int SessionsExcused { get; init; }
    public IReadOnlyList<SessionAttendance> Sessions { get; init; } = [];

    /// <summary>Attended ÷ counted, rounded down to a whole percent; null before any session has counted.</summary>
    public int? Percentage => SessionsCounted == 0 ? null : SessionsAttended * 100 / SessionsCounted;
}

/// <summary>The arithmetic of attendance: minutes from segments, and the rule that turns them into an outcome.</summary>
public static class AttendanceCalculator
{
    /// <summary>
    /// Minutes inside the session covered by at least one segment: segments are clipped to the session, open ones
    /// closed at its end, and overlaps counted once. Partial minutes are rounded down.
    /// </summary>
    public static int MinutesAttended(IEnumerable<AttendanceSegment> segments, DateTime sessionStartUtc, DateTime sessionEndUtc)
    {
        var intervals = segments
            .Select(s => (Start: Max(s.JoinUtc, sessionStartUtc), End: Min(s.LeaveUtc ?? sessionEndUtc, sessionEndUtc)))
            .Where(i => i.End > i.Start)
            .OrderBy(i => i.Start)
            .ToList();
        var total = TimeSpan.Zero;
        DateTime? currentStart = null;
        DateTime currentEnd = default;
        foreach (var (start, end) in intervals)
        {
            if (currentStart is null || start > currentEnd)
            {
                if (currentStart is not null)
                {
                    total += currentEnd - currentStart.Value;
                }

                currentStart = start;
                currentEnd = end;
            }
            else if (end > currentEnd)
            {
                currentEnd = end;
            }
        }

        if (currentStart is not null)
        {
            total += currentEnd - currentStart.Value;
        }

        return (int)Math.Floor(total.TotalMinutes);
    }

    /// <summary>
    /// The register has the last word where it exists: excused is left out, absent is missed, present and late are
    /// attended (the facilitator saw them). Without a register entry the minutes decide: at least
    /// <paramref name="thresholdPercent"/>% of the session's minutes is attended.
    /// </summary>
    public static SessionOutcome Outcome(int minutesAttended, int sessionMinutes, RegisterMark? mark, int thresholdPercent) => mark switch
    {
        RegisterMark.Excused => SessionOutcome.Excused,
        RegisterMark.Absent => SessionOutcome.Missed,
        RegisterMark.Present or RegisterMark.Late => SessionOutcome.Attended,
        _ => sessionMinutes > 0 && minutesAttended * 100L >= (long)thresholdPercent * sessionMinutes
            ? SessionOutcome.Attended
            : SessionOutcome.Missed,
    };

    /// <summary>
    /// The summary over a cohort's sessions that have ended by <paramref name="nowUtc"/> (cancelled ones never count).
    /// </summary>
    public static AttendanceSummary Summarise(
        int candidateUserId,
        SessionCohort cohort,
        IEnumerable<SessionSummary> sessions,
        IEnumerable<AttendanceSegment> segments,
        IEnumerable<AttendanceMark> marks,
        DateTime nowUtc)
    {
        var segmentsBySession = segments.Where(s => s.UserId == candidateUserId).ToLookup(s => s.SessionId);
        var marksBySession = marks.Where(m => m.UserId == candidateUserId).ToDictionary(m => m.SessionId);
        var lines = new List<SessionAttendance>();
        foreach (var session in sessions.Where(s => !s.IsCancelled && s.HasEnded(nowUtc)).OrderBy(s => s.StartUtc))
        {
            var minutes = MinutesAttended(segmentsBySession[session.Id], session.StartUtc, session.EndUtc);
            marksBySession.TryGetValue(session.Id, out var mark);
            var outcome = Outcome(minutes, session.DurationMinutes, mark?.Mark, cohort.AttendanceThresholdPercent);
            lines.Add(new SessionAttendance(session, minutes, mark?.Mark, mark?.Note, outcome));
        }

        return new AttendanceSummary
        {
            CandidateUserId = candidateUserId,
            CohortId = cohort.Id,
            ThresholdPercent = cohort.AttendanceThresholdPercent,
            MinutesAttended = lines.Sum(l => l.MinutesAttended),
            SessionsCounted = lines.Count(l => l.Outcome != SessionOutcome.Excused),
            SessionsAttended = lines.Count(l => l.Outcome == SessionOutcome.Attended),
            SessionsExcused = lines.Count(l => l.Outcome == SessionOutcome.Excused),
            Sessions = lines,
        };
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
