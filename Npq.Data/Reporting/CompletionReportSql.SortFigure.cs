using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>The completion report's page when it is sorted by a figure (issue 23): the figure alone chooses the page.</summary>
internal sealed partial class CompletionReportSql
{
    /// <summary>True when the filter sorts by a figure (attendance, coverage, submitted, rating, materials): see <see cref="SortFigurePage"/>.</summary>
    public static bool SortsByFigure(CompletionFilter filter) => CheapOrder(filter) is null;

    /// <summary>
    /// True when a page sorted by a figure is found by walking the figure's stored keys (<see cref="SortFigureWalk"/>):
    /// the provider's report, unless filtered to one cohort. A cohort's, a school's (a headteacher's) and a mentor's
    /// rows are few whatever the provider's size, and are sorted as before (<see cref="SortFigurePage"/>).
    /// </summary>
    public static bool WalksFigure(ReportScope scope, CompletionFilter filter) =>
        SortsByFigure(filter) && scope.ProviderId is not null && filter.CohortId is null;

    /// <summary>
    /// The index walked for a figure's order (migration 0045) and its column in <c>EnrolmentSortKeys</c>: the figure's
    /// key, or its negated twin for the descending order (the figure descending and the name still ascending).
    /// </summary>
    private static (string Index, string Column, string Key) SortKeyOf(CompletionFilter filter)
    {
        var (name, key, negated) = filter.Sort switch
        {
            CompletionSort.Attendance => ("Attendance", "AttendanceKey", "AttendanceKeyDesc"),
            CompletionSort.Coverage => ("Coverage", "CoverageKey", "CoverageKeyDesc"),
            CompletionSort.Submitted => ("Submitted", "TasksSubmitted", "SubmittedKeyDesc"),
            CompletionSort.Rating => ("Rating", "LatestRatingSum", "RatingKeyDesc"),
            CompletionSort.Materials => ("Materials", "MaterialsKey", "MaterialsKeyDesc"),
            _ => throw new ArgumentException("Not a sort by a figure.", nameof(filter)),
        };
        return filter.Descending ? ($"IX_EnrolmentSortKeys_{name}Desc", negated, key) : ($"IX_EnrolmentSortKeys_{name}", key, key);
    }

