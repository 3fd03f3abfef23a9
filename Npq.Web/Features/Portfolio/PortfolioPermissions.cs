using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Portfolio;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio;

/// <summary>
/// What the portfolio pages (evidence, tasks, feedback, progress, dashboards) ask of the signed-in person around a
/// candidate: may they do this to the candidate's things (always through <see cref="IAuthorizationService"/> with a
/// <see cref="CandidateResource"/>, decided by <see cref="CandidateAccessHandler"/>), and which zone do they read
/// times in. Role checks are <c>[Authorize(Roles = …)]</c> on the actions.
/// </summary>
public sealed class PortfolioAccess(IAuthorizationService authorization, CandidateLookup candidates)
{
    public async Task<bool> MayAsync(ClaimsPrincipal user, int candidateUserId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new CandidateResource(candidateUserId), operation)).Succeeded;

    /// <summary>The viewer's own zone (null when they have not set one).</summary>
    public async Task<string?> ViewerZoneAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.TryGetUserId() is { } id ? await candidates.UserZoneAsync(id, cancellationToken) : null;
}
