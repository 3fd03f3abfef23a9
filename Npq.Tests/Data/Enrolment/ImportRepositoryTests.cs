using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;

namespace Npq.Tests.Data.Enrolment;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class ImportRepositoryTests<TDatabase> : EnrolmentDataFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    [Test]
    public async Task ImportApplications_NewAndKnownPeople_CreatesCandidatesWithoutPasswordsAndTheirApplications()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var users = new UserRepository(Db);
        var knownId = await NewUserAsync("known");
        var known = (await users.FindByIdAsync(knownId))!;
        var newEmail = $"new-{Guid.NewGuid():N}@import.example";
        var rows = new List<(ImportedPerson, Application)>
        {
            (new ImportedPerson(newEmail, "New Person", ProviderId), Submitted(cohortId, 0)),
            (new ImportedPerson(known.Email.ToUpperInvariant(), "Known Again", ProviderId), Submitted(cohortId, 0) with { FundingRoute = FundingRoute.Trust }),
        };

        var count = await new ImportRepository(Db).ImportApplicationsAsync(rows, Now);

        Assert.That(count, Is.EqualTo(2));
        var created = (await users.FindByNormalizedEmailAsync(newEmail.ToUpperInvariant()))!;
        Assert.That((created.DisplayName, created.PasswordHash, created.ProviderId), Is.EqualTo(("New Person", (string?)null, (int?)ProviderId)));
        Assert.That(await users.GetRolesAsync(created.Id), Is.EqualTo(new[] { Roles.Candidate }));
        var applications = new ApplicationRepository(Db);
        Assert.That((await applications.GetForApplicantAsync(created.Id)).Single().Application, Is.EqualTo(Submitted(cohortId, created.Id) with { Id = (await applications.GetForApplicantAsync(created.Id)).Single().Application.Id }));
        Assert.That((await applications.GetForApplicantAsync(knownId)).Single().Application.FundingRoute, Is.EqualTo(FundingRoute.Trust), "a known address is the same person");
        Assert.That((await users.FindByIdAsync(knownId))!.DisplayName, Is.EqualTo("known"), "a known person keeps their name");
    }

    [Test]
    public async Task ImportEnrolments_PlacesLeft_EnrolsWithMentorAndHistory()
    {
        var cohortId = await NewCohortAsync(capacity: 2);
        var mentor = await NewUserAsync("mentor");
        var email = $"enrol-{Guid.NewGuid():N}@import.example";

        var full = await new ImportRepository(Db).ImportEnrolmentsAsync([(new ImportedPerson(email, "Enrolled Person", ProviderId), cohortId, mentor)], AdminId, Now);

        Assert.That(full, Is.Null);
        var person = (await new UserRepository(Db).FindByNormalizedEmailAsync(email.ToUpperInvariant()))!;
        var lifecycle = new EnrolmentLifecycleRepository(Db);
        var enrolment = (await lifecycle.GetForCandidateAsync(person.Id)).Single();
        Assert.That((enrolment.Enrolment.CohortId, enrolment.Enrolment.MentorUserId, enrolment.Enrolment.TrainingStatus), Is.EqualTo((cohortId, (int?)mentor, TrainingStatus.Active)));
        var history = (await lifecycle.GetHistoryForCandidateAsync(person.Id)).Single();
        Assert.That((history.Change, history.ChangedByUserId), Is.EqualTo(("Imported", (int?)AdminId)));
    }

    [Test]
    public async Task ImportEnrolments_MoreRowsThanPlaces_WritesNothingAndNamesTheFullCohort()
    {
        var cohortId = await NewCohortAsync(capacity: 1);
        var emails = new[] { $"first-{Guid.NewGuid():N}@import.example", $"second-{Guid.NewGuid():N}@import.example" };
        var rows = emails.Select(e => (new ImportedPerson(e, "Person", ProviderId), cohortId, (int?)null)).ToList();

        var full = await new ImportRepository(Db).ImportEnrolmentsAsync(rows, AdminId, Now);

        Assert.That(full, Is.EqualTo(cohortId));
        Assert.That(await new EnrolmentLifecycleRepository(Db).GetForCohortAsync(cohortId), Is.Empty);
        Assert.That(await new UserRepository(Db).FindByNormalizedEmailAsync(emails[0].ToUpperInvariant()), Is.Null, "the people made on the way are rolled back too");
    }

    [Test]
    public async Task ImportEnrolments_PersonAlreadyOnTheCohort_IsRefused()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var candidate = await NewUserAsync("already");
        await EnrolAsync(cohortId, candidate);
        var email = (await new UserRepository(Db).FindByIdAsync(candidate))!.Email;

        var full = await new ImportRepository(Db).ImportEnrolmentsAsync([(new ImportedPerson(email, "Already", ProviderId), cohortId, null)], AdminId, Now);

        Assert.That(full, Is.EqualTo(cohortId), "nothing is written when a row cannot take a place");
        Assert.That(await new EnrolmentLifecycleRepository(Db).GetForCohortAsync(cohortId), Has.Count.EqualTo(1));
    }
}
