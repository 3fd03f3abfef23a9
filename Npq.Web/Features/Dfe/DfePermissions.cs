using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Dfe;

/// <summary>A provider's link with DfE (its connection, pulls, pushes and reconcile pages), as a resource for object-level checks.</summary>
public sealed record DfeProvider(int ProviderId);

public static class DfeOperations
{
    /// <summary>Configure, pull, push and reconcile: the provider's own admins only.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>The one place deciding who reaches a provider's DfE sync. Deny by default.</summary>
public sealed class DfeAccessHandler(IReportLookups lookups) : AuthorizationHandler<OperationAuthorizationRequirement, DfeProvider>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, DfeProvider resource)
    {
        if (requirement.Name != nameof(DfeOperations.Manage) || !context.User.IsInRole(Roles.ProviderAdmin) || context.User.TryGetUserId() is not { } userId)
        {
            return;
        }

        if ((await lookups.GetAffiliationAsync(userId)).ProviderId == resource.ProviderId)
        {
            context.Succeed(requirement);
        }
    }
}
