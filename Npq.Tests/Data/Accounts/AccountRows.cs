using Dapper;
using Npq.Core.Accounts;
using Npq.Data.Accounts;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.Accounts;

/// <summary>
/// Rows the accounts repositories read, written straight to the tables (the schema, not another capability's
/// repository, so these fixtures stand alone). Every name is unique, so tests sharing one database do not meet.
/// </summary>
public sealed class AccountRows(IDbConnectionFactory db)
{
    public static readonly DateTime Now = new(2026, 10, 5, 9, 30, 0, DateTimeKind.Utc);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public Task<int> ProviderAsync() =>
        InsertAsync("INSERT INTO Providers (Name, CreatedUtc) VALUES (@name, @now)", new { name = Unique("Provider"), now = Now });

    public Task<int> SchoolAsync(string? name = null, string country = "United Kingdom", string? urn = null) =>
        InsertAsync("INSERT INTO Schools (Name, Urn, Country, TimeZone) VALUES (@name, @urn, @country, 'Europe/London')", new { name = name ?? Unique("School"), urn, country });

    /// <summary>A cohort of one of the provider's courses.</summary>
    public async Task<int> CohortAsync(int providerId)
    {
        var courseId = await InsertAsync(
            "INSERT INTO Courses (ProviderId, Identifier, ShortCode, Name) VALUES (@providerId, @identifier, 'NPQSL', 'Senior leadership')",
            new { providerId, identifier = Unique("npq") });
        return await InsertAsync("""
            INSERT INTO Cohorts (CourseId, Name, StartYear, StartDate, EndDate, DeliveryModel, TimeZone, Capacity)
            VALUES (@courseId, @name, 2026, @start, @end, 'Online', 'Asia/Dubai', 20)
            """, new { courseId, name = Unique("Cohort"), start = new DateOnly(2026, 10, 1), end = new DateOnly(2028, 3, 31) });
    }

    public Task<int> EnrolAsync(int cohortId, int candidateUserId, int? mentorUserId) =>
        InsertAsync(
            "INSERT INTO Enrolments (CohortId, CandidateUserId, MentorUserId, TrainingStatus, EnrolledUtc) VALUES (@cohortId, @candidateUserId, @mentorUserId, 'Active', @now)",
            new { cohortId, candidateUserId, mentorUserId, now = Now });

    /// <summary>A person (through the repository under test's own insert), optionally holding roles.</summary>
    public async Task<AppUser> UserAsync(string? name = null, int? providerId = null, int? schoolId = null, bool active = true, params string[] roles)
    {
        var email = $"{Guid.NewGuid():N}@repo.example";
        var user = new AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name ?? Unique("Person"),
            ProviderId = providerId, SchoolId = schoolId, IsActive = active, CreatedUtc = Now,
        };
        var users = new UserRepository(db);
        await users.CreateAsync(user);
        foreach (var role in roles)
        {
            await users.AddToRoleAsync(user.Id, role);
        }

        return user;
    }

    private async Task<int> InsertAsync(string sql, object parameters)
    {
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<int>(sql + db.Dialect.SelectLastInsertedId, parameters);
    }
}
