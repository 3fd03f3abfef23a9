using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Accounts;
using Npq.Core.Webinars;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Webinars;

/// <summary>A cohort's sessions, as a resource for object-level checks.</summary>
public sealed record CohortSessions(int CohortId);

/// <summary>What may be done with a cohort's sessions.</summary>
public static class WebinarOperations
{
    /// <summary>See the sessions, join them, download them: the cohort's candidates, its facilitators and admins.</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };

    /// <summary>Schedule, edit, cancel, keep the register, import attendance: admins and the cohort's facilitators.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };

    /// <summary>Change the cohort's attendance rule: admins of the cohort's provider only.</summary>
    public static readonly OperationAuthorizationRequirement ChangeRule = new() { Name = nameof(ChangeRule) };
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
        if (requirement.Name == nameof(WebinarOperations.ChangeRule))
        {
            if (isAdmin)
            {
                context.Succeed(requirement);
            }

            return;
        }

        var isFacilitator = !isAdmin && context.User.IsInRole(Roles.Mentor) && await webinars.IsFacilitatorAsync(resource.CohortId, id);
        var isEnrolled = !isAdmin && !isFacilitator && requirement.Name == nameof(WebinarOperations.View)
            && context.User.IsInRole(Roles.Candidate) && await webinars.IsEnrolledAsync(resource.CohortId, id);
        var access = Access(context.User, isAdmin, isFacilitator, isEnrolled);
        var allowed = requirement.Name switch
        {
            nameof(WebinarOperations.View) => access != CohortAccess.None,
            nameof(WebinarOperations.Manage) => access == CohortAccess.Manage,
            _ => false,
        };

        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    /// <summary>
    /// The rule: an admin of the cohort's provider and a facilitator (a mentor) manage; an enrolled candidate views;
    /// anyone else has nothing. The standing is checked against the person's roles here.
    /// </summary>
    public static CohortAccess Access(ClaimsPrincipal user, bool isAdminOfProvider, bool isFacilitator, bool isEnrolled) =>
        (user.IsInRole(Roles.ProviderAdmin) && isAdminOfProvider) || (user.IsInRole(Roles.Mentor) && isFacilitator) ? CohortAccess.Manage
        : user.IsInRole(Roles.Candidate) && isEnrolled ? CohortAccess.View
        : CohortAccess.None;
}

/// <summary>The checks the webinar controllers ask, each through the handlers above (or the candidate handler).</summary>
/// <remarks>
/// The rule itself is <see cref="CohortSessionsHandler.Access"/>: the handler asks it for one cohort, the sessions page
/// for every cohort a person reaches at once (<see cref="CohortAccessOf"/>), from their standing read in one query.
/// </remarks>
public static class WebinarsAuthorization
{
    public static async Task<bool> CanAsync(this IAuthorizationService authorization, ClaimsPrincipal user, int cohortId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new CohortSessions(cohortId), operation)).Succeeded;

    /// <summary>How far the person reaches a cohort whose standing is already known (the sessions page's many cohorts).</summary>
    public static CohortAccess CohortAccessOf(this ClaimsPrincipal user, CohortReach reach) =>
        CohortSessionsHandler.Access(user, reach.IsAdmin, reach.IsFacilitator, reach.IsEnrolled);

    /// <summary>How far the person reaches the cohort's sessions: nothing, view, or manage.</summary>
    public static async Task<CohortAccess> CohortAccessAsync(this IAuthorizationService authorization, ClaimsPrincipal user, int cohortId) =>
        !await authorization.CanAsync(user, cohortId, WebinarOperations.View) ? CohortAccess.None
        : await authorization.CanAsync(user, cohortId, WebinarOperations.Manage) ? CohortAccess.Manage
        : CohortAccess.View;

    /// <summary>Whether the person may read the candidate's records (the candidate handler: themselves, mentor, headteacher, admin).</summary>
    public static async Task<bool> MayReadCandidateAsync(this IAuthorizationService authorization, ClaimsPrincipal user, int candidateUserId) =>
        (await authorization.AuthorizeAsync(user, new CandidateResource(candidateUserId), Operations.Read)).Succeeded;
}
