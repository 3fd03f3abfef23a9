using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Accounts;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts;

/// <summary>A user account as something an administrator manages (invite again, change roles, deactivate).</summary>
public sealed record ManagedUser(int UserId, int? ProviderId);

public static class ManagedUserOperations
{
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>The one place deciding who manages an account: a provider admin of the same provider.</summary>
public sealed class ManagedUserHandler(IUserRepository users) : AuthorizationHandler<OperationAuthorizationRequirement, ManagedUser>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, ManagedUser resource)
    {
        if (requirement.Name != ManagedUserOperations.Manage.Name || !context.User.IsInRole(Roles.ProviderAdmin) || context.User.TryGetUserId() is not { } adminId)
        {
            return;
        }

        var admin = await users.FindByIdAsync(adminId);
        if (admin is { IsActive: true, ProviderId: { } providerId } && providerId == resource.ProviderId)
        {
            context.Succeed(requirement);
        }
    }
}
