using Npq.Core.Accounts;
using Npq.Core.Materials;
using Npq.Core.Portfolio;
using Npq.Data.Enrolment;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;
using Npq.Tests.Data.Reporting;

namespace Npq.Tests.Data.Portfolio;

/// <summary>
/// A headteacher's page of their school, read as one command (<see cref="SchoolPageRepository"/>): the school's
/// candidates but withdrawn ones, a page at a time by name; and for those on the page only, the figures job's kept
/// materials and coverage (coverage only against the framework as loaded now) and each one's newest progress update in brief.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class SchoolPageRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    [Test]
    public async Task SchoolPage_ByName_WithWhatIsKeptAndTheNewestUpdates_OfThePagesCandidatesOnly()
    {
        var organisations = new OrganisationRepository(Db);
        var school = await organisations.EnsureSchoolAsync("Page School", "England", "Europe/London");
        var nextDoor = await organisations.EnsureSchoolAsync("Next Door", "England", "Europe/London");
        var head = await Data.UserAsync("head@school-page.example", "Hal Head", Roles.Headteacher, school);
        var mentor = await Data.UserAsync("mentor@school-page.example", "Mo Mentor", Roles.Mentor);
        var cohort = await Data.CohortAsync(await Data.CourseAsync("npq-school-page", leadership: true), "School Page Cohort");
        async Task<(int User, int Enrolment)> Candidate(string name, int schoolId, string status = "Active")
        {
            var user = await Data.UserAsync($"{name.ToLowerInvariant()}@school-page.example", name, Roles.Candidate, schoolId);
            return (user, await Data.EnrolAsync(cohort, user, mentor, status));
        }

        var cal = await Candidate("Cal", school);
        var ada = await Candidate("Ada", school);
        var bea = await Candidate("Bea", school);
        await Candidate("Aaron", nextDoor);
        await Candidate("Abe", school, "Withdrawn");

        // Ada: an older update, then the newest; Bea: two written at the same moment (the later id is the newest); Cal: none.
        await Data.ProgressAsync(ada.User, cohort, mentor, At(3, 1, 9), ("teaching", "Emerging"), ("behaviour", "Emerging"));
        await Data.ProgressAsync(ada.User, cohort, mentor, At(4, 1, 9), ("teaching", "Secure"), ("behaviour", "Secure"), ("culture", "Developing"));
        await Data.ProgressAsync(bea.User, cohort, mentor, At(4, 2, 9), ("teaching", "Emerging"));
        await Data.ProgressAsync(bea.User, cohort, mentor, At(4, 2, 9), ("teaching", "Secure"));
        await Data.ProgressAsync(cal.User, cohort, mentor, At(4, 3, 9), ("teaching", "Secure"));

        // Ada's figures kept by the figures job (marked so the read shows where they came from); Bea's and Cal's not.
        var framework = Frameworks.Find("npqsl")!;
        await Data.EvidenceAsync(ada.User, At(3, 1, 9), false, Data.StatementIds[0], Data.StatementIds[1]);
        var store = new EnrolmentFiguresRepository(Db, Frameworks, []);
        await store.ClaimAsync([ada.Enrolment], claim: 21);
        Assert.That(await store.StoreAsync(await store.ComputeAsync([ada.Enrolment], Now), claim: 21), Is.EqualTo(1));
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET FrameworkCovered = 7, MaterialsCompleted = 3, MaterialsTotal = 9 WHERE EnrolmentId = @id", new { id = ada.Enrolment });
        var repository = new SchoolPageRepository(Db, Frameworks);

        var first = await repository.ReadAsync(head, 0, 2);
        var last = await repository.ReadAsync(head, 2, 2);

        Assert.That((first.Total, last.Total), Is.EqualTo((3, 3)), "the school's three, not next door's, nor the withdrawn");
        Assert.That(first.Placements.Select(p => p.CandidateName), Is.EqualTo(new[] { "Ada", "Bea" }));
        Assert.That(last.Placements.Select(p => p.CandidateName), Is.EqualTo(new[] { "Cal" }));
        Assert.That(first.KeptMaterials.Keys, Is.EqualTo(new[] { ada.Enrolment }));
        Assert.That((first.KeptMaterials[ada.Enrolment].ItemsCompleted, first.KeptMaterials[ada.Enrolment].ItemsTotal), Is.EqualTo((3, 9)));
        Assert.That(first.KeptCoverage, Is.EquivalentTo(new Dictionary<(int, string), int> { [(ada.User, "npqsl")] = 7 }));
        Assert.That(first.LatestUpdates.Keys, Is.EquivalentTo(new[] { ada.User, bea.User }), "the page's candidates only");
        Assert.That(first.LatestUpdates[ada.User].CreatedUtc, Is.EqualTo(At(4, 1, 9)));
        Assert.That(first.LatestUpdates[ada.User].DescribeRatings(), Is.EqualTo("2 secure, 1 developing"), "the newest update's ratings, not the older one's");
        Assert.That(first.LatestUpdates[bea.User].DescribeRatings(), Is.EqualTo("1 secure"), "of two at the same moment, the later written");
        Assert.That(last.LatestUpdates.Keys, Is.EqualTo(new[] { cal.User }));
        Assert.That((last.KeptMaterials.Count, last.KeptCoverage.Count), Is.EqualTo((0, 0)), "nothing kept for Cal");

        // Coverage counted against another text of the framework is not read: the home counts it again.
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET FrameworkCoveredOf = 'npqsl:0000' WHERE EnrolmentId = @id", new { id = ada.Enrolment });
        Assert.That((await repository.ReadAsync(head, 0, 2)).KeptCoverage, Is.Empty);
        Assert.That(EvidenceRepository.CoverageKey(framework), Does.StartWith("npqsl:"));
    }

    [Test]
    public async Task SchoolPage_TakesTheMostCoverageAnyPlaceKept_MaterialsOnceCounted_AndNothingBeingCounted()
    {
        var school = await new OrganisationRepository(Db).EnsureSchoolAsync("Two Places School", "England", "Europe/London");
        var head = await Data.UserAsync("head@two-places.example", "Hana Head", Roles.Headteacher, school);
        var mentor = await Data.UserAsync("mentor@two-places.example", "Milo Mentor", Roles.Mentor);
        var course = await Data.CourseAsync("npq-two-places", leadership: true);
        var autumn = await Data.CohortAsync(course, "Two Places Autumn");
        var spring = await Data.CohortAsync(course, "Two Places Spring");
        var dee = await Data.UserAsync("dee@two-places.example", "Dee", Roles.Candidate, school);
        var eve = await Data.UserAsync("eve@two-places.example", "Eve", Roles.Candidate, school);
        var deeAutumn = await Data.EnrolAsync(autumn, dee, mentor, "Active");
        var deeSpring = await Data.EnrolAsync(spring, dee, mentor, "Active");
        var eveAutumn = await Data.EnrolAsync(autumn, eve, mentor, "Active");
        var key = EvidenceRepository.CoverageKey(Frameworks.Find("npqsl")!);
        foreach (var (enrolment, covered, modulesTotal, claim) in new (int, int, int?, int?)[] { (deeAutumn, 9, null, null), (deeSpring, 4, 2, null), (eveAutumn, 6, 2, 5) })
        {
            await Data.ExecuteAsync("""
                INSERT INTO EnrolmentFigures (EnrolmentId, SessionsCounted, SessionsAttended, StatementsCovered, TasksSet, TasksSubmitted, TasksOnTime,
                    TasksOverdue, FinalSubmitted, LatestRatingSum, PreviousRatingSum, MaterialsCompleted, MaterialsTotal, ModulesCompleted, ModulesTotal,
                    FrameworkCovered, FrameworkCoveredOf, Claim)
                VALUES (@enrolment, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 2, 8, 1, @modulesTotal, @covered, @key, @claim)
                """, new { enrolment, covered, modulesTotal, key, claim });
        }

        var page = await new SchoolPageRepository(Db, Frameworks).ReadAsync(head, 0, 10);

        Assert.That(page.Placements.Select(p => p.EnrolmentId), Is.EquivalentTo(new[] { deeAutumn, deeSpring, eveAutumn }));
        Assert.That(page.KeptCoverage, Is.EquivalentTo(new Dictionary<(int, string), int> { [(dee, "npqsl")] = 9 }),
            "the most either of Dee's places kept; nothing of Eve's while it is being counted");
        Assert.That(page.KeptMaterials.Keys, Is.EqualTo(new[] { deeSpring }), "only the place whose modules are counted");
        Assert.That(page.KeptMaterials[deeSpring], Is.EqualTo(new MaterialsSummary(deeSpring, 2, 8, 1, 2)));
    }

    [Test]
    public async Task SchoolPage_OfSomeoneWithoutASchool_IsEmpty()
    {
        var nobody = await Data.UserAsync("noschool@school-page.example", "No School", Roles.Headteacher);

        var page = await new SchoolPageRepository(Db, Frameworks).ReadAsync(nobody, 0, 10);

        Assert.That((page.Total, page.Placements.Count, page.LatestUpdates.Count, page.KeptMaterials.Count), Is.EqualTo((0, 0, 0, 0)));
    }
}
