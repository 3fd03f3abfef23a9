using System.Text;
using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>The completion report's page read from the figures kept per enrolment (issue 23).</summary>
internal sealed partial class CompletionReportSql
{
    /// <summary>
    /// One page of the report as stored: the page's enrolments (chosen in a cheap order, or the given ids of a page a
    /// figure chose), and each one's figures, names and DfE ids from <c>EnrolmentFigures</c> when a fresh row is kept.
    /// <c>FiguresOf</c> is null on a row with no fresh figures; the repository computes those rows live
    /// (<see cref="Build"/> with their ids) and asks for their released outcomes, which a kept row holds. Once the
    /// figures job has run that is none, and the page is a walk of 25 rows and a key lookup or two each: none of the
    /// report's aggregate CTEs is built.
    /// </summary>
    /// <param name="paged">False for every row in scope and filter (an export, a cohort's dashboard), in the report's
    /// order: only for a sort that needs no figure.</param>
    /// <param name="walk">How the page is found, when not as <see cref="WalkOf"/> chooses: a status's group of a
    /// provider's report sorted by status (<see cref="SplitsByStatus"/>) walks the names only when that finds the page
    /// sooner than sorting the group's rows.</param>
    /// <param name="columns">Every field, or only those the report's table shows (<see cref="CompletionColumns.Table"/>).</param>
    public (string Sql, DynamicParameters Parameters) StoredPage(ReportScope scope, CompletionFilter filter, DateTime nowUtc, IReadOnlyList<int>? enrolmentIds,
        bool paged = true, Walk? walk = null, CompletionColumns columns = CompletionColumns.All)
    {
        walk ??= WalkOf(scope, filter);
        var (where, parameters) = Where(scope, filter, walked: enrolmentIds is null && paged && walk != Walk.None);
        string? order = null;
        if (enrolmentIds is not null)
        {
            where += " AND e.Id IN " + IdList.Parameters("PageEnrolmentIds", enrolmentIds, parameters);
        }
        else
        {
            order = CheapOrder(filter) ?? throw new ArgumentException("A sort by a figure chooses its rows by SortFigurePage.", nameof(filter));
        }

        parameters.Add("NowUtc", nowUtc);
        var d = dialect;
        var totals = StatementTotals(parameters);
        if (order is not null && paged && OneStatementWalk(scope, walk.Value) is { } from)
        {
            // The page and its kept rows in one statement: the page's rows found in the report's order by an index that
            // gives that order, and only they joined to their figures.
            return ($"""
                SELECT {StoredColumns("e.Id", "e", totals, columns)}
                FROM {from}
                LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = e.Id AND {FreshFigures}
                WHERE e.CandidateUserId = u.Id AND {WalkJoins} AND {where}
                ORDER BY {order}{d.Page}
                """, parameters);
        }

        var materialized = ReportSql.Materialized(d);
        var inscope = order is not null && paged
            ? ScopedCte(where, order, d.Page, walk.Value, filter.Descending, "inscope", materialized, SortColumn(filter.Sort) ?? "NULL")
            : ScopedCte(where, name: "inscope", materialized: materialized);

        // A page's rows carry their order out of inscope (CarriedOrder); every row in scope (an export, a dashboard) is
        // put in order over the outer query's own tables: the candidate, whose name and id end every order, and the
        // sort's own group. The given ids come in the order their figure chose; the repository keeps it.
        var carried = order is not null && paged;
        var orderBy = order is null ? string.Empty : $"ORDER BY {(carried ? CarriedOrder(filter) : CheapOrder(filter, "sc.TrainingStatus", "sc.EnrolmentId"))}";
        var orderJoins = order is null || carried ? string.Empty : OrderJoins(filter.Sort);
        // CROSS JOIN keeps SQLite to the page's rows first, then a key lookup each; with JOIN it chose to scan the courses
        // and run through the page once per course.
        var sql = $"""
            WITH {inscope}
            SELECT {StoredColumns("sc.EnrolmentId", "sc", totals, columns)}
            FROM inscope sc
            CROSS JOIN Courses co
            {orderJoins}
            LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = sc.EnrolmentId AND {FreshFigures}
            WHERE co.Id = sc.CourseId
            {orderBy}
            """;
        return (sql, parameters);
    }

