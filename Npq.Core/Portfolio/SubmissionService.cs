using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Changes;
using Npq.Core.Notifications;

namespace Npq.Core.Portfolio;

/// <summary>A candidate's standing on one task: the task, their cohort's dates, any extension and every attempt.</summary>
public sealed record CandidateTask(
    AssessmentTask Task,
    CandidatePlacement Placement,
    TaskDates Dates,
    TaskExtension? Extension,
    IReadOnlyList<Submission> Attempts)
{
    public Submission Current => Attempts[^1];

    public SubmissionContext ContextAt(DateTime nowUtc, string? body = null) => new()
    {
        NowUtc = nowUtc,
        CohortZone = Placement.CohortZone,
        Dates = Dates,
        ExtensionDueOn = Extension?.DueOn,
        Attempt = Current.Attempt,
        MaxAttempts = Task.MaxAttempts,
        WordLimit = Task.WordLimit,
        WordCount = WordCount.Of(body ?? Current.Body),
        HasResult = Current.Result is not null,
    };

    public Lateness LatenessAt(DateTime nowUtc) => SubmissionWorkflow.LatenessOf(Current.SubmittedUtc, ContextAt(nowUtc));
}

/// <summary>The result of asking for a change: done, refused with a reason, or lost to someone else's save.</summary>
public sealed record ChangeResult(bool Done, string? Error = null, bool Conflict = false, int Version = 0)
{
    public static ChangeResult Ok(int version = 0) => new(true, Version: version);
}

/// <summary>What an autosave of an attempt did, with the attempt's word count after it.</summary>
public sealed record AttemptAutosave(ChangeResult Result, int Words);

