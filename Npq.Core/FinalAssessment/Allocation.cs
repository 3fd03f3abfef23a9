namespace Npq.Core.FinalAssessment;

/// <summary>Who may mark or moderate a candidate's script.</summary>
public static class AllocationRules
{
    /// <summary>Why this assessor may not mark the script, or null when they may.</summary>
    public static string? RefuseAssessor(int assessorUserId, int candidateUserId, IReadOnlySet<int> candidateMentorIds) =>
        assessorUserId == candidateUserId ? "Nobody may mark their own final assessment."
        : candidateMentorIds.Contains(assessorUserId) ? "A candidate's own mentor may not mark their final assessment."
        : null;

    /// <summary>Why this assessor may not moderate the script, or null when they may.</summary>
    public static string? RefuseModerator(int moderatorUserId, int candidateUserId, int? firstAssessorUserId, IReadOnlySet<int> candidateMentorIds) =>
        moderatorUserId == firstAssessorUserId ? "The moderator must be a second assessor, not the one who marked the script."
        : moderatorUserId == candidateUserId ? "Nobody may moderate their own final assessment."
        : candidateMentorIds.Contains(moderatorUserId) ? "A candidate's own mentor may not moderate their final assessment."
        : null;
}

/// <summary>A script waiting to be allocated, with the people who must not get it.</summary>
public sealed record AllocationCandidate(int ScriptId, IReadOnlySet<int> Excluded);

/// <summary>
/// Shares scripts evenly: each script goes to the permitted assessor with the fewest scripts so far (counting what
/// they already hold), ties broken by the lowest id, so the same inputs always give the same plan.
/// </summary>
public static class EvenAllocation
{
    /// <returns>Script id → assessor id; scripts nobody may take are left out.</returns>
    public static IReadOnlyDictionary<int, int> Plan(IReadOnlyList<AllocationCandidate> scripts, IReadOnlyDictionary<int, int> currentLoads)
    {
        var loads = new Dictionary<int, int>(currentLoads);
        var plan = new Dictionary<int, int>();
        foreach (var script in scripts.OrderBy(s => s.ScriptId))
        {
            var choice = loads.Keys
                .Where(a => !script.Excluded.Contains(a))
                .OrderBy(a => loads[a]).ThenBy(a => a)
                .Select(a => (int?)a)
                .FirstOrDefault();
            if (choice is { } assessor)
            {
                plan[script.ScriptId] = assessor;
                loads[assessor]++;
            }
        }

        return plan;
    }
}
