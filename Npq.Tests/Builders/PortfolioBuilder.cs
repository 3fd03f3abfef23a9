using Npq.Core.Portfolio;

namespace Npq.Tests.Builders;

/// <summary>A file attached to evidence: its id and the name the file store keeps it under.</summary>
public sealed record AttachedFile(int FileId, string StoredName);

/// <summary>
/// A candidate's portfolio, written by the portfolio's use cases at the instant the test gives: evidence
/// (<see cref="EvidenceService"/>), tasks and their dates (<see cref="TaskAdministration"/>, by the admin), attempts,
/// submissions and extensions (<see cref="SubmissionService"/>), feedback (<see cref="FeedbackService"/>) and mentors'
/// progress updates (<see cref="ProgressService"/>).
/// </summary>
public sealed class PortfolioBuilder(Build build)
{
    /// <summary>
    /// An evidence item (title "Evidence", dated 1 February 2026, a reflection) recorded, or kept as a draft, by the
    /// candidate at <paramref name="createdUtc"/>, showing statements of their course's framework.
    /// </summary>
    public async Task<int> EvidenceAsync(int candidateUserId, DateTime createdUtc, bool draft, params string[] statementIds)
    {
        var input = new EvidenceInput
        {
            Title = "Evidence", EvidenceDate = new DateOnly(2026, 2, 1), Reflection = "What I learnt", StatementIds = statementIds, Record = !draft,
        };
        var written = await build.RunAsync<EvidenceService, EvidenceWrite>(createdUtc, evidence =>
            evidence.CreateAsync(candidateUserId, input, candidateUserId, formValid: true, CancellationToken.None));
        return written.Saved ? written.Id : Build.Refused<int>("evidence", written.Problems.Select(p => p.Message));
    }

    /// <summary>
    /// A recorded item that also names a statement its framework no longer has (<paramref name="retiredStatementId"/>):
    /// the framework changed after it was recorded. The evidence rules would refuse it today, so it is written as it
    /// stands through the Core interface.
    /// </summary>
    public Task<int> EvidenceNamingARetiredStatementAsync(int candidateUserId, DateTime createdUtc, string retiredStatementId, params string[] statementIds) =>
        build.Service<IEvidenceRepository>().CreateAsync(new EvidenceItem
        {
            CandidateUserId = candidateUserId, Title = "Evidence", EvidenceDate = new DateOnly(2026, 2, 1), Reflection = "What I learnt", IsDraft = false,
            CreatedUtc = createdUtc, UpdatedUtc = createdUtc, StatementIds = [.. statementIds, retiredStatementId],
        }, candidateUserId);

    /// <summary>The person uploads a file to the evidence item (it must be a kind the upload check accepts).</summary>
    public async Task<AttachedFile> FileAsync(int evidenceId, string fileName, byte[] content, int uploadedByUserId)
    {
        return await build.RunAsync<EvidenceService, AttachedFile>(null, async evidence =>
        {
            var item = await evidence.GetAsync(evidenceId, CancellationToken.None) ?? Build.Refused<EvidenceItem>("upload", [$"no evidence {evidenceId}"]);
            var attached = await evidence.AttachAsync(item, new IncomingFile(fileName, content.Length, new MemoryStream(content)), uploadedByUserId, CancellationToken.None);
            if (attached.FileId is not { } fileId)
            {
                return Build.Refused<AttachedFile>($"upload of {fileName}", [attached.Error ?? string.Empty]);
            }

            var stored = await evidence.GetFileAsync(fileId, CancellationToken.None);
            return new AttachedFile(fileId, stored!.File.StoredName);
        });
    }

    /// <summary>
    /// A task (titled "Task", 1,000 words, two attempts) the admin defines for the course and sets for the cohort:
    /// open 30 days before <paramref name="dueOn"/>, cut off 14 days after.
    /// </summary>
    public async Task<int> TaskAsync(int courseId, int cohortId, DateOnly dueOn, TaskKind kind = TaskKind.Standard, string title = "Task")
    {
        var admin = (await build.AdminAsync()).Id;
        var definition = new TaskDefinition
        {
            CourseId = courseId, Title = title, Instructions = "Write about what you did.", Kind = kind, WordLimit = 1000, MaxAttempts = 2,
        };
        return await build.RunAsync<TaskAdministration, int>(null, async tasks =>
        {
            var defined = await tasks.CreateAsync(admin, definition, formValid: true, CancellationToken.None);
            if (defined.TaskId is not { } taskId)
            {
                return Build.Refused<int>($"task for course {courseId}", defined.Problems.Select(p => p.Message));
            }

            await SetDatesAsync(tasks, admin, taskId, cohortId, dueOn);
            return taskId;
        });
    }

    /// <summary>Sets an existing task for another cohort of its course, due on <paramref name="dueOn"/>.</summary>
    public async Task SetForCohortAsync(int taskId, int cohortId, DateOnly dueOn)
    {
        var admin = (await build.AdminAsync()).Id;
        await build.RunAsync<TaskAdministration>(null, tasks => SetDatesAsync(tasks, admin, taskId, cohortId, dueOn));
    }

