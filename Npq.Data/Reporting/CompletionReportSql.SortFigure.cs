using Dapper;
using Npq.Core.Reporting;

namespace Npq.Data.Reporting;

/// <summary>The completion report's page when it is sorted by a figure (issue 23): the figure alone chooses the page.</summary>
internal sealed partial class CompletionReportSql
{
    /// <summary>True when the filter sorts by a figure (attendance, coverage, submitted, rating, materials): see <see cref="SortFigurePage"/>.</summary>
    public static bool SortsByFigure(CompletionFilter filter) => CheapOrder(filter) is null;

    /// <summary>
    /// For a sort by a figure: the enrolment ids of one page (<c>@Skip</c>, <c>@Take</c>), with only the sort's figure
    /// computed for every row in scope, in the order the report gives (the figure, then the candidate's name and the
    /// enrolment id). The page's other figures are then computed for those ids alone (<see cref="Build"/> with
    /// <c>enrolmentIds</c>). The query carries the report's common table expressions; both dialects compute only
    /// those the final select reads.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) SortFigurePage(ReportScope scope, CompletionFilter filter, IReadOnlyDictionary<string, DateOnly> todayByZone, DateTime nowUtc)
    {
        var (where, parameters) = Where(scope, filter);
        var (ctes, totals) = Ctes(where, parameters, todayByZone, nowUtc, withCoverage: filter.Sort == CompletionSort.Coverage, stored: true);

        // Each row's figure is its stored one when a fresh row is kept (f), else the one computed live (scoped holds
        // only the rows without a fresh stored row): exact either way, and cheap once the figures are kept. The rows are
        // read from the enrolments themselves: the report's inscope, not referenced, is not built.
        var (join, figure) = filter.Sort switch
        {
            CompletionSort.Attendance => ("LEFT JOIN attendance at ON at.EnrolmentId = e.Id",
                "CASE WHEN COALESCE(f.SessionsCounted, at.Counted, 0) = 0 THEN -1 ELSE COALESCE(f.SessionsAttended, at.Attended, 0) * 100 / COALESCE(f.SessionsCounted, at.Counted, 0) END"),
            CompletionSort.Coverage => ("LEFT JOIN coverage cv ON cv.CandidateUserId = e.CandidateUserId",
                $"CASE WHEN {totals} = 0 THEN -1.0 ELSE COALESCE(f.StatementsCovered, cv.Covered, 0) * 1.0 / {totals} END"),
            CompletionSort.Submitted => ("LEFT JOIN submitted sb ON sb.EnrolmentId = e.Id", "COALESCE(f.TasksSubmitted, sb.TasksSubmitted, 0)"),
            CompletionSort.Rating => ("LEFT JOIN ratings rt ON rt.EnrolmentId = e.Id", "COALESCE(f.LatestRatingSum, rt.LatestScore, -1)"),
            CompletionSort.Materials => ("LEFT JOIN materials_total mt ON mt.CourseId = ch.CourseId LEFT JOIN materials_done md ON md.EnrolmentId = e.Id",
                "CASE WHEN COALESCE(f.MaterialsTotal, mt.Items, 0) = 0 THEN -1.0 ELSE COALESCE(f.MaterialsCompleted, md.Done, 0) * 1.0 / COALESCE(f.MaterialsTotal, mt.Items, 0) END"),
            _ => throw new ArgumentException("Not a sort by a figure.", nameof(filter)),
        };
        var direction = filter.Descending ? "DESC" : "ASC";
        var sql = $"""
            {ctes}
            SELECT e.Id AS EnrolmentId
            FROM Enrolments e
            JOIN Cohorts ch ON ch.Id = e.CohortId
            JOIN Courses co ON co.Id = ch.CourseId
            JOIN Users u ON u.Id = e.CandidateUserId
            LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = e.Id AND {FreshFigures}
            {join}
            WHERE {where}
            ORDER BY {figure} {direction}, u.DisplayName, u.Id, e.Id{dialect.Page}
            """;
        return (sql, parameters);
    }
}
