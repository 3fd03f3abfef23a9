using Dapper;
using Npq.Core.Accounts;
using Npq.Data.Accounts;
using Npq.Data.Discussions;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Discussions;

/// <summary>The course-wide space's switch on each database: off without a row, one row per course, only the course's provider's admins.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CourseSpaceRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime T1 = new(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);

    [Test]
    public async Task Switch_IsOffWithoutARow_KeepsOneRowPerCourse_AndIsListedOnlyForTheProvidersAdmins()
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        await using var connection = await Db.OpenAsync();
        var (courseId, providerId) = await connection.QuerySingleAsync<(int, int)>(
            "SELECT c.CourseId, co.ProviderId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @cohortId", new { cohortId });
        var users = new UserRepository(Db);
        var email = $"{Guid.NewGuid():N}@repo.example";
        var admin = new AppUser { Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Ada", ProviderId = providerId, CreatedUtc = T1 };
        await users.CreateAsync(admin);
        await users.AddToRoleAsync(admin.Id, Roles.ProviderAdmin);
        var spaces = new CourseSpaceRepository(Db);

        Assert.Multiple(async () =>
        {
            Assert.That(await spaces.IsEnabledAsync(courseId), Is.False);
            Assert.That(await spaces.AdministersCourseAsync(courseId, admin.Id), Is.True);
            Assert.That(await spaces.AdministersCourseAsync(courseId, mentor), Is.False);
            Assert.That(await spaces.AdministersCourseAsync(courseId, candidate), Is.False);
            Assert.That(await spaces.GetAdministeredAsync(candidate), Is.Empty);
        });

        await spaces.SetEnabledAsync(courseId, true, admin.Id, T1);
        await spaces.SetEnabledAsync(courseId, true, admin.Id, T1.AddMinutes(1));
        var listed = (await spaces.GetAdministeredAsync(admin.Id)).Single(s => s.CourseId == courseId);
        Assert.Multiple(async () =>
        {
            Assert.That(await spaces.IsEnabledAsync(courseId), Is.True);
            Assert.That((listed.Enabled, listed.Cohorts, listed.ChangedUtc), Is.EqualTo((true, 1, (DateTime?)T1.AddMinutes(1))));
            Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM CourseDiscussionSpaces WHERE CourseId = @courseId", new { courseId }), Is.EqualTo(1));
        });

        await spaces.SetEnabledAsync(courseId, false, admin.Id, T1.AddMinutes(2));
        Assert.That(await spaces.IsEnabledAsync(courseId), Is.False);
    }
}