    /// <summary>
    /// The candidate submits their answer ("My answer") to the task at <paramref name="submittedUtc"/>, starting the
    /// attempt then if they had not; returns the attempt's id.
    /// </summary>
    public async Task<int> SubmitAsync(int taskId, int candidateUserId, DateTime submittedUtc, string answer = "My answer")
    {
        return await build.RunAsync<SubmissionService, int>(submittedUtc, async submissions =>
        {
            var standing = await StandingAsync(submissions, taskId, candidateUserId);
            var saved = await submissions.SaveAsync(standing, standing.Current.Id, standing.Current.Version, answer, submit: true, candidateUserId, CancellationToken.None);
            return saved.Done ? standing.Current.Id : Build.Refused<int>($"submission of task {taskId}", [saved.Error ?? "a conflict"]);
        });
    }

    /// <summary>Someone (a mentor or admin) grants the candidate an extension to <paramref name="dueOn"/>, at <paramref name="grantedUtc"/> or now.</summary>
    public async Task ExtensionAsync(int taskId, int candidateUserId, DateOnly dueOn, int grantedByUserId, DateTime? grantedUtc = null)
    {
        var granted = await build.RunAsync<SubmissionService, ChangeResult>(grantedUtc, async submissions =>
            await submissions.GrantExtensionAsync(await StandingAsync(submissions, taskId, candidateUserId), dueOn, grantedByUserId, CancellationToken.None));
        if (!granted.Done)
        {
            Build.Refused<bool>($"extension of task {taskId}", [granted.Error ?? string.Empty]);
        }
    }

    /// <summary>A comment by <paramref name="authorUserId"/> on an evidence item, at <paramref name="atUtc"/> or now.</summary>
    public Task FeedbackOnEvidenceAsync(int evidenceId, int authorUserId, string body, DateTime? atUtc = null) =>
        FeedbackAsync(atUtc, async feedback => await feedback.OnEvidenceAsync(evidenceId, CancellationToken.None), authorUserId, body);

    /// <summary>A comment by <paramref name="authorUserId"/> on a task attempt, at <paramref name="atUtc"/> or now.</summary>
    public Task FeedbackOnSubmissionAsync(int submissionId, int authorUserId, string body, DateTime? atUtc = null) =>
        FeedbackAsync(atUtc, async feedback => await feedback.OnSubmissionAsync(submissionId, CancellationToken.None), authorUserId, body);

    /// <summary>
    /// The mentor's progress update on the candidate's current cohort, written at <paramref name="createdUtc"/>: every
    /// area of the framework rated (the form requires it), <paramref name="otherwise"/> where <paramref name="ratings"/>
    /// (by area slug) says nothing.
    /// </summary>
    public async Task<int> ProgressAsync(
        int candidateUserId, int mentorUserId, DateTime createdUtc, ProgressRating otherwise, params (string Area, ProgressRating Rating)[] ratings)
    {
        var all = build.Framework.Areas.ToDictionary(a => a.Slug, _ => otherwise, StringComparer.OrdinalIgnoreCase);
        foreach (var (area, rating) in ratings)
        {
            all[area] = rating;
        }

        return await build.RunAsync<ProgressService, int>(createdUtc, async progress =>
        {
            var context = await progress.ContextForAsync(candidateUserId, CancellationToken.None)
                ?? Build.Refused<ProgressContext>("progress update", [$"candidate {candidateUserId} has no cohort with a framework"]);
            var written = await progress.CreateAsync(context, new ProgressInput("Going well", "Keep going", all), mentorUserId, formValid: true, CancellationToken.None);
            return written.Saved ? written.Id : Build.Refused<int>("progress update", written.Problems.Select(p => p.Message));
        });
    }

    private static async Task SetDatesAsync(TaskAdministration tasks, int admin, int taskId, int cohortId, DateOnly dueOn)
    {
        var set = await tasks.SetDatesAsync(admin, taskId, new TaskDatesInput(cohortId, dueOn.AddDays(-30), dueOn, dueOn.AddDays(14)), formValid: true, CancellationToken.None);
        if (!set.Saved)
        {
            Build.Refused<bool>($"dates of task {taskId}", set.Problems.Select(p => p.Message).DefaultIfEmpty("not the admin's task"));
        }
    }

    private static async Task<CandidateTask> StandingAsync(SubmissionService submissions, int taskId, int candidateUserId) =>
        await submissions.LoadAsync(taskId, candidateUserId, CancellationToken.None)
        ?? Build.Refused<CandidateTask>($"task {taskId}", [$"it is not set for a cohort of candidate {candidateUserId}"]);

    private async Task FeedbackAsync(DateTime? atUtc, Func<FeedbackService, Task<FeedbackSubject?>> subject, int authorUserId, string body)
    {
        var problem = await build.RunAsync<FeedbackService, string?>(atUtc, async feedback =>
            await subject(feedback) is { } found
                ? await feedback.AddAsync(found, body, null, authorUserId, CancellationToken.None)
                : "nothing to comment on");
        if (problem is not null)
        {
            Build.Refused<bool>("feedback", [problem]);
        }
    }
}
