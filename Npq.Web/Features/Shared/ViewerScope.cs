using System.Security.Claims;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Shared;

/// <summary>
/// The one place that turns a signed-in person into what they may see across providers and schools.
/// <list type="bullet">
/// <item>The provider an admin works for: every admin page of courses, cohorts, applications, enrolments and the
/// audit log is scoped to it, and another provider's records answer 404.</item>
/// <item>The scope of their reports: a provider admin sees their provider, a headteacher their school, a mentor their
/// mentees. Someone holding several roles gets the widest; an admin without a provider or a headteacher without a
/// school gets nobody.</item>
/// </list>
/// </summary>
public sealed class ViewerScope(IReportLookups lookups)
{
    /// <summary>The provider the signed-in person belongs to (null when none, or when nobody is signed in).</summary>
    public async Task<int?> ProviderIdAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        user.TryGetUserId() is { } userId ? (await lookups.GetAffiliationAsync(userId, cancellationToken)).ProviderId : null;

    public async Task<ReportScope> ReportScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
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
