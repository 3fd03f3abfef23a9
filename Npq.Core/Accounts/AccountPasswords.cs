using Microsoft.Extensions.Logging;

namespace Npq.Core.Accounts;

/// <summary>
/// The outcome of setting a password: success (with the person, to sign in again), or messages for one field of the
/// form (<see cref="AccountPasswords.NewPasswordField"/> or <see cref="AccountPasswords.CurrentPasswordField"/>).
/// <see cref="UserMissing"/> when there is no such person.
/// </summary>
public sealed record PasswordOutcome(AppUser? User, string? Field, IReadOnlyList<string> Messages, bool UserMissing = false)
{
    public bool Succeeded => User is not null && Messages.Count == 0;

    public static PasswordOutcome Done(AppUser user) => new(user, null, []);
}

/// <summary>
/// Forgotten, reset, first (from an invitation) and changed passwords. Emailed links work once, only for an active
/// person; every change is audited.
/// </summary>
public sealed class AccountPasswords(
    IAccountIdentity identity,
    IUserRepository users,
    AccountMail mail,
    AccountAudit audit,
    ILogger<AccountPasswords> logger)
{
    public const string NewPasswordField = "NewPassword";
    public const string CurrentPasswordField = "CurrentPassword";
    public const string LinkNotValid = "This link has expired or has already been used. Ask for a new one below.";

    /// <summary>Emails a reset link when the address belongs to an active person; says nothing either way.</summary>
    public async Task RequestResetAsync(string email, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var user = await identity.FindByEmailAsync(email);
        if (user is { IsActive: true })
        {
            await mail.SendResetLinkAsync(user, cancellationToken);
            await audit.WriteAsync(AccountAuditActions.PasswordResetRequested, null, user.Id, ipAddress, cancellationToken: cancellationToken);
            logger.LogInformation("Password reset link sent to user {UserId}", user.Id);
        }
    }

    /// <summary>The active person a reset link is for, or null when the link is malformed, expired or used.</summary>
    public Task<AppUser?> OpenResetLinkAsync(int userId, string? token, CancellationToken cancellationToken = default) =>
        LinkUserAsync(userId, token, AccountLink.PasswordReset, cancellationToken);

    /// <summary>The invited person, or null when the link is not valid or they already chose a password.</summary>
    public async Task<AppUser?> OpenInvitationAsync(int userId, string? token, CancellationToken cancellationToken = default) =>
        await LinkUserAsync(userId, token, AccountLink.Invitation, cancellationToken) is { PasswordHash: null } user ? user : null;

    /// <summary>Sets a new password from a reset link (opened with <see cref="OpenResetLinkAsync"/>); also lifts a lockout.</summary>
    public async Task<PasswordOutcome> ResetPasswordAsync(AppUser user, string token, string newPassword, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var result = await identity.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            return Refused(result, NewPasswordField);
        }

        // A reset also lifts a lockout: the person proved they hold the mailbox.
        await identity.UnlockAsync(user);
        await audit.WriteAsync(AccountAuditActions.PasswordReset, user.Id, user.Id, ipAddress, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} reset their password", user.Id);
        return PasswordOutcome.Done(user);
    }

    /// <summary>Sets the first password of an invited person (opened with <see cref="OpenInvitationAsync"/>), confirming their email.</summary>
    public async Task<PasswordOutcome> AcceptInvitationAsync(AppUser user, string newPassword, string? ipAddress, CancellationToken cancellationToken = default)
    {
        user.EmailConfirmed = true;
        var result = await identity.AddPasswordAsync(user, newPassword);
        if (!result.Succeeded)
        {
            user.EmailConfirmed = false;
            return Refused(result, NewPasswordField);
        }

        await audit.WriteAsync(AccountAuditActions.InvitationAccepted, user.Id, user.Id, ipAddress, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} accepted their invitation", user.Id);
        return PasswordOutcome.Done(user);
    }

    /// <summary>Changes the signed-in person's password; the new stamp ends their other sessions.</summary>
    public async Task<PasswordOutcome> ChangePasswordAsync(int userId, string currentPassword, string newPassword, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null)
        {
            return new PasswordOutcome(null, null, [], UserMissing: true);
        }

        var result = await identity.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code == AccountErrorCodes.PasswordMismatch) ? CurrentPasswordField : NewPasswordField;
            return Refused(result, field);
        }

        await audit.WriteAsync(AccountAuditActions.PasswordChanged, user.Id, user.Id, ipAddress, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} changed their password", user.Id);
        return PasswordOutcome.Done(user);
    }

    /// <summary>What the page says for a refused password (Identity's own description for anything not listed).</summary>
    public string Describe(AccountError error) => error.Code switch
    {
        AccountErrorCodes.PasswordMismatch => "Your current password is not right",
        AccountErrorCodes.PasswordTooShort => $"Use at least {identity.Policy.RequiredPasswordLength} characters",
        AccountErrorCodes.PasswordRequiresUniqueChars => $"Use at least {identity.Policy.RequiredUniqueChars} different characters",
        AccountErrorCodes.InvalidToken => LinkNotValid,
        AccountErrorCodes.ConcurrencyFailure => "Your account changed while you were doing this. Try again.",
        _ => error.Description,
    };

    private PasswordOutcome Refused(AccountResult result, string field) => new(null, field, result.Errors.Select(Describe).ToList());

    private async Task<AppUser?> LinkUserAsync(int userId, string? token, AccountLink link, CancellationToken cancellationToken)
    {
        if (userId <= 0 || string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null || !user.IsActive || !await identity.VerifyLinkTokenAsync(user, link, token))
        {
            return null;
        }

        return user;
    }
}
