using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>The few expressions the report queries need where SQLite and SQL Server differ.</summary>
internal static class ReportSql
{
    private static bool IsSqlServer(ISqlDialect dialect) => dialect.Provider == DatabaseProvider.SqlServer;

    /// <summary>An instant as seconds since 1970 (a float), so intervals are plain subtraction.</summary>
    public static string Seconds(ISqlDialect dialect, string column) => IsSqlServer(dialect)
        ? $"(CAST(DATEDIFF_BIG(millisecond, '1970-01-01', {column}) AS FLOAT) / 1000.0)"
        : $"((julianday({column}) - 2440587.5) * 86400.0)";

    /// <summary>
    /// Per group, the rows where <paramref name="instant"/> is not NULL as one text, read by
    /// <see cref="SubmittedTasks"/>: "instant&gt;date" pairs joined by ';' ("2026-03-10 17:00:00.0000000&gt;2026-03-10"),
    /// NULL when there are none.
    /// </summary>
    public static string InstantDatePairs(ISqlDialect dialect, string instant, string date) => IsSqlServer(dialect)
        ? $"STRING_AGG(CASE WHEN {instant} IS NOT NULL THEN CAST(CONCAT(CONVERT(VARCHAR(27), {instant}, 121), '>', CONVERT(CHAR(10), {date}, 23)) AS VARCHAR(MAX)) END, ';')"
        : $"group_concat(CASE WHEN {instant} IS NOT NULL THEN {instant} || '>' || {date} END, ';')";

    /// <summary>
    /// The rows of a JSON array of arrays of integers held by <paramref name="parameter"/> (<c>[[3,1,0],[7,2,1]]</c>) as a
    /// query, the i-th integer of each row named <paramref name="columns"/>[i]: rows computed in C# handed to a query as
    /// one parameter however many there are.
    /// </summary>
    public static string IntRowsOfJson(ISqlDialect dialect, string parameter, IReadOnlyList<string> columns) => IsSqlServer(dialect)
        ? $"SELECT {string.Join(", ", columns.Select((c, i) => $"CAST(JSON_VALUE(value, '$[{i}]') AS INT) AS {c}"))} FROM OPENJSON({parameter})"
        : $"SELECT {string.Join(", ", columns.Select((c, i) => $"json_extract(value, '$[{i}]') AS {c}"))} FROM json_each({parameter})";

    public static string Concat(ISqlDialect dialect, string a, string b) => IsSqlServer(dialect)
        ? $"CONCAT({a}, {b})"
        : $"({a} || {b})";

    public static double ToSeconds(DateTime utc) => (utc - DateTime.UnixEpoch).TotalSeconds;

    /// <summary>A progress rating's rank (NotStarted 0 … Secure 3).</summary>
    public const string RatingScore =
        "CASE r.Rating WHEN 'Emerging' THEN 1 WHEN 'Developing' THEN 2 WHEN 'Secure' THEN 3 ELSE 0 END";
    /// <summary>
    /// After a CTE's name, asks SQLite to compute it once into a temporary table instead of pasting its query into
    /// every place that reads it (SQL Server has no such hint and decides for itself).
    /// </summary>
    public static string Materialized(ISqlDialect dialect) => IsSqlServer(dialect) ? string.Empty : "MATERIALIZED ";

