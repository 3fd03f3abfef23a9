using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>Scopes and filter choices for reports and dashboards; a provider's or mentor's filter choices are remembered
/// for a few seconds when a <see cref="ReportChoicesCache"/> is given, and a user's provider and school are read with
/// the rest of their session's row when <see cref="IUserSessions"/> is given (the site gives both).</summary>
public sealed class ReportLookupRepository(IDbConnectionFactory db, ReportChoicesCache? choices = null, IUserSessions? sessions = null) : IReportLookups
{
    public async Task<(int? ProviderId, int? SchoolId)> GetAffiliationAsync(int userId, CancellationToken cancellationToken = default)
    {
        if (sessions is not null)
        {
            // Every write to a user's row forgets their session row at once, on every instance (UserSessionCache).
            return await sessions.GetAsync(userId, cancellationToken) is { IsActive: true } user ? (user.ProviderId, user.SchoolId) : default;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(int? ProviderId, int? SchoolId)>(new CommandDefinition(
            "SELECT ProviderId, SchoolId FROM Users WHERE Id = @userId AND IsActive = 1", new { userId }, cancellationToken: cancellationToken));
        return row;
    }

    public async Task<IReadOnlyList<CohortOption>> GetCohortsAsync(ReportScope scope, CancellationToken cancellationToken = default)
    {
        const string select = """
            SELECT ch.Id AS CohortId, ch.Name AS CohortName, co.Id AS CourseId, co.Name AS CourseName,
                   dp.Id AS DeliveryPartnerId, dp.Name AS DeliveryPartnerName, ch.TimeZone
            FROM Cohorts ch
            JOIN Courses co ON co.Id = ch.CourseId
            LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
            """;
        var parameters = new DynamicParameters();
        if (CohortsInScope(scope, parameters) is not { } inScope)
        {
            return [];
        }

        var sql = $"{select} WHERE {inScope} ORDER BY co.Name, co.Id, ch.StartDate, ch.Name";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<CohortOption>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<ReportFilterChoices> GetFilterChoicesAsync(ReportScope scope, int? courseId, int? cohortId, int cohortLimit, CancellationToken cancellationToken = default)
    {
        var parameters = new DynamicParameters();
        if (CohortsInScope(scope, parameters) is not { } inScope)
        {
            return ReportFilterChoices.None;
        }

        Func<CancellationToken, Task<ReportFilterChoices>> load = scope.ProviderId is null
            ? cancel => PeoplesFilterChoicesAsync(inScope, parameters, courseId, cohortId, cohortLimit, cancel)
            : cancel => ProviderFilterChoicesAsync(inScope, parameters, courseId, cohortId, cohortLimit, cancel);
        return choices is null
            ? await load(cancellationToken)
            : await choices.GetAsync(scope, courseId, cohortId, cohortLimit, load, cancellationToken);
    }

    /// <summary>A provider's choices, read: four statements, each finding its own rows.</summary>
    private async Task<ReportFilterChoices> ProviderFilterChoicesAsync(
        string inScope, DynamicParameters parameters, int? courseId, int? cohortId, int cohortLimit, CancellationToken cancellationToken)
    {
        var ofCourse = string.Empty;
        if (courseId is not null)
        {
            ofCourse = " AND ch.CourseId = @courseId";
            parameters.Add("courseId", courseId);
        }

        // The chosen cohort (whatever its age) and the newest of the rest, up to the limit, shown by course and newest
        // first; and whether there are more, counting one past the limit. The newest are found by walking the cohorts'
        // start dates backwards (IX_Cohorts_Start; the cross join keeps SQLite from starting at the courses) and
        // stopping at the limit, not by sorting every cohort of the provider. Courses and partners are each tested for a
        // cohort in scope, not read off every cohort. Each cohort comes back as its id and name, all the list shows: up
        // to 50 rows on every request of the report.
        parameters.Add("cohortId", cohortId ?? 0);
        parameters.Add("Skip", 0);
        parameters.Add("Take", cohortId is null ? cohortLimit : Math.Max(1, cohortLimit - 1));
        parameters.Add("CountLimit", cohortLimit + 1);
        const string cohortColumns = "ch.Id AS CohortId, ch.Name AS CohortName, co.Name AS CourseName, ch.StartDate";
        var cohortsFromWhere = $"""
            FROM Cohorts ch
            JOIN Courses co ON co.Id = ch.CourseId
            WHERE {inScope}{ofCourse}
            """;
        var sql = $"""
            SELECT co.Id, co.Name FROM Courses co
            WHERE EXISTS (SELECT 1 FROM Cohorts ch WHERE ch.CourseId = co.Id AND {inScope})
            ORDER BY co.Name, co.Id;
            SELECT dp.Id, dp.Name FROM DeliveryPartners dp
            WHERE EXISTS (SELECT 1 FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE ch.DeliveryPartnerId = dp.Id AND {inScope})
            ORDER BY dp.Name, dp.Id;
            SELECT CohortId AS Id, CohortName AS Name FROM (
                SELECT {cohortColumns}
                FROM Cohorts ch
                JOIN Courses co ON co.Id = ch.CourseId
                WHERE ch.Id = @cohortId AND {inScope}{ofCourse}
                UNION ALL
                SELECT * FROM (
                    SELECT {cohortColumns}
                    FROM Cohorts ch
                    CROSS JOIN Courses co
                    WHERE co.Id = ch.CourseId AND ch.Id <> @cohortId AND {inScope}{ofCourse}
                    ORDER BY ch.StartDate DESC, ch.Name DESC{db.Dialect.Page}
                ) newest
            ) picked
            ORDER BY CourseName, StartDate DESC, CohortName, CohortId;
            {db.Dialect.CountUpTo(cohortsFromWhere, "@CountLimit")};
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var courses = (await results.ReadAsync<ReportChoice>()).AsList();
        var partners = (await results.ReadAsync<ReportChoice>()).AsList();
        var cohorts = (await results.ReadAsync<ReportChoice>()).AsList();
        var inAll = await results.ReadSingleAsync<int>();
        return new ReportFilterChoices(courses, partners, cohorts, inAll > cohortLimit);
    }

    /// <summary>
    /// The choices of a school's or a mentor's report: their cohorts are those holding their own people (a few), so every
    /// one of them is read once, with its course and partner, and the choices are made from those rows. (The provider's
    /// choices above are four statements each finding its own rows; for a school or mentor each of the four found the
    /// people's cohorts again, the larger part of what the choices cost.) The cohorts come by course (by name, then id)
    /// and newest first within it, the order the list shows.
    /// </summary>
    private async Task<ReportFilterChoices> PeoplesFilterChoicesAsync(
        string inScope, DynamicParameters parameters, int? courseId, int? cohortId, int cohortLimit, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT ch.Id AS CohortId, ch.Name AS CohortName, ch.StartDate, co.Id AS CourseId, co.Name AS CourseName,
                   dp.Id AS PartnerId, dp.Name AS PartnerName
            FROM Cohorts ch
            JOIN Courses co ON co.Id = ch.CourseId
            LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
            WHERE {inScope}
            ORDER BY co.Name, co.Id, ch.StartDate DESC, ch.Name, ch.Id
            """;
        List<PeoplesCohort> rows;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            rows = (await connection.QueryAsync<PeoplesCohort>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
        }

        var courses = rows.DistinctBy(r => r.CourseId).Select(r => new ReportChoice { Id = (int)r.CourseId, Name = r.CourseName }).ToList();
        var partners = rows.Where(r => r.PartnerId is not null).DistinctBy(r => r.PartnerId)
            .OrderBy(r => r.PartnerName, StringComparer.Ordinal).ThenBy(r => r.PartnerId)
            .Select(r => new ReportChoice { Id = (int)r.PartnerId!.Value, Name = r.PartnerName ?? string.Empty }).ToList();

        // As the provider's: the chosen cohort (when in scope and of the course) and the newest of the rest, up to the limit.
        var ofCourse = rows.Where(r => courseId is null || r.CourseId == courseId).ToList();
        var chosen = ofCourse.Where(r => r.CohortId == cohortId).ToList();
        var newest = ofCourse.Where(r => r.CohortId != cohortId)
            .OrderByDescending(r => r.StartDate).ThenByDescending(r => r.CohortName, StringComparer.Ordinal).ThenByDescending(r => r.CohortId)
            .Take(cohortId is null ? cohortLimit : Math.Max(1, cohortLimit - 1))
            .ToHashSet();
        var cohorts = ofCourse.Where(r => newest.Contains(r) || chosen.Contains(r))
            .Select(r => new ReportChoice { Id = (int)r.CohortId, Name = r.CohortName }).ToList();
        return new ReportFilterChoices(courses, partners, cohorts, ofCourse.Count > cohortLimit);
    }

    /// <summary>A cohort of a school's or mentor's scope, as <see cref="PeoplesFilterChoicesAsync"/> reads it.</summary>
    private sealed class PeoplesCohort
    {
        public long CohortId { get; set; }
        public string CohortName { get; set; } = string.Empty;
        public DateOnly StartDate { get; set; }
        public long CourseId { get; set; }
        public string CourseName { get; set; } = string.Empty;
        public long? PartnerId { get; set; }
        public string? PartnerName { get; set; }
    }

    /// <summary>
    /// The condition on a cohort (<c>ch</c>, its course <c>co</c>) of being in scope: the provider's, or holding one of
    /// the school's candidates or the mentor's mentees, its parameter added; null for a scope of nobody.
    /// </summary>
    private static string? CohortsInScope(ReportScope scope, DynamicParameters parameters)
    {
        if (scope.ProviderId is { } providerId)
        {
            parameters.Add("providerId", providerId);
            return "co.ProviderId = @providerId";
        }

        if (scope.SchoolId is { } schoolId)
        {
            parameters.Add("schoolId", schoolId);
            return "ch.Id IN (SELECT e.CohortId FROM Enrolments e JOIN Users u ON u.Id = e.CandidateUserId WHERE u.SchoolId = @schoolId)";
        }

        if (scope.MentorUserId is { } mentorUserId)
        {
            parameters.Add("mentorUserId", mentorUserId);
            return "ch.Id IN (SELECT CohortId FROM Enrolments WHERE MentorUserId = @mentorUserId)";
        }

        return null;
    }

    public async Task<(int Total, IReadOnlyList<CohortOption> Rows)> GetProviderCohortsPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE co.ProviderId = @providerId",
            new { providerId }, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<CohortOption>(new CommandDefinition(
            ProviderCohortsPageSql(db.Dialect), new { providerId, Skip = skip, Take = take }, cancellationToken: cancellationToken))).ToList();
        return (total, rows);
    }

