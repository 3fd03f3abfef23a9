using Npq.Core.Enrolment;
using Npq.Data.Enrolment;

namespace Npq.Tests.Data.Enrolment;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class ApplicationRepositoryTests<TDatabase> : EnrolmentDataFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
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
        async Task<IReadOnlyList<ApplicationView>> Inbox(int providerId, ApplicationFilter filter) => (await applications.GetInboxPageAsync(providerId, filter, false, 0, 50)).Rows;
        Assert.That((await Inbox(ProviderId, new ApplicationFilter { CohortId = cohortId, FundingRoute = FundingRoute.Self, Eligible = true })).Select(a => a.Application.Id), Is.EqualTo(new[] { id }));
        Assert.That(await Inbox(ProviderId, new ApplicationFilter { CohortId = cohortId, Eligible = false }), Is.Empty);
        Assert.That(await Inbox(ProviderId + 1000, new ApplicationFilter()), Is.Empty, "another provider sees none of it");
    }

    [Test]
    public async Task GetInboxPage_PagesInArrivalOrderEitherWay_WithTheTotalOfTheFilter()
    {
        var cohortId = await NewCohortAsync(capacity: 10);
        var applications = new ApplicationRepository(Db);
        var ids = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var draft = Draft(cohortId, await NewUserAsync($"paged{i}"));
            ids.Add(await applications.CreateAsync(ApplicationSubmission.Complete(draft, 155_000, 0.2m, new DateOnly(2026, 11, 22), Now.AddMinutes(i))));
        }

        var filter = new ApplicationFilter { CohortId = cohortId };
        var first = await applications.GetInboxPageAsync(ProviderId, filter, newestFirst: false, skip: 0, take: 2);
        var last = await applications.GetInboxPageAsync(ProviderId, filter, newestFirst: false, skip: 4, take: 2);
        var newest = await applications.GetInboxPageAsync(ProviderId, filter, newestFirst: true, skip: 0, take: 2);
        var beyond = await applications.GetInboxPageAsync(ProviderId, filter, newestFirst: false, skip: 10, take: 2);

        Assert.That((first.Total, first.Rows.Select(r => r.Application.Id)), Is.EqualTo((5, ids.Take(2))));
        Assert.That(last.Rows.Select(r => r.Application.Id), Is.EqualTo(ids.Skip(4)));
        Assert.That(newest.Rows.Select(r => r.Application.Id), Is.EqualTo(new[] { ids[4], ids[3] }));
        Assert.That(beyond.Rows, Is.Empty, "past the end: no rows, and the total to tell so");
        Assert.That(beyond.Total, Is.EqualTo(5));
        Assert.That((await applications.GetInboxPageAsync(ProviderId + 1000, filter, false, 0, 25)).Total, Is.Zero, "another provider's inbox");
    }

    /// <summary>
    /// Many matches are read by walking the submission order, few by sorting what the filter's index finds (issue 23):
    /// the same pages either way.
    /// </summary>
    [Test]
    public async Task GetInboxPage_WalkingTheSubmissionOrder_GivesTheSamePagesAsSortingTheMatches()
    {
        var cohortId = await NewCohortAsync(capacity: 10);
        var sorting = new ApplicationRepository(Db);
        var walking = new ApplicationRepository(Db, inboxWalkFrom: 0);
        for (var i = 0; i < 5; i++)
        {
            await sorting.CreateAsync(ApplicationSubmission.Complete(Draft(cohortId, await NewUserAsync($"walked{i}")), 155_000, 0.2m, new DateOnly(2026, 11, 22), Now.AddMinutes(-i)));
        }

        foreach (var filter in new[] { new ApplicationFilter { CohortId = cohortId }, new ApplicationFilter { CohortId = cohortId, Status = ApplicationStatus.Pending }, new ApplicationFilter() })
        {
            foreach (var newestFirst in new[] { false, true })
            {
                for (var skip = 0; skip < 6; skip += 2)
                {
                    var sorted = await sorting.GetInboxPageAsync(ProviderId, filter, newestFirst, skip, 2);
                    var walked = await walking.GetInboxPageAsync(ProviderId, filter, newestFirst, skip, 2);
                    Assert.That((walked.Total, walked.MoreThanTotal, walked.Rows.Select(r => r.Application.Id)), Is.EqualTo((sorted.Total, sorted.MoreThanTotal, sorted.Rows.Select(r => r.Application.Id))),
                        $"{filter} newest first {newestFirst}, from {skip}");
                    Assert.That(walked.Rows.Select(r => r.CohortName), Has.All.Not.Empty);
                }
            }
        }
    }

    [Test]
    public async Task AcceptIntoCohort_PlaceLeft_CreatesTheEnrolmentWithHistoryAndMarksTheApplication()
    {
        var cohortId = await NewCohortAsync(capacity: 1);
        var applicant = await NewUserAsync("accepted");
        var applications = new ApplicationRepository(Db);
        var id = await applications.CreateAsync(Submitted(cohortId, applicant));

        var outcome = await applications.AcceptIntoCohortAsync(id, AdminId, null, Now);

        Assert.That(outcome, Is.EqualTo(DecisionOutcome.Done));
        Assert.That((await applications.GetAsync(id))!.Application.Status, Is.EqualTo(ApplicationStatus.Accepted));
        var enrolments = await new EnrolmentLifecycleRepository(Db).GetForCandidateAsync(applicant);
        Assert.That(enrolments.Single().Enrolment.CohortId, Is.EqualTo(cohortId));
        var history = await new EnrolmentLifecycleRepository(Db).GetHistoryForCandidateAsync(applicant);
        Assert.That(history.Single().Change, Is.EqualTo("Enrolled"));
        Assert.That(history.Single().ChangedByUserId, Is.EqualTo(AdminId));
        Assert.That((await new CohortRepository(Db).GetSummaryAsync(cohortId))!.PlacesText, Is.EqualTo("Full: all 1 places taken"));
    }

    [Test]
    public async Task AcceptIntoCohort_CohortFull_IsRefusedAndLeavesTheApplicationPending()
    {
        var cohortId = await NewCohortAsync(capacity: 1);
        var applications = new ApplicationRepository(Db);
        var first = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("first")));
        var second = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("second")));
        await applications.AcceptIntoCohortAsync(first, AdminId, null, Now);

        var outcome = await applications.AcceptIntoCohortAsync(second, AdminId, null, Now);

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
            Task.Run(() => applications.AcceptIntoCohortAsync(a, AdminId, null, Now)),
            Task.Run(() => applications.AcceptIntoCohortAsync(b, AdminId, null, Now)));

        Assert.That(outcomes, Is.EquivalentTo(new[] { DecisionOutcome.Done, DecisionOutcome.CohortFull }));
        Assert.That(await new EnrolmentLifecycleRepository(Db).GetForCohortAsync(cohortId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Decisions_OnceDecided_CannotBeDecidedAgain()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var applications = new ApplicationRepository(Db);
        var id = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("decided")));

        Assert.That(await applications.MoveToWaitingListAsync(id, AdminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That((await new CohortRepository(Db).GetSummaryAsync(cohortId))!.Waiting, Is.EqualTo(1));
        Assert.That(await applications.RejectAsync(id, "The cohort is for UK schools.", AdminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That((await applications.GetAsync(id))!.Application.RejectionReason, Is.EqualTo("The cohort is for UK schools."));
        Assert.That(await applications.AcceptIntoCohortAsync(id, AdminId, null, Now), Is.EqualTo(DecisionOutcome.AlreadyDecided));
        Assert.That(await applications.WithdrawAsync(id, AdminId, Now), Is.EqualTo(DecisionOutcome.AlreadyDecided));
        Assert.That(await applications.WithdrawAsync(999_999, AdminId, Now), Is.EqualTo(DecisionOutcome.NotFound));
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
    public async Task Moves_FollowTheWorkflow_WaitingListOnceThenAcceptedFromIt()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var applications = new ApplicationRepository(Db);
        var waiting = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("waiting")));
        var withdrawn = await applications.CreateAsync(Submitted(cohortId, await NewUserAsync("withdrawn")));

        Assert.That(await applications.MoveToWaitingListAsync(waiting, AdminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That(await applications.MoveToWaitingListAsync(waiting, AdminId, Now), Is.EqualTo(DecisionOutcome.AlreadyDecided), "the waiting list is entered once, from pending");
        Assert.That(await applications.AcceptIntoCohortAsync(waiting, AdminId, null, Now), Is.EqualTo(DecisionOutcome.Done), "accepted from the waiting list");
        Assert.That(await applications.MoveToWaitingListAsync(withdrawn, AdminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That(await applications.WithdrawAsync(withdrawn, AdminId, Now.AddHours(1)), Is.EqualTo(DecisionOutcome.Done), "withdrawn from the waiting list");
        var read = (await applications.GetAsync(withdrawn))!.Application;
        Assert.That(read.Status, Is.EqualTo(ApplicationStatus.Withdrawn));
        Assert.That(read.DecidedUtc, Is.EqualTo(Now.AddHours(1)));
        Assert.That(read.DecidedByUserId, Is.EqualTo(AdminId));
        Assert.That((await applications.GetAsync(waiting))!.Application.Status, Is.EqualTo(ApplicationStatus.Accepted));
    }
}
