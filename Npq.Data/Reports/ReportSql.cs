using Npq.Data.Infrastructure;

namespace Npq.Data.Reports;

/// <summary>The few expressions the report queries need where SQLite and SQL Server differ.</summary>
internal static class ReportSql
{
    private static bool IsSqlServer(ISqlDialect dialect) => dialect.Provider == DatabaseProvider.SqlServer;

    /// <summary>An instant as seconds since 1970 (a float), so intervals are plain subtraction.</summary>
    public static string Seconds(ISqlDialect dialect, string column) => IsSqlServer(dialect)
        ? $"(CAST(DATEDIFF_BIG(millisecond, '1970-01-01', {column}) AS FLOAT) / 1000.0)"
        : $"((julianday({column}) - 2440587.5) * 86400.0)";

    /// <summary>The UTC calendar day of an instant, comparable with a DATE column.</summary>
    public static string UtcDate(ISqlDialect dialect, string column) => IsSqlServer(dialect)
        ? $"CAST({column} AS DATE)"
        : $"substr({column}, 1, 10)";

    public static string Concat(ISqlDialect dialect, string a, string b) => IsSqlServer(dialect)
        ? $"CONCAT({a}, {b})"
        : $"({a} || {b})";

    public static double ToSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>A progress rating's rank (NotStarted 0 … Secure 3).</summary>
    public const string RatingScore =
        "CASE r.Rating WHEN 'Emerging' THEN 1 WHEN 'Developing' THEN 2 WHEN 'Secure' THEN 3 ELSE 0 END";
    /// <summary>
    /// Common table expressions that need a <c>scoped</c> CTE (EnrolmentId, CandidateUserId, CohortId, Threshold) and
    /// parameter <c>@NowS</c>, and yield <c>session_outcomes</c> (EnrolmentId, SessionId, StartS, Outcome A/M/E): one
    /// row per enrolment and ended, not cancelled session, counted as <c>AttendanceCalculator</c> counts it (segments
    /// clipped to the session and overlaps merged, minutes rounded down, the register first).
    /// </summary>
    /// <remarks>
    /// Overlaps are merged in one window pass: in order of start, each segment adds only what reaches past the
    /// furthest end before it (<c>PrevEnd</c>), so an island adds up to its last end minus its first start, which is
    /// what merging the islands and summing their lengths gave, for a second window and two more sorts.
    /// </remarks>
    public static string AttendanceCtes(ISqlDialect d)
    {
        var joinStart = Seconds(d, "a.JoinUtc");
        var leave = Seconds(d, "a.LeaveUtc");
        return $"""
            ended AS (
                SELECT ws.Id AS SessionId, ws.CohortId, ws.DurationMinutes, {Seconds(d, "ws.StartUtc")} AS StartS,
                       {Seconds(d, "ws.StartUtc")} + ws.DurationMinutes * 60 AS EndS
                FROM WebinarSessions ws
                WHERE ws.Status <> 'Cancelled' AND ws.CohortId IN (SELECT CohortId FROM scoped)
                  AND {Seconds(d, "ws.StartUtc")} + ws.DurationMinutes * 60 <= @NowS
            ),
            clipped AS (
                SELECT se.SessionId, sc.EnrolmentId,
                       CASE WHEN {joinStart} > se.StartS THEN {joinStart} ELSE se.StartS END AS S,
                       CASE WHEN a.LeaveUtc IS NULL OR {leave} > se.EndS THEN se.EndS ELSE {leave} END AS E
                FROM scoped sc
                JOIN ended se ON se.CohortId = sc.CohortId
                JOIN AttendanceSegments a ON a.SessionId = se.SessionId AND a.UserId = sc.CandidateUserId
            ),
            ordered AS (
                SELECT SessionId, EnrolmentId, S, E,
                       MAX(E) OVER (PARTITION BY SessionId, EnrolmentId ORDER BY S, E ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS PrevEnd
                FROM clipped WHERE E > S
            ),
            minutes AS (
                SELECT SessionId, EnrolmentId,
                       CAST(SUM(CASE WHEN PrevEnd IS NULL OR S >= PrevEnd THEN E - S WHEN E > PrevEnd THEN E - PrevEnd ELSE 0 END) / 60.0 AS INT) AS Minutes
                FROM ordered GROUP BY SessionId, EnrolmentId
            ),
            session_outcomes AS (
                SELECT sc.EnrolmentId, se.SessionId, se.StartS,
                       CASE
                           WHEN m.Mark = 'Excused' THEN 'E'
                           WHEN m.Mark = 'Absent' THEN 'M'
                           WHEN m.Mark IN ('Present', 'Late') THEN 'A'
                           WHEN se.DurationMinutes > 0 AND COALESCE(mi.Minutes, 0) * 100 >= sc.Threshold * se.DurationMinutes THEN 'A'
                           ELSE 'M'
                       END AS Outcome
                FROM scoped sc
                JOIN ended se ON se.CohortId = sc.CohortId
                LEFT JOIN AttendanceMarks m ON m.SessionId = se.SessionId AND m.UserId = sc.CandidateUserId
                LEFT JOIN minutes mi ON mi.SessionId = se.SessionId AND mi.EnrolmentId = sc.EnrolmentId
            )
            """;
    }
}
