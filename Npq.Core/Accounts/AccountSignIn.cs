using Microsoft.Extensions.Logging;

namespace Npq.Core.Accounts;

/// <summary>The outcome of a sign-in: the person to sign in, or the one message the page shows.</summary>
public sealed record SignInOutcome(AppUser? User, string? Refusal)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Signing in with an email address and a password (lockout after repeated failures, deactivated accounts refused),
/// and signing out everywhere. Every attempt is audited; the cookie itself is the web's business.
/// </summary>
public sealed class AccountSignIn(IAccountIdentity identity, IUserRepository users, AccountAudit audit, ILogger<AccountSignIn> logger)
{
    public const string WrongCredentials = "The email address or password is not right";
    public const string Deactivated = "This account has been deactivated. Contact your provider's administrator if you need it again.";

    public string LockedOutMessage =>
        $"Too many wrong passwords: this account is locked for {identity.Policy.LockoutTimeSpan.TotalMinutes:0} minutes. " +
        "You can reset your password to unlock it now.";

    public async Task<SignInOutcome> SignInAsync(string email, string password, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var user = await identity.FindByEmailAsync(email);
        if (user is null || user.PasswordHash is null)
        {
            identity.CheckDecoyPassword(password);
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user?.Id, ipAddress, user is null ? "unknown account" : "no password set yet", cancellationToken);
            logger.LogInformation("Sign-in refused for {UserId}: unknown account or no password", user?.Id);
            return Refuse(WrongCredentials);
        }

        if (await identity.IsLockedOutAsync(user))
        {
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user.Id, ipAddress, "locked out", cancellationToken);
            return Refuse(LockedOutMessage);
        }

        if (!await identity.CheckPasswordAsync(user, password))
        {
            await identity.AccessFailedAsync(user);
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user.Id, ipAddress, "wrong password", cancellationToken);
            if (await identity.IsLockedOutAsync(user))
            {
                await audit.WriteAsync(AccountAuditActions.LockedOut, null, user.Id, ipAddress, $"after {identity.Policy.MaxFailedAccessAttempts} failed sign-ins", cancellationToken);
                logger.LogWarning("User {UserId} locked out after repeated failed sign-ins", user.Id);
                return Refuse(LockedOutMessage);
            }

            return Refuse(WrongCredentials);
        }

        if (!user.IsActive)
        {
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user.Id, ipAddress, "deactivated", cancellationToken);
            return Refuse(Deactivated);
        }

        await identity.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(AccountAuditActions.SignIn, user.Id, user.Id, ipAddress, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} signed in", user.Id);
        return new SignInOutcome(user, null);
    }

    /// <summary>
    /// Ends every session of the person: their security stamp changes, so any copy of any of their cookies is refused
    /// on its next request. False when there is no such person (nothing to end).
    /// </summary>
    public async Task<bool> SignOutEverywhereAsync(int userId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        await identity.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(AccountAuditActions.SignOut, user.Id, user.Id, ipAddress, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} signed out", user.Id);
        return true;
    }

    private static SignInOutcome Refuse(string message) => new(null, message);
}