    /// <summary>
    /// A page of the provider's cohorts by course, then soonest first: the provider's courses walked by name
    /// (<c>IX_Courses_Provider_Name</c>, migration 0047) and each course's cohorts by start (<c>IX_Cohorts_Course_Start</c>),
    /// stopping after the page, so no page sorts every cohort of the provider. Courses of the same name keep their
    /// cohorts together (the course's id before the start date).
    /// </summary>
    internal static string ProviderCohortsPageSql(ISqlDialect dialect) => $"""
        SELECT ch.Id AS CohortId, ch.Name AS CohortName, co.Id AS CourseId, co.Name AS CourseName,
               dp.Id AS DeliveryPartnerId, dp.Name AS DeliveryPartnerName, ch.TimeZone
        FROM Courses co{dialect.WalkedBy("IX_Courses_Provider_Name")}
        CROSS JOIN Cohorts ch
        LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
        WHERE co.ProviderId = @providerId AND ch.CourseId = co.Id
        ORDER BY co.Name, co.Id, ch.StartDate, ch.Name, ch.Id{dialect.Page}
        """;

    public async Task<CohortOption?> GetProviderCohortAsync(int providerId, int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CohortOption>(new CommandDefinition(
            """
            SELECT ch.Id AS CohortId, ch.Name AS CohortName, co.Id AS CourseId, co.Name AS CourseName,
                   dp.Id AS DeliveryPartnerId, dp.Name AS DeliveryPartnerName, ch.TimeZone
            FROM Cohorts ch
            JOIN Courses co ON co.Id = ch.CourseId
            LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
            WHERE ch.Id = @cohortId AND co.ProviderId = @providerId
            """, new { providerId, cohortId }, cancellationToken: cancellationToken));
    }

    public async Task<CohortCounts> GetCohortCountsAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT (SELECT COUNT(DISTINCT ApplicantUserId) FROM Applications WHERE CohortId = @cohortId) AS Applied,
                   (SELECT COUNT(*) FROM Enrolments WHERE CohortId = @cohortId) AS Enrolled
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(int Applied, int Enrolled)>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken));

        // Someone enrolled without an application (added by the provider) still counts as having applied.
        return new CohortCounts(Math.Max(row.Applied, row.Enrolled), row.Enrolled);
    }

    public async Task<string?> GetSchoolNameAsync(int schoolId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT Name FROM Schools WHERE Id = @schoolId", new { schoolId }, cancellationToken: cancellationToken));
    }

    public async Task<string?> GetProviderNameAsync(int providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT Name FROM Providers WHERE Id = @providerId", new { providerId }, cancellationToken: cancellationToken));
    }
}
