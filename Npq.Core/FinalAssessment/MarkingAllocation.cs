using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;

namespace Npq.Core.FinalAssessment;

/// <summary>What became of an allocation asked for on a cohort's page: the script was not found there, or why not, or done.</summary>
public sealed record AllocationResult(bool Found, string? Refusal)
{
    public static readonly AllocationResult NotFound = new(false, null);
}

/// <summary>
/// Gives scripts to assessors and moderators: one at a time as an admin chooses, or evenly across a cohort. Each change
/// is allowed by <see cref="MarkingWorkflow"/> and <see cref="AllocationRules"/>, written guarded by the script's
/// Version, and audited. Callers authorise first.
/// </summary>
public sealed class MarkingAllocation(IMarkingRepository marking, IAuditLog audit, TimeProvider time, ILogger<MarkingAllocation> logger)
{
    public const string ConflictMessage = "Someone changed this script while you were choosing; look again and allocate it afresh.";

    /// <summary>Opens a script (not marked) for every submitted final attempt of the cohort that has none yet; returns how many.</summary>
    public Task<int> OpenSubmittedScriptsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        marking.EnsureScriptsAsync(cohortId, time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>
    /// Allocates a script of the cohort to an assessor (or, with <paramref name="moderator"/>, a moderator), as chosen
    /// on the cohort's page.
    /// </summary>
    public async Task<AllocationResult> AllocateInCohortAsync(int cohortId, int scriptId, int? userId, int expectedVersion, bool moderator, int actorUserId, CancellationToken cancellationToken = default)
    {
        var row = await marking.GetScriptAsync(scriptId, cancellationToken);
        if (row is null || row.CohortId != cohortId)
        {
            return AllocationResult.NotFound;
        }

        var refusal = userId is not { } chosen
            ? "Choose an assessor."
            : moderator
                ? await AllocateModeratorAsync(row.ToScript(), chosen, expectedVersion, actorUserId, cancellationToken)
                : await AllocateAsync(row.ToScript(), chosen, expectedVersion, actorUserId, cancellationToken);
        return new AllocationResult(true, refusal);
    }

    /// <summary>Allocates one script to an assessor; returns why not, or null when done.</summary>
    public async Task<string?> AllocateAsync(MarkingScript script, int assessorUserId, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
    {
        var (state, refusal) = await CheckAsync(script, MarkingTrigger.AllocateAssessor, assessorUserId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (!await marking.AllocateAssessorAsync(script with { State = state, AssessorUserId = assessorUserId, AllocatedUtc = now, UpdatedUtc = now }, expectedVersion, cancellationToken))
        {
            return ConflictMessage;
        }

        await audit.WriteScriptEntryAsync(time, actorUserId, "assessment.allocate", script.Id, $"assessor={assessorUserId}", cancellationToken);
        logger.LogInformation("Script {ScriptId} allocated to assessor {AssessorId} by {ActorId}", script.Id, assessorUserId, actorUserId);
        return null;
    }

    /// <summary>Allocates a moderator to a script waiting for moderation; returns why not, or null when done.</summary>
    public async Task<string?> AllocateModeratorAsync(MarkingScript script, int moderatorUserId, int expectedVersion, int actorUserId, CancellationToken cancellationToken = default)
    {
        var (state, refusal) = await CheckAsync(script, MarkingTrigger.AllocateModerator, moderatorUserId, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!await marking.AllocateModeratorAsync(script with { State = state, ModeratorUserId = moderatorUserId, UpdatedUtc = time.GetUtcNow().UtcDateTime }, expectedVersion, cancellationToken))
        {
            return ConflictMessage;
        }

        await audit.WriteScriptEntryAsync(time, actorUserId, "assessment.allocate-moderator", script.Id, $"moderator={moderatorUserId}", cancellationToken);
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
    /// May this person be given the script (as assessor, or with <see cref="MarkingTrigger.AllocateModerator"/> as
    /// moderator)? The state the workflow leaves it in, or why not: the workflow first, then the provider's assessors,
    /// then <see cref="AllocationRules"/>.
    /// </summary>
    private async Task<(MarkingState State, string? Refusal)> CheckAsync(MarkingScript script, MarkingTrigger trigger, int userId, CancellationToken cancellationToken)
    {
        var decision = MarkingWorkflow.Decide(script.State, trigger, new MarkingContext());
        if (!decision.Allowed)
        {
            return (script.State, decision.Refusal);
        }

        var cohort = await marking.GetCohortAsync(script.CohortId, cancellationToken);
        if (cohort is null || !(await marking.GetAssessorsAsync(cohort.ProviderId, cancellationToken)).Any(a => a.Id == userId))
        {
            return (script.State, "Choose one of the provider's assessors.");
        }

        var mentors = await marking.GetMentorIdsAsync(script.CandidateUserId, cancellationToken);
        return (decision.State, trigger == MarkingTrigger.AllocateModerator
            ? AllocationRules.RefuseModerator(userId, script.CandidateUserId, script.AssessorUserId, mentors)
            : AllocationRules.RefuseAssessor(userId, script.CandidateUserId, mentors));
    }
}
