using System.Text;
using Dapper;
using Npq.Core.Reporting;

namespace Npq.Data.Reporting;

/// <summary>The completion report's <c>scoped</c> enrolments: whose they are, the filter, and a page chosen first.</summary>
internal sealed partial class CompletionReportSql
{
    /// <summary>True when <see cref="Where"/> filters on the candidate's user row (<c>u</c>): a school's scope.</summary>
    private static bool WhereReadsUsers(ReportScope scope) => scope.ProviderId is null && scope.SchoolId is not null;

    /// <summary>
    /// How a page in a cheap order is found (<see cref="ScopedCte"/>). The provider's whole report (the pages every
    /// admin opens, and whose cost would grow with the provider) is found by walking an index in the sort's order and
    /// stopping after the page: the candidates by name (<c>IX_Users_DisplayName</c>), the schools by name and their
    /// candidates by name (the schools' unique (Name, Country), <c>IX_Users_School</c>), the mentors by name and their mentees
    /// (<c>IX_Users_DisplayName</c>, <c>IX_Enrolments_Mentor</c>), the cohorts by name and their enrolments
    /// (<c>IX_Cohorts_Name</c>). Within a school, a mentor or a cohort the candidates' order is sorted among that
    /// group's rows only. Narrower scopes and a cohort's filter start from their own few enrolments and sort those.
    /// </summary>
    internal enum Walk
    {
        None,
        Names,
        Schools,
        Mentors,
        Cohorts,
    }

    /// <summary>
    /// True for the provider's report sorted by status: a status's enrolments are few (deferred, withdrawn) or nearly
    /// all (active), so no single walk suits every page. The repository counts each status's enrolments
    /// (<see cref="CountByStatus"/>) and reads the page's part of each status's group in the candidates' order
    /// (<see cref="StoredPage"/> filtered to that status), walking the names or sorting the group, whichever reads
    /// fewer rows.
    /// </summary>
    public static bool SplitsByStatus(ReportScope scope, CompletionFilter filter) =>
        scope.ProviderId is not null && filter.CohortId is null && filter.Sort is CompletionSort.Status;

    private static Walk WalkOf(ReportScope scope, CompletionFilter filter) => scope.ProviderId is null || filter.CohortId is not null
        ? Walk.None
        : filter.Sort switch
        {
            CompletionSort.Candidate => Walk.Names,
            CompletionSort.School => Walk.Schools,
            CompletionSort.Mentor => Walk.Mentors,
            CompletionSort.Cohort => Walk.Cohorts,
            _ => Walk.None,
        };

    /// <summary>The columns of each enrolment in <c>scoped</c>, whichever way it is read.</summary>
    private const string ScopedColumns = """
        e.Id AS EnrolmentId, e.CandidateUserId, e.CohortId, e.MentorUserId, e.TrainingStatus,
        ch.AttendanceThresholdPercent AS Threshold, ch.TimeZone AS CohortZone, ch.CourseId
        """;

    /// <summary>The enrolment's cohort and course, joined in the walk's order (after the tables the walk starts from).</summary>
    private const string WalkJoins = "ch.Id = e.CohortId AND co.Id = ch.CourseId";

