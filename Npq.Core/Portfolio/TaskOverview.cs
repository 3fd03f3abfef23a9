using Npq.Core.Frameworks;

namespace Npq.Core.Portfolio;

/// <summary>One row of a candidate's task list.</summary>
public sealed record TaskRow(AssessmentTask Task, TaskDates Dates, string CohortZone, AttemptStatus? Latest, Lateness Lateness, DateOnly? ExtensionDueOn);

public sealed record TaskList(string CandidateName, IReadOnlyList<TaskRow> Rows);

/// <summary>An attempt as one viewer may see it: its text when <see cref="ShowBody"/>, its feedback thread when open to them (else null).</summary>
public sealed record AttemptSeen(Submission Attempt, bool ShowBody, IReadOnlyList<FeedbackComment>? Thread);

/// <summary>One task as a viewer sees it: the statements it covers, each attempt, and whether the current attempt can be written now.</summary>
public sealed record TaskDetail(IReadOnlyList<Statement> Statements, IReadOnlyList<AttemptSeen> Attempts, bool CanEdit, bool IsOpen, Lateness Lateness);

/// <summary>What a candidate's task pages read: their tasks with dates and lateness, and one task's attempts as a viewer may see them.</summary>
public sealed class TaskOverview(ITaskRepository tasks, IFeedbackRepository feedback, CandidateLookup candidates, TimeProvider time)
{
    public async Task<TaskList> ListAsync(int candidateUserId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var latest = (await tasks.GetLatestAttemptsForCandidateAsync(candidateUserId, cancellationToken)).ToDictionary(s => s.TaskId);
        var extensions = await tasks.GetExtensionsForCandidateAsync(candidateUserId, cancellationToken);
        var rows = new List<TaskRow>();
        foreach (var placement in await candidates.PlacementsAsync(candidateUserId, cancellationToken))
        {
            foreach (var (task, dates) in await tasks.GetTasksForCohortAsync(placement.CohortId, cancellationToken))
            {
                var attempt = latest.GetValueOrDefault(task.Id);
                var extension = extensions.GetValueOrDefault(task.Id);
                var context = new SubmissionContext { NowUtc = now, CohortZone = placement.CohortZone, Dates = dates, ExtensionDueOn = extension?.DueOn };
                rows.Add(new TaskRow(task, dates, placement.CohortZone, attempt, SubmissionWorkflow.LatenessOf(attempt?.State == SubmissionState.Submitted ? attempt.SubmittedUtc : null, context), extension?.DueOn));
            }
        }

        return new TaskList(await candidates.NameAsync(candidateUserId, cancellationToken) ?? string.Empty, rows);
    }

    /// <summary>
    /// The task as a viewer who may (or may not) edit the candidate's work and mentor them sees it. A draft's text
    /// shows to those who may edit it, and to mentors when the task asks them to review drafts; a draft's thread is
    /// open only on such tasks.
    /// </summary>
    public async Task<TaskDetail> DetailAsync(CandidateTask standing, bool mayEdit, bool mayMentor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var framework = candidates.FrameworkFor(standing.Placement);
        var statements = standing.Task.StatementIds.Select(id => framework?.FindStatement(id)).OfType<Statement>().ToList();
        var attempts = new List<AttemptSeen>();
        foreach (var attempt in standing.Attempts)
        {
            var isDraft = attempt.State is SubmissionState.New or SubmissionState.Draft;
            var showBody = !isDraft || mayEdit || (mayMentor && standing.Task.MentorReviewsDrafts);
            var threadOpen = !isDraft || standing.Task.MentorReviewsDrafts;
            var thread = threadOpen && showBody ? await feedback.GetThreadAsync(FeedbackTarget.Submission, attempt.Id, cancellationToken) : null;
            attempts.Add(new AttemptSeen(attempt, showBody, thread));
        }

        var editable = standing.Current.State is SubmissionState.New or SubmissionState.Draft;
        var isOpen = SubmissionWorkflow.IsOpen(standing.ContextAt(now));
        return new TaskDetail(statements, attempts, mayEdit && editable && isOpen, isOpen, standing.LatenessAt(now));
    }
}
