using Npq.Tests.Support;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Portfolio;
namespace Npq.Tests.Data.Portfolio;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class PortfolioRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = new(2026, 11, 10, 9, 30, 0, DateTimeKind.Utc);
    private int _candidate;
    private int _mentor;
    private int _cohort;
    private int _course;

    [OneTimeSetUp]
    public async Task CreatePeople()
    {
        var organisations = new OrganisationRepository(Db);
        var provider = await organisations.EnsureProviderAsync("Portfolio Provider", Now);
        _course = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-senior-leadership", ShortCode = "NPQSL", Name = "SL", FrameworkCode = "npqsl" });
        _cohort = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = _course, Name = "Dubai", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31), TimeZone = "Asia/Dubai", Capacity = 10,
        });
        var users = new UserRepository(Db);
        _candidate = await users.CreateAsync(new AppUser { Email = "c@x", NormalizedEmail = "C@X", DisplayName = "Cand", CreatedUtc = Now });
        _mentor = await users.CreateAsync(new AppUser { Email = "m@x", NormalizedEmail = "M@X", DisplayName = "Ment", CreatedUtc = Now });
        await new EnrolmentRepository(Db).EnsureAsync(_cohort, _candidate, _mentor, Now);
    }

    [Test]
    public async Task FrameworkCode_IsRemembered_UntilAWriteChangesWhichCourseTheCandidateIsOn()
    {
        var frameworks = new CandidateFrameworks(SharedCaches.InMemory(), TimeSpan.FromMinutes(5));
        var placements = new PlacementRepository(Db, frameworks);
        var organisations = new OrganisationRepository(Db);
        var provider = await organisations.EnsureProviderAsync("Frameworks Provider", Now);
        var courseId = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-fw-a", ShortCode = "FWA", Name = "A", FrameworkCode = "fw-a" });
        var cohort = await organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = courseId, Name = "Frameworks", StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31), TimeZone = "Europe/London", Capacity = 10,
        });
        var candidate = await new UserRepository(Db).CreateAsync(new AppUser { Email = "fw@x", NormalizedEmail = "FW@X", DisplayName = "Fw", CreatedUtc = Now });

        var beforeEnrolment = await placements.GetFrameworkCodeAsync(candidate);
        var enrolmentId = await new EnrolmentRepository(Db, frameworks).EnsureAsync(cohort, candidate, null, Now);
        var enrolled = await placements.GetFrameworkCodeAsync(candidate);

        // A change nothing announced (made behind the repositories' back) is not seen: the framework is remembered.
        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Courses SET FrameworkCode = 'fw-unannounced' WHERE Id = @courseId", new { courseId });
        }

        var remembered = await placements.GetFrameworkCodeAsync(candidate);

        var course = await new CohortRepository(Db, frameworks).GetCourseAsync(provider, courseId);
        await new CohortRepository(Db, frameworks).UpdateCourseAsync(course! with { FrameworkCode = "fw-b" });
        var courseChanged = await placements.GetFrameworkCodeAsync(candidate);

        var enrolment = await new EnrolmentRepository(Db).GetAsync(enrolmentId);
        await new EnrolmentLifecycleRepository(Db, frameworks).ChangeStatusAsync(enrolmentId, enrolment!.Version,
            TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, "change-in-career"), candidate, Now);
        var withdrawn = await placements.GetFrameworkCodeAsync(candidate);

        Assert.That(new[] { beforeEnrolment, enrolled, remembered, courseChanged, withdrawn },
            Is.EqualTo(new string?[] { null, "fw-a", "fw-a", "fw-b", null }));
    }

    [Test]
    public async Task Evidence_CreateUpdateAndConflict_KeepsStatementsAndAnAppendOnlyLog()
    {
        var repository = new EvidenceRepository(Db);
        var item = new EvidenceItem
        {
            CandidateUserId = _candidate, Title = "Staff meeting", EvidenceDate = new DateOnly(2026, 11, 9), Reflection = "Ref",
            IsDraft = true, CreatedUtc = Now, UpdatedUtc = Now, StatementIds = ["sc-1", "sc-2"],
        };

        var id = await repository.CreateAsync(item, _candidate);
        var (saved, version) = await repository.UpdateAsync(item with { Id = id, IsDraft = false, StatementIds = ["sc-2", "sc-3"], UpdatedUtc = Now.AddMinutes(1) }, 1, _candidate, EvidenceActions.Recorded, "statements");
        var (stale, _) = await repository.UpdateAsync(item with { Id = id, Title = "Lost" }, 1, _candidate, EvidenceActions.Edited, null);
        var (missing, _) = await repository.UpdateAsync(item with { Id = 999_999 }, 1, _candidate, EvidenceActions.Edited, null);
        var read = await repository.GetAsync(id);

        Assert.That((saved, version, stale, missing), Is.EqualTo((SaveOutcome.Saved, 2, SaveOutcome.Conflict, SaveOutcome.NotFound)));
        Assert.That(read!.Title, Is.EqualTo("Staff meeting"));
        Assert.That(read.EvidenceDate, Is.EqualTo(new DateOnly(2026, 11, 9)));
        Assert.That(read.StatementIds, Is.EqualTo(new[] { "sc-2", "sc-3" }));
        Assert.That((await repository.GetLogAsync(id)).Select(l => l.Action), Is.EqualTo(new[] { EvidenceActions.Created, EvidenceActions.Recorded }));
        Assert.That((await repository.GetStatementCountsAsync(_candidate))["sc-3"], Is.EqualTo(1));
    }

    [Test]
    public async Task Tasks_DatesAttemptsAndReopen_RoundTripExactly()
    {
        var repository = new TaskRepository(Db);
        var taskId = await repository.CreateTaskAsync(new AssessmentTask
        {
            CourseId = _course, Title = "Task", Instructions = "Do it", Kind = TaskKind.Final, WordLimit = 1500, MaxAttempts = 2, MentorReviewsDrafts = true, CreatedUtc = Now, StatementIds = ["a", "b"],
        });
        var dates = new TaskDates(taskId, _cohort, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27));
        await repository.SetDatesAsync(dates);
        await repository.SetDatesAsync(dates);
        await repository.GrantExtensionAsync(new TaskExtension(taskId, _candidate, new DateOnly(2026, 12, 1), _mentor, Now));

        var first = await repository.EnsureFirstAttemptAsync(taskId, _candidate, _cohort, Now);
        var again = await repository.EnsureFirstAttemptAsync(taskId, _candidate, _cohort, Now);
        var (outcome, version) = await repository.SaveAttemptAsync(first with { State = SubmissionState.Submitted, Body = "Answer", WordCount = 1, SubmittedUtc = Now, SubmittedByUserId = _candidate, UpdatedUtc = Now }, first.Version);
        var (lateSave, _) = await repository.SaveAttemptAsync(first with { Body = "Changed after submit" }, version);
        var submitted = (await repository.GetAttemptsAsync(taskId, _candidate))[0];
        var secondId = await repository.ReopenAsync(submitted, submitted.Version, _mentor, Now, null);
        var attempts = await repository.GetAttemptsAsync(taskId, _candidate);

        Assert.That(again.Id, Is.EqualTo(first.Id));
        Assert.That(outcome, Is.EqualTo(SaveOutcome.Saved));
        Assert.That(lateSave, Is.EqualTo(SaveOutcome.Conflict), "a submitted attempt is never written again");
        Assert.That(await repository.GetDatesAsync(taskId, _cohort), Is.EqualTo(dates));
        Assert.That((await repository.GetExtensionAsync(taskId, _candidate))!.DueOn, Is.EqualTo(new DateOnly(2026, 12, 1)));
        Assert.That((await repository.GetTaskAsync(taskId))!.Kind, Is.EqualTo(TaskKind.Final));
        Assert.That(attempts.Select(a => (a.Attempt, a.State, a.Body)), Is.EqualTo(new[] { (1, SubmissionState.Reopened, "Answer"), (2, SubmissionState.Draft, "Answer") }));
        Assert.That(attempts[1].Id, Is.EqualTo(secondId));
        Assert.That(attempts[0].SubmittedUtc, Is.EqualTo(Now));
        Assert.That((await repository.GetTasksForCohortAsync(_cohort)).Single(t => t.Task.Id == taskId).Dates, Is.EqualTo(dates));
        Assert.That((await new MenteeCaseloadRepository(Db).ReadAsync(_mentor, withDrafts: true)).Drafts.Single(d => d.SubmissionId == secondId).TaskTitle, Is.EqualTo("Task"));
    }

    [Test]
    public async Task LatestAttempts_AreEachTasksNewestAttempt_WithItsStateAndWhenItWasHandedIn()
    {
        var repository = new TaskRepository(Db);
        Task<int> TaskAsync(string title) => repository.CreateTaskAsync(new AssessmentTask
        {
            CourseId = _course, Title = title, Instructions = "Do it", Kind = TaskKind.Standard, WordLimit = 500, MaxAttempts = 2, CreatedUtc = Now, StatementIds = ["a"],
        });
        var reopened = await TaskAsync("Reopened");
        var handedIn = await TaskAsync("Handed in");
        async Task<Submission> SubmitAsync(int taskId)
        {
            var attempt = await repository.EnsureFirstAttemptAsync(taskId, _candidate, _cohort, Now);
            await repository.SaveAttemptAsync(attempt with { State = SubmissionState.Submitted, Body = "Answer", WordCount = 1, SubmittedUtc = Now.AddHours(taskId), SubmittedByUserId = _candidate, UpdatedUtc = Now }, attempt.Version);
            return (await repository.GetAttemptsAsync(taskId, _candidate))[0];
        }

        var first = await SubmitAsync(reopened);
        await repository.ReopenAsync(first, first.Version, _mentor, Now, null);
        await SubmitAsync(handedIn);
        await repository.EnsureFirstAttemptAsync(handedIn, _mentor, _cohort, Now);

        Assert.That(await repository.GetLatestAttemptsForCandidateAsync(_candidate), Is.EquivalentTo(new[]
        {
            new AttemptStatus { TaskId = reopened, Attempt = 2, State = SubmissionState.Draft },
            new AttemptStatus { TaskId = handedIn, Attempt = 1, State = SubmissionState.Submitted, SubmittedUtc = Now.AddHours(handedIn) },
        }));
    }

    [Test]
    public async Task Progress_TwoSavesFromTheSameVersion_OneWinsTheOtherConflicts()
    {
        var repository = new ProgressRepository(Db);
        var update = new ProgressUpdate
        {
            CandidateUserId = _candidate, CohortId = _cohort, MentorUserId = _mentor, Narrative = "N", NextSteps = "S", CreatedUtc = Now, UpdatedUtc = Now,
            Ratings = new Dictionary<string, ProgressRating> { ["school-culture"] = ProgressRating.Emerging },
        };
        var id = await repository.CreateAsync(update);

        var first = await repository.UpdateAsync(update with { Id = id, Narrative = "First", Ratings = new Dictionary<string, ProgressRating> { ["school-culture"] = ProgressRating.Secure } }, 1);
        var second = await repository.UpdateAsync(update with { Id = id, Narrative = "Second" }, 1);
        var read = await repository.GetAsync(id);

        Assert.That(first.Outcome, Is.EqualTo(SaveOutcome.Saved));
        Assert.That(second.Outcome, Is.EqualTo(SaveOutcome.Conflict));
        Assert.That(read!.Narrative, Is.EqualTo("First"));
        Assert.That(read.Ratings["school-culture"], Is.EqualTo(ProgressRating.Secure));
        Assert.That(await repository.GetCadenceWeeksAsync(_cohort), Is.EqualTo(ProgressSchedule.DefaultEveryWeeks));
        await repository.SetCadenceWeeksAsync(_cohort, 4);
        Assert.That(await repository.GetCadenceWeeksAsync(_cohort), Is.EqualTo(4));
    }

    /// <summary>Statements covered, counted live for many candidates at once (each candidate's newest updates are read with a school's page: SchoolPageRepositoryTests).</summary>
    [Test]
    public async Task ManyCandidates_StatementCounts_EachCandidatesOwnInOneGo()
    {
        var users = new UserRepository(Db);
        var other = await users.CreateAsync(new AppUser { Email = "many@x", NormalizedEmail = "MANY@X", DisplayName = "Many", CreatedUtc = Now });
        var none = await users.CreateAsync(new AppUser { Email = "none@x", NormalizedEmail = "NONE@X", DisplayName = "None", CreatedUtc = Now });
        await new EnrolmentRepository(Db).EnsureAsync(_cohort, other, _mentor, Now);
        var evidence = new EvidenceRepository(Db);
        EvidenceItem Item(bool draft, params string[] statements) => new()
        {
            CandidateUserId = other, Title = "T", EvidenceDate = new DateOnly(2026, 11, 9), Reflection = "R", IsDraft = draft, CreatedUtc = Now, UpdatedUtc = Now, StatementIds = statements,
        };
        await evidence.CreateAsync(Item(false, "t-1", "t-2"), other);
        await evidence.CreateAsync(Item(false, "T-1", "t-9"), other);
        await evidence.CreateAsync(Item(true, "t-3"), other);

        static Framework Of(params string[] ids) =>
            new("t", "T", [new Area("a", "A", 1, [.. ids.Select(id => new Statement(id, StatementKind.LearnThat, id, id, id, "a", null, []))], [])]);
        var framework = Of("t-1", "t-2", "t-3", "T-4");
        var covered = await evidence.CountStatementsCoveredAsync([other, none], framework);

        Assert.That(covered, Is.EquivalentTo(new Dictionary<int, int> { [other] = 2 }),
            "t-1 (twice, once as T-1) and t-2; the draft's t-3 and t-9 (not listed) are not counted; a candidate without evidence is left out");
        Assert.That(await evidence.CountStatementsCoveredAsync([other, none], framework), Is.EquivalentTo(covered), "counted again the same");
        Assert.That(await evidence.CountStatementsCoveredAsync([other], Of("t-9", "t-2")), Is.EquivalentTo(new Dictionary<int, int> { [other] = 2 }),
            "another framework counts its own statements");
        await evidence.CreateAsync(Item(false, "o'clock"), other);
        Assert.That(await evidence.CountStatementsCoveredAsync([other], Of("O'Clock", "t-2", "x') OR ('1' = '1")), Is.EquivalentTo(new Dictionary<int, int> { [other] = 2 }),
            "an id with a quote is written as text, quotes doubled, and matched in any case; nothing in an id is read as SQL");
        Assert.That(await evidence.CountStatementsCoveredAsync([], Of("t-1")), Is.Empty);
        Assert.That(await evidence.CountStatementsCoveredAsync([other], Of()), Is.Empty);
    }
}
