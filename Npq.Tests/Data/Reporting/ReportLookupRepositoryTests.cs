using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Reporting;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Reporting;
using Npq.Tests.Support;

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
    public async Task Affiliation_ReadWithTheSessionRow_FollowsAChangeToTheUserAtOnce()
    {
        var sessions = new UserSessionCache(Db, SharedCaches.InMemory(), TimeSpan.FromMinutes(5));
        var lookups = new ReportLookupRepository(Db, sessions: sessions);
        var users = new UserRepository(Db, sessions);
        var moving = await Data.UserAsync("moving@lookups.example", "Moving", Roles.Headteacher, _school);
        var nowhere = ((int?)null, (int?)null);

        Assert.That(await lookups.GetAffiliationAsync(moving), Is.EqualTo(((int?)ProviderId, (int?)_school)));
        var otherSchool = await Data.SchoolAsync("Lookup Other School");
        var user = (await users.FindByIdAsync(moving))!;
        user.SchoolId = otherSchool;
        await users.UpdateAsync(user);
        Assert.That(await lookups.GetAffiliationAsync(moving), Is.EqualTo(((int?)ProviderId, (int?)otherSchool)), "moved school: seen at once");
        user = (await users.FindByIdAsync(moving))!;
        user.IsActive = false;
        await users.UpdateAsync(user);
        Assert.That(await lookups.GetAffiliationAsync(moving), Is.EqualTo(nowhere), "deactivated: affiliated to nothing");
        Assert.That(await lookups.GetAffiliationAsync(999_999), Is.EqualTo(nowhere));
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

    /// <summary>
    /// A school's or mentor's choices are made from their own cohorts read once (issue 23): the same rules as the
    /// provider's (courses and partners in scope, the newest cohorts up to the limit, the chosen one always among them,
    /// narrowed by course), never a cohort, course or partner only others' people are on.
    /// </summary>
    [Test]
    public async Task FilterChoices_OfASchoolOrMentor_FromTheirOwnCohorts_ByCourseThenNewest()
    {
        var school = await Data.SchoolAsync("Choices Academy");
        var mentor = await Data.UserAsync("mentor@people-choices.example", "Mentor", Roles.Mentor);
        var courseB = await Data.CourseAsync("npq-people-b", leadership: true);
        var courseA = await Data.CourseAsync("npq-people-a", leadership: false);
        var zeta = await Data.PartnerAsync("Zeta Partner");
        var alpha = await Data.PartnerAsync("Alpha Partner");
        var outside = await Data.PartnerAsync("Outside Partner");
        var a2024 = await Data.CohortAsync(courseA, "People A 2024", zeta);
        var a2026 = await Data.CohortAsync(courseA, "People A 2026", alpha);
        var b2025 = await Data.CohortAsync(courseB, "People B 2025");
        var b2027 = await Data.CohortAsync(courseB, "People B 2027", zeta);
        var notOurs = await Data.CohortAsync(courseB, "People B others", outside);
        await using (var connection = await Db.OpenForWriteAsync())
        {
            foreach (var (id, start) in new[] { (a2024, "2024-01-08"), (a2026, "2026-01-05"), (b2025, "2025-01-06"), (b2027, "2027-01-04"), (notOurs, "2028-01-03") })
            {
                await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE Cohorts SET StartDate = @start WHERE Id = @id", new { start, id });
            }
        }

        var i = 0;
        foreach (var cohort in new[] { a2024, a2026, b2025, b2027, b2027 })
        {
            await Data.EnrolAsync(cohort, await Data.UserAsync($"c{i++}@people-choices.example", "Candidate", Roles.Candidate, school), mentor);
        }

        await Data.EnrolAsync(notOurs, await Data.UserAsync("other@people-choices.example", "Elsewhere", Roles.Candidate), null);

        foreach (var scope in new[] { ReportScope.ForSchool(school), ReportScope.ForMentor(mentor) })
        {
            var all = await _lookups.GetFilterChoicesAsync(scope, null, null, 100);
            var newestTwo = await _lookups.GetFilterChoicesAsync(scope, null, null, 2);
            var ofCourseA = await _lookups.GetFilterChoicesAsync(scope, courseA, null, 100);
            var chosenOld = await _lookups.GetFilterChoicesAsync(scope, null, a2024, 2);
            var chosenNotOurs = await _lookups.GetFilterChoicesAsync(scope, null, notOurs, 100);
            var chosenOfAnotherCourse = await _lookups.GetFilterChoicesAsync(scope, courseB, a2024, 100);

            Assert.Multiple(() =>
            {
                Assert.That(all.Courses.Select(c => (c.Id, c.Name)), Is.EqualTo(new[] { (courseA, "Course npq-people-a"), (courseB, "Course npq-people-b") }), "by name");
                Assert.That(all.Partners.Select(p => (p.Id, p.Name)), Is.EqualTo(new[] { (alpha, "Alpha Partner"), (zeta, "Zeta Partner") }), "once each, by name; never a partner only others are with");
                Assert.That(all.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { a2026, a2024, b2027, b2025 }), "by course, newest first, each once");
                Assert.That(all.Cohorts.Select(c => c.Name), Is.EqualTo(new[] { "People A 2026", "People A 2024", "People B 2027", "People B 2025" }));
                Assert.That(all.MoreCohorts, Is.False);
                Assert.That(newestTwo.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { a2026, b2027 }), "the newest two, shown by course");
                Assert.That(newestTwo.MoreCohorts, Is.True);
                Assert.That(ofCourseA.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { a2026, a2024 }));
                Assert.That(ofCourseA.Courses, Has.Count.EqualTo(2), "the course list is not narrowed");
                Assert.That(chosenOld.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { a2024, b2027 }), "the chosen one, however old, and the newest");
                Assert.That(chosenOld.MoreCohorts, Is.True);
                Assert.That(chosenNotOurs.Cohorts.Select(c => c.Id), Does.Not.Contain(notOurs), "another's cohort, even chosen, never");
                Assert.That(chosenOfAnotherCourse.Cohorts.Select(c => c.Id), Is.EqualTo(new[] { b2027, b2025 }), "the chosen cohort only with its own course");
            });
        }
    }

    [Test]
    public async Task FilterChoices_OfAProvider_Remembered_UntilACourseCohortOrPartnerIsWritten()
    {
        var choices = new ReportChoicesCache(SharedCaches.InMemory(), TimeSpan.FromMinutes(5));
        var lookups = new ReportLookupRepository(Db, choices);
        var organisations = new OrganisationRepository(Db, choices);
        var cohorts = new CohortRepository(Db, null, choices);
        var provider = await organisations.EnsureProviderAsync("Remembered Choices " + Guid.NewGuid().ToString("N")[..6], Now);
        var scope = ReportScope.ForProvider(provider);
        var courseId = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-remembered", ShortCode = "REM", Name = "Remembered", FrameworkCode = "npqsl" });
        Cohort NewCohort(string name, int year, int? partner = null) => new()
        {
            CourseId = courseId, DeliveryPartnerId = partner, Name = name, StartYear = year, StartDate = new DateOnly(year, 10, 1),
            EndDate = new DateOnly(year + 2, 3, 31), TimeZone = "Europe/London", Capacity = 10,
        };
        var first = await organisations.EnsureCohortAsync(NewCohort("First", 2025));
        string Names(ReportFilterChoices c) => string.Join(", ", c.Courses.Select(x => x.Name).Concat(c.Partners.Select(x => x.Name)).Concat(c.Cohorts.Select(x => x.Name)));
        async Task Unannounced(string sql)
        {
            await using var connection = await Db.OpenAsync();
            await connection.ExecuteAsync(sql, new { courseId, first });
        }

        var read = Names(await lookups.GetFilterChoicesAsync(scope, null, null, 10));
        await Unannounced("UPDATE Cohorts SET Name = 'First unannounced' WHERE Id = @first");
        var remembered = Names(await lookups.GetFilterChoicesAsync(scope, null, null, 10));
        var unremembered = Names(await new ReportLookupRepository(Db).GetFilterChoicesAsync(scope, null, null, 10));
        var second = await cohorts.CreateCohortAsync(NewCohort("Second", 2026), CohortExtras.None);
        var cohortCreated = Names(await lookups.GetFilterChoicesAsync(scope, null, null, 10));
        var summary = (await cohorts.GetSummaryAsync(second))!;
        await cohorts.UpdateCohortAsync(summary.Cohort with { Name = "Second renamed" }, CohortExtras.None);
        var cohortUpdated = Names(await lookups.GetFilterChoicesAsync(scope, null, null, 10));
        var course = (await cohorts.GetCourseAsync(provider, courseId))!;
        await Unannounced("UPDATE Cohorts SET Name = 'First again' WHERE Id = @first");
        await cohorts.UpdateCourseAsync(course with { Name = "Course renamed" });
        var courseUpdated = Names(await lookups.GetFilterChoicesAsync(scope, null, null, 10));
        var partner = await organisations.EnsureDeliveryPartnerAsync(provider, "Partner");
        await organisations.EnsureCohortAsync(NewCohort("Third", 2027, partner));
        var partnerAndCohortAdded = Names(await lookups.GetFilterChoicesAsync(scope, null, null, 10));
        await Unannounced("UPDATE Cohorts SET Name = 'First at last' WHERE Id = @first");
        await cohorts.CreateCourseAsync(new Course { ProviderId = provider, Identifier = "npq-remembered-2", ShortCode = "RM2", Name = "Second course", FrameworkCode = "npqsl" });
        var courseCreated = Names(await lookups.GetFilterChoicesAsync(scope, null, null, 10));

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo("Remembered, First"));
            Assert.That(remembered, Is.EqualTo("Remembered, First"), "a change nothing announced is not seen: the choices are remembered");
            Assert.That(unremembered, Is.EqualTo("Remembered, First unannounced"), "without the cache every read is fresh");
            Assert.That(cohortCreated, Is.EqualTo("Remembered, Second, First unannounced"));
            Assert.That(cohortUpdated, Is.EqualTo("Remembered, Second renamed, First unannounced"));
            Assert.That(courseUpdated, Is.EqualTo("Course renamed, Second renamed, First again"));
            Assert.That(partnerAndCohortAdded, Is.EqualTo("Course renamed, Partner, Third, Second renamed, First again"));
            Assert.That(courseCreated, Is.EqualTo("Course renamed, Partner, Third, Second renamed, First at last"));
        });
    }

    [Test]
    public async Task FilterChoices_ForACourseOrCohortNotOffered_AreAnsweredButNotRemembered()
    {
        var choices = new ReportChoicesCache(SharedCaches.InMemory(), TimeSpan.FromMinutes(5));
        var lookups = new ReportLookupRepository(Db, choices);
        var organisations = new OrganisationRepository(Db);
        var provider = await organisations.EnsureProviderAsync("Made-up Choices " + Guid.NewGuid().ToString("N")[..6], Now);
        var scope = ReportScope.ForProvider(provider);
        var courseId = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-made-up", ShortCode = "MUP", Name = "Real", FrameworkCode = "npqsl" });
        var cohort = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "Real cohort", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
            TimeZone = "Europe/London", Capacity = 10,
        });
        async Task<string> Read(int? course, int? chosen) => string.Join(", ", (await lookups.GetFilterChoicesAsync(scope, course, chosen, 10)).Cohorts.Select(c => c.Name));
        async Task Rename(string name)
        {
            await using var connection = await Db.OpenAsync();
            await connection.ExecuteAsync("UPDATE Cohorts SET Name = @name WHERE Id = @cohort", new { name, cohort });
        }

        var (real, madeUpCohort, madeUpCourse, otherProvidersCohort) = (await Read(courseId, cohort), await Read(null, 987_654), await Read(987_654, null), await Read(null, _cohortA));
        await Rename("Renamed behind its back");
        var (realAgain, madeUpCohortAgain, madeUpCourseAgain, otherProvidersCohortAgain) = (await Read(courseId, cohort), await Read(null, 987_654), await Read(987_654, null), await Read(null, _cohortA));

        Assert.Multiple(() =>
        {
            Assert.That((real, madeUpCohort, madeUpCourse, otherProvidersCohort), Is.EqualTo(("Real cohort", "Real cohort", string.Empty, "Real cohort")));
            Assert.That(realAgain, Is.EqualTo("Real cohort"), "a course and cohort of the scope: remembered");
            Assert.That(madeUpCohortAgain, Is.EqualTo("Renamed behind its back"), "a cohort that is not there: answered, not remembered");
            Assert.That(madeUpCourseAgain, Is.Empty);
            Assert.That(otherProvidersCohortAgain, Is.EqualTo("Renamed behind its back"), "another provider's cohort: not remembered either");
        });
    }

    [Test]
    public async Task FilterChoices_OfAMentor_Remembered_UntilAnEnrolmentIsMadeOrGivenAnotherMentor()
    {
        var choices = new ReportChoicesCache(SharedCaches.InMemory(), TimeSpan.FromMinutes(5));
        var lookups = new ReportLookupRepository(Db, choices);
        var enrolments = new EnrolmentRepository(Db, null, choices);
        var lifecycle = new EnrolmentLifecycleRepository(Db, null, choices);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var mentor = await Data.UserAsync($"mentor-{tag}@lookups.example", "Remembering Mentor", Roles.Mentor);
        var course = await Data.CourseAsync("npq-mentor-" + tag, leadership: true);
        var (first, second, third) = (await Data.CohortAsync(course, "First " + tag), await Data.CohortAsync(course, "Second " + tag), await Data.CohortAsync(course, "Third " + tag));
        var candidates = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            candidates.Add(await Data.UserAsync($"mentee{i}-{tag}@lookups.example", "Mentee " + i, Roles.Candidate));
        }

        var scope = ReportScope.ForMentor(mentor);
        async Task<string[]> Offered() => [.. (await lookups.GetFilterChoicesAsync(scope, null, null, 10)).Cohorts.Select(c => c.Name.Split(' ')[0])];

        await Data.EnrolAsync(first, candidates[0], mentor);
        var read = await Offered();
        var unannounced = await Data.EnrolAsync(second, candidates[1], mentor);
        var remembered = await Offered();
        var inThird = await enrolments.EnsureAsync(third, candidates[2], null, Now);
        var enrolledWithoutThem = await Offered();
        await lifecycle.AssignMentorAsync(third, [inThird], mentor, mentor, Now);
        var assigned = await Offered();
        await lifecycle.AssignMentorAsync(second, [unannounced], null, mentor, Now);
        var removed = await Offered();

        Assert.Multiple(() =>
        {
            Assert.That(read, Is.EqualTo(new[] { "First" }));
            Assert.That(remembered, Is.EqualTo(new[] { "First" }), "an enrolment nothing announced is not seen: the choices are remembered");
            Assert.That(enrolledWithoutThem, Is.EquivalentTo(new[] { "First", "Second" }), "an enrolment made forgets them");
            Assert.That(assigned, Is.EquivalentTo(new[] { "First", "Second", "Third" }), "a mentee given to them");
            Assert.That(removed, Is.EquivalentTo(new[] { "First", "Third" }), "a mentee taken from them");
        });
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
