using System.Data.Common;
using Dapper;
using Npq.Core.Enrolment;
using Npq.Core.Time;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;

namespace Npq.Data.Enrolment;

/// <summary>A provider's courses and cohorts as admins edit them (each write, once committed, tells the remembered report
/// filter choices, <see cref="ReportChoicesCache"/>, when given), and the cohort summaries with places left.</summary>
public sealed partial class CohortRepository(IDbConnectionFactory db, CandidateFrameworks? frameworks = null, ReportChoicesCache? reportChoices = null) : ICohortRepository
{
    // Places taken come from the counts kept per cohort and status (CohortEnrolmentCounts, migration 0033): a few rows
    // a cohort instead of every enrolment of it.
    private const string SummaryColumns = """
        SELECT ch.Id, ch.CourseId, ch.DeliveryPartnerId, ch.Name, ch.StartYear, ch.Suffix, ch.StartDate, ch.EndDate, ch.DeliveryModel,
               ch.IsInternational, ch.TimeZone, ch.Capacity, ch.Version, ch.OpenForApplications,
               co.Id, co.ProviderId, co.Identifier, co.ShortCode, co.Name, co.FrameworkCode, co.PricePence, co.IsLeadership, co.HasAssessment,
               (SELECT COALESCE(SUM(n.Enrolments), 0) FROM CohortEnrolmentCounts n WHERE n.CohortId = ch.Id AND n.TrainingStatus <> 'Withdrawn') AS Enrolled,
               (SELECT COUNT(*) FROM Applications a WHERE a.CohortId = ch.Id AND a.Status = 'WaitingList') AS Waiting,
               (SELECT COUNT(*) FROM Applications a WHERE a.CohortId = ch.Id AND a.Status = 'Pending') AS Pending,
               dp.Name AS DeliveryPartnerName
        """;

    private const string SummaryJoins = """
        JOIN Courses co ON co.Id = ch.CourseId
        LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
        """;

    private const string SummarySelect = SummaryColumns + "\nFROM Cohorts ch\n" + SummaryJoins;

    /// <summary>
    /// The summaries of one page of the cohorts <paramref name="where"/> chooses (it may name <c>ch</c> and <c>co</c>),
    /// soonest first. The page's ids are chosen first, from the cohorts alone, and the counts are made for those rows
    /// only: SQLite computes a correlated subquery for every row it sorts, so counting in the sorted query made the
    /// public list of 500 open cohorts count the places, waiting and pending of all 500 for a page of 25.
    /// </summary>
    internal static string PagedSummariesSql(ISqlDialect dialect, string where) => $"""
        {SummaryColumns}
        FROM (
            SELECT ch.Id FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            WHERE {where}
            ORDER BY ch.StartDate, ch.Name, ch.Id{dialect.Page}
        ) pg
        JOIN Cohorts ch ON ch.Id = pg.Id
        {SummaryJoins}
        ORDER BY ch.StartDate, ch.Name, ch.Id
        """;

    // ---- Cohorts ----

