namespace Npq.Core.Portfolio;

/// <summary>Where Placement data is kept (implemented in Npq.Data).</summary>
public interface IPlacementRepository
{
    /// <summary>The candidate's current places (active or deferred), oldest first.</summary>
    Task<IReadOnlyList<CandidatePlacement>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The framework of the candidate's current (first) place, or null: all a form needs to check statements. Read
    /// through <see cref="CandidateFrameworks"/> when there is one.
    /// </summary>
    Task<string?> GetFrameworkCodeAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>Every candidate on a cohort of the admin's provider.</summary>
    Task<IReadOnlyList<CandidatePlacement>> GetForProviderAdminAsync(int adminUserId, CancellationToken cancellationToken = default);
}
