using System.Security.Claims;
using Npq.Core.Accounts;
using Npq.Core.Reports;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Reports;

/// <summary>
/// The one place that turns a signed-in person into the scope of their reports: a provider admin sees their
/// provider, a headteacher their school, a mentor their mentees. Someone holding several roles gets the widest; an
/// admin without a provider or a headteacher without a school gets nobody.
/// </summary>
public sealed class ReportScopeResolver(IReportLookups lookups)
{
    public async Task<ReportScope> ResolveAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.TryGetUserId();
        if (userId is null)
        {
            return ReportScope.Nobody;
        }

        var (providerId, schoolId) = await lookups.GetAffiliationAsync(userId.Value, cancellationToken);
        if (user.IsInRole(Roles.ProviderAdmin) && providerId is { } p)
        {
            return ReportScope.ForProvider(p);
        }

        if (user.IsInRole(Roles.Headteacher) && schoolId is { } s)
        {
            return ReportScope.ForSchool(s);
        }

        return user.IsInRole(Roles.Mentor) ? ReportScope.ForMentor(userId.Value) : ReportScope.Nobody;
    }
}