    /// <summary>The provider's cohorts with places taken, waiting and pending, soonest first.</summary>
    public async Task<IReadOnlyList<CohortSummary>> GetSummariesAsync(int providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QuerySummariesAsync(connection, new CommandDefinition(
            SummarySelect + " WHERE co.ProviderId = @providerId ORDER BY ch.StartDate, ch.Name", new { providerId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<CohortSummary>> GetResumeTargetsAsync(int cohortId, int take, CancellationToken cancellationToken = default)
    {
        // The page is chosen before anything is counted, so the cost is bounded by take.
        await using var connection = await db.OpenAsync(cancellationToken);
        return await QuerySummariesAsync(connection, new CommandDefinition(
            ResumeTargetsSql(db.Dialect), new { cohortId, Skip = 0, Take = take }, cancellationToken: cancellationToken));
    }

    /// <summary>The cohort and the later cohorts of its course, soonest first (a page: @Skip, @Take).</summary>
    internal static string ResumeTargetsSql(ISqlDialect dialect) => PagedSummariesSql(dialect, """
        ch.Id = @cohortId
                OR (ch.CourseId = (SELECT c.CourseId FROM Cohorts c WHERE c.Id = @cohortId)
                    AND ch.StartDate > (SELECT c.StartDate FROM Cohorts c WHERE c.Id = @cohortId))
        """);

    public async Task<CohortChoices> GetChoicesAsync(int providerId, int? chosenCohortId, int limit, CancellationToken cancellationToken = default)
    {
        // The chosen cohort, and the newest of the rest with one more to tell whether there are more: found by walking
        // the start dates backwards (IX_Cohorts_Start; the cross join keeps SQLite from starting at the courses) and
        // stopping there, not by sorting every cohort of the provider.
        var sql = $"""
            SELECT ch.Id, co.ShortCode AS CourseShortCode, ch.Name, ch.StartDate, 1 AS Chosen
            FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            WHERE ch.Id = @chosen AND co.ProviderId = @providerId
            UNION ALL
            SELECT * FROM (
                SELECT ch.Id, co.ShortCode AS CourseShortCode, ch.Name, ch.StartDate, 0 AS Chosen
                FROM Cohorts ch CROSS JOIN Courses co
                WHERE co.Id = ch.CourseId AND co.ProviderId = @providerId AND ch.Id <> @chosen
                ORDER BY ch.StartDate DESC, ch.Name DESC{db.Dialect.Page}
            ) newest
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<CohortChoiceRow>(new CommandDefinition(
            sql, new { providerId, chosen = chosenCohortId ?? 0, Skip = 0, Take = limit + 1 }, cancellationToken: cancellationToken))).AsList();
        var chosen = rows.Where(r => r.Chosen != 0).ToList();
        var room = Math.Max(0, limit - chosen.Count);
        var others = rows.Where(r => r.Chosen == 0).OrderByDescending(r => r.StartDate).ThenByDescending(r => r.Name, StringComparer.Ordinal).ToList();
        var listed = chosen.Concat(others.Take(room))
            .OrderBy(r => r.StartDate).ThenBy(r => r.Name, StringComparer.Ordinal)
            .Select(r => new CohortChoice(r.Id, r.CourseShortCode, r.Name)).ToList();
        return new CohortChoices(listed, others.Count > room);
    }

    public async Task<(int Total, IReadOnlyList<CohortSummary> Rows)> GetSummariesPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId WHERE co.ProviderId = @providerId",
            new { providerId }, cancellationToken: cancellationToken));
        var rows = await QuerySummariesAsync(connection, new CommandDefinition(
            PagedSummariesSql(db.Dialect, "co.ProviderId = @providerId"), new { providerId, Skip = skip, Take = take }, cancellationToken: cancellationToken));
        return (total, rows);
    }

    /// <summary>
    /// Every provider's cohorts open for applications that have not ended: a cohort has ended once its end date is
    /// over in its own zone (at the same instant that may be tomorrow in Auckland and still yesterday in Los Angeles).
    /// </summary>
    public async Task<(int Total, IReadOnlyList<CohortSummary> Rows)> GetOpenPageAsync(OpenCohortFilter filter, DateTime nowUtc, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var (where, parameters) = await OpenWhereAsync(connection, nowUtc, cancellationToken);
        if (filter.Course is { Length: > 0 } course)
        {
            where += " AND co.Identifier = @Course";
            parameters.Add("Course", course);
        }

        if (filter.Delivery is { } delivery)
        {
            where += " AND ch.DeliveryModel = @Delivery";
            parameters.Add("Delivery", delivery.ToString());
        }

        if (filter.International is { } international)
        {
            where += " AND ch.IsInternational = @International";
            parameters.Add("International", international);
        }

        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            OpenCountSql(where, byCourse: filter.Course is { Length: > 0 }), parameters, cancellationToken: cancellationToken));
        if (total == 0)
        {
            return (0, []);
        }

        parameters.Add("Skip", skip);
        parameters.Add("Take", take);
        var rows = await QuerySummariesAsync(connection, new CommandDefinition(PagedSummariesSql(db.Dialect, where), parameters, cancellationToken: cancellationToken));
        return (total, rows);
    }

    public async Task<IReadOnlyList<(string Identifier, string Name)>> GetOpenCoursesAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var (where, parameters) = await OpenWhereAsync(connection, nowUtc, cancellationToken);
        return (await connection.QueryAsync<(string Identifier, string Name)>(new CommandDefinition(
            OpenCoursesSql(where), parameters, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>
    /// The courses with a cohort open for applications (<paramref name="openWhere"/>, over <c>ch</c>): each course asks
    /// for its first open cohort (<c>IX_Cohorts_Open_Course</c>, migration 0048) instead of every open cohort being
    /// joined to its course and grouped, so the list costs what the courses do, not what their cohorts do.
    /// </summary>
    internal static string OpenCoursesSql(string openWhere) => $"""
        SELECT co.Identifier, MIN(co.Name) AS Name
        FROM Courses co
        WHERE EXISTS (SELECT 1 FROM Cohorts ch WHERE ch.CourseId = co.Id AND {openWhere})
        GROUP BY co.Identifier
        ORDER BY MIN(co.Name), co.Identifier
        """;

    /// <summary>
    /// The condition for a cohort open for applications that has not ended where it is: its end date compared with
    /// today in its own zone, one CASE arm per zone the open cohorts keep (read first; a zone added meanwhile falls
    /// back to the earliest date, a day before UTC's, which no zone is further behind).
    /// </summary>
    private static async Task<(string Where, DynamicParameters Parameters)> OpenWhereAsync(DbConnection connection, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters();
        var where = OpenWhere(nowUtc, await CohortToday.ByZoneAsync(connection, nowUtc, "OpenForApplications = 1", cancellationToken), parameters);
        return (where, parameters);
    }

    /// <summary>The condition of <see cref="OpenWhereAsync"/> for the zones' today read (its parameters added).</summary>
    internal static string OpenWhere(DateTime nowUtc, IReadOnlyDictionary<string, DateOnly> todayByZone, DynamicParameters parameters)
    {
        parameters.Add("Earliest", DateOnly.FromDateTime(nowUtc).AddDays(-1));
        return $"ch.OpenForApplications = 1 AND ch.EndDate >= {CohortToday.Case("ch.TimeZone", todayByZone, parameters, "@Earliest")}";
    }

    /// <summary>
    /// How many cohorts <paramref name="where"/> (over <c>ch</c>, and <c>co</c> when <paramref name="byCourse"/>)
    /// chooses: from the open cohorts' own index (<c>IX_Cohorts_Open</c>, migration 0048) alone unless a course is asked
    /// for, since every cohort has its course and the join would only filter.
    /// </summary>
    internal static string OpenCountSql(string where, bool byCourse) =>
        $"SELECT COUNT(*) FROM {(byCourse ? "Cohorts ch JOIN Courses co ON co.Id = ch.CourseId" : "Cohorts ch")} WHERE {where}";

    public async Task<CohortSummary?> GetSummaryAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await QuerySummariesAsync(connection, new CommandDefinition(
            SummarySelect + " WHERE ch.Id = @cohortId", new { cohortId }, cancellationToken: cancellationToken))).SingleOrDefault();
    }

    /// <summary>True when the course already has another cohort of this name.</summary>
    public async Task<bool> CohortNameTakenAsync(int courseId, string name, int exceptCohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Cohorts WHERE CourseId = @courseId AND Name = @name AND Id <> @exceptCohortId",
            new { courseId, name, exceptCohortId }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>Creates a cohort with its facilitators, venues and face-to-face events in one transaction.</summary>
    public async Task<int> CreateCohortAsync(Cohort cohort, CohortExtras extras, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO Cohorts (CourseId, DeliveryPartnerId, Name, StartYear, Suffix, StartDate, EndDate, DeliveryModel, IsInternational,
                                 TimeZone, Capacity, OpenForApplications)
            VALUES (@CourseId, @DeliveryPartnerId, @Name, @StartYear, @Suffix, @StartDate, @EndDate, @DeliveryModelName, @IsInternational,
                    @TimeZone, @Capacity, @OpenForApplications)
            """ + db.Dialect.SelectLastInsertedId, Parameters(cohort), transaction, cancellationToken: cancellationToken));
        await ReplaceExtrasAsync(connection, transaction, id, extras, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        reportChoices?.Changed();
        return id;
    }

    /// <summary>Saves a cohort and replaces its extras; false when someone else saved it since it was read.</summary>
    public async Task<bool> UpdateCohortAsync(Cohort cohort, CohortExtras extras, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Cohorts SET CourseId = @CourseId, DeliveryPartnerId = @DeliveryPartnerId, Name = @Name, StartYear = @StartYear,
                Suffix = @Suffix, StartDate = @StartDate, EndDate = @EndDate, DeliveryModel = @DeliveryModelName,
                IsInternational = @IsInternational, TimeZone = @TimeZone, Capacity = @Capacity,
                OpenForApplications = @OpenForApplications, Version = Version + 1
            WHERE Id = @Id AND Version = @Version
            """, Parameters(cohort), transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return false;
        }

        await ReplaceExtrasAsync(connection, transaction, cohort.Id, extras, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        frameworks?.PlacementsChanged();
        reportChoices?.Changed();
        return true;
    }

    public async Task<CohortExtras> GetExtrasAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var facilitators = (await connection.QueryAsync<PersonRow>(new CommandDefinition(
            """
            SELECT u.Id AS UserId, u.DisplayName FROM CohortFacilitators f JOIN Users u ON u.Id = f.UserId
            WHERE f.CohortId = @cohortId ORDER BY u.DisplayName
            """, new { cohortId }, cancellationToken: cancellationToken))).Select(p => new CohortPerson(p.UserId, p.DisplayName)).ToList();
        var venues = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT Name FROM CohortVenues WHERE CohortId = @cohortId ORDER BY Id", new { cohortId }, cancellationToken: cancellationToken))).AsList();
        var events = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            "SELECT EventDate, Title, VenueName FROM CohortEvents WHERE CohortId = @cohortId ORDER BY EventDate, Id", new { cohortId }, cancellationToken: cancellationToken)))
            .Select(e => new CohortEventInput(e.EventDate, e.Title, e.VenueName)).ToList();
        return new CohortExtras(facilitators.Select(f => f.UserId).ToList(), venues, events) { FacilitatorPeople = facilitators };
    }

    public async Task<IReadOnlyList<CohortPerson>> GetDeliveryPartnersAsync(int providerId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PersonRow>(new CommandDefinition(
            "SELECT Id AS UserId, Name AS DisplayName FROM DeliveryPartners WHERE ProviderId = @providerId ORDER BY Name", new { providerId }, cancellationToken: cancellationToken)))
            .Select(p => new CohortPerson(p.UserId, p.DisplayName)).ToList();
    }

    private static async Task ReplaceExtrasAsync(DbConnection connection, DbTransaction transaction, int cohortId, CohortExtras extras, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM CohortFacilitators WHERE CohortId = @cohortId", new { cohortId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM CohortVenues WHERE CohortId = @cohortId", new { cohortId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM CohortEvents WHERE CohortId = @cohortId", new { cohortId }, transaction, cancellationToken: cancellationToken));
        foreach (var userId in extras.FacilitatorUserIds.Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO CohortFacilitators (CohortId, UserId) VALUES (@cohortId, @userId)", new { cohortId, userId }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var name in extras.Venues)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO CohortVenues (CohortId, Name) VALUES (@cohortId, @name)", new { cohortId, name }, transaction, cancellationToken: cancellationToken));
        }

        foreach (var e in extras.Events)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO CohortEvents (CohortId, EventDate, Title, VenueName) VALUES (@cohortId, @EventDate, @Title, @VenueName)",
                new { cohortId, e.EventDate, e.Title, e.VenueName }, transaction, cancellationToken: cancellationToken));
        }
    }

    private static object Parameters(Cohort c) => new
    {
        c.Id, c.CourseId, c.DeliveryPartnerId, c.Name, c.StartYear, c.Suffix, c.StartDate, c.EndDate, DeliveryModelName = c.DeliveryModel.ToString(),
        c.IsInternational, c.TimeZone, c.Capacity, c.OpenForApplications, c.Version,
    };

    internal sealed record PersonRow
    {
        public int UserId { get; init; }
        public string DisplayName { get; init; } = string.Empty;
    }

    internal sealed record EventRow
    {
        public DateOnly EventDate { get; init; }
        public string Title { get; init; } = string.Empty;
        public string? VenueName { get; init; }
    }

    /// <summary>
    /// The cohort's columns map into <see cref="Cohort"/>, the course's (from its Id) into <see cref="Course"/>, the counts
    /// (from Enrolled, never null: Dapper leaves out a part whose first column is null) into the summary.
    /// </summary>
    private static async Task<IReadOnlyList<CohortSummary>> QuerySummariesAsync(DbConnection connection, CommandDefinition command) =>
        (await connection.QueryAsync<Cohort, Course, CohortSummary, CohortSummary>(
            command, (cohort, course, summary) => summary with { Cohort = cohort, Course = course },
            splitOn: $"{nameof(Course.Id)},{nameof(CohortSummary.Enrolled)}")).AsList();

    /// <summary>A <see cref="CohortChoice"/> as read (SQLite's Int64 ids need settable properties).</summary>
    private sealed class CohortChoiceRow
    {
        public int Id { get; set; }
        public string CourseShortCode { get; set; } = "";
        public string Name { get; set; } = "";

        public DateOnly StartDate { get; set; }

        public int Chosen { get; set; }
    }
}
