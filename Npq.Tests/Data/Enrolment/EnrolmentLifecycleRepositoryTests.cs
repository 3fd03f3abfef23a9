using Dapper;
using Npq.Core.Enrolment;
using Npq.Data.Enrolment;

namespace Npq.Tests.Data.Enrolment;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class EnrolmentLifecycleRepositoryTests<TDatabase> : EnrolmentDataFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    [Test]
    public async Task CohortEnrolmentCounts_FollowEveryEnrolmentStatusChangeMoveAndDelete()
    {
        var first = await NewCohortAsync(capacity: 5);
        var second = await NewCohortAsync(capacity: 5);
        var lifecycle = new EnrolmentLifecycleRepository(Db);
        var ann = await EnrolAsync(first, await NewUserAsync("count-ann"));
        var ben = await EnrolAsync(first, await NewUserAsync("count-ben"));
        await EnrolAsync(second, await NewUserAsync("count-cat"));
        await lifecycle.ChangeStatusAsync(ann.Id, ann.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, "started-in-error"), AdminId, Now);
        await lifecycle.ChangeStatusAsync(ben.Id, ben.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Deferred, "parental-leave"), AdminId, Now);
        var deferred = (await lifecycle.GetAsync(ben.Id))!.Enrolment;
        Assert.That(await lifecycle.ResumeIntoCohortAsync(ben.Id, deferred.Version, second, AdminId, Now.AddDays(1)), Is.EqualTo(DecisionOutcome.Done));
        await using (var connection = await Db.OpenForWriteAsync())
        {
            var dan = await NewUserAsync("count-dan");
            await connection.ExecuteAsync(
                "INSERT INTO Enrolments (CohortId, CandidateUserId, TrainingStatus, EnrolledUtc) VALUES (@second, @dan, 'Active', @Now)", new { second, dan, Now });
            await connection.ExecuteAsync("DELETE FROM Enrolments WHERE CohortId = @second AND CandidateUserId = @dan", new { second, dan });
        }

        await using var read = await Db.OpenAsync();
        var kept = (await read.QueryAsync<(int CohortId, string TrainingStatus, int Enrolments)>(
            "SELECT CohortId, TrainingStatus, Enrolments FROM CohortEnrolmentCounts WHERE CohortId IN @ids AND Enrolments <> 0 ORDER BY CohortId, TrainingStatus",
            new { ids = new[] { first, second } })).ToList();
        var counted = (await read.QueryAsync<(int CohortId, string TrainingStatus, int Enrolments)>(
            "SELECT CohortId, TrainingStatus, COUNT(*) FROM Enrolments WHERE CohortId IN @ids GROUP BY CohortId, TrainingStatus ORDER BY CohortId, TrainingStatus",
            new { ids = new[] { first, second } })).ToList();

        Assert.That(kept, Is.EqualTo(counted));
        Assert.That(kept, Is.EqualTo(new[] { (first, "Withdrawn", 1), (second, "Active", 2) }), "Ben moved to the second cohort, active again; Dan came and went");
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
        await applications.AcceptIntoCohortAsync(await applications.CreateAsync(Submitted(cohortId, candidate)), AdminId, null, Now);
        var enrolment = (await lifecycle.GetForCandidateAsync(candidate)).Single().Enrolment;

        var deferred = await lifecycle.ChangeStatusAsync(enrolment.Id, enrolment.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Deferred, "parental-leave"), AdminId, Now.AddDays(1));
        var stale = await lifecycle.ChangeStatusAsync(enrolment.Id, enrolment.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Completed, null), AdminId, Now.AddDays(2));
        var afterDefer = (await lifecycle.GetAsync(enrolment.Id))!.Enrolment;
        var resumed = await lifecycle.ResumeIntoCohortAsync(enrolment.Id, afterDefer.Version, later, AdminId, Now.AddDays(3));
        var moved = (await lifecycle.GetAsync(enrolment.Id))!.Enrolment;
        var assigned = await lifecycle.AssignMentorAsync(later, [enrolment.Id], mentor, AdminId, Now.AddDays(4));
        var assignedAgain = await lifecycle.AssignMentorAsync(later, [enrolment.Id], mentor, AdminId, Now.AddDays(5));

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
        await applications.AcceptIntoCohortAsync(await applications.CreateAsync(Submitted(full, await NewUserAsync("occupant"))), AdminId, null, Now);
        var candidate = await NewUserAsync("resumer");
        await applications.AcceptIntoCohortAsync(await applications.CreateAsync(Submitted(cohortId, candidate)), AdminId, null, Now);
        var enrolment = (await lifecycle.GetForCandidateAsync(candidate)).Single().Enrolment;
        await lifecycle.ChangeStatusAsync(enrolment.Id, enrolment.Version, TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Deferred, "career-break"), AdminId, Now);

        var outcome = await lifecycle.ResumeIntoCohortAsync(enrolment.Id, enrolment.Version + 1, full, AdminId, Now);

        Assert.That(outcome, Is.EqualTo(DecisionOutcome.CohortFull));
        Assert.That((await lifecycle.GetAsync(enrolment.Id))!.Enrolment.TrainingStatus, Is.EqualTo(TrainingStatus.Deferred));
    }

    [Test]
    public async Task Lists_ForCandidateMentorHeadteacherAndCohort_ShowOnlyTheirOwn()
    {
        var school = await new OrganisationRepository(Db).EnsureSchoolAsync("Lifecycle School " + Guid.NewGuid().ToString("N")[..6], "England", "Europe/London");
        var cohortId = await NewCohortAsync(capacity: 5);
        var candidate = await NewUserAsync("Zoe Candidate", school);
        var other = await NewUserAsync("Adam Other");
        var headteacher = await NewUserAsync("Head", school);
        var mentor = await NewUserAsync("Mentor");
        var lifecycle = new EnrolmentLifecycleRepository(Db);
        var mine = await EnrolAsync(cohortId, candidate);
        await EnrolAsync(cohortId, other);
        await lifecycle.AssignMentorAsync(cohortId, [mine.Id], mentor, AdminId, Now);

        var forCandidate = await lifecycle.GetForCandidateAsync(candidate);
        var forMentor = await lifecycle.GetForMentorAsync(mentor);
        var forHead = await lifecycle.GetForHeadteacherAsync(headteacher);
        var forCohort = await lifecycle.GetForCohortAsync(cohortId);

        var view = forCandidate.Single();
        Assert.That(view.Enrolment with { Version = 0 }, Is.EqualTo(mine with { MentorUserId = mentor, Version = 0 }));
        Assert.That((view.CandidateName, view.MentorName, view.CourseShortCode, view.ProviderId), Is.EqualTo(("Zoe Candidate", "Mentor", "NPQSL", ProviderId)));
        Assert.That(view.SchoolName, Does.StartWith("Lifecycle School"));
        Assert.That(view.CohortStartDate, Is.EqualTo(new DateOnly(2026, 10, 1)));
        Assert.That(forMentor.Select(e => e.Enrolment.Id), Is.EqualTo(new[] { mine.Id }));
        Assert.That(forHead.Select(e => e.Enrolment.Id), Is.EqualTo(new[] { mine.Id }), "only staff at the headteacher's school");
        Assert.That(forCohort.Select(e => e.CandidateName), Is.EqualTo(new[] { "Adam Other", "Zoe Candidate" }), "by name");
        Assert.That(await lifecycle.GetAsync(mine.Id), Is.Not.Null);
        Assert.That(await lifecycle.GetAsync(999_999), Is.Null);
    }

    [Test]
    public async Task Record_WritesTheEnrolmentAsItStands()
    {
        var cohortId = await NewCohortAsync(capacity: 5);
        var candidate = await NewUserAsync("recorded");
        var enrolmentId = await new EnrolmentRepository(Db).EnsureAsync(cohortId, candidate, null, Now);
        var lifecycle = new EnrolmentLifecycleRepository(Db);

        await lifecycle.RecordAsync(enrolmentId, "Imported", null, Now.AddMinutes(5));

        var entry = (await lifecycle.GetHistoryForCandidateAsync(candidate)).Single();
        Assert.That((entry.EnrolmentId, entry.Change, entry.ChangedByUserId, entry.ChangedUtc), Is.EqualTo((enrolmentId, "Imported", (int?)null, Now.AddMinutes(5))));
        Assert.That((entry.TrainingStatus, entry.CohortId), Is.EqualTo((TrainingStatus.Active, cohortId)));
        Assert.That(entry.CohortTimeZone, Is.EqualTo("Europe/London"));
    }

    [Test]
    public void ChangeStatus_RefusedChange_IsNeverSaved()
    {
        var refused = TrainingStatusMachine.Change(TrainingStatus.Completed, TrainingStatus.Active, null);

        Assert.That(async () => await new EnrolmentLifecycleRepository(Db).ChangeStatusAsync(1, 1, refused, AdminId, Now), Throws.InvalidOperationException);
    }
}
