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
        Assert.That((await repository.GetCoursesAsync(providerId)).Single(c => c.Id == courseId).PricePence, Is.EqualTo(12345));
    }

    [Test]
    public async Task GetCourses_TheProvidersOwnByName_NoOtherProvidersCourse()
    {
        var repository = new OrganisationRepository(Db);
        var mine = await repository.EnsureProviderAsync("Courses Mine", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var theirs = await repository.EnsureProviderAsync("Courses Theirs", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var senior = await repository.EnsureCourseAsync(new Course { ProviderId = mine, Identifier = "npq-sl-c", ShortCode = "SL", Name = "Senior Leadership" });
        var early = await repository.EnsureCourseAsync(new Course { ProviderId = mine, Identifier = "npq-ey-c", ShortCode = "EY", Name = "Early Years" });
        await repository.EnsureCourseAsync(new Course { ProviderId = theirs, Identifier = "npq-h-c", ShortCode = "H", Name = "Headship" });

        Assert.That((await repository.GetCoursesAsync(mine)).Select(c => c.Id), Is.EqualTo(new[] { early, senior }));
        Assert.That(await repository.GetCoursesAsync(-1), Is.Empty);
    }

    [Test]
    public async Task GetCohortsOfCourse_TheCoursesCohortsInOrder_OnlyForItsProvider()
    {
        var repository = new OrganisationRepository(Db);
        var mine = await repository.EnsureProviderAsync("Course Cohorts Provider", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        var theirs = await repository.EnsureProviderAsync("Another Cohorts Provider", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        async Task<int> Course(int providerId, string identifier) => await repository.EnsureCourseAsync(new Course
        {
            ProviderId = providerId, Identifier = identifier, ShortCode = "X", Name = identifier, PricePence = 1, IsLeadership = true,
        });
        var course = await Course(mine, "npq-course-cohorts");
        var sibling = await Course(mine, "npq-sibling-cohorts");
        var foreign = await Course(theirs, "npq-foreign-cohorts");
        async Task<int> Cohort(int courseId, string name, string suffix, int month) => await repository.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = name, StartYear = 2026, Suffix = suffix, StartDate = new DateOnly(2026, month, 1),
            EndDate = new DateOnly(2028, 3, 31), DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = 10,
        });
        var later = await Cohort(course, "A later one", "a", 10);
        var sameDayB = await Cohort(course, "B same day", "b", 3);
        var sameDayA = await Cohort(course, "A same day", "c", 3);
        await Cohort(sibling, "Sibling", "a", 1);
        await Cohort(foreign, "Foreign", "a", 1);

        var read = await repository.GetCohortsOfCourseAsync(mine, course);

        Assert.That(read.Select(c => c.Id), Is.EqualTo(new[] { sameDayA, sameDayB, later }), "by start date, then name");
        Assert.That(read, Is.EqualTo((await repository.GetCohortsAsync()).Where(c => c.CourseId == course)), "as every cohort filtered by course");
        Assert.That(await repository.GetCohortsOfCourseAsync(theirs, course), Is.Empty, "another provider's course");
        Assert.That(await repository.GetCohortsOfCourseAsync(mine, foreign), Is.Empty);
        Assert.That(await repository.GetCohortsOfCourseAsync(mine, 999_999), Is.Empty);
    }
}
