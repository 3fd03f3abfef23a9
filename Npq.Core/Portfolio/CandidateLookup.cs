using Npq.Core.Accounts;
using Npq.Core.Frameworks;

namespace Npq.Core.Portfolio;

/// <summary>
/// What the portfolio's use cases ask around a candidate: which cohort and course they are on, the framework of that
/// course, and people's display names and zones (read through the session cache).
/// </summary>
public sealed class CandidateLookup(IPlacementRepository placements, IUserSessions sessions, IFrameworkCatalog catalog)
{
    /// <summary>The candidate's current place (the first, when they are on several cohorts).</summary>
    public async Task<CandidatePlacement?> PlacementAsync(int candidateUserId, CancellationToken cancellationToken) =>
        (await placements.GetForCandidateAsync(candidateUserId, cancellationToken)).FirstOrDefault();

    public Task<IReadOnlyList<CandidatePlacement>> PlacementsAsync(int candidateUserId, CancellationToken cancellationToken) =>
        placements.GetForCandidateAsync(candidateUserId, cancellationToken);

    /// <summary>The framework of the candidate's course (as <see cref="FrameworkFor"/>), without loading their place.</summary>
    public async Task<Framework?> FrameworkOfAsync(int candidateUserId, CancellationToken cancellationToken) =>
        catalog.ForCourse(await placements.GetFrameworkCodeAsync(candidateUserId, cancellationToken));

    /// <summary>The framework of the candidate's course, or the provider's first framework when they have no place yet.</summary>
    public Framework? FrameworkFor(CandidatePlacement? placement) => catalog.ForCourse(placement?.FrameworkCode);

    /// <summary>A user's display name, read through the session cache (forgotten whenever their row is written).</summary>
    public async Task<string?> NameAsync(int userId, CancellationToken cancellationToken) => (await sessions.GetAsync(userId, cancellationToken))?.DisplayName;

    /// <summary>A user's own zone (null when they have not set one).</summary>
    public async Task<string?> UserZoneAsync(int userId, CancellationToken cancellationToken) => (await sessions.GetAsync(userId, cancellationToken))?.TimeZone;

    /// <summary>The zone to show a candidate's times in: their cohort's, or UTC.</summary>
    public static string ZoneOf(CandidatePlacement? placement) => placement?.CohortZone ?? "UTC";
}
