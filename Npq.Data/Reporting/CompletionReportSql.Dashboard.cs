using Dapper;
using Npq.Core.Reporting;

namespace Npq.Data.Reporting;

/// <summary>The cohort dashboard's figures counted in the database (issue 23): bands, the materials median, the candidates at risk.</summary>
internal sealed partial class CompletionReportSql
{
    /// <summary>
    /// The figures a row computed live hands to <see cref="DashboardSummary"/> and <see cref="DashboardAtRiskPage"/>
    /// (parameter <c>@Live</c>: a JSON array of these integers per enrolment, in this order).
    /// </summary>
    public static readonly IReadOnlyList<string> DashboardLiveColumns =
    [
        "EnrolmentId", "SessionsCounted", "SessionsAttended", "StatementsCovered", "TasksOverdue", "FinalSubmitted",
        "LatestRatingSum", "PreviousRatingSum", "MaterialsCompleted", "MaterialsTotal",
    ];

    /// <summary>The cohort's enrolments with no fresh figures stored at <c>@NowUtc</c> (those the dashboard computes live).</summary>
    public const string DashboardUnstored = $"""
        SELECT e.Id FROM Enrolments e
        WHERE e.CohortId = @CohortId AND NOT EXISTS (SELECT 1 FROM EnrolmentFigures f WHERE f.EnrolmentId = e.Id AND {FreshFigures})
        """;

