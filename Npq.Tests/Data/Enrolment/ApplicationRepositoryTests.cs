using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
namespace Npq.Tests.Data.Enrolment;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class ApplicationRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = new(2026, 11, 22, 9, 30, 0, DateTimeKind.Utc);
    private int _providerId;
    private int _courseId;
    private int _adminId;

    [OneTimeSetUp]
    public async Task Organisation()
    {
        var organisations = new OrganisationRepository(Db);
        _providerId = await organisations.EnsureProviderAsync("Applications Provider", Now);
        _courseId = await organisations.EnsureCourseAsync(new Course
        {
            ProviderId = _providerId, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = "Senior Leadership", PricePence = 155_000,
        });
        _adminId = await NewUserAsync("admin");
    }

    [Test]
    public async Task Create_ThenRead_KeepsEveryFieldAndShowsInTheApplicantsListAndTheInbox()
    {
        var cohortId = await NewCohortAsync(capacity: 10);
        var applicant = await NewUserAsync("reader");
        var applications = new ApplicationRepository(Db);
        var draft = Draft(cohortId, applicant) with
        {
            DfeParticipantId = "7a8fef46-3c43-42c0-b3d5-1ba5904ba562", DfeApplicationId = "db3a7848-7308-4879-942a-c4a70ced400a", Trn = "0012345",
            FundingRoute = FundingRoute.Self,
        };
        var submitted = ApplicationSubmission.Complete(draft, 155_000, 0.2m, new DateOnly(2026, 11, 22), Now);

        var id = await applications.CreateAsync(submitted);
        var read = await applications.GetAsync(id);

        Assert.That(read!.Application, Is.EqualTo(submitted with { Id = id }));
        Assert.That(read.Application.QualificationGainedOn, Is.EqualTo(new DateOnly(2016, 7, 20)), "a date-only value never shifts");
        Assert.That((await applications.GetForApplicantAsync(applicant)).Select(a => a.Application.Id), Is.EqualTo(new[] { id }));
        var inbox = await applications.GetInboxAsync(_providerId, new ApplicationFilter { CohortId = cohortId, FundingRoute = FundingRoute.Self, Eligible = true });
        Assert.That(inbox.Select(a => a.Application.Id), Is.EqualTo(new[] { id }));
        Assert.That(await applications.GetInboxAsync(_providerId, new ApplicationFilter { CohortId = cohortId, Eligible = false }), Is.Empty);
        Assert.That(await applications.GetInboxAsync(_providerId + 1000, new ApplicationFilter()), Is.Empty, "another provider sees none of it");
    }

    [Test]
    public async Task AcceptIntoCohort_PlaceLeft_CreatesTheEnrolmentWithHistoryAndMarksTheApplication()
    {
        var cohortId = await NewCohortAsync(capacity: 1);
        var applicant = await NewUserAsync("accepted");
        var applications = new ApplicationRepository(Db);
        var id = await applications.CreateAsync(Submitted(cohortId, applicant));

        var outcome = await applications.AcceptIntoCohortAsync(id, _adminId, null, Now);

        Assert.That(outcome, Is.EqualTo(DecisionOutcome.Done));
        Assert.That((await applications.GetAsync(id))!.Application.Status, Is.EqualTo(ApplicationStatus.Accepted));
        var enrolments = await new EnrolmentLifecycleRepository(Db).GetForCandidateAsync(applicant);
        Assert.That(enrolments.Single().Enrolment.CohortId, Is.EqualTo(cohortId));
        var history = await new EnrolmentLifecycleRepository(Db).GetHistoryForCandidateAsync(applicant);
        Assert.That(history.Single().Change, Is.EqualTo("Enrolled"));
        Assert.That(history.Single().ChangedByUserId, Is.EqualTo(_adminId));
        Assert.That((await new CohortRepository(Db).GetSummaryAsync(cohortId))!.PlacesText, Is.EqualTo("Full: all 1 places taken"));
    }

    [Test]
    public async Task AcceptIntoCohort_CohortFull_IsRefusedAndLeavesTheApplicationPending()
    {
        var cohortId = await NewCohortAsync(capacity: 1);
        var applications = new ApplicationRepository(Db);
        var first = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("first")));
        var second = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("second")));
        await applications.AcceptIntoCohortAsync(first, _adminId, null, Now);

        var outcome = await applications.AcceptIntoCohortAsync(second, _adminId, null, Now);

        Assert.That(outcome, Is.EqualTo(DecisionOutcome.CohortFull));
        Assert.That((await applications.GetAsync(second))!.Application.Status, Is.EqualTo(ApplicationStatus.Pending));
        Assert.That((await new EnrolmentLifecycleRepository(Db).GetForCohortAsync(cohortId)), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AcceptIntoCohort_TwoAdminsRaceForTheLastPlace_ExactlyOneWins()
    {
        var cohortId = await NewCohortAsync(capacity: 1);
        var applications = new ApplicationRepository(Db);
        var a = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("race-a")));
        var b = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("race-b")));

        var outcomes = await Task.WhenAll(
            Task.Run(() => applications.AcceptIntoCohortAsync(a, _adminId, null, Now)),
            Task.Run(() => applications.AcceptIntoCohortAsync(b, _adminId, null, Now)));

        Assert.That(outcomes, Is.EquivalentTo(new[] { DecisionOutcome.Done, DecisionOutcome.CohortFull }));
        Assert.That(await new EnrolmentLifecycleRepository(Db).GetForCohortAsync(cohortId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Decisions_OnceDecided_CannotBeDecidedAgain()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var applications = new ApplicationRepository(Db);
        var id = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("decided")));

        Assert.That(await applications.MoveToWaitingListAsync(id, _adminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That((await new CohortRepository(Db).GetSummaryAsync(cohortId))!.Waiting, Is.EqualTo(1));
        Assert.That(await applications.RejectAsync(id, "The cohort is for UK schools.", _adminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That((await applications.GetAsync(id))!.Application.RejectionReason, Is.EqualTo("The cohort is for UK schools."));
        Assert.That(await applications.AcceptIntoCohortAsync(id, _adminId, null, Now), Is.EqualTo(DecisionOutcome.AlreadyDecided));
        Assert.That(await applications.WithdrawAsync(id, _adminId, Now), Is.EqualTo(DecisionOutcome.AlreadyDecided));
        Assert.That(await applications.WithdrawAsync(999_999, _adminId, Now), Is.EqualTo(DecisionOutcome.NotFound));
    }

    [Test]
    public async Task CreateMany_OneRowFails_WritesNone()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var applicant = await NewUserAsync("many");
        var applications = new ApplicationRepository(Db);
        var bad = Submitted(cohortId + 1_000_000, applicant); // no such cohort: the foreign key fails

        Assert.That(async () => await applications.CreateManyAsync([Submitted(cohortId, applicant), bad]), Throws.Exception);
        Assert.That(await applications.GetForApplicantAsync(applicant), Is.Empty);
    }

    [Test]
    public async Task StatusChanges_AreKeptInHistoryAndStaleVersionsAreRefused()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var later = await NewCohortAsync(capacity: 1);
        var candidate = await NewUserAsync("lifecycle");
        var mentor = await NewUserAsync("mentor");
        var applications = new ApplicationRepository(Db);
        var lifecycle = new EnrolmentLifecycleRepository(Db);
        await applications.AcceptIntoCohortAsync(await applications.CreateAsync(Submitted(cohortId, candidate)), _adminId, null, Now);
        var enrolment = (await lifecycle.GetForCandidateAsync(candidate)).Single().Enrolment;

        var deferred = await lifecycle.ChangeStatusAsync(enrolment.Id, enrolment.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Deferred, "parental-leave"), _adminId, Now.AddDays(1));
        var stale = await lifecycle.ChangeStatusAsync(enrolment.Id, enrolment.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Completed, null), _adminId, Now.AddDays(2));
        var afterDefer = (await lifecycle.GetAsync(enrolment.Id))!.Enrolment;
        var resumed = await lifecycle.ResumeIntoCohortAsync(enrolment.Id, afterDefer.Version, later, _adminId, Now.AddDays(3));
        var moved = (await lifecycle.GetAsync(enrolment.Id))!.Enrolment;
        var assigned = await lifecycle.AssignMentorAsync(later, [enrolment.Id], mentor, _adminId, Now.AddDays(4));
        var assignedAgain = await lifecycle.AssignMentorAsync(later, [enrolment.Id], mentor, _adminId, Now.AddDays(5));

        Assert.That(deferred, Is.True);
        Assert.That(stale, Is.False, "a change made on an old read is refused");
        Assert.That(resumed, Is.EqualTo(DecisionOutcome.Done));
        Assert.That(moved.CohortId, Is.EqualTo(later));
        Assert.That(moved.TrainingStatus, Is.EqualTo(TrainingStatus.Active));
        Assert.That(assigned, Is.EqualTo(1));
        Assert.That(assignedAgain, Is.Zero, "no change, no history entry");
        var history = await lifecycle.GetHistoryForCandidateAsync(candidate);
        Assert.That(history.Select(h => h.Change), Is.EqualTo(new[] { "Enrolled", "Deferred", "Resumed in another cohort", "Mentor assigned" }));
        Assert.That(history[1].StatusReason, Is.EqualTo("parental-leave"));
        Assert.That(history[1].ChangedUtc, Is.EqualTo(Now.AddDays(1)));
        Assert.That(history[3].MentorUserId, Is.EqualTo(mentor));
    }

    [Test]
    public async Task ResumeIntoCohort_FullCohort_IsRefused()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var full = await NewCohortAsync(capacity: 1);
        var applications = new ApplicationRepository(Db);
        var lifecycle = new EnrolmentLifecycleRepository(Db);
        await applications.AcceptIntoCohortAsync(await applications.CreateAsync(Submitted(full, await NewUserAsync("occupant"))), _adminId, null, Now);
        var candidate = await NewUserAsync("resumer");
        await applications.AcceptIntoCohortAsync(await applications.CreateAsync(Submitted(cohortId, candidate)), _adminId, null, Now);
        var enrolment = (await lifecycle.GetForCandidateAsync(candidate)).Single().Enrolment;
        await lifecycle.ChangeStatusAsync(enrolment.Id, enrolment.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Deferred, "career-break"), _adminId, Now);

        var outcome = await lifecycle.ResumeIntoCohortAsync(enrolment.Id, enrolment.Version + 1, full, _adminId, Now);

        Assert.That(outcome, Is.EqualTo(DecisionOutcome.CohortFull));
        Assert.That((await lifecycle.GetAsync(enrolment.Id))!.Enrolment.TrainingStatus, Is.EqualTo(TrainingStatus.Deferred));
    }

    [Test]
    public async Task Cohort_CreateAndUpdate_KeepsExtrasAndRefusesAStaleVersion()
    {
        var cohorts = new CohortRepository(Db);
        var facilitator = await NewUserAsync("facilitator");
        var cohort = NewCohort("Extras " + Guid.NewGuid().ToString("N")[..6], 30) with { DeliveryModel = DeliveryModel.Blended, OpenForApplications = false };
        var extras = new CohortExtras([facilitator], ["Riverside Academy hall"], [new CohortEventInput(new DateOnly(2027, 1, 15), "Residential day 1", "Riverside Academy hall")]);

        var id = await cohorts.CreateCohortAsync(cohort, extras);
        var read = (await cohorts.GetSummaryAsync(id))!;
        var readExtras = await cohorts.GetExtrasAsync(id);
        var saved = await cohorts.UpdateCohortAsync(read.Cohort with { Capacity = 31 }, readExtras with { Venues = ["Town hall"] });
        var stale = await cohorts.UpdateCohortAsync(read.Cohort with { Capacity = 32 }, readExtras);

        Assert.That(read.Cohort with { Id = 0, Version = 1 }, Is.EqualTo(cohort));
        Assert.That(readExtras.FacilitatorPeople.Single().UserId, Is.EqualTo(facilitator));
        Assert.That(readExtras.Events.Single().EventDate, Is.EqualTo(new DateOnly(2027, 1, 15)));
        Assert.That(saved, Is.True);
        Assert.That(stale, Is.False);
        Assert.That((await cohorts.GetSummaryAsync(id))!.Cohort.Capacity, Is.EqualTo(31));
        Assert.That((await cohorts.GetExtrasAsync(id)).Venues, Is.EqualTo(new[] { "Town hall" }));
        Assert.That((await cohorts.GetOpenAsync(new DateTime(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc))).Select(c => c.Cohort.Id), Does.Not.Contain(id), "closed to applications");
    }

    [Test]
    public async Task GetOpen_CohortEndingToday_ListedUntilTheDateIsOverInItsOwnZone()
    {
        var cohorts = new CohortRepository(Db);
        var ends = new DateOnly(2031, 3, 10);
        var auckland = await cohorts.CreateCohortAsync(NewCohort("Auckland " + Guid.NewGuid().ToString("N")[..6], 10) with { EndDate = ends, TimeZone = "Pacific/Auckland" }, CohortExtras.None);
        var losAngeles = await cohorts.CreateCohortAsync(NewCohort("Los Angeles " + Guid.NewGuid().ToString("N")[..6], 10) with { EndDate = ends, TimeZone = "America/Los_Angeles" }, CohortExtras.None);

        async Task<int[]> OpenAt(DateTime nowUtc) =>
            (await cohorts.GetOpenAsync(nowUtc)).Select(c => c.Cohort.Id).Where(id => id == auckland || id == losAngeles).ToArray();

        // Noon UTC on the 10th: already the 11th in Auckland. 03:00 UTC on the 11th: still the 10th in Los Angeles.
        Assert.That(await OpenAt(new DateTime(2031, 3, 10, 10, 0, 0, DateTimeKind.Utc)), Is.EquivalentTo(new[] { auckland, losAngeles }));
        Assert.That(await OpenAt(new DateTime(2031, 3, 10, 12, 0, 0, DateTimeKind.Utc)), Is.EqualTo(new[] { losAngeles }));
        Assert.That(await OpenAt(new DateTime(2031, 3, 11, 3, 0, 0, DateTimeKind.Utc)), Is.EqualTo(new[] { losAngeles }));
        Assert.That(await OpenAt(new DateTime(2031, 3, 11, 8, 0, 0, DateTimeKind.Utc)), Is.Empty);
    }

    private async Task<int> NewCohortAsync(int capacity) =>
        await new CohortRepository(Db).CreateCohortAsync(NewCohort("Cohort " + Guid.NewGuid().ToString("N")[..8], capacity), CohortExtras.None);

    private Cohort NewCohort(string name, int capacity) => new()
    {
        CourseId = _courseId, Name = name, StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31),
        DeliveryModel = DeliveryModel.Online, TimeZone = "Europe/London", Capacity = capacity,
    };

    private async Task<int> NewUserAsync(string name)
    {
        var email = $"{name}-{Guid.NewGuid():N}@repo.example";
        return await new UserRepository(Db).CreateAsync(new AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, ProviderId = _providerId, CreatedUtc = Now,
        });
    }

    private static Application Draft(int cohortId, int applicantUserId) => new()
    {
        CohortId = cohortId, ApplicantUserId = applicantUserId, SchoolName = "Riverside Academy", Role = "Assistant head",
        Qualification = TeachingQualification.Qts, QualificationGainedOn = new DateOnly(2016, 7, 20), YearsTeachingSince = 8, FundingRoute = FundingRoute.School,
    };

    private static Application Submitted(int cohortId, int applicantUserId) =>
        ApplicationSubmission.Complete(Draft(cohortId, applicantUserId), 155_000, 0.2m, new DateOnly(2026, 11, 22), Now);
}
