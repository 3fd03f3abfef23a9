using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;

namespace Npq.Core.FinalAssessment;

/// <summary>What became of a save: saved, refused with a reason, refused for its overall comment, or lost to someone else's save.</summary>
public enum MarkingSaveStatus
{
    Saved,
    Refused,
    Conflict,

    /// <summary>The overall comment cannot be kept as it is (too long); nothing was saved.</summary>
    InvalidComment,
}

public sealed record MarkingSaveResult(MarkingSaveStatus Status, string? Message = null, MarkingState? State = null);

/// <summary>One criterion as the assessor (or moderator) filled it in.</summary>
public sealed record CriterionInput(int CriterionId, bool? Met, string Comment);

/// <summary>
/// An assessor's marking and a moderator's moderation of one script: judgements, comment and outcome, checked against
/// <see cref="MarkingWorkflow"/>, written guarded by the script's Version, and audited. Callers authorise first.
/// </summary>
public sealed class ScriptMarking(
    IMarkingRepository marking,
    AssessmentPolicies policies,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ScriptMarking> logger)
{
    /// <summary>The longest overall comment kept.</summary>
    public const int MaxCommentLength = 20_000;

    /// <summary>The longest comment on one criterion; anything beyond is cut off.</summary>
    public const int MaxCriterionCommentLength = 10_000;

    /// <summary>
    /// Saves the assessor's judgements, comment and proposed outcome; when <paramref name="finish"/>, completes
    /// marking (to moderation when sampled or failed, else ready for release).
    /// </summary>
    public async Task<MarkingSaveResult> SaveMarkingAsync(ScriptDetails row, IReadOnlyList<CriterionInput> inputs, MarkingOutcome? outcome, string comment, bool finish, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
    {
        if (comment.Length > MaxCommentLength)
        {
            return new(MarkingSaveStatus.InvalidComment, "Keep the overall comment under 20,000 characters.");
        }

        var criteria = await marking.GetCriteriaAsync(row.CourseId, cancellationToken);
        var judgements = Judgements(criteria, inputs, JudgementRole.Assessor);
        var policy = await policies.GetPolicyAsync(row.CourseId, row.CohortId, cancellationToken);
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

        var now = time.GetUtcNow().UtcDateTime;
        var script = row.ToScript() with
        {
            State = decision.State,
            AssessorOutcome = outcome,
            AssessorComment = comment,
            MarkedUtc = finish ? now : null,
            ModerationReason = finish ? reason : null,
            FinalOutcome = finish ? outcome : null,
            UpdatedUtc = now,
        };
        if (await marking.SaveAssessorMarkingAsync(script, judgements, expectedVersion, cancellationToken) is null)
        {
            logger.LogInformation("Marking save conflict on script {ScriptId} by {ActorId}", row.Id, actorUserId);
            return new(MarkingSaveStatus.Conflict, "Someone else saved this script while you were marking. Your judgements are still below; check the saved marks before you save again.");
        }

        await audit.WriteScriptEntryAsync(time, actorUserId, finish ? "assessment.mark-complete" : "assessment.mark", row.Id,
            $"state={decision.State};outcome={outcome?.ToString() ?? "none"};met={judgements.Count(j => j.Met == true)}/{judgements.Count}", cancellationToken);
        logger.LogInformation("Script {ScriptId} marked by {ActorId}: {State}", row.Id, actorUserId, decision.State);
        return new(MarkingSaveStatus.Saved, null, decision.State);
    }

    /// <summary>Records the moderator's judgements and decision; the moderator's decision stands, both are kept.</summary>
    public async Task<MarkingSaveResult> SaveModerationAsync(ScriptDetails row, IReadOnlyList<CriterionInput> inputs, MarkingOutcome? outcome, string comment, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
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

        var now = time.GetUtcNow().UtcDateTime;
        var script = row.ToScript() with
        {
            State = decision.State,
            ModeratorOutcome = outcome,
            ModeratorComment = comment,
            ModeratedUtc = now,
            FinalOutcome = FinalDecision.Of(row.AssessorOutcome, outcome),
            UpdatedUtc = now,
        };
        if (await marking.SaveModerationAsync(script, judgements, expectedVersion, cancellationToken) is null)
        {
            logger.LogInformation("Moderation save conflict on script {ScriptId} by {ActorId}", row.Id, actorUserId);
            return new(MarkingSaveStatus.Conflict, "Someone else saved this script while you were moderating. Your judgements are still below; check before you save again.");
        }

        var disagree = FinalDecision.Disagree(row.AssessorOutcome, outcome);
        await audit.WriteScriptEntryAsync(time, actorUserId, "assessment.moderate", row.Id,
            $"assessor={row.AssessorOutcome};moderator={outcome};disagree={disagree.ToString().ToLowerInvariant()}", cancellationToken);
        logger.LogInformation("Script {ScriptId} moderated by {ActorId}; disagreement {Disagree}", row.Id, actorUserId, disagree);
        return new(MarkingSaveStatus.Saved, null, decision.State);
    }

    /// <summary>One judgement per criterion of the course, from what was filled in (comments cut to length and trimmed).</summary>
    private static List<CriterionMark> Judgements(IReadOnlyList<AssessmentCriterion> criteria, IReadOnlyList<CriterionInput> inputs, JudgementRole role) =>
        criteria.Select(c =>
        {
            var input = inputs.FirstOrDefault(i => i.CriterionId == c.Id);
            var comment = input?.Comment ?? string.Empty;
            return new CriterionMark(c.Id, role, input?.Met, (comment.Length > MaxCriterionCommentLength ? comment[..MaxCriterionCommentLength] : comment).Trim());
        }).ToList();
}
