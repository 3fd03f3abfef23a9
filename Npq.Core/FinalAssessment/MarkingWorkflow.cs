namespace Npq.Core.FinalAssessment;

/// <summary>
/// Where a final assessment script stands in marking, apart from the submission's own state:
/// not marked → in marking → ready for moderation → moderated → ready for release → released.
/// A script that needs no moderation goes from in marking straight to ready for release.
/// </summary>
public enum MarkingState
{
    NotMarked,
    InMarking,
    ReadyForModeration,
    Moderated,
    ReadyForRelease,
    Released,
}

/// <summary>What someone asks to happen to a script.</summary>
public enum MarkingTrigger
{
    /// <summary>An admin allocates (or re-allocates) the script to an assessor.</summary>
    AllocateAssessor,

    /// <summary>The assessor saves judgements without finishing.</summary>
    SaveMarks,

    /// <summary>The assessor finishes: every criterion judged and an outcome proposed.</summary>
    CompleteMarking,

    /// <summary>An admin allocates (or re-allocates) a moderator.</summary>
    AllocateModerator,

    /// <summary>The moderator records their own judgements and decision.</summary>
    Moderate,

    /// <summary>An admin signs off a moderated script for release.</summary>
    ApproveForRelease,

    /// <summary>An admin releases the cohort's outcomes.</summary>
    Release,
}

/// <summary>The facts a marking transition is judged on besides the state.</summary>
public sealed record MarkingContext
{
    public bool HasAssessor { get; init; }
    public bool HasModerator { get; init; }
    public bool AllCriteriaJudged { get; init; }
    public bool HasOutcome { get; init; }

    /// <summary>True when the script falls in the moderation sample or its proposed outcome is a fail.</summary>
    public bool ModerationRequired { get; init; }
}

/// <summary>The answer to "may this happen?": the state it leads to, or why not.</summary>
public sealed record MarkingDecision(bool Allowed, MarkingState State, string? Refusal)
{
    public static MarkingDecision Allow(MarkingState state) => new(true, state, null);

    public static MarkingDecision Refuse(MarkingState state, string reason) => new(false, state, reason);
}

/// <summary>The one place that decides how a script moves through marking. Nothing else changes its state.</summary>
public static class MarkingWorkflow
{
    public static MarkingDecision Decide(MarkingState state, MarkingTrigger trigger, MarkingContext context) => (state, trigger) switch
    {
        (MarkingState.NotMarked or MarkingState.InMarking, MarkingTrigger.AllocateAssessor) => MarkingDecision.Allow(state),
        (_, MarkingTrigger.AllocateAssessor) =>
            MarkingDecision.Refuse(state, "Marking has finished on this script, so its assessor can no longer change."),

        (MarkingState.NotMarked or MarkingState.InMarking, MarkingTrigger.SaveMarks) => context.HasAssessor
            ? MarkingDecision.Allow(MarkingState.InMarking)
            : MarkingDecision.Refuse(state, "This script has not been allocated to an assessor."),
        (_, MarkingTrigger.SaveMarks) => MarkingDecision.Refuse(state, "Marking has finished on this script; its marks can no longer change."),

        (MarkingState.NotMarked or MarkingState.InMarking, MarkingTrigger.CompleteMarking) => Complete(state, context,
            context.ModerationRequired ? MarkingState.ReadyForModeration : MarkingState.ReadyForRelease),
        (_, MarkingTrigger.CompleteMarking) => MarkingDecision.Refuse(state, "Marking has already finished on this script."),

        (MarkingState.ReadyForModeration, MarkingTrigger.AllocateModerator) => MarkingDecision.Allow(state),
        (_, MarkingTrigger.AllocateModerator) => MarkingDecision.Refuse(state, "Only a script waiting for moderation can be given a moderator."),

        (MarkingState.ReadyForModeration, MarkingTrigger.Moderate) when !context.HasModerator =>
            MarkingDecision.Refuse(state, "This script has no moderator yet."),
        (MarkingState.ReadyForModeration, MarkingTrigger.Moderate) => Complete(state, context, MarkingState.Moderated),
        (_, MarkingTrigger.Moderate) => MarkingDecision.Refuse(state, "Only a script waiting for moderation can be moderated."),

        (MarkingState.Moderated, MarkingTrigger.ApproveForRelease) => MarkingDecision.Allow(MarkingState.ReadyForRelease),
        (_, MarkingTrigger.ApproveForRelease) => MarkingDecision.Refuse(state, "Only a moderated script can be approved for release."),

        (MarkingState.ReadyForRelease, MarkingTrigger.Release) => MarkingDecision.Allow(MarkingState.Released),
        (MarkingState.Released, MarkingTrigger.Release) => MarkingDecision.Refuse(state, "This outcome has already been released."),
        (_, MarkingTrigger.Release) => MarkingDecision.Refuse(state, "This script is not ready for release."),

        _ => MarkingDecision.Refuse(state, "That change is not possible."),
    };

    /// <summary>True when candidates may see anything of this script's marks, comments or outcome.</summary>
    public static bool IsVisibleToCandidate(MarkingState state) => state == MarkingState.Released;

    private static MarkingDecision Complete(MarkingState state, MarkingContext context, MarkingState next)
    {
        if (!context.HasAssessor)
        {
            return MarkingDecision.Refuse(state, "This script has not been allocated to an assessor.");
        }

        if (!context.AllCriteriaJudged)
        {
            return MarkingDecision.Refuse(state, "Judge every criterion (met or not met) before you finish.");
        }

        return context.HasOutcome
            ? MarkingDecision.Allow(next)
            : MarkingDecision.Refuse(state, "Choose an outcome (pass or fail) before you finish.");
    }
}
