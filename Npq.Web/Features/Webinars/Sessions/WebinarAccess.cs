using Npq.Core.Webinars;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Accounts;
using Npq.Data.Webinars;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>A cohort's sessions, as a resource for object-level checks.</summary>
public sealed record CohortSessions(int CohortId);

/// <summary>What may be done with a cohort's sessions.</summary>
public static class WebinarOperations
{
    /// <summary>See the sessions, join them, download them: the cohort's candidates, its facilitators and admins.</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };

    /// <summary>Schedule, edit, cancel, keep the register, import attendance: admins and the cohort's facilitators.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>
/// The one place deciding who reaches a cohort's sessions. A facilitator is a mentor who mentors someone on the
/// cohort or is named as the facilitator of one of its sessions; an admin is a provider admin of the cohort's provider.
/// </summary>
public sealed class CohortSessionsHandler(IWebinarRepository webinars)
    : AuthorizationHandler<OperationAuthorizationRequirement, CohortSessions>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CohortSessions resource)
    {
        var userId = context.User.TryGetUserId();
        if (userId is null)
        {
            return;
        }

        var id = userId.Value;
        var isAdmin = context.User.IsInRole(Roles.ProviderAdmin) && await webinars.IsProviderAdminOfCohortAsync(resource.CohortId, id);
        var isFacilitator = !isAdmin && context.User.IsInRole(Roles.Mentor) && await webinars.IsFacilitatorAsync(resource.CohortId, id);
        var allowed = requirement.Name switch
        {
            nameof(WebinarOperations.View) => isAdmin || isFacilitator
                || (context.User.IsInRole(Roles.Candidate) && await webinars.IsEnrolledAsync(resource.CohortId, id)),
            nameof(WebinarOperations.Manage) => isAdmin || isFacilitator,
            _ => false,
        };

        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
