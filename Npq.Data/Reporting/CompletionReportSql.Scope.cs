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
    /// True when a page in the candidates' name order is best found by walking the candidates in that order
    /// (<c>IX_Users_DisplayName</c>) and stopping after the page: the provider's whole report by name (the first page
    /// every admin opens). Narrower scopes and a cohort's filter start from their own few enrolments and sort those.
    /// </summary>
    private static bool WalksNames(ReportScope scope, CompletionFilter filter) =>
        scope.ProviderId is not null && filter.CohortId is null && filter.Sort is CompletionSort.Candidate;

    /// <summary>The columns of each enrolment in <c>scoped</c>, whichever way it is read.</summary>
    private const string ScopedColumns = """
        e.Id AS EnrolmentId, e.CandidateUserId, e.CohortId, e.MentorUserId, e.TrainingStatus,
        ch.AttendanceThresholdPercent AS Threshold, ch.TimeZone AS CohortZone, ch.CourseId
        """;

    private static string ScopedCte(string where, string? pageOrder = null, string page = "", bool walkNames = false, string name = "scoped", string materialized = "") => pageOrder is null
        ? $"""
            {name} AS {materialized}(
                    SELECT {ScopedColumns}
                    FROM Enrolments e
                    JOIN Cohorts ch ON ch.Id = e.CohortId
                    JOIN Courses co ON co.Id = ch.CourseId
                    JOIN Users u ON u.Id = e.CandidateUserId
                    WHERE {where}
                )
            """
        : walkNames
        // CROSS JOIN keeps SQLite's order: the candidates by name first, so the page's rows come first and the walk
        // stops there (the enrolment id, the name's tie-break, is sorted among equal names only).
        ? $"""
            {name} AS {materialized}(
                    SELECT {ScopedColumns}
                    FROM Users u
                    CROSS JOIN Enrolments e
                    CROSS JOIN Cohorts ch
                    CROSS JOIN Courses co
                    WHERE e.CandidateUserId = u.Id AND ch.Id = e.CohortId AND co.Id = ch.CourseId AND {where}
                    ORDER BY {pageOrder}{page}
                )
            """
        : $"""
            {name} AS {materialized}(
                    SELECT {ScopedColumns}
                    FROM Enrolments e
                    JOIN Cohorts ch ON ch.Id = e.CohortId
                    JOIN Courses co ON co.Id = ch.CourseId
                    JOIN Users u ON u.Id = e.CandidateUserId
                    LEFT JOIN Schools s ON s.Id = u.SchoolId
                    LEFT JOIN Users m ON m.Id = e.MentorUserId
                    WHERE {where}
                    ORDER BY {pageOrder}{page}
                )
            """;

    /// <summary>
    /// The sorts that need none of the report's figures, as an ORDER BY over the enrolments' own tables: a page in
    /// one of these orders is chosen first and only its rows' figures computed, so the first page of 25 costs the
    /// same whatever the provider's size. Null for the sorts by a figure (attendance, coverage...), which need all rows.
    /// </summary>
    private static string? CheapOrder(CompletionFilter filter, string status = "e.TrainingStatus", string enrolmentId = "e.Id")
    {
        var column = filter.Sort switch
        {
            CompletionSort.School => "s.Name",
            CompletionSort.Cohort => "ch.Name",
            CompletionSort.Status => status,
            CompletionSort.Mentor => "m.DisplayName",
            CompletionSort.Attendance or CompletionSort.Coverage or CompletionSort.Submitted or CompletionSort.Rating or CompletionSort.Materials => null,
            _ => "u.DisplayName",
        };
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

    private static (string Where, DynamicParameters Parameters) Where(ReportScope scope, CompletionFilter filter)
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
            where.Append(" AND e.TrainingStatus = @Status");
            parameters.Add("Status", status.ToString());
        }

        return (where.ToString(), parameters);
    }
}
