using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Accounts;

namespace Npq.Web.Infrastructure.Authorization;

/// <summary>
/// Anything that belongs to one candidate (evidence, submissions, progress updates, attendance, records…),
/// identified by its owner. Features wrap their object's owner in this before asking
/// <c>IAuthorizationService.AuthorizeAsync(User, new CandidateResource(ownerId), Operations.Read)</c>.
/// </summary>
public sealed record CandidateResource(int CandidateUserId);

/// <summary>The operations on a candidate's things.</summary>
public static class Operations
{
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };

    /// <summary>Change the candidate's own work (the candidate, or an admin acting on their behalf).</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    /// <summary>Comment and write progress updates (the candidate's mentor, or an admin).</summary>
    public static readonly OperationAuthorizationRequirement Mentor = new() { Name = nameof(Mentor) };
}

/// <summary>
/// The one place that decides who reaches a candidate's things: the candidate; their mentor (read, mentor);
/// the headteacher of their school (read only); a provider admin of their provider (everything).
/// </summary>
public sealed class CandidateAccessHandler(IRelationships relationships)
    : AuthorizationHandler<OperationAuthorizationRequirement, CandidateResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CandidateResource resource)
    {
        var userId = context.User.TryGetUserId();
        if (userId is null)
        {
            return;
        }

        var id = userId.Value;
        var allowed = requirement.Name switch
        {
            nameof(Operations.Read) =>
                (id == resource.CandidateUserId && context.User.IsInRole(Roles.Candidate))
                || (context.User.IsInRole(Roles.Mentor) && await relationships.IsMentorOfAsync(id, resource.CandidateUserId))
                || (context.User.IsInRole(Roles.Headteacher) && await relationships.IsHeadteacherOfAsync(id, resource.CandidateUserId))
                || (context.User.IsInRole(Roles.ProviderAdmin) && await relationships.IsProviderAdminOfAsync(id, resource.CandidateUserId)),
            nameof(Operations.Edit) =>
                (id == resource.CandidateUserId && context.User.IsInRole(Roles.Candidate))
                || (context.User.IsInRole(Roles.ProviderAdmin) && await relationships.IsProviderAdminOfAsync(id, resource.CandidateUserId)),
            nameof(Operations.Mentor) =>
                (context.User.IsInRole(Roles.Mentor) && await relationships.IsMentorOfAsync(id, resource.CandidateUserId))
                || (context.User.IsInRole(Roles.ProviderAdmin) && await relationships.IsProviderAdminOfAsync(id, resource.CandidateUserId)),
            _ => false,
        };

        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
