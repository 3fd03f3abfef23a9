using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>Who may report on what: affiliations, the cohorts in each kind of scope, a cohort's funnel and names.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class ReportLookupRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private ReportLookupRepository _lookups = null!;
    private int _school;
    private int _mentor;
    private int _head;
    private int _cohortA;
    private int _cohortB;
    private int _cohortEmpty;

    [OneTimeSetUp]
    public async Task World()
    {
        _lookups = new ReportLookupRepository(Db);
        _school = await Data.SchoolAsync("Lookup Academy");
        _head = await Data.UserAsync("head@lookups.example", "Head", Roles.Headteacher, _school);
        _mentor = await Data.UserAsync("mentor@lookups.example", "Mentor", Roles.Mentor);
        var atSchool = await Data.UserAsync("a@lookups.example", "At School", Roles.Candidate, _school);
        var elsewhere = await Data.UserAsync("b@lookups.example", "Elsewhere", Roles.Candidate);
        var course = await Data.CourseAsync("npq-lookups", leadership: true);
        var partner = await Data.PartnerAsync("Lookup Partner");
        _cohortA = await Data.CohortAsync(course, "Lookup A", partner, timeZone: "Asia/Dubai");
        _cohortB = await Data.CohortAsync(course, "Lookup B");
        _cohortEmpty = await Data.CohortAsync(course, "Lookup Empty");
        await Data.EnrolAsync(_cohortA, atSchool, _mentor);
        await Data.EnrolAsync(_cohortB, elsewhere, null);
        await Data.ApplicationAsync(_cohortB, elsewhere, null, null);
        var applicant = await Data.UserAsync("c@lookups.example", "Applicant", Roles.Candidate);
        await Data.ApplicationAsync(_cohortB, applicant, null, null, "Pending");
    }

    [Test]
    public async Task Affiliation_OfAHeadteacher_IsTheirProviderAndSchool()
    {
        var (providerId, schoolId) = await _lookups.GetAffiliationAsync(_head);

        Assert.That(providerId, Is.EqualTo(ProviderId));
        Assert.That(schoolId, Is.EqualTo(_school));
    }

    [Test]
    public async Task Affiliation_OfNobody_IsEmpty()
    {
        var (providerId, schoolId) = await _lookups.GetAffiliationAsync(999_999);

        Assert.That(providerId, Is.Null);
        Assert.That(schoolId, Is.Null);
    }

    [Test]
    public async Task Cohorts_ForTheProvider_AreEveryCohortWithCourseAndPartner()
    {
        var cohorts = await _lookups.GetCohortsAsync(ReportScope.ForProvider(ProviderId));

        Assert.That(cohorts.Select(c => c.CohortId), Is.SupersetOf(new[] { _cohortA, _cohortB, _cohortEmpty }));
        var a = cohorts.Single(c => c.CohortId == _cohortA);
        Assert.Multiple(() =>
        {
            Assert.That(a.CohortName, Is.EqualTo("Lookup A"));
            Assert.That(a.CourseName, Is.EqualTo("Course npq-lookups"));
            Assert.That(a.DeliveryPartnerName, Is.EqualTo("Lookup Partner"));
            Assert.That(a.TimeZone, Is.EqualTo("Asia/Dubai"));
        });
        Assert.That(await _lookups.GetCohortsAsync(ReportScope.ForProvider(ProviderId + 1000)), Is.Empty);
    }

    [Test]
    public async Task Cohorts_ForASchoolOrAMentor_AreOnlyThoseHoldingTheirPeople()
    {
        var forSchool = await _lookups.GetCohortsAsync(ReportScope.ForSchool(_school));
        var forMentor = await _lookups.GetCohortsAsync(ReportScope.ForMentor(_mentor));
        var forNobody = await _lookups.GetCohortsAsync(ReportScope.Nobody);

        Assert.That(forSchool.Select(c => c.CohortId), Is.EqualTo(new[] { _cohortA }));
        Assert.That(forMentor.Select(c => c.CohortId), Is.EqualTo(new[] { _cohortA }));
        Assert.That(forNobody, Is.Empty);
    }

    [Test]
    public async Task FilterChoices_BoundedToTheNewestCohorts_TheChosenOneAlwaysListed_NarrowedByCourse()
    {
        var course = await Data.CourseAsync("npq-choices", leadership: true);
        var old = await Data.CohortAsync(course, "Choices 2024");
        var middle = await Data.CohortAsync(course, "Choices 2025");
        var newest = await Data.CohortAsync(course, "Choices 2026");
        await using (var connection = await Db.OpenForWriteAsync())
        {
            foreach (var (id, start) in new[] { (old, "2024-01-08"), (middle, "2025-01-06"), (newest, "2099-01-05") })
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE Cohorts SET StartDate = @start WHERE Id = @id", new { start, id });
            }
        }

        var provider = ReportScope.ForProvider(ProviderId);
        var all = await _lookups.GetFilterChoicesAsync(provider, null, null, 100);
        var twoOfCourse = await _lookups.GetFilterChoicesAsync(provider, course, null, 2);
        var chosenOld = await _lookups.GetFilterChoicesAsync(provider, course, old, 2);
        var allOfCourse = await _lookups.GetFilterChoicesAsync(provider, course, null, 3);
        var newestOnly = await _lookups.GetFilterChoicesAsync(provider, null, null, 1);

        Assert.Multiple(() =>
        {
            Assert.That(all.Cohorts.Select(c => c.Id), Is.SupersetOf(new[] { _cohortA, _cohortB, _cohortEmpty, old, middle, newest }));
            Assert.That(all.MoreCohorts, Is.False);
            Assert.That(all.Courses.Select(c => c.Name), Is.SupersetOf(new[] { "Course npq-lookups", "Course npq-choices" }).And.Unique.And.Ordered);
            Assert.That(all.Partners.Select(p => p.Name), Does.Contain("Lookup Partner").And.Unique);
            Assert.That(twoOfCourse.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { newest, middle }), "the newest two of the course, newest first");
            Assert.That(twoOfCourse.MoreCohorts, Is.True);
            Assert.That(chosenOld.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { newest, old }), "the chosen one, however old, and the newest");
            Assert.That(allOfCourse.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { newest, middle, old }));
            Assert.That(allOfCourse.Cohorts.Select(c => c.Name), Is.EqualTo(new[] { "Choices 2026", "Choices 2025", "Choices 2024" }), "each with its name");
            Assert.That(allOfCourse.MoreCohorts, Is.False, "exactly the limit: none left out");
            Assert.That(newestOnly.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { newest }));
            Assert.That(newestOnly.MoreCohorts, Is.True);
        });
        var other = await _lookups.GetFilterChoicesAsync(ReportScope.ForProvider(ProviderId + 1000), null, _cohortA, 100);
        Assert.That(other.Cohorts, Is.Empty, "another provider's cohort, even chosen, never");
        Assert.That(other.Courses, Is.Empty);
        var mentor = await _lookups.GetFilterChoicesAsync(ReportScope.ForMentor(_mentor), null, old, 100);
        Assert.That(mentor.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { _cohortA }), "a mentor's cohorts only, even with another chosen");
        Assert.That(await _lookups.GetFilterChoicesAsync(ReportScope.Nobody, null, null, 100), Is.SameAs(ReportFilterChoices.None));
    }

    [Test]
    public async Task Counts_CountApplicantsOnceAndEnrolmentsWithoutAnApplicationAsApplied()
    {
        var b = await _lookups.GetCohortCountsAsync(_cohortB);
        var a = await _lookups.GetCohortCountsAsync(_cohortA);
        var empty = await _lookups.GetCohortCountsAsync(_cohortEmpty);

        Assert.That(b, Is.EqualTo(new CohortCounts(2, 1)));
        Assert.That(a, Is.EqualTo(new CohortCounts(1, 1)));
        Assert.That(empty, Is.EqualTo(new CohortCounts(0, 0)));
    }

    [Test]
    public async Task Names_OfSchoolAndProvider_AreReadBackOrNull()
    {
        Assert.That(await _lookups.GetSchoolNameAsync(_school), Is.EqualTo("Lookup Academy"));
        Assert.That(await _lookups.GetProviderNameAsync(ProviderId), Is.Not.Null.And.Not.Empty);
        Assert.That(await _lookups.GetSchoolNameAsync(999_999), Is.Null);
    }
}