    private string ScopedCte(string where, string? pageOrder = null, string page = "", Walk walk = Walk.None, bool descending = false, string name = "scoped", string materialized = "", string sortKey = "NULL")
    {
        if (pageOrder is null)
        {
            return $"""
                {name} AS {materialized}(
                        SELECT {ScopedColumns}
                        FROM Enrolments e
                        JOIN Cohorts ch ON ch.Id = e.CohortId
                        JOIN Courses co ON co.Id = ch.CourseId
                        JOIN Users u ON u.Id = e.CandidateUserId
                        WHERE {where}
                    )
                """;
        }

        // CROSS JOIN keeps SQLite's order: the walk's first table in the sort's order, so the page's rows come first and
        // the walk stops there. A group's key equal on several rows (a school, a mentor, a cohort, or one name) is
        // broken by the candidate's name and ids, sorted within that group alone. The rows with no school or no mentor
        // (sorted first ascending, last descending, as NULL sorts in both dialects) are a second arm, merged in order.
        // Every page's rows carry their order out (SortKey, SortName, SortUser; CarriedOrder), so that the page reads
        // none of these tables again to be put in order.
        var direction = descending ? "DESC" : "ASC";
        var carried = $"{sortKey} AS SortKey, u.DisplayName AS SortName, u.Id AS SortUser";
        var body = walk switch
        {
            Walk.Names => $"""
                SELECT {ScopedColumns}, {carried}
                FROM Users u
                CROSS JOIN Enrolments e
                CROSS JOIN Cohorts ch
                CROSS JOIN Courses co
                WHERE e.CandidateUserId = u.Id AND {WalkJoins} AND {where}
                ORDER BY {pageOrder}{page}
                """,
            // The candidates with no school: the provider's sort-key rows of those (IX_EnrolmentSortKeys_NoSchool, migration
            // 0046), in their order, never every user with no school (the provider's staff).
            Walk.Schools => GroupWalk("s.Name", "Schools s CROSS JOIN Users u CROSS JOIN Enrolments e", "u.SchoolId = s.Id AND e.CandidateUserId = u.Id",
                "EnrolmentSortKeys k CROSS JOIN Enrolments e CROSS JOIN Users u",
                "k.ProviderId = @ScopeProviderId AND k.CandidateSchoolId IS NULL AND e.Id = k.EnrolmentId AND u.Id = e.CandidateUserId AND u.SchoolId IS NULL",
                $"{dialect.NoKey("k.CandidateSchoolId")}, k.CandidateName, k.CandidateUserId"),
            Walk.Mentors => GroupWalk("m.DisplayName", "Users m CROSS JOIN Enrolments e CROSS JOIN Users u", "e.MentorUserId = m.Id AND u.Id = e.CandidateUserId",
                "Enrolments e CROSS JOIN Users u", "e.MentorUserId IS NULL AND u.Id = e.CandidateUserId"),
            Walk.Cohorts => $"""
                SELECT {ScopedColumns}, ch.Name AS SortKey, u.DisplayName AS SortName, u.Id AS SortUser
                FROM Cohorts ch{dialect.WalkedBy("IX_Cohorts_Name")}
                CROSS JOIN Enrolments e
                CROSS JOIN Users u
                CROSS JOIN Courses co
                WHERE e.CohortId = ch.Id AND u.Id = e.CandidateUserId AND co.Id = ch.CourseId AND {where}
                ORDER BY SortKey {direction}, SortName, SortUser, EnrolmentId{page}
                """,
            _ => $"""
                SELECT {ScopedColumns}, {carried}
                FROM Enrolments e
                JOIN Cohorts ch ON ch.Id = e.CohortId
                JOIN Courses co ON co.Id = ch.CourseId
                JOIN Users u ON u.Id = e.CandidateUserId
                LEFT JOIN Schools s ON s.Id = u.SchoolId
                LEFT JOIN Users m ON m.Id = e.MentorUserId
                WHERE {where}
                ORDER BY {pageOrder}{page}
                """,
        };
        return $"""
            {name} AS {materialized}(
            {body}
                )
            """;

        // A walk of the groups (schools, mentors) by name, each group's candidates through an index, and the rows of no
        // group as a second arm: the two merged in the report's order. The second arm's key, name and candidate can be
        // read from the index it walks (ungroupedOrder), so its rows come in order and are not sorted.
        string GroupWalk(string key, string grouped, string groupedOn, string ungrouped, string ungroupedOn, string ungroupedOrder = "NULL, u.DisplayName, u.Id") => $"""
            SELECT {ScopedColumns}, {key} AS SortKey, u.DisplayName AS SortName, u.Id AS SortUser
            FROM {grouped}
            CROSS JOIN Cohorts ch
            CROSS JOIN Courses co
            WHERE {groupedOn} AND {WalkJoins} AND {where}
            UNION ALL
            SELECT {ScopedColumns}, {ungroupedOrder}
            FROM {ungrouped}
            CROSS JOIN Cohorts ch
            CROSS JOIN Courses co
            WHERE {ungroupedOn} AND {WalkJoins} AND {where}
            ORDER BY SortKey {direction}, SortName, SortUser, EnrolmentId{page}
            """;
    }