    /// <summary>
    /// The tables a page is read from in one statement (<see cref="StoredPage"/>), in the order SQLite walks them: the
    /// provider's report (or a status's group of it) walked by name, so nothing is sorted and the walk stops after the
    /// page, and a school's candidates walked by name within the school (<c>IX_Users_School</c>) or sorted among its few
    /// rows in the other orders. Null where the page is chosen first (<see cref="ScopedCte"/>): the provider's other
    /// walks, its cohorts, a status's group sorted, and a mentor's mentees (their rows sorted with all their columns cost
    /// what choosing the page first saves).
    /// </summary>
    private static string? OneStatementWalk(ReportScope scope, Walk walk) => walk switch
    {
        Walk.Names => ByName,
        Walk.None when scope.ProviderId is null && scope.SchoolId is not null =>
            ByName + "\nLEFT JOIN Schools s ON s.Id = u.SchoolId\nLEFT JOIN Users m ON m.Id = e.MentorUserId",
        _ => null,
    };

    /// <summary>The candidates walked by name, each one's enrolments, cohort and course after them.</summary>
    private const string ByName = "Users u\nCROSS JOIN Enrolments e\nCROSS JOIN Cohorts ch\nCROSS JOIN Courses co";

    /// <summary>
    /// A stored page's columns: the enrolment's own (<paramref name="enrolmentId"/>, the rest from <paramref name="row"/>),
    /// the course's (<c>co</c>), and the names, DfE ids, figures and released outcome of the kept row (<c>f</c>, migrations
    /// 0059 and 0060). A row with none fresh has a null <c>FiguresOf</c>, and the repository computes it live, names,
    /// outcome and all. The fields the report's table does not show are read only for <see cref="CompletionColumns.All"/>:
    /// each value read costs the page about 160-190 ns (three or four native calls), and a page of 25 rows leaves out 200.
    /// The rows are read by position (<see cref="StoredCompletionRowReader"/>): a column added here is added there, in
    /// the same place.
    /// </summary>
    private static string StoredColumns(string enrolmentId, string row, string totals, CompletionColumns columns)
    {
        var notShown = columns == CompletionColumns.Table ? string.Empty : $"""
            ,
                   {row}.CandidateUserId, {row}.CohortId, f.DfeApplicationId, co.Identifier AS CourseIdentifier, f.DeliveryPartnerName,
                   COALESCE(f.FinalSubmitted, 0) AS FinalSubmitted,
                   COALESCE(f.LatestRatingSum, -1) AS LatestRatingSum, COALESCE(f.PreviousRatingSum, -1) AS PreviousRatingSum
            """;
        return $"""
            {enrolmentId} AS EnrolmentId, f.CandidateName, f.SchoolName, f.DfeParticipantId, f.CohortName, f.DfeCohort,
                   {row}.TrainingStatus, f.MentorName, f.EnrolmentId AS FiguresOf,
                   COALESCE(f.SessionsCounted, 0) AS SessionsCounted, COALESCE(f.SessionsAttended, 0) AS SessionsAttended,
                   COALESCE(f.StatementsCovered, 0) AS StatementsCovered, {totals} AS StatementsTotal,
                   COALESCE(f.TasksSet, 0) AS TasksSet, COALESCE(f.TasksSubmitted, 0) AS TasksSubmitted,
                   COALESCE(f.TasksOnTime, 0) AS TasksOnTime, COALESCE(f.TasksOverdue, 0) AS TasksOverdue, f.LatestRating,
                   COALESCE(f.MaterialsCompleted, 0) AS MaterialsCompleted, COALESCE(f.MaterialsTotal, 0) AS MaterialsTotal,
                   f.Outcome, f.CompletionDate{notShown}
            """;
    }

    /// <summary>
    /// The tables a cheap order (<see cref="CheapOrder"/>) sorts by, joined to the page's rows: the candidate for every
    /// order (their name and id break its ties), and the school, cohort or mentor when sorted by it.
    /// </summary>
    private static string OrderJoins(CompletionSort sort) => "JOIN Users u ON u.Id = sc.CandidateUserId" + sort switch
    {
        CompletionSort.School => "\nLEFT JOIN Schools s ON s.Id = u.SchoolId",
        CompletionSort.Cohort => "\nJOIN Cohorts ch ON ch.Id = sc.CohortId",
        CompletionSort.Mentor => "\nLEFT JOIN Users m ON m.Id = sc.MentorUserId",
        _ => string.Empty,
    };

    /// <summary>Statements per framework, as a CASE over the course's framework (<c>co.FrameworkCode</c>): coverage's denominator.</summary>
    private string StatementTotals(DynamicParameters parameters)
    {
        var totals = new StringBuilder("CASE co.FrameworkCode");
        var i = 0;
        foreach (var framework in frameworks.All)
        {
            totals.Append($" WHEN @Fw{i} THEN {framework.AllStatements.Count()}");
            parameters.Add($"Fw{i}", framework.Code);
            i++;
        }

        return totals.Append(" ELSE 0 END").ToString();
    }
}