    /// <summary>
    /// One row per count, as (Kind, Value, Count): 'A' and 'C' the candidates per band of attendance and of coverage
    /// (Value -1: no figure, 0… the band of <see cref="DashboardMath.PercentBands"/>, NULL: outside every band); 'F' the
    /// final assessments submitted; 'M' the active candidates' median materials completed % (in Value, NULL when none);
    /// 'R' the candidates at risk; 'X' the enrolments with neither live nor fresh stored figures (to compute and ask again).
    /// </summary>
    public (string Sql, DynamicParameters Parameters) DashboardSummary(int cohortId, AtRiskRules rules, string liveJson, DateTime nowUtc)
    {
        var (ctes, parameters) = DashboardCtes(cohortId, rules, liveJson, nowUtc);
        var sql = $"""
            {ctes},
            banded AS (
                SELECT {Band("AttendancePercent")} AS AttendanceBand, {Band("CoveragePercent")} AS CoverageBand FROM pct
            )
            SELECT 'A' AS Kind, AttendanceBand AS Value, COUNT(*) AS Count FROM banded GROUP BY AttendanceBand
            UNION ALL SELECT 'C', CoverageBand, COUNT(*) FROM banded GROUP BY CoverageBand
            UNION ALL SELECT 'F', 0, COUNT(*) FROM pct WHERE FinalSubmitted <> 0
            UNION ALL SELECT 'M', Median, 0 FROM median
            UNION ALL SELECT 'R', 0, COUNT(*) FROM flagged WHERE Reasons > 0
            UNION ALL SELECT 'X', 0, COUNT(*) FROM figures WHERE Missing = 1
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// A page (<c>@Skip</c>, <c>@Take</c>) of the cohort's active candidates at risk: the most reasons first, then by
    /// name (ignoring case), the candidate and the enrolment; each with the figures the rules read.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) DashboardAtRiskPage(int cohortId, AtRiskRules rules, string liveJson, DateTime nowUtc)
    {
        var (ctes, parameters) = DashboardCtes(cohortId, rules, liveJson, nowUtc);
        var sql = $"""
            {ctes}
            SELECT fl.EnrolmentId, fl.CandidateUserId, u.DisplayName AS CandidateName, s.Name AS SchoolName, fl.CohortId,
                   fl.TrainingStatus, mu.DisplayName AS MentorName, fl.SessionsCounted, fl.SessionsAttended, fl.StatementsCovered,
                   fl.StatementsTotal, fl.TasksOverdue, fl.FinalSubmitted, fl.LatestRatingSum, fl.PreviousRatingSum,
                   fl.MaterialsCompleted, fl.MaterialsTotal
            FROM flagged fl
            JOIN Users u ON u.Id = fl.CandidateUserId
            LEFT JOIN Schools s ON s.Id = u.SchoolId
            LEFT JOIN Users mu ON mu.Id = fl.MentorUserId
            WHERE fl.Reasons > 0
            ORDER BY fl.Reasons DESC, {dialect.IgnoringCase("u.DisplayName")}, u.Id, fl.EnrolmentId{dialect.Page}
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// <c>figures</c>: every enrolment of the cohort with its figures, from <c>@Live</c> when given there, else the fresh
    /// stored row (<c>Missing</c> when neither); <c>pct</c>: those with figures and their percentages, as
    /// <see cref="CompletionRow"/> computes them; <c>median</c>: the active candidates' median materials %, as
    /// <see cref="DashboardMath.Reasons"/> reads it; <c>flagged</c>: the active candidates with their number of reasons
    /// to be at risk, as <see cref="DashboardMath.Reasons"/> finds them.
    /// </summary>
    private (string Ctes, DynamicParameters Parameters) DashboardCtes(int cohortId, AtRiskRules rules, string liveJson, DateTime nowUtc)
    {
        var parameters = new DynamicParameters();
        parameters.Add("CohortId", cohortId);
        parameters.Add("NowUtc", nowUtc);
        parameters.Add("Live", liveJson);
        parameters.Add("AtRiskAttendance", rules.AttendancePercent);
        parameters.Add("AtRiskMaterialsGap", rules.MaterialsGapPoints);
        var totals = StatementTotals(parameters);
        var figures = string.Join(", ", DashboardLiveColumns.Skip(1).Select(c => $"COALESCE(l.{c}, f.{c}) AS {c}"));

        // Coverage rounds as Math.Round does (half to even), in integers: q = n / t, r = n % t of n = 100 × covered.
        const string n = "(100 * CoveredCapped)";
        const string q = $"({n} / StatementsTotal)";
        const string r = $"({n} % StatementsTotal)";
        const string coverage = $"""
            CASE WHEN StatementsTotal = 0 THEN NULL
                 WHEN 2 * {r} > StatementsTotal THEN {q} + 1
                 WHEN 2 * {r} < StatementsTotal THEN {q}
                 ELSE {q} + {q} % 2 END
            """;
        var materialized = ReportSql.Materialized(dialect);
        var ctes = $"""
            WITH figures AS {materialized}(
                SELECT e.Id AS EnrolmentId, e.CandidateUserId, e.CohortId, e.MentorUserId, e.TrainingStatus,
                       CASE WHEN l.EnrolmentId IS NULL AND f.EnrolmentId IS NULL THEN 1 ELSE 0 END AS Missing,
                       {figures}, {totals} AS StatementsTotal
                FROM Enrolments e
                CROSS JOIN Cohorts ch
                CROSS JOIN Courses co
                LEFT JOIN ({ReportSql.IntRowsOfJson(dialect, "@Live", DashboardLiveColumns)}) l ON l.EnrolmentId = e.Id
                LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = e.Id AND l.EnrolmentId IS NULL AND {FreshFigures}
                WHERE e.CohortId = @CohortId AND ch.Id = e.CohortId AND co.Id = ch.CourseId
            ),
            capped AS (
                SELECT figures.*,
                       CASE WHEN StatementsCovered < StatementsTotal THEN StatementsCovered ELSE StatementsTotal END AS CoveredCapped,
                       CASE WHEN MaterialsCompleted < MaterialsTotal THEN MaterialsCompleted ELSE MaterialsTotal END AS MaterialsCapped
                FROM figures WHERE Missing = 0
            ),
            pct AS {materialized}(
                SELECT capped.*,
                       CASE WHEN SessionsCounted = 0 THEN NULL ELSE SessionsAttended * 100 / SessionsCounted END AS AttendancePercent,
                       {coverage} AS CoveragePercent,
                       CASE WHEN MaterialsTotal = 0 THEN NULL ELSE MaterialsCapped * 100 / MaterialsTotal END AS MaterialsPercent
                FROM capped
            ),
            materials AS (
                SELECT MaterialsPercent AS P, ROW_NUMBER() OVER (ORDER BY MaterialsPercent) AS Rn, COUNT(*) OVER () AS N
                FROM pct WHERE TrainingStatus = 'Active' AND MaterialsPercent IS NOT NULL
            ),
            median AS (
                SELECT (MIN(P) + MAX(P)) / 2 AS Median FROM materials WHERE Rn = (N + 1) / 2 OR Rn = (N + 2) / 2
            ),
            flagged AS (
                SELECT pct.*,
                       CASE WHEN AttendancePercent < @AtRiskAttendance THEN 1 ELSE 0 END
                       + CASE WHEN TasksOverdue > 0 THEN 1 ELSE 0 END
                       + CASE WHEN LatestRatingSum >= 0 AND PreviousRatingSum >= 0 AND LatestRatingSum <= PreviousRatingSum THEN 1 ELSE 0 END
                       + CASE WHEN MaterialsPercent <= md.Median - @AtRiskMaterialsGap THEN 1 ELSE 0 END AS Reasons
                FROM pct CROSS JOIN median md
                WHERE TrainingStatus = 'Active'
            )
            """;
        return (ctes, parameters);
    }

    /// <summary>The band of <see cref="DashboardMath.PercentBands"/> a percentage falls in: -1 for none, NULL outside them all.</summary>
    private static string Band(string percent) =>
        $"CASE WHEN {percent} IS NULL THEN -1 "
        + string.Join(" ", DashboardMath.PercentBands.Select((b, i) => $"WHEN {percent} BETWEEN {b.From} AND {b.To} THEN {i}"))
        + " END";
}