    /// <summary>
    /// Common table expressions that need a <c>scoped</c> CTE (EnrolmentId, CandidateUserId, CohortId, Threshold) and
    /// parameter <c>@NowS</c>, and yield <c>session_outcomes</c> (EnrolmentId, SessionId, StartS, Outcome A/M/E): one
    /// row per enrolment and ended, not cancelled session, counted as <c>AttendanceCalculator</c> counts it (segments
    /// clipped to the session and overlaps merged, minutes rounded down, the register first).
    /// </summary>
    /// <remarks>
    /// <para>
    /// Almost everyone has one or two segments in a session, and their union needs no ordering: it is the span from
    /// the first start to the last end, less the gap between the two when there is one. Only three or more segments
    /// are merged with a window: in order of start, each adds what reaches past the furthest end before it
    /// (<c>PrevEnd</c>). Both give what merging the overlaps into islands and summing their lengths gives, to the
    /// same floating-point value (the differences of these instants are exact).
    /// </para>
    /// <para>
    /// The enrolments of <c>scoped</c> drive every join (<c>CROSS JOIN</c> with the join's condition in WHERE: SQLite
    /// keeps the written order, SQL Server reads it as the inner join it is). Left to itself SQLite's planner scanned
    /// every attendance segment of the provider behind a Bloom filter even for a page of 25 enrolments, so a page's
    /// cost grew with the provider (issue 23).
    /// </para>
    /// <para>
    /// On SQLite the ended sessions and the clipped segments are materialized: pasted into their readers, each
    /// instant was parsed from text several times per row, which was a quarter of the attendance work. SQL Server
    /// keeps its CASE expressions.
    /// </para>
    /// </remarks>
    public static string AttendanceCtes(ISqlDialect d)
    {
        var joinStart = Seconds(d, "a.JoinUtc");
        var leave = Seconds(d, "a.LeaveUtc");
        var materialized = Materialized(d);

        // A segment clipped to its session. On SQLite max() and min() parse each instant once where CASE parsed it
        // twice; ifnull() keeps CASE's answer for a join time that does not parse (the session's start).
        var clippedStart = IsSqlServer(d)
            ? $"CASE WHEN {joinStart} > se.StartS THEN {joinStart} ELSE se.StartS END"
            : $"ifnull(max({joinStart}, se.StartS), se.StartS)";
        var clippedEnd = IsSqlServer(d)
            ? $"CASE WHEN a.LeaveUtc IS NULL OR {leave} > se.EndS THEN se.EndS ELSE {leave} END"
            : $"CASE WHEN a.LeaveUtc IS NULL THEN se.EndS ELSE min({leave}, se.EndS) END";
        return $"""
            ended AS {materialized}(
                SELECT ws.Id AS SessionId, ws.CohortId, ws.DurationMinutes, {Seconds(d, "ws.StartUtc")} AS StartS,
                       {Seconds(d, "ws.StartUtc")} + ws.DurationMinutes * 60 AS EndS
                FROM WebinarSessions ws
                WHERE ws.Status <> 'Cancelled' AND ws.CohortId IN (SELECT CohortId FROM scoped)
                  AND {Seconds(d, "ws.StartUtc")} + ws.DurationMinutes * 60 <= @NowS
            ),
            clipped AS {materialized}(
                SELECT se.SessionId, sc.EnrolmentId, {clippedStart} AS S, {clippedEnd} AS E
                FROM scoped sc
                CROSS JOIN ended se
                CROSS JOIN AttendanceSegments a
                WHERE se.CohortId = sc.CohortId AND a.SessionId = se.SessionId AND a.UserId = sc.CandidateUserId
            ),
            spans AS (
                SELECT SessionId, EnrolmentId, COUNT(*) AS Segments,
                       MAX(E) - MIN(S) - CASE WHEN COUNT(*) = 2 AND MAX(S) > MIN(E) THEN MAX(S) - MIN(E) ELSE 0 END AS Secs
                FROM clipped WHERE E > S
                GROUP BY SessionId, EnrolmentId
            ),
            ordered AS (
                SELECT c.SessionId, c.EnrolmentId, c.S, c.E,
                       MAX(c.E) OVER (PARTITION BY c.SessionId, c.EnrolmentId ORDER BY c.S, c.E ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS PrevEnd
                FROM spans sp
                JOIN clipped c ON c.SessionId = sp.SessionId AND c.EnrolmentId = sp.EnrolmentId
                WHERE sp.Segments > 2 AND c.E > c.S
            ),
            minutes AS (
                SELECT SessionId, EnrolmentId, CAST(Secs / 60.0 AS INT) AS Minutes FROM spans WHERE Segments <= 2
                UNION ALL
                SELECT SessionId, EnrolmentId,
                       CAST(SUM(CASE WHEN PrevEnd IS NULL OR S >= PrevEnd THEN E - S WHEN E > PrevEnd THEN E - PrevEnd ELSE 0 END) / 60.0 AS INT)
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
                CROSS JOIN ended se
                LEFT JOIN AttendanceMarks m ON m.SessionId = se.SessionId AND m.UserId = sc.CandidateUserId
                LEFT JOIN minutes mi ON mi.SessionId = se.SessionId AND mi.EnrolmentId = sc.EnrolmentId
                WHERE se.CohortId = sc.CohortId
            )
            """;
    }
}
