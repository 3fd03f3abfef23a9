namespace Npq.Core.Materials;

/// <summary>
/// Where a cohort's opening dates for its course's modules, and facilitators' early openings, are written
/// (implemented in Npq.Data). They are read through <see cref="IProgrammeRepository.GetReleasesAsync"/>.
/// </summary>
public interface IReleaseRepository
{
    /// <summary>Sets (or, with null, clears) the day a module opens for a cohort: a date-only day in the cohort's zone.</summary>
    Task SetOpensOnAsync(int cohortId, int moduleId, DateOnly? opensOn, CancellationToken cancellationToken = default);

    /// <summary>Opens a module for a cohort now, whatever its rule says, recording who did it and when.</summary>
    Task OpenEarlyAsync(int cohortId, int moduleId, int openedByUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Takes an early opening back: the module follows its rule again. The opening date is kept.</summary>
    Task UndoEarlyAsync(int cohortId, int moduleId, CancellationToken cancellationToken = default);
}
