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
