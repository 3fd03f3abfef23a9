using System.Globalization;
using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Changes;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using Npq.Core.Time;

namespace Npq.Core.FinalAssessment;

/// <summary>
/// The end of marking for a cohort: an admin signs off moderated scripts, then releases every ready outcome together.
/// Which scripts move, and to what, is <see cref="MarkingWorkflow"/>'s decision script by script; the repository
/// writes what it decided. Callers authorise first.
/// </summary>
public sealed class OutcomeRelease(
    IMarkingRepository marking,
    ITaskRepository tasks,
    IAuditLog audit,
    INotifier notifier,
    IWriteTogether together,
    IEnumerable<IRecordChangeListener> listeners,
    TimeProvider time,
    ILogger<OutcomeRelease> logger)
{
    /// <summary>Signs off every moderated script of the cohort for release; returns how many.</summary>
    public async Task<int> ApproveModeratedAsync(int cohortId, int actorUserId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var approved = new List<int>();
        foreach (var row in await marking.GetScriptsForCohortAsync(cohortId, cancellationToken))
        {
            var decision = MarkingWorkflow.Decide(row.State, MarkingTrigger.ApproveForRelease, ContextOf(row));
            if (decision.Allowed && await marking.SaveStateAsync(row.ToScript() with { State = decision.State, UpdatedUtc = now }, row.Version, cancellationToken))
            {
                approved.Add(row.Id);
            }
        }

        foreach (var id in approved)
        {
            await audit.WriteScriptEntryAsync(time, actorUserId, "assessment.approve", id, "state=ReadyForRelease", cancellationToken);
        }

        return approved.Count;
    }

    /// <summary>
    /// Releases every ready script of the cohort together: the completion date is today in the cohort's zone; each
    /// candidate is told; the submission gets its result, and a fail opens the one resubmission.
    /// </summary>
    public async Task<IReadOnlyList<MarkingScript>> ReleaseAsync(int cohortId, int actorUserId, CancellationToken cancellationToken = default)
    {
        var cohort = await marking.GetCohortAsync(cohortId, cancellationToken) ?? throw new InvalidOperationException("Unknown cohort");
        var now = time.GetUtcNow().UtcDateTime;
        var completion = DateOnly.FromDateTime(ZonedTime.ToLocal(now, cohort.TimeZone));
        var decided = new List<MarkingScript>();
        foreach (var row in await marking.GetScriptsForCohortAsync(cohortId, cancellationToken))
        {
            var decision = MarkingWorkflow.Decide(row.State, MarkingTrigger.Release, ContextOf(row));
            if (decision.Allowed)
            {
                decided.Add(row.ToScript() with
                {
                    State = decision.State, ReleasedUtc = now, ReleasedByUserId = actorUserId, CompletionDate = completion, UpdatedUtc = now,
                });
            }
        }

        // The release, each submission's result, the audit lines and each candidate's notification (and its mail) commit
        // together; the record-change listeners (DfE) hear of it once it has.
        var released = await together.RunAsync(async ct =>
        {
            IReadOnlyList<MarkingScript> saved = [];
            if (decided.Count > 0)
            {
                if (await marking.SaveReleaseAsync(decided, ct))
                {
                    saved = decided.Select(s => s with { Version = s.Version + 1 }).ToList();
                }
                else
                {
                    logger.LogWarning("Release of cohort {CohortId} by {ActorId} lost to a change made meanwhile; nothing was released", cohortId, actorUserId);
                }
            }

            foreach (var script in saved)
            {
                await RecordResultOnSubmissionAsync(script, actorUserId, now, ct);
                await audit.WriteScriptEntryAsync(time, actorUserId, "assessment.release", script.Id,
                    $"outcome={script.FinalOutcome};completion={completion.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", ct);
                await notifier.NotifyAsync(script.CandidateUserId, "assessment-released", $"Your {cohort.CourseCode} final assessment outcome has been released", "/final-assessment", ct);
            }

            return saved;
        }, cancellationToken);

        logger.LogInformation("Released {Count} final assessment outcomes of cohort {CohortId} by {ActorId}", released.Count, cohortId, actorUserId);
        if (released.Count > 0)
        {
            await listeners.PublishAsync(new RecordChange(RecordChangeKind.OutcomesReleased, cohortId) { CandidateUserIds = released.Select(s => s.CandidateUserId).Distinct().ToList() }, logger, cancellationToken);
        }

        return released;
    }

    private static MarkingContext ContextOf(ScriptDetails row) => new()
    {
        HasAssessor = row.AssessorUserId is not null,
        HasModerator = row.ModeratorUserId is not null,
        HasOutcome = row.FinalOutcome is not null,
    };

    /// <summary>The released outcome becomes the submission's result (a fail with attempts left opens the next attempt).</summary>
    private async Task RecordResultOnSubmissionAsync(MarkingScript script, int actorUserId, DateTime now, CancellationToken cancellationToken)
    {
        var submission = await tasks.GetSubmissionAsync(script.SubmissionId, cancellationToken);
        var task = await tasks.GetTaskAsync(script.TaskId, cancellationToken);
        if (submission is null || task is null || script.FinalOutcome is not { } outcome)
        {
            return;
        }

        var trigger = outcome == MarkingOutcome.Pass ? SubmissionTrigger.RecordPass : SubmissionTrigger.RecordFail;
        var dates = (await marking.GetFinalTaskDatesAsync(script.CohortId, cancellationToken)).FirstOrDefault(d => d.TaskId == script.TaskId)
            ?? new TaskDates(script.TaskId, script.CohortId, DateOnly.MinValue, DateOnly.MinValue, DateOnly.MinValue);
        var decision = SubmissionWorkflow.Decide(submission.State, trigger, new SubmissionContext
        {
            NowUtc = now,
            CohortZone = "UTC",
            Dates = dates,
            Attempt = submission.Attempt,
            MaxAttempts = task.MaxAttempts,
            HasResult = submission.Result is not null,
        });
        if (!decision.Allowed)
        {
            logger.LogWarning("Submission {SubmissionId} kept its state on release of script {ScriptId}: {Reason}", submission.Id, script.Id, decision.Refusal);
            return;
        }

        var result = outcome == MarkingOutcome.Pass ? SubmissionResult.Pass : SubmissionResult.Fail;
        if (decision.OpensNewAttempt)
        {
            await tasks.ReopenAsync(submission, submission.Version, actorUserId, now, result, cancellationToken);
        }
        else
        {
            await tasks.RecordResultAsync(submission.Id, submission.Version, result, now, cancellationToken);
        }
    }
}
