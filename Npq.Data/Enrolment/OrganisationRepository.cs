using Dapper;
using Npq.Core.Enrolment;
using Npq.Data.Infrastructure;
using Npq.Data.Reporting;

namespace Npq.Data.Enrolment;

/// <summary>Providers, delivery partners, schools, courses and cohorts. A delivery partner, course or cohort added tells the
/// remembered report filter choices (<see cref="ReportChoicesCache"/>), when given (the site gives it).</summary>
public sealed class OrganisationRepository(IDbConnectionFactory db, ReportChoicesCache? reportChoices = null) : IOrganisationRepository
{
    /// <summary>The provider's id, creating it when no provider has that name.</summary>
    public async Task<int> EnsureProviderAsync(string name, DateTime nowUtc)
    {
        await using var connection = await db.OpenAsync();
        var id = await connection.QuerySingleOrDefaultAsync<int?>("SELECT Id FROM Providers WHERE Name = @name", new { name });
        return id ?? await connection.ExecuteScalarAsync<int>(
            "INSERT INTO Providers (Name, CreatedUtc) VALUES (@name, @nowUtc)" + db.Dialect.SelectLastInsertedId, new { name, nowUtc });
    }

    public async Task<int> EnsureDeliveryPartnerAsync(int providerId, string name)
    {
        await using var connection = await db.OpenAsync();
        var id = await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT Id FROM DeliveryPartners WHERE ProviderId = @providerId AND Name = @name", new { providerId, name });
        return id ?? Added(await connection.ExecuteScalarAsync<int>(
            "INSERT INTO DeliveryPartners (ProviderId, Name) VALUES (@providerId, @name)" + db.Dialect.SelectLastInsertedId, new { providerId, name }));
    }

    /// <summary>A partner, course or cohort just added (each insert commits on its own): the report's choices are told.</summary>
    private int Added(int id)
    {
        reportChoices?.Changed();
        return id;
    }

    public async Task<int> EnsureSchoolAsync(string name, string country, string timeZone, string? urn = null)
    {
        await using var connection = await db.OpenAsync();
        var id = await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT Id FROM Schools WHERE Name = @name AND Country = @country", new { name, country });
        return id ?? await connection.ExecuteScalarAsync<int>(
            "INSERT INTO Schools (Name, Urn, Country, TimeZone) VALUES (@name, @urn, @country, @timeZone)" + db.Dialect.SelectLastInsertedId,
            new { name, urn, country, timeZone });
    }

    public async Task<int> EnsureCourseAsync(Course course)
    {
        await using var connection = await db.OpenAsync();
        var id = await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT Id FROM Courses WHERE ProviderId = @ProviderId AND Identifier = @Identifier", course);
        return id ?? Added(await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO Courses (ProviderId, Identifier, ShortCode, Name, FrameworkCode, PricePence, IsLeadership, HasAssessment)
            VALUES (@ProviderId, @Identifier, @ShortCode, @Name, @FrameworkCode, @PricePence, @IsLeadership, @HasAssessment)
            """ + db.Dialect.SelectLastInsertedId, course));
    }

    public async Task<int> EnsureCohortAsync(Cohort cohort)
    {
        await using var connection = await db.OpenAsync();
        var id = await connection.QuerySingleOrDefaultAsync<int?>(
            "SELECT Id FROM Cohorts WHERE CourseId = @CourseId AND Name = @Name", new { cohort.CourseId, cohort.Name });
        return id ?? Added(await connection.ExecuteScalarAsync<int>(
            """
            INSERT INTO Cohorts (CourseId, DeliveryPartnerId, Name, StartYear, Suffix, StartDate, EndDate, DeliveryModel, IsInternational, TimeZone, Capacity)
            VALUES (@CourseId, @DeliveryPartnerId, @Name, @StartYear, @Suffix, @StartDate, @EndDate, @DeliveryModelName, @IsInternational, @TimeZone, @Capacity)
            """ + db.Dialect.SelectLastInsertedId,
            new
            {
                cohort.CourseId, cohort.DeliveryPartnerId, cohort.Name, cohort.StartYear, cohort.Suffix, cohort.StartDate, cohort.EndDate,
                DeliveryModelName = cohort.DeliveryModel.ToString(), cohort.IsInternational, cohort.TimeZone, cohort.Capacity,
            }));
    }

    public async Task<IReadOnlyList<Course>> GetCoursesAsync(int providerId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT Id, ProviderId, Identifier, ShortCode, Name, FrameworkCode, PricePence, IsLeadership, HasAssessment
            FROM Courses WHERE ProviderId = @providerId ORDER BY Name, Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Course>(new CommandDefinition(sql, new { providerId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<Cohort>> GetCohortsAsync()
    {
        const string sql = """
            SELECT Id, CourseId, DeliveryPartnerId, Name, StartYear, Suffix, StartDate, EndDate, DeliveryModel,
                   IsInternational, TimeZone, Capacity, Version
            FROM Cohorts ORDER BY StartDate, Name
            """;
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Cohort>(sql)).AsList();
    }

    public async Task<IReadOnlyList<Cohort>> GetCohortsOfCourseAsync(int providerId, int courseId, CancellationToken cancellationToken = default)
    {
        // The course's cohorts only, and only when the course is the provider's; in GetCohortsAsync's order.
        const string sql = """
            SELECT ch.Id, ch.CourseId, ch.DeliveryPartnerId, ch.Name, ch.StartYear, ch.Suffix, ch.StartDate, ch.EndDate, ch.DeliveryModel,
                   ch.IsInternational, ch.TimeZone, ch.Capacity, ch.Version
            FROM Cohorts ch JOIN Courses co ON co.Id = ch.CourseId
            WHERE ch.CourseId = @courseId AND co.ProviderId = @providerId
            ORDER BY ch.StartDate, ch.Name
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Cohort>(new CommandDefinition(sql, new { providerId, courseId }, cancellationToken: cancellationToken))).AsList();
    }
}
