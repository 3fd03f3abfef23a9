using Npq.Core.Enrolment;
using Npq.Data.Enrolment;

namespace Npq.Tests.Data.Enrolment;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class OrganisationRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    [Test]
    public async Task EnsureCohort_CalledTwice_CreatesOneCohortAndReadsItBackExactly()
    {
        var repository = new OrganisationRepository(Db);
        var providerId = await repository.EnsureProviderAsync("Repo Test Provider", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var partnerId = await repository.EnsureDeliveryPartnerAsync(providerId, "Partner");
        var courseId = await repository.EnsureCourseAsync(new Course
        {
            ProviderId = providerId, Identifier = "npq-headship", ShortCode = "NPQH", Name = "Headship", PricePence = 123_45, IsLeadership = true,
        });
        var cohort = new Cohort
        {
            CourseId = courseId, DeliveryPartnerId = partnerId, Name = "Dubai 2026", StartYear = 2026, Suffix = "a",
            StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31), DeliveryModel = DeliveryModel.Online,
            IsInternational = true, TimeZone = "Asia/Dubai", Capacity = 66,
        };

        var first = await repository.EnsureCohortAsync(cohort);
        var second = await repository.EnsureCohortAsync(cohort);
        var read = (await repository.GetCohortsAsync()).Single(c => c.Id == first);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(read with { Version = 1 }, Is.EqualTo(cohort with { Id = first }));
        Assert.That(read.StartDate, Is.EqualTo(new DateOnly(2026, 10, 1)), "a date-only value never shifts a day");
        Assert.That(read.DfeCohort, Is.EqualTo("2026a"));
        Assert.That((await repository.GetCoursesAsync()).Single(c => c.Id == courseId).PricePence, Is.EqualTo(12345));
    }
}
