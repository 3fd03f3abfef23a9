using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Enrolment;
using Npq.Core.Portfolio;

namespace Npq.Core.FinalAssessment;

/// <summary>What became of a candidate's answer: no such final task for them, refused with a reason, or saved.</summary>
public enum AnswerStatus
{
    NotFound,
    Refused,
    Saved,
}

public sealed record AnswerResult(AnswerStatus Status, string? Message = null);

/// <summary>A candidate's standing on one final task of one of their cohorts, as their page shows it.</summary>
public sealed record CandidateAssessment
{
    public required AssessmentCohort Cohort { get; init; }
    public required AssessmentTask Task { get; init; }
    public required TaskDates Dates { get; init; }
    public required EligibilityDecision Eligibility { get; init; }
    public IReadOnlyList<Submission> Attempts { get; init; } = [];

    /// <summary>The scripts whose outcome has been released (the only ones a candidate may see).</summary>
    public IReadOnlyList<ScriptDetails> Released { get; init; } = [];
    public bool AwaitingRelease { get; init; }
    public bool IsOpen { get; init; }
}

/// <summary>
/// The candidate's side of the final assessment: whether they may sit it and their standing on each final task, and
/// handing in an answer. Saving and submitting are <see cref="SubmissionService"/>'s (the task's own state machine);
/// this adds the final assessment's gate before it and opens the script for marking after a submission.
/// </summary>
public sealed class FinalAssessmentSitting(
    IMarkingRepository marking,
    ITaskRepository tasks,
    IEnrolmentRepository enrolments,
    SubmissionService submissions,
    AssessmentPolicies policies,
    IAuditLog audit,
    TimeProvider time,
    ILogger<FinalAssessmentSitting> logger)
{
    public const string ConflictMessage = "Your answer was changed elsewhere (another tab?) since you opened this page. Your text is below: copy it, reload, and save again.";

    /// <summary>
    /// Saves or submits the candidate's answer to a final task: only their own, on a cohort they are enrolled on, past
    /// the attendance gate, inside the window, within the word limit.
    /// </summary>
    public async Task<AnswerResult> AnswerAsync(int candidateUserId, int taskId, int cohortId, string body, bool submit, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var cohort = await marking.GetCohortAsync(cohortId, cancellationToken);
        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        var dates = (await marking.GetFinalTaskDatesAsync(cohortId, cancellationToken)).FirstOrDefault(d => d.TaskId == taskId);
        if (cohort is null || task is null || dates is null || task.Kind != TaskKind.Final
            || !(await enrolments.GetForCandidateAsync(candidateUserId, cancellationToken)).Any(e => e.CohortId == cohortId))
        {
            return new(AnswerStatus.NotFound);
        }

        var eligibility = await policies.CheckEligibilityAsync(candidateUserId, cohort.CourseId, cohortId, cancellationToken);
        if (!eligibility.Eligible)
        {
            return new(AnswerStatus.Refused, eligibility.Reason);
        }

        await tasks.EnsureFirstAttemptAsync(taskId, candidateUserId, cohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
        var standing = new CandidateTask(
            task,
            new CandidatePlacement { CandidateUserId = candidateUserId, CohortId = cohortId, CohortZone = cohort.TimeZone, CourseId = cohort.CourseId },
            dates,
            await tasks.GetExtensionAsync(taskId, candidateUserId, cancellationToken),
            await tasks.GetAttemptsAsync(taskId, candidateUserId, cancellationToken));
        var attempt = standing.Current;
        var saved = await submissions.SaveAsync(standing, attempt.Id, expectedVersion, body, submit, candidateUserId, cancellationToken);
        if (!saved.Done)
        {
            return new(AnswerStatus.Refused, saved.Conflict ? ConflictMessage : saved.Error ?? "Your answer could not be saved.");
        }

        if (submit)
        {
            await marking.EnsureScriptsAsync(cohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
            await audit.WriteScriptEntryAsync(time, candidateUserId, "assessment.submit", 0, $"submission={attempt.Id};words={WordCount.Of(body)}", cancellationToken);
            logger.LogInformation("Final assessment submission {SubmissionId} handed in by {UserId}", attempt.Id, candidateUserId);
        }

        return new(AnswerStatus.Saved);
    }

    /// <summary>The candidate's final tasks on every cohort they are enrolled on, with what they may see of the outcomes.</summary>
    public async Task<IReadOnlyList<CandidateAssessment>> GetAssessmentsAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        var scripts = await marking.GetScriptsForCandidateAsync(candidateUserId, cancellationToken);
        var items = new List<CandidateAssessment>();
        foreach (var enrolment in await enrolments.GetForCandidateAsync(candidateUserId, cancellationToken))
        {
            var cohort = await marking.GetCohortAsync(enrolment.CohortId, cancellationToken);
            if (cohort is null)
            {
                continue;
            }

            foreach (var dates in await marking.GetFinalTaskDatesAsync(cohort.Id, cancellationToken))
            {
                if (await tasks.GetTaskAsync(dates.TaskId, cancellationToken) is not { } task)
                {
                    continue;
                }

                var ofTask = scripts.Where(s => s.TaskId == task.Id && s.CohortId == cohort.Id).ToList();
                var extension = await tasks.GetExtensionAsync(task.Id, candidateUserId, cancellationToken);
                items.Add(new CandidateAssessment
                {
                    Cohort = cohort,
                    Task = task,
                    Dates = dates,
                    Eligibility = await policies.CheckEligibilityAsync(candidateUserId, cohort.CourseId, cohort.Id, cancellationToken),
                    Attempts = await tasks.GetAttemptsAsync(task.Id, candidateUserId, cancellationToken),
                    Released = ofTask.Where(s => MarkingWorkflow.IsVisibleToCandidate(s.State)).ToList(),
                    AwaitingRelease = ofTask.Any(s => !MarkingWorkflow.IsVisibleToCandidate(s.State)),
                    IsOpen = SubmissionWorkflow.IsOpen(new SubmissionContext
                    {
                        NowUtc = time.GetUtcNow().UtcDateTime, CohortZone = cohort.TimeZone, Dates = dates, ExtensionDueOn = extension?.DueOn,
                    }),
                });
            }
        }

        return items;
    }
}