    /// <summary>
    /// The provider's enrolments whose keys are not stored (the head of the attendance walk: its key is NULL exactly
    /// when the parts are) or past their moment, at most <c>@Take</c> of them (<c>@Skip</c> 0): the rows a walk must
    /// merge computed live. Two index ranges, whatever the provider's size.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) LiveSortKeys(ReportScope scope, DateTime nowUtc)
    {
        var parameters = new DynamicParameters();
        parameters.Add("ScopeProviderId", scope.ProviderId ?? throw new ArgumentException("A provider's report only.", nameof(scope)));
        parameters.Add("NowUtc", nowUtc);
        var sql = $"""
            SELECT EnrolmentId FROM (
                SELECT k.EnrolmentId FROM EnrolmentSortKeys k{dialect.WalkedBy("IX_EnrolmentSortKeys_Attendance")}
                WHERE k.ProviderId = @ScopeProviderId AND k.AttendanceKey IS NULL
                UNION ALL
                SELECT k.EnrolmentId FROM EnrolmentSortKeys k{dialect.WalkedBy("IX_EnrolmentSortKeys_Expiring")}
                WHERE k.ProviderId = @ScopeProviderId AND k.ValidUntilUtc <= @NowUtc
            ) live
            ORDER BY EnrolmentId{dialect.Page}
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// The first <c>@Take</c> enrolments whose sort keys have no parts, by id (a range of their index, migration 0052):
    /// the rows the figures job's next batch picks, and the only ones whose stored figures it copies. Bounded so that a
    /// turn costs its batch whatever the number of keys to fill (all of them in a new database: reading every one of
    /// those for a stored row took 22 ms a turn at 100,000 candidates, to find none). It names its partial index: with
    /// statistics taken while every key had no parts (the benchmark's database, analysed before the job ran), SQLite
    /// read every key instead, 0.5 ms a read at 10,000 candidates once they were filled.
    /// </summary>
    internal static string FirstUnstoredKeys(ISqlDialect dialect) =>
        $"SELECT EnrolmentId FROM EnrolmentSortKeys{dialect.WalkedBy("IX_EnrolmentSortKeys_Unstored")} WHERE SessionsCounted IS NULL ORDER BY EnrolmentId{dialect.Page}";

    /// <summary>
    /// Whether <see cref="CopyStoredSortKeys"/> has work: a row among <see cref="FirstUnstoredKeys"/> whose figures are
    /// stored. The copy itself, an UPDATE with a FROM clause, took half a millisecond to find nothing on every turn of the
    /// figures job, and the writer's turn with it. Takes <c>@Skip</c> and <c>@Take</c>.
    /// </summary>
    public string AnyStoredSortKeysToCopy => $"SELECT CASE WHEN EXISTS ({SortKeysToCopy}) THEN 1 ELSE 0 END";

    /// <summary>The enrolments among <see cref="FirstUnstoredKeys"/> whose figures are stored (not claimed): what the copy fills.</summary>
    private string SortKeysToCopy => $"""
        SELECT unstored.EnrolmentId FROM ({FirstUnstoredKeys(dialect)}) unstored
        JOIN EnrolmentFigures kf ON kf.EnrolmentId = unstored.EnrolmentId
        WHERE kf.Claim IS NULL
        """;

    /// <summary>
    /// Copies into <c>EnrolmentSortKeys</c> the key parts of the enrolments among <see cref="FirstUnstoredKeys"/>
    /// (<c>@Skip</c> 0, <c>@Take</c>) whose figures are stored (not claimed): after migration 0045, whose rows start with no keys,
    /// the keys come from the figures already kept rather than from computing every figure again. The parts are the
    /// stored figures, coverage's total the statements of the course's framework, as the job stores them.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) CopyStoredSortKeys()
    {
        var parameters = new DynamicParameters();
        var totals = StatementTotals(parameters);
        var sql = $"""
            UPDATE EnrolmentSortKeys
            SET SessionsCounted = f.SessionsCounted, SessionsAttended = f.SessionsAttended, StatementsCovered = f.StatementsCovered,
                StatementsTotal = {totals}, TasksSubmitted = f.TasksSubmitted, LatestRatingSum = f.LatestRatingSum,
                MaterialsCompleted = f.MaterialsCompleted, MaterialsTotal = f.MaterialsTotal, ValidUntilUtc = f.ValidUntilUtc
            FROM EnrolmentFigures f
            JOIN Enrolments e ON e.Id = f.EnrolmentId
            JOIN Cohorts ch ON ch.Id = e.CohortId
            JOIN Courses co ON co.Id = ch.CourseId
            WHERE f.EnrolmentId = EnrolmentSortKeys.EnrolmentId AND f.Claim IS NULL AND EnrolmentSortKeys.SessionsCounted IS NULL
              AND f.EnrolmentId IN ({SortKeysToCopy})
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// For the provider's report sorted by a figure (<see cref="WalksFigure"/>): the enrolment ids of one page
    /// (<c>@Skip</c>, <c>@Take</c>) in the report's order (the figure, then the candidate's name, the candidate and the
    /// enrolment), found by walking the figure's stored keys in that order and stopping after <c>@Skip</c> +
    /// <c>@Take</c> rows that pass the filter, merged with <paramref name="liveIds"/> (the rows whose keys are not
    /// stored or are past their moment, from <see cref="LiveSortKeys"/>) with their figure computed live as
    /// <see cref="SortFigurePage"/> computes it. The rows before the page are all among those two, so the page is the
    /// whole report's rows there. <paramref name="todayByZone"/> is needed only when <paramref name="liveIds"/> is not empty.
    /// </summary>
    public (string Sql, DynamicParameters Parameters) SortFigureWalk(ReportScope scope, CompletionFilter filter, IReadOnlyList<int> liveIds,
        IReadOnlyDictionary<string, DateOnly>? todayByZone, DateTime nowUtc, int skip, int take)
    {
        if (!WalksFigure(scope, filter))
        {
            throw new ArgumentException("Only the provider's report sorted by a figure is walked.", nameof(filter));
        }

        var (walkedWhere, parameters) = Where(scope, filter, walked: true);
        var (index, column, key) = SortKeyOf(filter);
        parameters.Add("NowUtc", nowUtc);
        parameters.Add("Skip", skip);
        parameters.Add("Take", take);

        // The stored keys, fresh at @NowUtc, in the walked index's order (which holds every column read: the provider's
        // whole report is a walk of the index alone). A filter by course, delivery partner or status is tested on each
        // row's enrolment, cohort and course, key lookups after the walk (CROSS JOIN keeps SQLite to the walk first).
        var filtered = filter.CourseId is not null || filter.DeliveryPartnerId is not null || filter.Status is not null;
        var filterJoins = filtered ? "\n    CROSS JOIN Enrolments e\n    CROSS JOIN Cohorts ch\n    CROSS JOIN Courses co" : string.Empty;
        var filterWhere = filtered ? $"\n  AND e.Id = k.EnrolmentId AND {WalkJoins} AND {walkedWhere}" : string.Empty;
        string Walk(string select, string page) => $"""
            SELECT {select}
            FROM EnrolmentSortKeys k{dialect.WalkedBy(index)}{filterJoins}
            WHERE k.ProviderId = @ScopeProviderId AND k.{column} IS NOT NULL AND (k.ValidUntilUtc IS NULL OR k.ValidUntilUtc > @NowUtc){filterWhere}
            ORDER BY k.{column}, k.CandidateName, k.CandidateUserId, k.EnrolmentId{page}
            """;

        if (liveIds.Count == 0)
        {
            return (Walk("k.EnrolmentId", dialect.Page), parameters);
        }

        // The live rows' figures as the sort by a figure computes them, restricted to those rows (so are the CTEs).
        var (liveWhere, _) = Where(scope, filter);
        liveWhere += " AND e.Id IN " + IdList.Parameters("LiveIds", liveIds, parameters);
        parameters.Add("WalkTake", skip + take);
        var (ctes, totals) = Ctes(liveWhere, parameters, todayByZone ?? throw new ArgumentNullException(nameof(todayByZone)), nowUtc,
            withCoverage: filter.Sort == CompletionSort.Coverage, stored: true);
        var (join, figure) = LiveFigure(filter, totals);
        var direction = filter.Descending ? "DESC" : "ASC";
        var walkPage = dialect.Page.Replace("@Take", "@WalkTake", StringComparison.Ordinal).Replace("@Skip", "0", StringComparison.Ordinal);
        var sql = $"""
            {ctes},
            walked AS (
            {Walk($"k.EnrolmentId, k.{key} AS SortKey, k.CandidateName AS SortName, k.CandidateUserId AS SortUser", walkPage)}
            ),
            computed AS (
                SELECT e.Id AS EnrolmentId, {figure} AS SortKey, u.DisplayName AS SortName, u.Id AS SortUser
                {FigureRows}
                {join}
                WHERE {liveWhere}
            )
            SELECT EnrolmentId FROM (
                SELECT EnrolmentId, SortKey, SortName, SortUser FROM walked
                UNION ALL
                SELECT EnrolmentId, SortKey, SortName, SortUser FROM computed
            ) merged
            ORDER BY SortKey {direction}, SortName, SortUser, EnrolmentId{dialect.Page}
            """;
        return (sql, parameters);
    }

    /// <summary>The enrolments a figure is computed over, with their cohort, course, candidate and fresh stored figures (<c>f</c>).</summary>
    private const string FigureRows = $"""
        FROM Enrolments e
        JOIN Cohorts ch ON ch.Id = e.CohortId
        JOIN Courses co ON co.Id = ch.CourseId
        JOIN Users u ON u.Id = e.CandidateUserId
        LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = e.Id AND {FreshFigures}
        """;

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
        var (join, figure) = LiveFigure(filter, totals);
        var direction = filter.Descending ? "DESC" : "ASC";
        var sql = $"""
            {ctes}
            SELECT e.Id AS EnrolmentId
            {FigureRows}
            {join}
            WHERE {where}
            ORDER BY {figure} {direction}, u.DisplayName, u.Id, e.Id{dialect.Page}
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// The sort's figure of an enrolment (<c>e</c>, its cohort <c>ch</c>): its stored one when a fresh row is kept
    /// (<c>f</c>), else the one computed live (<c>scoped</c> holds only the rows without a fresh stored row). Exact
    /// either way; the expressions are the report's own, and the stored keys of migration 0045 are written the same way.
    /// </summary>
    private static (string Join, string Figure) LiveFigure(CompletionFilter filter, string totals) => filter.Sort switch
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
}
