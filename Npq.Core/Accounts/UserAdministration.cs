using Microsoft.Extensions.Logging;
using Npq.Core.Changes;

namespace Npq.Core.Accounts;

/// <summary>The outcome of an administrative change: success, or a message for the page (field may be null).</summary>
public sealed record AdminResult(bool Succeeded, string? Field = null, string? Message = null)
{
    public static readonly AdminResult Ok = new(true);

    public static AdminResult Fail(string? field, string message) => new(false, field, message);
}

/// <summary>Someone a provider admin invites: their email address, name, roles and (optionally) school.</summary>
public sealed record Invitation(string Email, string DisplayName, IReadOnlyList<string> Roles, int? SchoolId);

/// <summary>
/// Invitations, role changes and deactivation, each audited. Users are never deleted. A refusal names the field of
/// the form it belongs to (<see cref="Invitation"/>'s property names, or <c>Roles</c>) or none.
/// </summary>
public sealed class UserAdministration(
    IAccountIdentity identity,
    IUserRepository users,
    AccountMail mail,
    AccountAudit audit,
    TimeProvider time,
    IWriteTogether together,
    ILogger<UserAdministration> logger)
{
    public async Task<(AdminResult Result, int? UserId)> InviteAsync(AppUser admin, Invitation invitation, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var roles = Normalise(invitation.Roles);
        if (roles is null)
        {
            return (AdminResult.Fail(nameof(Invitation.Roles), "Choose roles from the list"), null);
        }

        if (roles.Count == 0)
        {
            return (AdminResult.Fail(nameof(Invitation.Roles), "Choose at least one role"), null);
        }

        if (invitation.SchoolId is { } schoolId && await users.GetSchoolAsync(schoolId, cancellationToken) is null)
        {
            return (AdminResult.Fail(nameof(Invitation.SchoolId), "The school chosen does not exist: find the school again and choose it, or choose No school"), null);
        }

        var email = invitation.Email.Trim();
        if (await identity.FindByEmailAsync(email) is not null)
        {
            return (AdminResult.Fail(nameof(Invitation.Email), "Someone already has an account with this email address"), null);
        }

        // The account, its roles, the invitation's mail in the outbox and the audit line commit together: no account
        // is left that was never told, and no mail goes out for an account that was not made.
        return await together.RunAsync<(AdminResult, int?)>(async ct =>
        {
            var user = new AppUser
            {
                Email = email,
                DisplayName = invitation.DisplayName.Trim(),
                ProviderId = admin.ProviderId,
                SchoolId = invitation.SchoolId,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            };
            var created = await identity.CreateAsync(user);
            if (!created.Succeeded)
            {
                return (AdminResult.Fail(nameof(Invitation.Email), string.Join(" ", created.Errors.Select(e => e.Description))), null);
            }

            foreach (var role in roles)
            {
                await users.AddToRoleAsync(user.Id, role, ct);
            }

            await mail.SendInvitationAsync(user, ct);
            await audit.WriteAsync(AccountAuditActions.Invited, admin.Id, user.Id, ipAddress, "roles: " + string.Join(", ", roles), ct);
            logger.LogInformation("Admin {AdminId} invited user {UserId}", admin.Id, user.Id);
            return (AdminResult.Ok, user.Id);
        }, cancellationToken);
    }

    public async Task<AdminResult> ResendInvitationAsync(AppUser admin, AppUser user, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (user.PasswordHash is not null || !user.IsActive)
        {
            return AdminResult.Fail(null, "Only an active person who has not yet set a password can be invited again");
        }

        await mail.SendInvitationAsync(user, cancellationToken);
        await audit.WriteAsync(AccountAuditActions.Invited, admin.Id, user.Id, ipAddress, "invitation sent again", cancellationToken);
        return AdminResult.Ok;
    }

    /// <summary>Sets exactly these roles. Any change ends the person's sessions, so new claims apply at once.</summary>
    public async Task<AdminResult> SetRolesAsync(AppUser admin, AppUser user, IEnumerable<string> requested, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var roles = Normalise(requested);
        if (roles is null)
        {
            return AdminResult.Fail(nameof(Invitation.Roles), "Choose roles from the list");
        }

        if (admin.Id == user.Id && !roles.Contains(Roles.ProviderAdmin))
        {
            return AdminResult.Fail(nameof(Invitation.Roles), "You cannot remove your own ProviderAdmin role; ask another administrator");
        }

        var current = await users.GetRolesAsync(user.Id, cancellationToken);
        var added = roles.Except(current, StringComparer.OrdinalIgnoreCase).ToList();
        var removed = current.Except(roles, StringComparer.OrdinalIgnoreCase).ToList();
        if (added.Count == 0 && removed.Count == 0)
        {
            return AdminResult.Ok;
        }

        foreach (var role in added)
        {
            await users.AddToRoleAsync(user.Id, role, cancellationToken);
        }

        foreach (var role in removed)
        {
            await users.RemoveFromRoleAsync(user.Id, role, cancellationToken);
        }

        await identity.UpdateSecurityStampAsync(user);
        var detail = $"added: {(added.Count == 0 ? "none" : string.Join(", ", added))}; removed: {(removed.Count == 0 ? "none" : string.Join(", ", removed))}";
        await audit.WriteAsync(AccountAuditActions.RolesChanged, admin.Id, user.Id, ipAddress, detail, cancellationToken);
        logger.LogInformation("Admin {AdminId} changed the roles of user {UserId}", admin.Id, user.Id);
        return AdminResult.Ok;
    }

    public async Task<AdminResult> SetActiveAsync(AppUser admin, AppUser user, bool active, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (admin.Id == user.Id && !active)
        {
            return AdminResult.Fail(null, "You cannot deactivate your own account; ask another administrator");
        }

        if (user.IsActive == active)
        {
            return AdminResult.Ok;
        }

        user.IsActive = active;
        var result = active ? await identity.UpdateAsync(user) : await identity.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            return AdminResult.Fail(null, "The account changed while you were doing this. Try again.");
        }

        await audit.WriteAsync(active ? AccountAuditActions.Reactivated : AccountAuditActions.Deactivated, admin.Id, user.Id, ipAddress, cancellationToken: cancellationToken);
        logger.LogInformation("Admin {AdminId} {Change} user {UserId}", admin.Id, active ? "reactivated" : "deactivated", user.Id);
        return AdminResult.Ok;
    }

    /// <summary>The canonical names of the requested roles, or null when any is not a role.</summary>
    private static List<string>? Normalise(IEnumerable<string> requested)
    {
        var result = new List<string>();
        foreach (var name in requested.Where(r => !string.IsNullOrWhiteSpace(r)))
        {
            var role = Roles.All.FirstOrDefault(r => string.Equals(r, name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (role is null)
            {
                return null;
            }

            if (!result.Contains(role))
            {
                result.Add(role);
            }
        }

        return result;
    }
}
