namespace Npq.Core.Materials;

/// <summary>Why a module is or is not open for a candidate.</summary>
public enum OpenState
{
    Open,

    /// <summary>Its date (<see cref="ModuleAvailability.OpensOn"/>) has not come in the cohort's zone.</summary>
    NotYetDate,

    /// <summary>The previous module is not complete.</summary>
    WaitingForPrevious,

    /// <summary>The rule needs a date and none is set for the cohort.</summary>
    NoDateSet,
}

/// <summary>Whether a module is open for a candidate, and when it opens (a date-only day in the cohort's zone).</summary>
public sealed record ModuleAvailability(int ModuleId, OpenState State, DateOnly? OpensOn, bool OpenedEarly)
{
    public bool IsOpen => State == OpenState.Open;
}

/// <summary>
/// Decides which modules are open for a candidate of a cohort: the module's rule, the cohort's release dates (date-only
/// days in the cohort's zone, compared with today there, so a date never shifts a day), facilitators' early opening,
/// and which modules the candidate has completed. A module is complete when every published item in it is complete;
/// a module with no published items is complete.
/// </summary>
public static class ReleaseRules
{
    /// <param name="programme">The published programme.</param>
    /// <param name="releases">The cohort's release rows, by module id.</param>
    /// <param name="completedItemIds">The items the candidate has completed (null for a viewer who is not a candidate: dates only).</param>
    /// <param name="todayInCohortZone">Today's date where the cohort is.</param>
    public static IReadOnlyList<ModuleAvailability> Evaluate(
        Programme programme, IReadOnlyDictionary<int, ModuleRelease> releases, IReadOnlySet<int>? completedItemIds, DateOnly todayInCohortZone)
    {
        var result = new List<ModuleAvailability>(programme.Modules.Count);
        var previousComplete = true;
        foreach (var module in programme.Modules)
        {
            releases.TryGetValue(module.Module.Id, out var release);
            var opensOn = release?.OpensOn;
            var early = release?.OpenedEarlyUtc is not null;
            var dateReached = opensOn is { } d && d <= todayInCohortZone;
            var state = module.Module.ReleaseRule switch
            {
                ReleaseRule.OnDate => opensOn is null ? OpenState.NoDateSet : dateReached ? OpenState.Open : OpenState.NotYetDate,
                ReleaseRule.AfterPrevious => previousComplete ? OpenState.Open : OpenState.WaitingForPrevious,
                _ => opensOn is null ? OpenState.NoDateSet
                    : !dateReached ? OpenState.NotYetDate
                    : previousComplete ? OpenState.Open : OpenState.WaitingForPrevious,
            };
            if (early)
            {
                state = OpenState.Open;
            }

            result.Add(new ModuleAvailability(module.Module.Id, state, opensOn, early));
            previousComplete = completedItemIds is not null && IsComplete(module, completedItemIds);
        }

        return result;
    }

    /// <summary>Every published item of the module is complete.</summary>
    public static bool IsComplete(ProgrammeModule module, IReadOnlySet<int> completedItemIds) =>
        module.Items.Where(i => i.IsPublished).All(i => completedItemIds.Contains(i.Id));
}
