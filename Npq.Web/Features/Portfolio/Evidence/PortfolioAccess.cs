using Npq.Core.Accounts;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Portfolio;
using Npq.Core.Frameworks;
using Npq.Data.Accounts;
using Npq.Data.Portfolio;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>
/// What the portfolio pages (evidence, tasks, feedback, progress, dashboards) ask around a candidate: may this
/// person do this to their things (always through <see cref="IAuthorizationService"/> with a
/// <see cref="CandidateResource"/>), which cohort and framework they are on, and the viewer's own zone.
/// </summary>
public sealed class PortfolioAccess(IAuthorizationService authorization, IPlacementRepository placements, IUserSessions sessions, IFrameworkCatalog catalog)
{
    public async Task<bool> MayAsync(ClaimsPrincipal user, int candidateUserId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new CandidateResource(candidateUserId), operation)).Succeeded;

    /// <summary>The viewer's own zone (null when they have not set one).</summary>
    public async Task<string?> ViewerZoneAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.TryGetUserId() is { } id ? (await sessions.GetAsync(id, cancellationToken))?.TimeZone : null;

    /// <summary>The candidate's current place (the first, when they are on several cohorts).</summary>
    public async Task<CandidatePlacement?> PlacementAsync(int candidateUserId, CancellationToken cancellationToken) =>
        (await placements.GetForCandidateAsync(candidateUserId, cancellationToken)).FirstOrDefault();

    /// <summary>The framework of the candidate's course (as <see cref="FrameworkFor"/>), without loading their place.</summary>
    public async Task<Framework?> FrameworkOfAsync(int candidateUserId, CancellationToken cancellationToken) =>
        FrameworkByCode(await placements.GetFrameworkCodeAsync(candidateUserId, cancellationToken));

    public Task<IReadOnlyList<CandidatePlacement>> PlacementsAsync(int candidateUserId, CancellationToken cancellationToken) =>
        placements.GetForCandidateAsync(candidateUserId, cancellationToken);

    /// <summary>The framework of the candidate's course, or the provider's first framework when they have no place yet.</summary>
    public Framework? FrameworkFor(CandidatePlacement? placement) => FrameworkByCode(placement?.FrameworkCode);

    private Framework? FrameworkByCode(string? code) => (code is null ? null : catalog.Find(code)) ?? catalog.All.FirstOrDefault();

    /// <summary>A user's display name, read through the session cache (forgotten whenever their row is written).</summary>
    public async Task<string?> NameAsync(int userId, CancellationToken cancellationToken) => (await sessions.GetAsync(userId, cancellationToken))?.DisplayName;

    /// <summary>The zone to show a candidate's times in: their cohort's, or UTC.</summary>
    public static string ZoneOf(CandidatePlacement? placement) => placement?.CohortZone ?? "UTC";
}