/// <summary>
/// Carries out what <see cref="SubmissionWorkflow"/> decides: loads the facts, asks the state machine, saves the
/// change (guarded by the attempt's Version), and tells the people concerned.
/// </summary>
public sealed class SubmissionService(
    ITaskRepository tasks,
    IPlacementRepository placements,
    INotifier notifier,
    IAuditLog audit,
    IWriteTogether together,
    TimeProvider time,
    ILogger<SubmissionService> logger)
{
    public const string ConflictMessage = "Someone else saved this attempt after you opened it (another tab, or an admin). Your text is below: copy what you need, then reload the page.";

    /// <summary>The candidate's task, starting their first attempt if needed; null when the task is not set for their cohort.</summary>
    public async Task<CandidateTask?> LoadAsync(int taskId, int candidateUserId, CancellationToken cancellationToken)
    {
        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        if (task is null)
        {
            return null;
        }

        foreach (var placement in await placements.GetForCandidateAsync(candidateUserId, cancellationToken))
        {
            if (placement.CourseId != task.CourseId || await tasks.GetDatesAsync(taskId, placement.CohortId, cancellationToken) is not { } dates)
            {
                continue;
            }

            await tasks.EnsureFirstAttemptAsync(taskId, candidateUserId, placement.CohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
            return new CandidateTask(
                task, placement, dates, await tasks.GetExtensionAsync(taskId, candidateUserId, cancellationToken),
                await tasks.GetAttemptsAsync(taskId, candidateUserId, cancellationToken));
        }

        return null;
    }

    /// <summary>One attempt, whoever's it is (the caller checks who may reach it), or null.</summary>
    public Task<Submission?> FindAttemptAsync(int submissionId, CancellationToken cancellationToken) => tasks.GetSubmissionAsync(submissionId, cancellationToken);

    /// <summary>Autosave of the current attempt's text as a draft: writes only when the text changed.</summary>
    public async Task<AttemptAutosave> AutosaveAsync(CandidateTask standing, int submissionId, int expectedVersion, string? body, int actorUserId, CancellationToken cancellationToken)
    {
        var text = body ?? string.Empty;
        if (text == standing.Current.Body && standing.Current.Id == submissionId)
        {
            return new AttemptAutosave(ChangeResult.Ok(standing.Current.Version), standing.Current.WordCount);
        }

        return new AttemptAutosave(await SaveAsync(standing, submissionId, expectedVersion, text, submit: false, actorUserId, cancellationToken), WordCount.Of(body));
    }

    /// <summary>Saves a draft or submits the current attempt, by the candidate or by an admin on their behalf.</summary>
    public async Task<ChangeResult> SaveAsync(CandidateTask standing, int submissionId, int expectedVersion, string body, bool submit, int actorUserId, CancellationToken cancellationToken)
    {
        var current = standing.Current;
        if (current.Id != submissionId)
        {
            return new ChangeResult(false, "This attempt is closed; a later attempt carries on.", Conflict: true);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var decision = SubmissionWorkflow.Decide(current.State, submit ? SubmissionTrigger.Submit : SubmissionTrigger.SaveDraft, standing.ContextAt(now, body));
        if (!decision.Allowed)
        {
            return new ChangeResult(false, decision.Refusal);
        }

        var onBehalf = actorUserId != standing.Placement.CandidateUserId;
        var changed = current with
        {
            State = decision.State,
            Body = body,
            WordCount = WordCount.Of(body),
            SubmittedUtc = submit ? now : null,
            SubmittedByUserId = submit ? actorUserId : null,
            SubmittedOnBehalf = submit && onBehalf,
            UpdatedUtc = now,
        };
        if (!(submit && onBehalf))
        {
            // A draft or the candidate's own submission tells no one: one write, no unit around it (the autosave is hot).
            var (saved, savedVersion) = await tasks.SaveAttemptAsync(changed, expectedVersion, cancellationToken);
            if (saved != SaveOutcome.Saved)
            {
                return new ChangeResult(false, ConflictMessage, Conflict: true);
            }

            if (submit)
            {
                logger.LogInformation("Submission {SubmissionId} (task {TaskId}, attempt {Attempt}) submitted by {UserId}", current.Id, current.TaskId, current.Attempt, actorUserId);
            }

            return ChangeResult.Ok(savedVersion);
        }

        // Submitted on the candidate's behalf: the attempt, its audit line and the candidate's notification commit together.
        return await together.RunAsync(async ct =>
        {
            var (outcome, version) = await tasks.SaveAttemptAsync(changed, expectedVersion, ct);
            if (outcome != SaveOutcome.Saved)
            {
                return new ChangeResult(false, ConflictMessage, Conflict: true);
            }

            logger.LogInformation("Submission {SubmissionId} (task {TaskId}, attempt {Attempt}) submitted by {UserId}", current.Id, current.TaskId, current.Attempt, actorUserId);
            await audit.WriteAsync(new AuditEntry
            {
                OccurredUtc = now, ActorUserId = actorUserId, Action = "submission.submitted-on-behalf",
                Subject = $"submission:{current.Id}", Detail = $"candidate:{current.CandidateUserId}",
            }, ct);
            await notifier.NotifyAsync(current.CandidateUserId, "task-submitted",
                $"Your provider submitted “{standing.Task.Title}” on your behalf", $"/tasks/{standing.Task.Id}", ct);
            return ChangeResult.Ok(version);
        }, cancellationToken);
    }

    /// <summary>A mentor or admin opens a new attempt at a submitted task, while attempts remain.</summary>
    public async Task<ChangeResult> ReopenAsync(CandidateTask standing, int submissionId, int expectedVersion, int actorUserId, CancellationToken cancellationToken)
    {
        if (standing.Current.Id != submissionId)
        {
            return new ChangeResult(false, "Only the latest attempt can be reopened.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var decision = SubmissionWorkflow.Decide(standing.Current.State, SubmissionTrigger.Reopen, standing.ContextAt(now));
        if (!decision.Allowed)
        {
            return new ChangeResult(false, decision.Refusal);
        }

        return await together.RunAsync(async ct =>
        {
            var newId = await tasks.ReopenAsync(standing.Current, expectedVersion, actorUserId, now, null, ct);
            if (newId is null)
            {
                return new ChangeResult(false, "This attempt changed since you opened the page; reload and try again.", Conflict: true);
            }

            logger.LogInformation("Submission {SubmissionId} reopened as {NewSubmissionId} by {UserId}", submissionId, newId, actorUserId);
            await notifier.NotifyAsync(standing.Current.CandidateUserId, "task-reopened",
                $"“{standing.Task.Title}” is open again for attempt {standing.Current.Attempt + 1}", $"/tasks/{standing.Task.Id}", ct);
            return ChangeResult.Ok();
        }, cancellationToken);
    }

    /// <summary>
    /// Records marking's result on the latest submitted attempt. A fail with attempts remaining reopens the task
    /// automatically for the next attempt (and tells the candidate).
    /// </summary>
    public async Task<ChangeResult> RecordResultAsync(CandidateTask standing, SubmissionResult result, CancellationToken cancellationToken)
    {
        var current = standing.Current;
        var now = time.GetUtcNow().UtcDateTime;
        var trigger = result == SubmissionResult.Fail ? SubmissionTrigger.RecordFail : SubmissionTrigger.RecordPass;
        var decision = SubmissionWorkflow.Decide(current.State, trigger, standing.ContextAt(now));
        if (!decision.Allowed)
        {
            return new ChangeResult(false, decision.Refusal);
        }

        if (decision.OpensNewAttempt)
        {
            return await together.RunAsync(async ct =>
            {
                var newId = await tasks.ReopenAsync(current, current.Version, null, now, result, ct);
                if (newId is null)
                {
                    return new ChangeResult(false, "The attempt changed meanwhile.", Conflict: true);
                }

                await notifier.NotifyAsync(current.CandidateUserId, "task-reopened",
                    $"“{standing.Task.Title}” is open again for attempt {current.Attempt + 1}", $"/tasks/{standing.Task.Id}", ct);
                return ChangeResult.Ok();
            }, cancellationToken);
        }

        return await tasks.RecordResultAsync(current.Id, current.Version, result, now, cancellationToken)
            ? ChangeResult.Ok()
            : new ChangeResult(false, "The attempt changed meanwhile.", Conflict: true);
    }

    /// <summary>Grants (or moves) a candidate's extension; it must not end before the task's due date.</summary>
    public async Task<ChangeResult> GrantExtensionAsync(CandidateTask standing, DateOnly dueOn, int actorUserId, CancellationToken cancellationToken)
    {
        if (dueOn <= standing.Dates.DueOn)
        {
            return new ChangeResult(false, $"An extension must end after the due date ({Npq.Core.Time.ZonedTime.FormatDate(standing.Dates.DueOn)}).");
        }

        var now = time.GetUtcNow().UtcDateTime;
        return await together.RunAsync(async ct =>
        {
            await tasks.GrantExtensionAsync(new TaskExtension(standing.Task.Id, standing.Placement.CandidateUserId, dueOn, actorUserId, now), ct);
            await audit.WriteAsync(new AuditEntry
            {
                OccurredUtc = now, ActorUserId = actorUserId, Action = "task.extension-granted",
                Subject = $"task:{standing.Task.Id}", Detail = $"candidate:{standing.Placement.CandidateUserId} due:{dueOn:yyyy-MM-dd}",
            }, ct);
            await notifier.NotifyAsync(standing.Placement.CandidateUserId, "task-extension",
                $"You have an extension for “{standing.Task.Title}” until {Npq.Core.Time.ZonedTime.FormatDate(dueOn)}", $"/tasks/{standing.Task.Id}", ct);
            return ChangeResult.Ok();
        }, cancellationToken);
    }
}
