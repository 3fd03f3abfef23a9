using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Portfolio;
using Npq.Tests.Support;

namespace Npq.Tests.Data.Portfolio;

/// <summary>The candidate's home page read in one command gives the same rows as the ten single-purpose reads it replaces.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CandidateHomeRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = new(2026, 11, 10, 9, 30, 0, DateTimeKind.Utc);

    [Test]
    public async Task ReadAsync_EveryPart_IsWhatEachSingleReadGives_ForTheCandidatesCurrentPlacesOnly()
    {
        var organisations = new OrganisationRepository(Db);
        var provider = await organisations.EnsureProviderAsync("Home Provider", Now);
        var course = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-home", ShortCode = "NPQH", Name = "Home", FrameworkCode = "npqh" });
        Task<int> CohortAsync(string name) => organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = course, Name = name, StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31), TimeZone = "Europe/London", Capacity = 10,
        });
        var current = await CohortAsync("Home current");
        var left = await CohortAsync("Home left");
        var notOn = await CohortAsync("Home not on");
        var users = new UserRepository(Db);
        var candidate = await users.CreateAsync(new AppUser { Email = "home-c@x", NormalizedEmail = "HOME-C@X", DisplayName = "Home Cand", CreatedUtc = Now });
        var mentor = await users.CreateAsync(new AppUser { Email = "home-m@x", NormalizedEmail = "HOME-M@X", DisplayName = "Home Ment", CreatedUtc = Now });
        var other = await users.CreateAsync(new AppUser { Email = "home-o@x", NormalizedEmail = "HOME-O@X", DisplayName = "Home Other", CreatedUtc = Now });
        var enrolments = new EnrolmentRepository(Db);
        await enrolments.EnsureAsync(current, candidate, mentor, Now);
        var leftEnrolment = await enrolments.EnsureAsync(left, candidate, mentor, Now);
        await enrolments.EnsureAsync(current, other, mentor, Now);
        var leftRow = await enrolments.GetAsync(leftEnrolment);
        await new EnrolmentLifecycleRepository(Db).ChangeStatusAsync(leftEnrolment, leftRow!.Version,
            TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, "change-in-career"), candidate, Now);

        var tasks = new TaskRepository(Db);
        Task<int> TaskAsync(string title) => tasks.CreateTaskAsync(new AssessmentTask
        {
            CourseId = course, Title = title, Instructions = "Do it", Kind = TaskKind.Standard, WordLimit = 500, MaxAttempts = 2, MentorReviewsDrafts = true, CreatedUtc = Now, StatementIds = ["a"],
        });
        var early = await TaskAsync("Early");
        var late = await TaskAsync("Late");
        var elsewhere = await TaskAsync("Elsewhere");
        await tasks.SetDatesAsync(new TaskDates(late, current, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 27)));
        await tasks.SetDatesAsync(new TaskDates(early, current, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27)));
        await tasks.SetDatesAsync(new TaskDates(early, notOn, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 3)));
        await tasks.SetDatesAsync(new TaskDates(elsewhere, left, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 6)));
        await tasks.GrantExtensionAsync(new TaskExtension(early, candidate, new DateOnly(2026, 12, 1), mentor, Now));
        await tasks.GrantExtensionAsync(new TaskExtension(early, other, new DateOnly(2026, 12, 2), mentor, Now));
        var first = await tasks.EnsureFirstAttemptAsync(early, candidate, current, Now);
        var (_, version) = await tasks.SaveAttemptAsync(first with { State = SubmissionState.Submitted, Body = "Answer", WordCount = 1, SubmittedUtc = Now, SubmittedByUserId = candidate, UpdatedUtc = Now }, first.Version);
        await tasks.ReopenAsync((await tasks.GetAttemptsAsync(early, candidate))[0], version, mentor, Now, null);
        await tasks.EnsureFirstAttemptAsync(late, candidate, current, Now);
        await tasks.EnsureFirstAttemptAsync(early, other, current, Now);

        var evidence = new EvidenceRepository(Db);
        EvidenceItem Item(int who, bool draft, params string[] statements) => new()
        {
            CandidateUserId = who, Title = "T", EvidenceDate = new DateOnly(2026, 11, 9), Reflection = "R", IsDraft = draft, CreatedUtc = Now, UpdatedUtc = Now, StatementIds = statements,
        };
        await evidence.CreateAsync(Item(candidate, false, "h-1", "h-2"), candidate);
        await evidence.CreateAsync(Item(candidate, false, "H-1"), candidate);
        await evidence.CreateAsync(Item(candidate, true, "h-3"), candidate);
        await evidence.CreateAsync(Item(other, false, "h-9"), other);

        var feedback = new FeedbackRepository(Db);
        for (var i = 0; i < 6; i++)
        {
            await feedback.AddAsync(new FeedbackComment { CandidateUserId = candidate, SubmissionId = first.Id, AuthorUserId = mentor, Body = $"Comment {i}", CreatedUtc = Now.AddMinutes(i) });
        }

        await feedback.AddAsync(new FeedbackComment { CandidateUserId = candidate, SubmissionId = first.Id, AuthorUserId = candidate, Body = "My reply", CreatedUtc = Now.AddMinutes(9) });

        var progress = new ProgressRepository(Db);
        ProgressUpdate Update(int who, string narrative, ProgressRating rating) => new()
        {
            CandidateUserId = who, CohortId = current, MentorUserId = mentor, Narrative = narrative, NextSteps = "S " + narrative, CreatedUtc = Now, UpdatedUtc = Now,
            Ratings = new Dictionary<string, ProgressRating> { ["teaching"] = rating, ["behaviour"] = ProgressRating.Emerging },
        };
        await progress.CreateAsync(Update(candidate, "First", ProgressRating.Emerging));
        var newest = await progress.CreateAsync(Update(candidate, "Same time, written later", ProgressRating.Secure));
        await progress.CreateAsync(Update(other, "Someone else's", ProgressRating.Emerging));

        var read = await new CandidateHomeRepository(Db).ReadAsync(candidate, 5);

        var placements = new PlacementRepository(Db);
        Assert.That(read.Placements, Is.EqualTo(await placements.GetForCandidateAsync(candidate)));
        Assert.That(read.Placements.Select(p => p.CohortId), Is.EqualTo(new[] { current }), "the withdrawn place is not current");
        Assert.That(read.LatestAttempts, Is.EquivalentTo(await tasks.GetLatestAttemptsForCandidateAsync(candidate)));
        Assert.That(read.LatestAttempts, Is.EquivalentTo(new[]
        {
            new AttemptStatus { TaskId = early, Attempt = 2, State = SubmissionState.Draft },
            new AttemptStatus { TaskId = late, Attempt = 1, State = SubmissionState.New },
        }), "the reopened first attempt at the early task is not the latest");
        Assert.That(read.Extensions, Is.EquivalentTo(await tasks.GetExtensionsForCandidateAsync(candidate)));
        Assert.That(read.Extensions.Keys, Is.EqualTo(new[] { early }));
        Assert.That(read.Tasks.Select(t => (t.Task.Id, t.Task.Title, t.Dates)),
            Is.EqualTo((await tasks.GetTasksForCohortAsync(current)).Select(t => (t.Task.Id, t.Task.Title, t.Dates))));
        Assert.That(read.Tasks.Select(t => t.Task.Id), Is.EqualTo(new[] { early, late }), "the current cohort's, earliest due first; not the left cohort's nor another's");
        Assert.That((read.FinishedEvidence, read.DraftEvidence), Is.EqualTo(await evidence.GetCountsAsync(candidate)));
        Assert.That((read.FinishedEvidence, read.DraftEvidence), Is.EqualTo((2, 1)));
        Assert.That(read.RecentFeedback, Is.EqualTo(await feedback.GetRecentForCandidateAsync(candidate, 5)));
        Assert.That(read.RecentFeedback.Select(f => f.Body), Is.EqualTo(new[] { "Comment 5", "Comment 4", "Comment 3", "Comment 2", "Comment 1" }));
        var single = await progress.GetLatestForCandidateAsync(candidate);
        Assert.That((read.LatestUpdate!.Id, read.LatestUpdate.NextSteps, read.LatestUpdate.MentorName, read.LatestUpdate.CreatedUtc),
            Is.EqualTo((single!.Id, single.NextSteps, single.MentorName, single.CreatedUtc)));
        Assert.That(read.LatestUpdate.Id, Is.EqualTo(newest), "two written at the same time: the later one");
        Assert.That(read.LatestUpdate.Ratings, Is.EquivalentTo(single.Ratings));
        Assert.That(read.LatestUpdate.Ratings["teaching"], Is.EqualTo(ProgressRating.Secure));
        Assert.That(read.StatementCounts, Is.EquivalentTo(await evidence.GetStatementCountsAsync(candidate)));
        Assert.That(read.StatementCounts["h-1"], Is.EqualTo(2));
    }

    [Test]
    public async Task ReadAsync_SomeoneWithNothing_ReadsEmptyParts()
    {
        var nobody = await new UserRepository(Db).CreateAsync(new AppUser { Email = "home-n@x", NormalizedEmail = "HOME-N@X", DisplayName = "Nobody", CreatedUtc = Now });

        var read = await new CandidateHomeRepository(Db).ReadAsync(nobody, 5);

        Assert.That(new object[] { read.Placements, read.LatestAttempts, read.Tasks, read.RecentFeedback, read.Extensions, read.StatementCounts }, Has.All.Empty);
        Assert.That((read.FinishedEvidence, read.DraftEvidence, read.LatestUpdate), Is.EqualTo((0, 0, (ProgressUpdate?)null)));
    }
}
