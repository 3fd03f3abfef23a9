using System.Globalization;
using Microsoft.Extensions.Options;
using Npq.Core.FinalAssessment;
using Npq.Core.Auditing;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using Npq.Core.Time;
using Npq.Core.Webinars;
using Npq.Data.FinalAssessment;
using Npq.Data.Portfolio;

namespace Npq.Web.Features.FinalAssessment.Assessment;

/// <summary>What became of a save: saved, refused with a reason, or lost to someone else's save.</summary>
public enum MarkingSaveStatus
{
    Saved,
    Refused,
    Conflict,
}

public sealed record MarkingSaveResult(MarkingSaveStatus Status, string? Message = null, MarkingState? State = null);

/// <summary>One criterion as the assessor (or moderator) filled it in.</summary>
public sealed record CriterionInput(int CriterionId, bool? Met, string Comment);

/// <summary>
/// The final assessment's use cases: allocation, marking, moderation, approval and release, each checked against
/// <see cref="MarkingWorkflow"/> and written to the audit log. Controllers authorise first; this decides.
/// </summary>
public sealed class FinalAssessmentService(
    IMarkingRepository marking,
    ITaskRepository tasks,
    IAttendanceQueries attendance,
    IAuditLog audit,
    INotifier notifier,
    IOptions<FinalAssessmentOptions> options,
    TimeProvider time,
    ILogger<FinalAssessmentService> logger)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public async Task<FinalAssessmentPolicy> GetPolicyAsync(int courseId, int cohortId, CancellationToken cancellationToken = default)
    {
        var (course, cohort) = await marking.GetPolicyOverridesAsync(courseId, cohortId, cancellationToken);
        return PolicyOverrides.Resolve(cohort, course, options.Value.ToPolicy());
    }

    /// <summary>Whether the candidate may sit the cohort's final assessment (the attendance gate).</summary>
    public async Task<EligibilityDecision> CheckEligibilityAsync(int candidateUserId, int courseId, int cohortId, CancellationToken cancellationToken = default)
    {
        var policy = await GetPolicyAsync(courseId, cohortId, cancellationToken);
        var summary = await attendance.GetAttendanceAsync(candidateUserId, cohortId, cancellationToken);
        return FinalAssessmentGate.Check(summary?.Percentage, policy.AttendanceThresholdPercent);
    }

    /// <summary>Allocates one script to an assessor; returns why not, or null when done.</summary>
    public async Task<string?> AllocateAsync(MarkingScript script, int assessorUserId, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
    {
        var decision = MarkingWorkflow.Decide(script.State, MarkingTrigger.AllocateAssessor, new MarkingContext());
        if (!decision.Allowed)
        {
            return decision.Refusal;
        }

        var cohort = await marking.GetCohortAsync(script.CohortId, cancellationToken);
        if (cohort is null || !(await marking.GetAssessorsAsync(cohort.ProviderId, cancellationToken)).Any(a => a.Id == assessorUserId))
        {
            return "Choose one of the provider's assessors.";
        }

        var refusal = AllocationRules.RefuseAssessor(assessorUserId, script.CandidateUserId, await marking.GetMentorIdsAsync(script.CandidateUserId, cancellationToken));
        if (refusal is not null)
        {
            return refusal;
        }

        if (!await marking.AllocateAssessorAsync(script.Id, assessorUserId, expectedVersion, Now, cancellationToken))
        {
            return "Someone changed this script while you were choosing; look again and allocate it afresh.";
        }

        await AuditAsync(actorUserId, "assessment.allocate", script.Id, $"assessor={assessorUserId}", cancellationToken);
        logger.LogInformation("Script {ScriptId} allocated to assessor {AssessorId} by {ActorId}", script.Id, assessorUserId, actorUserId);
        return null;
    }

    /// <summary>Allocates a moderator to a script waiting for moderation; returns why not, or null when done.</summary>
    public async Task<string?> AllocateModeratorAsync(MarkingScript script, int moderatorUserId, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
    {
        var decision = MarkingWorkflow.Decide(script.State, MarkingTrigger.AllocateModerator, new MarkingContext());
        if (!decision.Allowed)
        {
            return decision.Refusal;
        }

        var cohort = await marking.GetCohortAsync(script.CohortId, cancellationToken);
        if (cohort is null || !(await marking.GetAssessorsAsync(cohort.ProviderId, cancellationToken)).Any(a => a.Id == moderatorUserId))
        {
            return "Choose one of the provider's assessors.";
        }

        var refusal = AllocationRules.RefuseModerator(moderatorUserId, script.CandidateUserId, script.AssessorUserId, await marking.GetMentorIdsAsync(script.CandidateUserId, cancellationToken));
        if (refusal is not null)
        {
            return refusal;
        }

        if (!await marking.AllocateModeratorAsync(script.Id, moderatorUserId, expectedVersion, Now, cancellationToken))
        {
            return "Someone changed this script while you were choosing; look again and allocate it afresh.";
        }

        await AuditAsync(actorUserId, "assessment.allocate-moderator", script.Id, $"moderator={moderatorUserId}", cancellationToken);
        logger.LogInformation("Script {ScriptId} given moderator {ModeratorId} by {ActorId}", script.Id, moderatorUserId, actorUserId);
        return null;
    }

    /// <summary>
    /// Shares the cohort's unallocated scripts evenly among its provider's assessors (never a candidate's mentor),
    /// and gives each script waiting for moderation without a moderator a second assessor. Returns how many changed.
    /// </summary>
    public async Task<int> AllocateEvenlyAsync(int cohortId, int actorUserId, CancellationToken cancellationToken = default)
    {
        var cohort = await marking.GetCohortAsync(cohortId, cancellationToken) ?? throw new InvalidOperationException("Unknown cohort");
        var assessors = await marking.GetAssessorsAsync(cohort.ProviderId, cancellationToken);
        var scripts = await marking.GetScriptsForCohortAsync(cohortId, cancellationToken);
        var changed = 0;

        var loads = assessors.ToDictionary(a => a.Id, a => scripts.Count(s => s.AssessorUserId == a.Id || s.ModeratorUserId == a.Id));
        var toMark = new List<AllocationCandidate>();
        var toModerate = new List<AllocationCandidate>();
        foreach (var script in scripts)
        {
            var mentors = await marking.GetMentorIdsAsync(script.CandidateUserId, cancellationToken);
            var excluded = new HashSet<int>(mentors) { script.CandidateUserId };
            if (script.AssessorUserId is null && script.State is MarkingState.NotMarked)
            {
                toMark.Add(new(script.Id, excluded));
            }
            else if (script.State == MarkingState.ReadyForModeration && script.ModeratorUserId is null && script.AssessorUserId is { } first)
            {
                excluded.Add(first);
                toModerate.Add(new(script.Id, excluded));
            }
        }

        foreach (var (scriptId, assessorId) in EvenAllocation.Plan(toMark, loads))
        {
            var script = scripts.Single(s => s.Id == scriptId);
            if (await AllocateAsync(script.ToScript(), assessorId, script.Version, actorUserId, cancellationToken) is null)
            {
                loads[assessorId]++;
                changed++;
            }
        }

        foreach (var (scriptId, moderatorId) in EvenAllocation.Plan(toModerate, loads))
        {
            var script = scripts.Single(s => s.Id == scriptId);
            if (await AllocateModeratorAsync(script.ToScript(), moderatorId, script.Version, actorUserId, cancellationToken) is null)
            {
                changed++;
            }
        }

        return changed;
    }

    /// <summary>
    /// Saves the assessor's judgements, comment and proposed outcome; when <paramref name="finish"/>, completes
    /// marking (to moderation when sampled or failed, else ready for release).
    /// </summary>
    public async Task<MarkingSaveResult> SaveMarkingAsync(MarkingScriptRow row, IReadOnlyList<CriterionInput> inputs, MarkingOutcome? outcome, string comment, bool finish, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
    {
        var criteria = await marking.GetCriteriaAsync(row.CourseId, cancellationToken);
        var judgements = Judgements(criteria, inputs, JudgementRole.Assessor);
        var policy = await GetPolicyAsync(row.CourseId, row.CohortId, cancellationToken);
        var reason = outcome is { } proposed ? ModerationSample.ReasonFor(row.Reference, proposed, policy.ModerationSamplePercent) : null;
        var context = new MarkingContext
        {
            HasAssessor = row.AssessorUserId is not null,
            AllCriteriaJudged = criteria.Count > 0 && judgements.All(j => j.Met is not null),
            HasOutcome = outcome is not null,
            ModerationRequired = reason is not null,
        };
        var decision = MarkingWorkflow.Decide(row.State, finish ? MarkingTrigger.CompleteMarking : MarkingTrigger.SaveMarks, context);
        if (!decision.Allowed)
        {
            return new(MarkingSaveStatus.Refused, decision.Refusal);
        }

        var script = row.ToScript() with
        {
            State = decision.State,
            AssessorOutcome = outcome,
            AssessorComment = comment,
            MarkedUtc = finish ? Now : null,
            ModerationReason = finish ? reason : null,
            FinalOutcome = finish ? outcome : null,
            UpdatedUtc = Now,
        };
        if (await marking.SaveAssessorMarkingAsync(script, judgements, expectedVersion, cancellationToken) is null)
        {
            logger.LogInformation("Marking save conflict on script {ScriptId} by {ActorId}", row.Id, actorUserId);
            return new(MarkingSaveStatus.Conflict, "Someone else saved this script while you were marking. Your judgements are still below; check the saved marks before you save again.");
        }

        await AuditAsync(actorUserId, finish ? "assessment.mark-complete" : "assessment.mark", row.Id,
            $"state={decision.State};outcome={outcome?.ToString() ?? "none"};met={judgements.Count(j => j.Met == true)}/{judgements.Count}", cancellationToken);
        logger.LogInformation("Script {ScriptId} marked by {ActorId}: {State}", row.Id, actorUserId, decision.State);
        return new(MarkingSaveStatus.Saved, null, decision.State);
    }

    /// <summary>Records the moderator's judgements and decision; the moderator's decision stands, both are kept.</summary>
    public async Task<MarkingSaveResult> SaveModerationAsync(MarkingScriptRow row, IReadOnlyList<CriterionInput> inputs, MarkingOutcome? outcome, string comment, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
    {
        var criteria = await marking.GetCriteriaAsync(row.CourseId, cancellationToken);
        var judgements = Judgements(criteria, inputs, JudgementRole.Moderator);
        var context = new MarkingContext
        {
            HasAssessor = row.AssessorUserId is not null,
            HasModerator = row.ModeratorUserId is not null,
            AllCriteriaJudged = criteria.Count > 0 && judgements.All(j => j.Met is not null),
            HasOutcome = outcome is not null,
        };
        var decision = MarkingWorkflow.Decide(row.State, MarkingTrigger.Moderate, context);
        if (!decision.Allowed)
        {
            return new(MarkingSaveStatus.Refused, decision.Refusal);
        }

        var script = row.ToScript() with
        {
            State = decision.State,
            ModeratorOutcome = outcome,
            ModeratorComment = comment,
            ModeratedUtc = Now,
            FinalOutcome = FinalDecision.Of(row.AssessorOutcome, outcome),
            UpdatedUtc = Now,
        };
        if (await marking.SaveModerationAsync(script, judgements, expectedVersion, cancellationToken) is null)
        {
            logger.LogInformation("Moderation save conflict on script {ScriptId} by {ActorId}", row.Id, actorUserId);
            return new(MarkingSaveStatus.Conflict, "Someone else saved this script while you were moderating. Your judgements are still below; check before you save again.");
        }

        var disagree = FinalDecision.Disagree(row.AssessorOutcome, outcome);
        await AuditAsync(actorUserId, "assessment.moderate", row.Id,
            $"assessor={row.AssessorOutcome};moderator={outcome};disagree={disagree.ToString().ToLowerInvariant()}", cancellationToken);
        logger.LogInformation("Script {ScriptId} moderated by {ActorId}; disagreement {Disagree}", row.Id, actorUserId, disagree);
        return new(MarkingSaveStatus.Saved, null, decision.State);
    }

    /// <summary>Signs off every moderated script of the cohort for release; returns how many.</summary>
    public async Task<int> ApproveModeratedAsync(int cohortId, int actorUserId, CancellationToken cancellationToken = default)
    {
        var ids = await marking.ApproveModeratedAsync(cohortId, Now, cancellationToken);
        foreach (var id in ids)
        {
            await AuditAsync(actorUserId, "assessment.approve", id, "state=ReadyForRelease", cancellationToken);
        }

        return ids.Count;
    }

    /// <summary>
    /// Releases every ready script of the cohort together: the completion date is today in the cohort's zone; each
    /// candidate is told; the submission gets its result, and a fail opens the one resubmission.
    /// </summary>
    public async Task<IReadOnlyList<MarkingScript>> ReleaseAsync(int cohortId, int actorUserId, CancellationToken cancellationToken = default)
    {
        var cohort = await marking.GetCohortAsync(cohortId, cancellationToken) ?? throw new InvalidOperationException("Unknown cohort");
        var now = Now;
        var completion = DateOnly.FromDateTime(ZonedTime.ToLocal(now, cohort.TimeZone));
        var released = await marking.ReleaseAsync(cohortId, actorUserId, now, completion, cancellationToken);
        foreach (var script in released)
        {
            await RecordResultOnSubmissionAsync(script, actorUserId, now, cancellationToken);
            await AuditAsync(actorUserId, "assessment.release", script.Id,
                $"outcome={script.FinalOutcome};completion={completion.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", cancellationToken);
            await notifier.NotifyAsync(script.CandidateUserId, "assessment-released", $"Your {cohort.CourseCode} final assessment outcome has been released", "/final-assessment", cancellationToken);
        }

        logger.LogInformation("Released {Count} final assessment outcomes of cohort {CohortId} by {ActorId}", released.Count, cohortId, actorUserId);
        return released;
    }

    public Task AuditAsync(int actorUserId, string action, int scriptId, string? detail, CancellationToken cancellationToken = default) =>
        audit.WriteAsync(new AuditEntry { OccurredUtc = Now, ActorUserId = actorUserId, Action = action, Subject = $"script:{scriptId}", Detail = detail }, cancellationToken);

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

    private static List<CriterionMark> Judgements(IReadOnlyList<AssessmentCriterion> criteria, IReadOnlyList<CriterionInput> inputs, JudgementRole role) =>
        criteria.Select(c =>
        {
            var input = inputs.FirstOrDefault(i => i.CriterionId == c.Id);
            return new CriterionMark(c.Id, role, input?.Met, (input?.Comment ?? string.Empty).Trim());
        }).ToList();
}
