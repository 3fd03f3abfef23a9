using Dapper;
using Npq.Core.Frameworks;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>
/// The SQL of the completion report (see <see cref="CompletionReportRepository"/>): the enrolments in scope and
/// filter, their count, and the one set-based query of every column (stored figures where fresh, the rest live), in
/// both dialects.
/// </summary>
internal sealed partial class CompletionReportSql(ISqlDialect dialect, IFrameworkCatalog frameworks)
{
    private readonly Lazy<string?> _statementIds = new(() => StatementIdsJson(frameworks));

    public (string Sql, DynamicParameters Parameters) Count(ReportScope scope, CompletionFilter filter)
    {
        var (where, parameters) = Where(scope, filter);
        if (scope.ProviderId is not null)
        {
            return ($"SELECT COALESCE(SUM(e.Enrolments), 0) {KeptCounts(where)}", parameters);
        }

        // Only a school's scope filters on the candidate's row: otherwise the count reads the enrolments' index alone
        // (every enrolment has its candidate: CandidateUserId is a required foreign key).
        var users = WhereReadsUsers(scope) ? "JOIN Users u ON u.Id = e.CandidateUserId" : string.Empty;
        var sql = $"""
            SELECT COUNT(*) FROM Enrolments e
            JOIN Cohorts ch ON ch.Id = e.CohortId
            JOIN Courses co ON co.Id = ch.CourseId
            {users}
            WHERE {where}
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// The provider's enrolments in scope and filter by status (for <see cref="SplitsByStatus"/>): a row per status with
    /// its number of enrolments.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) CountByStatus(ReportScope scope, CompletionFilter filter)
    {
        if (scope.ProviderId is null)
        {
            throw new ArgumentException("Counted by status for a provider's scope only.", nameof(scope));
        }

        var (where, parameters) = Where(scope, filter);
        return ($"SELECT e.TrainingStatus, SUM(e.Enrolments) AS Enrolments {KeptCounts(where)} GROUP BY e.TrainingStatus", parameters);
    }

    /// <summary>
    /// A provider's scope and every filter are about cohorts and statuses: the counts kept per cohort and status
    /// (CohortEnrolmentCounts, by the triggers on Enrolments) answer it in a few rows per cohort, read as <c>e</c> so that
    /// the filter's e.CohortId and e.TrainingStatus name their columns. Reading every enrolment grew with the provider:
    /// 0.3 ms at 10,000 candidates, 7 ms at 100,000.
    /// </summary>
    private static string KeptCounts(string where) => $"""
        FROM CohortEnrolmentCounts e
        JOIN Cohorts ch ON ch.Id = e.CohortId
        JOIN Courses co ON co.Id = ch.CourseId
        WHERE {where}
        """;

    // Only statements of a framework count. The test is made on each row inside COUNT (NULL is not counted) rather
    // than in the join: as a join condition SQLite seeks the (EvidenceId, StatementId) key once per listed id for
    // every evidence item (hundreds of seeks per item), which made coverage most of the report's time. Coverage is
    // a candidate's (their portfolio is theirs, whatever the cohort), so it is counted once per candidate, reading
    // the evidence in candidate order with no sort. The test is made in a derived table and counted outside it: SQL
    // Server refuses a subquery inside an aggregate (error 130), and SQLite reads both forms the same way.
    private static string CoverageSelect(string coveredStatement) => $"""
        SELECT CandidateUserId, COUNT(DISTINCT Statement) AS Covered
                FROM (
                    SELECT ei.CandidateUserId, {coveredStatement} AS Statement
                    FROM EvidenceItems ei
                    JOIN EvidenceStatements es ON es.EvidenceId = ei.Id
                    WHERE ei.IsDraft = 0 AND ei.CandidateUserId IN (SELECT CandidateUserId FROM scoped)
                ) links
                GROUP BY CandidateUserId
        """;

    /// <summary>
    /// The statement a link counts as: itself when it is a statement of some framework. The frameworks' statement ids
    /// go as one parameter, a JSON array read by the database: as a list (one parameter per id, 277 of them) binding
    /// them by name cost more on every report request than the page's figures, and SQL Server takes at most 2,100.
    /// </summary>
    private string CoveredStatement(DynamicParameters parameters)
    {
        var ids = _statementIds.Value;
        if (ids is null)
        {
            return "es.StatementId";
        }

        parameters.Add("StatementIds", ids);
        return $"CASE WHEN es.StatementId IN ({dialect.TextsOfJsonArray("@StatementIds")}) THEN es.StatementId END";
    }

    /// <summary>Every framework's statement ids as a JSON array (null when there are none: every link counts), made
    /// once per instance: the catalog is loaded at start-up and not changed while the site runs.</summary>
    private static string? StatementIdsJson(IFrameworkCatalog catalog)
    {
        var ids = catalog.All.SelectMany(framework => framework.AllStatements.Select(s => s.Id)).Distinct(StringComparer.Ordinal).ToList();
        return ids.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(ids);
    }

    /// <summary>
    /// Every column of the enrolments in scope and filter (or of the given ones alone: a page's rows with no fresh
    /// figures stored), in the report's order: stored figures where fresh, the rest computed live.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) Build(ReportScope scope, CompletionFilter filter, IReadOnlyDictionary<string, DateOnly> todayByZone, DateTime nowUtc, bool withCoverage, IReadOnlyList<int>? enrolmentIds = null)
    {
        var (order, direction, tieBreak) = Order(filter);

        var (where, parameters) = Where(scope, filter);
        if (enrolmentIds is not null)
        {
            where += " AND e.Id IN " + IdList.Parameters("PageEnrolmentIds", enrolmentIds, parameters);
        }

        var (ctes, _) = Ctes(where, parameters, todayByZone, nowUtc, withCoverage, stored: true);
        return ($"""
            {ctes}
            SELECT * FROM report
            ORDER BY {order} {direction}, {tieBreak}
            """, parameters);
    }

    /// <summary>
    /// The report's order (a column of its rows), direction and tie-break. SQL Server refuses a column named twice in
    /// ORDER BY: the name breaks ties only when it is not the sort; then the candidate (in the sort's direction when the
    /// sort is the name, as <see cref="CheapOrder"/> walks them), then the enrolment.
    /// </summary>
    private static (string Column, string Direction, string TieBreak) Order(CompletionFilter filter)
    {
        var column = filter.Sort switch
        {
            CompletionSort.School => "SchoolName",
            CompletionSort.Cohort => "CohortName",
            CompletionSort.Status => "TrainingStatus",
            CompletionSort.Mentor => "MentorName",
            CompletionSort.Attendance => "AttendanceSort",
            CompletionSort.Coverage => "CoverageSort",
            CompletionSort.Submitted => "TasksSubmitted",
            CompletionSort.Rating => "LatestRatingSum",
            CompletionSort.Materials => "MaterialsSort",
            _ => "CandidateName",
        };
        var direction = filter.Descending ? "DESC" : "ASC";
        var tieBreak = column == "CandidateName" ? $"CandidateUserId {direction}, EnrolmentId" : "CandidateName, CandidateUserId, EnrolmentId";
        return (column, direction, tieBreak);
    }

    /// <summary>
    /// Every figure of the given enrolments computed live, whatever is stored (what <c>EnrolmentFigures</c> keeps): the
    /// report's own SQL, so the stored rows are the figures the report would compute.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) LiveFigures(IReadOnlyList<int> enrolmentIds, IReadOnlyDictionary<string, DateOnly> todayByZone, DateTime nowUtc)
    {
        var parameters = new DynamicParameters();
        var (ctes, _) = Ctes("e.Id IN " + IdList.Parameters("PageEnrolmentIds", enrolmentIds, parameters), parameters, todayByZone, nowUtc, withCoverage: true, stored: false);
        return ($"""
            {ctes}
            SELECT * FROM report
            """, parameters);
    }

    /// <summary>
    /// A stored row of <c>EnrolmentFigures</c> (as <c>f</c>) that may be used at <c>@NowUtc</c>: not being computed by
    /// the figures job and not past the moment time alone changes it.
    /// </summary>
    internal const string FreshFigures = "f.Claim IS NULL AND (f.ValidUntilUtc IS NULL OR f.ValidUntilUtc > @NowUtc)";

    /// <summary>
    /// The report's common table expressions, from WITH to the <c>report</c> CTE (every column of every enrolment the
    /// filter <paramref name="where"/> picks), with the statements-per-framework expression (coverage's denominator).
    /// With <paramref name="stored"/>, the enrolments picked are <c>inscope</c> and the figures are read from
    /// <c>EnrolmentFigures</c> where a fresh row is kept; <c>scoped</c>, which every figure's CTE reads, holds only the
    /// others (picked by the filter itself, not from <c>inscope</c>, so that a query reading only the figures need not
    /// build <c>inscope</c> at all), and only their figures are computed live. Without it, <c>scoped</c> is every enrolment picked, all live.
    /// </summary>
    private (string Sql, string Totals) Ctes(string where, DynamicParameters parameters, IReadOnlyDictionary<string, DateOnly> todayByZone, DateTime nowUtc,
        bool withCoverage, bool stored)
    {
        var d = dialect;
        parameters.Add("NowS", ReportSql.ToSeconds(nowUtc));
        parameters.Add("NowUtc", nowUtc);
        parameters.Add("Today", DateOnly.FromDateTime(nowUtc));

        var totals = StatementTotals(parameters);
        var coverageCte = withCoverage ? $"coverage AS ({CoverageSelect(CoveredStatement(parameters))}),\n" : string.Empty;
        var materialized = ReportSql.Materialized(d);
        var scopedCtes = stored
            ? $"""
                {ScopedCte(where, name: "inscope", materialized: materialized)},
                {ScopedCte($"{where} AND NOT EXISTS (SELECT 1 FROM EnrolmentFigures f WHERE f.EnrolmentId = e.Id AND {FreshFigures})", materialized: materialized)}
                """
            : ScopedCte(where);

        // A figure: the stored one when the row is fresh, else the one computed live, else its default.
        string Figure(string column, string live, string otherwise = "0") => stored ? $"COALESCE(f.{column}, {live}, {otherwise})" : $"COALESCE({live}, {otherwise})";
        var counted = Figure("SessionsCounted", "at.Counted");
        var attended = Figure("SessionsAttended", "at.Attended");
        var covered = withCoverage ? Figure("StatementsCovered", "cv.Covered") : stored ? "COALESCE(f.StatementsCovered, 0)" : "0";
        var materialsDone = Figure("MaterialsCompleted", "md.Done");
        var materialsTotal = Figure("MaterialsTotal", "mt.Items");
        var sql = $"""
            WITH {scopedCtes},
            {ReportSql.AttendanceCtes(d)},
            attendance AS (
                SELECT EnrolmentId,
                       SUM(CASE WHEN Outcome <> 'E' THEN 1 ELSE 0 END) AS Counted,
                       SUM(CASE WHEN Outcome = 'A' THEN 1 ELSE 0 END) AS Attended
                FROM session_outcomes GROUP BY EnrolmentId
            ),
            {coverageCte}            first_submissions AS (
                SELECT TaskId, CandidateUserId, CohortId, MIN(SubmittedUtc) AS FirstSubmittedUtc
                FROM Submissions
                WHERE SubmittedUtc IS NOT NULL AND CandidateUserId IN (SELECT CandidateUserId FROM scoped)
                GROUP BY TaskId, CandidateUserId, CohortId
            ),
            tasks AS (
                SELECT sc.EnrolmentId,
                       COUNT(*) AS TasksSet,
                       SUM(CASE WHEN fs.FirstSubmittedUtc IS NOT NULL THEN 1 ELSE 0 END) AS TasksSubmitted,
                       {ReportSql.InstantDatePairs(d, "fs.FirstSubmittedUtc", "COALESCE(x.DueOn, td.DueOn)")} AS SubmittedTasks,
                       SUM(CASE WHEN fs.FirstSubmittedUtc IS NULL AND COALESCE(x.DueOn, td.DueOn) < {CohortToday.Case("sc.CohortZone", todayByZone, parameters, "@Today")} THEN 1 ELSE 0 END) AS TasksOverdue,
                       MAX(CASE WHEN t.Kind = 'Final' AND fs.FirstSubmittedUtc IS NOT NULL THEN 1 ELSE 0 END) AS FinalSubmitted
                FROM scoped sc
                CROSS JOIN AssessmentTaskDates td
                CROSS JOIN AssessmentTasks t
                LEFT JOIN AssessmentTaskExtensions x ON x.TaskId = td.TaskId AND x.CandidateUserId = sc.CandidateUserId
                LEFT JOIN first_submissions fs ON fs.TaskId = td.TaskId AND fs.CandidateUserId = sc.CandidateUserId AND fs.CohortId = sc.CohortId
                WHERE td.CohortId = sc.CohortId AND t.Id = td.TaskId
                GROUP BY sc.EnrolmentId
            ),
            submitted AS (
                SELECT sc.EnrolmentId, COUNT(*) AS TasksSubmitted
                FROM scoped sc
                CROSS JOIN AssessmentTaskDates td
                CROSS JOIN AssessmentTasks t
                CROSS JOIN first_submissions fs
                WHERE td.CohortId = sc.CohortId AND t.Id = td.TaskId
                  AND fs.TaskId = td.TaskId AND fs.CandidateUserId = sc.CandidateUserId AND fs.CohortId = sc.CohortId
                GROUP BY sc.EnrolmentId
            ),
            updates AS (
                SELECT pu.Id, sc.EnrolmentId,
                       ROW_NUMBER() OVER (PARTITION BY sc.EnrolmentId ORDER BY pu.CreatedUtc DESC, pu.Id DESC) AS Rn
                FROM scoped sc
                CROSS JOIN ProgressUpdates pu
                WHERE pu.CandidateUserId = sc.CandidateUserId AND pu.CohortId = sc.CohortId
            ),
            update_scores AS (
                SELECT r.ProgressUpdateId, MIN({ReportSql.RatingScore}) AS MinScore, SUM({ReportSql.RatingScore}) AS Score
                FROM ProgressRatings r
                WHERE r.ProgressUpdateId IN (SELECT Id FROM updates WHERE Rn <= 2)
                GROUP BY r.ProgressUpdateId
            ),
            ratings AS (
                SELECT u.EnrolmentId,
                       MIN(CASE WHEN u.Rn = 1 THEN us.MinScore END) AS LatestMin,
                       SUM(CASE WHEN u.Rn = 1 THEN us.Score END) AS LatestScore,
                       SUM(CASE WHEN u.Rn = 2 THEN us.Score END) AS PreviousScore
                FROM updates u
                JOIN update_scores us ON us.ProgressUpdateId = u.Id
                WHERE u.Rn <= 2
                GROUP BY u.EnrolmentId
            ),
            materials_total AS (
                SELECT m.CourseId, COUNT(*) AS Items
                FROM MaterialItems i JOIN MaterialModules m ON m.Id = i.ModuleId
                WHERE i.State = 'Published' AND m.CourseId IN (SELECT CourseId FROM scoped)
                GROUP BY m.CourseId
            ),
            materials_done AS (
                SELECT sc.EnrolmentId, COUNT(*) AS Done
                FROM scoped sc
                CROSS JOIN MaterialProgress p
                CROSS JOIN MaterialItems i
                CROSS JOIN MaterialModules m
                WHERE p.CandidateUserId = sc.CandidateUserId AND i.Id = p.ItemId AND m.Id = i.ModuleId
                  AND p.IsComplete = 1 AND i.State = 'Published' AND m.CourseId = sc.CourseId
                GROUP BY sc.EnrolmentId
            ),
            accepted_applications AS (
                -- Every row's, stored or not: the DfE ids are read here for all of them.
                SELECT a.ApplicantUserId, a.CohortId, MAX(a.Id) AS Id
                FROM Applications a
                WHERE a.Status = 'Accepted' AND a.ApplicantUserId IN (SELECT CandidateUserId FROM {(stored ? "inscope" : "scoped")})
                GROUP BY a.ApplicantUserId, a.CohortId
            ),
            report AS (
                SELECT sc.EnrolmentId, sc.CandidateUserId, u.DisplayName AS CandidateName, s.Name AS SchoolName,
                       ap.DfeParticipantId, ap.DfeApplicationId, co.Identifier AS CourseIdentifier,
                       ch.Id AS CohortId, ch.Name AS CohortName, {ReportSql.Concat(d, "CAST(ch.StartYear AS VARCHAR(4))", "ch.Suffix")} AS DfeCohort,
                       dp.Name AS DeliveryPartnerName, sc.TrainingStatus, m.DisplayName AS MentorName,
                       {counted} AS SessionsCounted, {attended} AS SessionsAttended,
                       {covered} AS StatementsCovered, {totals} AS StatementsTotal,
                       {Figure("TasksSet", "tk.TasksSet")} AS TasksSet, {Figure("TasksSubmitted", "tk.TasksSubmitted")} AS TasksSubmitted,
                       {(stored ? "COALESCE(f.TasksOnTime, 0)" : "0")} AS TasksOnTime,
                       tk.SubmittedTasks, ch.TimeZone AS CohortTimeZone, {Figure("TasksOverdue", "tk.TasksOverdue")} AS TasksOverdue,
                       {Figure("FinalSubmitted", "tk.FinalSubmitted")} AS FinalSubmitted,
                       {(stored ? "COALESCE(f.LatestRating, rt.LatestMin)" : "rt.LatestMin")} AS LatestRating,
                       {Figure("LatestRatingSum", "rt.LatestScore", "-1")} AS LatestRatingSum, {Figure("PreviousRatingSum", "rt.PreviousScore", "-1")} AS PreviousRatingSum,
                       CASE WHEN {counted} = 0 THEN -1 ELSE {attended} * 100 / {counted} END AS AttendanceSort,
                       {materialsDone} AS MaterialsCompleted, {materialsTotal} AS MaterialsTotal,
                       CASE WHEN {materialsTotal} = 0 THEN -1.0 ELSE {materialsDone} * 1.0 / {materialsTotal} END AS MaterialsSort,
                       {(withCoverage ? $"CASE WHEN {totals} = 0 THEN -1.0 ELSE {covered} * 1.0 / {totals} END" : "NULL")} AS CoverageSort
                FROM {(stored ? "inscope" : "scoped")} sc
                CROSS JOIN Users u
                CROSS JOIN Cohorts ch
                CROSS JOIN Courses co
                LEFT JOIN Schools s ON s.Id = u.SchoolId
                LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
                LEFT JOIN Users m ON m.Id = sc.MentorUserId
                LEFT JOIN accepted_applications apx ON apx.ApplicantUserId = sc.CandidateUserId AND apx.CohortId = sc.CohortId
                LEFT JOIN Applications ap ON ap.Id = apx.Id
                LEFT JOIN attendance at ON at.EnrolmentId = sc.EnrolmentId
                {(withCoverage ? "LEFT JOIN coverage cv ON cv.CandidateUserId = sc.CandidateUserId" : string.Empty)}
                LEFT JOIN tasks tk ON tk.EnrolmentId = sc.EnrolmentId
                LEFT JOIN ratings rt ON rt.EnrolmentId = sc.EnrolmentId
                LEFT JOIN materials_total mt ON mt.CourseId = sc.CourseId
                LEFT JOIN materials_done md ON md.EnrolmentId = sc.EnrolmentId
                {(stored ? $"LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = sc.EnrolmentId AND {FreshFigures}" : string.Empty)}
                WHERE u.Id = sc.CandidateUserId AND ch.Id = sc.CohortId AND co.Id = ch.CourseId
            )
            """;
        return (sql, totals);
    }
}
