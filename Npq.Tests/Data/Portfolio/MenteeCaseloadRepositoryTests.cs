using Dapper;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Materials;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Data.Portfolio;
using Npq.Tests.Support;

namespace Npq.Tests.Data.Portfolio;

/// <summary>
/// A mentor's caseload read in one command (issue 23): their current mentees only, by cohort then name; when each
/// mentee's latest update on each of their places was written; the cadences set for those cohorts; the materials
/// progress kept for their places; and the drafts of tasks they review, only when asked for.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class MenteeCaseloadRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = new(2026, 11, 10, 9, 30, 0, DateTimeKind.Utc);

    [Test]
    public async Task ReadAsync_TheMentorsCurrentMenteesOnly_WithTheirUpdatesCadencesKeptMaterialsAndDrafts()
    {
        var organisations = new OrganisationRepository(Db);
        var provider = await organisations.EnsureProviderAsync("Caseload Provider", Now);
        var course = await organisations.EnsureCourseAsync(new Course { ProviderId = provider, Identifier = "npq-caseload", ShortCode = "NPQC", Name = "Caseload", FrameworkCode = "npqsl" });
        Task<int> CohortAsync(string name) => organisations.EnsureCohortAsync(new Cohort
        {
            CourseId = course, Name = name, StartYear = 2026, StartDate = new DateOnly(2026, 10, 1), EndDate = new DateOnly(2028, 3, 31), TimeZone = "Europe/London", Capacity = 10,
        });
        var alpha = await CohortAsync("Caseload alpha");
        var beta = await CohortAsync("Caseload beta");
        var unrelated = await CohortAsync("Caseload unrelated");
        var users = new UserRepository(Db);
        Task<int> UserAsync(string name) => users.CreateAsync(new AppUser { Email = $"{name}@caseload.x", NormalizedEmail = $"{name.ToUpperInvariant()}@CASELOAD.X", DisplayName = name, CreatedUtc = Now });
        var mentor = await UserAsync("Mentor");
        var otherMentor = await UserAsync("Other mentor");
        var zoe = await UserAsync("Zoe");
        var amy = await UserAsync("Amy");
        var leaver = await UserAsync("Leaver");
        var notMine = await UserAsync("Not mine");
        var enrolments = new EnrolmentRepository(Db);
        var zoeOnAlpha = await enrolments.EnsureAsync(alpha, zoe, mentor, Now);
        var amyOnBeta = await enrolments.EnsureAsync(beta, amy, mentor, Now);
        var zoeOnBeta = await enrolments.EnsureAsync(beta, zoe, mentor, Now);
        var leaverOnAlpha = await enrolments.EnsureAsync(alpha, leaver, mentor, Now);
        var notMineOnAlpha = await enrolments.EnsureAsync(alpha, notMine, otherMentor, Now);
        var leaverRow = await enrolments.GetAsync(leaverOnAlpha);
        await new EnrolmentLifecycleRepository(Db).ChangeStatusAsync(leaverOnAlpha, leaverRow!.Version,
            TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, "change-in-career"), mentor, Now);

        var progress = new ProgressRepository(Db);
        Task<int> UpdateAsync(int candidate, int cohort, DateTime at) => progress.CreateAsync(new ProgressUpdate
        {
            CandidateUserId = candidate, CohortId = cohort, MentorUserId = mentor, Narrative = "N", NextSteps = "S", CreatedUtc = at, UpdatedUtc = at,
            Ratings = new Dictionary<string, ProgressRating>(),
        });
        await UpdateAsync(zoe, alpha, Now.AddDays(-20));
        await UpdateAsync(zoe, alpha, Now.AddDays(-3));
        await UpdateAsync(zoe, unrelated, Now.AddDays(-1));
        await UpdateAsync(leaver, alpha, Now.AddDays(-2));
        await UpdateAsync(notMine, alpha, Now.AddDays(-2));
        await UpdateAsync(amy, beta, Now.AddDays(-4));
        await progress.SetCadenceWeeksAsync(beta, 3);
        await progress.SetCadenceWeeksAsync(unrelated, 5);

        var tasks = new TaskRepository(Db);
        Task<int> TaskAsync(string title, bool reviewed) => tasks.CreateTaskAsync(new AssessmentTask
        {
            CourseId = course, Title = title, Instructions = "Do it", Kind = TaskKind.Standard, WordLimit = 500, MaxAttempts = 2, MentorReviewsDrafts = reviewed, CreatedUtc = Now, StatementIds = ["a"],
        });
        var reviewedTask = await TaskAsync("Reviewed", true);
        var unreviewedTask = await TaskAsync("Not reviewed", false);
        async Task<int> DraftAsync(int task, int candidate, int cohort, int words)
        {
            var draft = await tasks.EnsureFirstAttemptAsync(task, candidate, cohort, Now);
            await tasks.SaveAttemptAsync(draft with { State = SubmissionState.Draft, Body = "Words", WordCount = words, UpdatedUtc = Now.AddMinutes(words) }, draft.Version);
            return draft.Id;
        }

        var amysDraft = await DraftAsync(reviewedTask, amy, beta, 40);
        var zoesDraft = await DraftAsync(reviewedTask, zoe, alpha, 50);
        await DraftAsync(reviewedTask, notMine, alpha, 60);
        await DraftAsync(unreviewedTask, amy, beta, 70);
        await DraftAsync(await TaskAsync("Begun", true), zoe, alpha, 0);

        // Last, as every write above clears the figures of the places it touches.
        await using (var connection = await Db.OpenAsync())
        {
            foreach (var (enrolment, done, modulesTotal) in new (int, int, int?)[] { (amyOnBeta, 3, 2), (zoeOnBeta, 1, null), (notMineOnAlpha, 4, 2) })
            {
                await connection.ExecuteAsync("""
                    INSERT INTO EnrolmentFigures (EnrolmentId, SessionsCounted, SessionsAttended, StatementsCovered, TasksSet, TasksSubmitted, TasksOnTime,
                        TasksOverdue, FinalSubmitted, LatestRatingSum, PreviousRatingSum, MaterialsCompleted, MaterialsTotal, ModulesCompleted, ModulesTotal)
                    VALUES (@enrolment, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, @done, 8, 1, @modulesTotal)
                    """, new { enrolment, done, modulesTotal });
            }
        }

        var repository = new MenteeCaseloadRepository(Db);
        var caseload = await repository.ReadAsync(mentor, withDrafts: true);
        var withoutDrafts = await repository.ReadAsync(mentor, withDrafts: false);

        Assert.That(caseload.Placements.Select(p => (p.EnrolmentId, p.CandidateName, p.CohortName)), Is.EqualTo(new[]
        {
            (zoeOnAlpha, "Zoe", "Caseload alpha"), (amyOnBeta, "Amy", "Caseload beta"), (zoeOnBeta, "Zoe", "Caseload beta"),
        }), "by cohort, then name; not the withdrawn place nor another mentor's");
        Assert.That(caseload.LastUpdates, Is.EquivalentTo(new Dictionary<(int, int), DateTime>
        {
            [(zoe, alpha)] = Now.AddDays(-3), [(amy, beta)] = Now.AddDays(-4),
        }), "each mentee's latest update on each of their places; not on another cohort, nor a withdrawn place's");
        Assert.That(caseload.LastUpdates.Values.Select(v => v.Kind), Has.All.EqualTo(DateTimeKind.Utc));
        Assert.That(caseload.CadenceWeeks, Is.EquivalentTo(new Dictionary<int, int> { [beta] = 3 }), "the cadences set for the mentees' cohorts");
        Assert.That(caseload.KeptMaterials, Is.EquivalentTo(new Dictionary<int, MaterialsSummary> { [amyOnBeta] = new(amyOnBeta, 3, 8, 1, 2) }),
            "kept for the mentor's places only, and only once the modules are counted");
        Assert.That(caseload.Drafts.Select(d => (d.SubmissionId, d.TaskTitle, d.CandidateName)), Is.EqualTo(new[] { (zoesDraft, "Reviewed", "Zoe"), (amysDraft, "Reviewed", "Amy") }),
            "drafts with words of the tasks they review, by their mentees, latest changed first");
        Assert.That(withoutDrafts.Drafts, Is.Empty);
        Assert.That(withoutDrafts.Placements, Is.EqualTo(caseload.Placements));
        Assert.That(await repository.ReadAsync(otherMentor, withDrafts: true) is { Placements.Count: 1, Drafts.Count: 1 }, "another mentor reads their own");
        Assert.That((await repository.ReadAsync(zoe, withDrafts: true)).Placements, Is.Empty, "someone mentoring nobody");
    }
}
