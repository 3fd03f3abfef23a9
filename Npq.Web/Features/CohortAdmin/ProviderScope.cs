using System.Security.Claims;
using Npq.Data.Accounts;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.CohortAdmin;

/// <summary>
/// The provider an admin works for. Every admin page of courses, cohorts, applications and enrolments is scoped to it:
/// another provider's records answer 404.
/// </summary>
public sealed class ProviderScope(UserRepository users)
{
    public async Task<int?> ProviderIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        (await users.FindByIdAsync(user.GetUserId(), cancellationToken))?.ProviderId;
}