    /// <summary>
    /// The sorts that need none of the report's figures, as an ORDER BY over the enrolments' own tables: a page in
    /// one of these orders is chosen first and only its rows' figures computed, so the first page of 25 costs the
    /// same whatever the provider's size. Null for the sorts by a figure (attendance, coverage...), which need all rows.
    /// </summary>
    private static string? CheapOrder(CompletionFilter filter, string status = "e.TrainingStatus", string enrolmentId = "e.Id")
    {
        var column = filter.Sort is CompletionSort.Attendance or CompletionSort.Coverage or CompletionSort.Submitted or CompletionSort.Rating or CompletionSort.Materials
            ? null
            : SortColumn(filter.Sort, status) ?? "u.DisplayName";
        if (column is null)
        {
            return null;
        }

        // Candidates of the same name are told apart by their user id before their enrolments: in the name order that is
        // the index's own (IX_Users_DisplayName ends with the row id), so the walk stops after the page however many
        // share the page's last name. Breaking the tie by enrolment id made it read every candidate of that name.
        var direction = filter.Descending ? "DESC" : "ASC";
        return column == "u.DisplayName" ? $"{column} {direction}, u.Id {direction}, {enrolmentId}" : $"{column} {direction}, u.DisplayName, u.Id, {enrolmentId}";
    }

    /// <summary>The group a cheap order sorts by before the candidates' names (null: the names alone, or a figure).</summary>
    private static string? SortColumn(CompletionSort sort, string status = "e.TrainingStatus") => sort switch
    {
        CompletionSort.School => "s.Name",
        CompletionSort.Cohort => "ch.Name",
        CompletionSort.Status => status,
        CompletionSort.Mentor => "m.DisplayName",
        _ => null,
    };

    /// <summary>
    /// <see cref="CheapOrder"/> over the sort columns a page's rows carry out of <see cref="ScopedCte"/> (as <c>sc</c>):
    /// the same order, read from the rows themselves.
    /// </summary>
    private static string CarriedOrder(CompletionFilter filter)
    {
        var direction = filter.Descending ? "DESC" : "ASC";
        return SortColumn(filter.Sort) is null
            ? $"sc.SortName {direction}, sc.SortUser {direction}, sc.EnrolmentId"
            : $"sc.SortKey {direction}, sc.SortName, sc.SortUser, sc.EnrolmentId";
    }

    /// <param name="walked">For a page found by a walk (<see cref="ScopedCte"/>): the status is tested on the row as a
    /// whole (with the course, last in every walk) rather than on the enrolment alone. SQLite, given statistics, answers
    /// a test on the enrolment beyond its join by first building a Bloom filter of every enrolment that passes, before
    /// the walk: at 100,000 candidates 12 ms for a page of active candidates instead of 0.5 ms.</param>
    private static (string Where, DynamicParameters Parameters) Where(ReportScope scope, CompletionFilter filter, bool walked = false)
    {
        var where = new StringBuilder();
        var parameters = new DynamicParameters();
        if (scope.ProviderId is { } providerId)
        {
            where.Append("co.ProviderId = @ScopeProviderId");
            parameters.Add("ScopeProviderId", providerId);
        }
        else if (scope.SchoolId is { } schoolId)
        {
            where.Append("u.SchoolId = @ScopeSchoolId");
            parameters.Add("ScopeSchoolId", schoolId);
        }
        else if (scope.MentorUserId is { } mentorId)
        {
            where.Append("e.MentorUserId = @ScopeMentorUserId");
            parameters.Add("ScopeMentorUserId", mentorId);
        }
        else
        {
            where.Append("1 = 0");
        }

        if (filter.CourseId is { } courseId)
        {
            where.Append(" AND ch.CourseId = @CourseId");
            parameters.Add("CourseId", courseId);
        }

        if (filter.CohortId is { } cohortId)
        {
            where.Append(" AND e.CohortId = @CohortId");
            parameters.Add("CohortId", cohortId);
        }

        if (filter.DeliveryPartnerId is { } partnerId)
        {
            where.Append(" AND ch.DeliveryPartnerId = @DeliveryPartnerId");
            parameters.Add("DeliveryPartnerId", partnerId);
        }

        if (filter.Status is { } status)
        {
            // co.Id < 0 is never true: it only makes the test one of the whole row's (see walked).
            where.Append(walked ? " AND (e.TrainingStatus = @Status OR co.Id < 0)" : " AND e.TrainingStatus = @Status");
            parameters.Add("Status", status.ToString());
        }

        return (where.ToString(), parameters);
    }
}
