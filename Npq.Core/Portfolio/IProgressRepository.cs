namespace Npq.Core.Portfolio;

/// <summary>Where Progress data is kept (implemented in Npq.Data).</summary>
public interface IProgressRepository
{
    /// <summary>Weeks between updates for the cohort (the default when none is set).</summary>
    Task<int> GetCadenceWeeksAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>One page of the provider's cohorts, soonest first, with their cadences, and how many cohorts the provider has.</summary>
    Task<(int Total, IReadOnlyList<CohortCadence> Rows)> GetCadencesPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>True when the cohort belongs to one of the provider's courses.</summary>
    Task<bool> IsCohortOfProviderAsync(int cohortId, int providerId, CancellationToken cancellationToken = default);

    Task SetCadenceWeeksAsync(int cohortId, int everyWeeks, CancellationToken cancellationToken = default);

    Task<int> CreateAsync(ProgressUpdate update, CancellationToken cancellationToken = default);

    /// <summary>Saves an edit if nobody saved since <paramref name="expectedVersion"/>; otherwise a conflict and nothing changes.</summary>
    Task<(SaveOutcome Outcome, int Version)> UpdateAsync(ProgressUpdate update, int expectedVersion, CancellationToken cancellationToken = default);

    Task<ProgressUpdate?> GetAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The candidate's updates, newest first, with ratings.</summary>
    Task<IReadOnlyList<ProgressUpdate>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>The candidate's newest update with its ratings, or null: what dashboards show.</summary>
    Task<ProgressUpdate?> GetLatestForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);
}
