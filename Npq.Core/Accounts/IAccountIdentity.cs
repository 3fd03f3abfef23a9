namespace Npq.Core.Accounts;

/// <summary>
/// What the account use cases need of the identity system: passwords, lockout, security stamps and the signed tokens
/// in emailed links. Implemented in Npq.Web over ASP.NET Core Identity's <c>UserManager</c> (whose store is the Users
/// table); Core only decides when each is called and what the person is told.
/// </summary>
public interface IAccountIdentity
{
    /// <summary>The password and lockout policy in force (shown in messages).</summary>
    AccountPolicy Policy { get; }

    /// <summary>The user with this email address (matched the way the store normalises it), or null.</summary>
    Task<AppUser?> FindByEmailAsync(string email);

    Task<bool> IsLockedOutAsync(AppUser user);

    Task<bool> CheckPasswordAsync(AppUser user, string password);

    /// <summary>
    /// Spends one password-hash check on nothing, so refusing an unknown address takes as long as refusing a wrong
    /// password and response times do not tell which addresses have accounts.
    /// </summary>
    void CheckDecoyPassword(string password);

    /// <summary>Counts a failed sign-in; enough of them lock the account.</summary>
    Task AccessFailedAsync(AppUser user);

    Task ResetAccessFailedCountAsync(AppUser user);

    /// <summary>Lifts a lockout and forgets the failed sign-ins.</summary>
    Task UnlockAsync(AppUser user);

    /// <summary>A signed token for an emailed link, tied to the user's security stamp.</summary>
    Task<string> CreateLinkTokenAsync(AppUser user, AccountLink link);

    Task<bool> VerifyLinkTokenAsync(AppUser user, AccountLink link, string token);

    Task<AccountResult> ResetPasswordAsync(AppUser user, string token, string newPassword);

    /// <summary>Sets the first password of a user who has none (and saves the user).</summary>
    Task<AccountResult> AddPasswordAsync(AppUser user, string newPassword);

    Task<AccountResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword);

    Task<AccountResult> CreateAsync(AppUser user);

    /// <summary>Saves the user; refused with <see cref="AccountErrorCodes.ConcurrencyFailure"/> when someone else saved it first.</summary>
    Task<AccountResult> UpdateAsync(AppUser user);

    /// <summary>Gives the user a new security stamp (and saves the user), which ends every session they have.</summary>
    Task<AccountResult> UpdateSecurityStampAsync(AppUser user);
}

/// <summary>The two kinds of emailed link: a password reset and an invitation to set a first password.</summary>
public enum AccountLink
{
    PasswordReset,
    Invitation,
}

/// <summary>The password and lockout policy, as the pages describe it.</summary>
public sealed record AccountPolicy(int MaxFailedAccessAttempts, TimeSpan LockoutTimeSpan, int RequiredPasswordLength, int RequiredUniqueChars);

/// <summary>One reason an identity operation was refused: a machine code (see <see cref="AccountErrorCodes"/>) and a description.</summary>
public sealed record AccountError(string Code, string Description);

/// <summary>The outcome of an identity operation: success, or the reasons it was refused.</summary>
public sealed record AccountResult(IReadOnlyList<AccountError> Errors)
{
    public static readonly AccountResult Success = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static AccountResult Failed(params AccountError[] errors) => new(errors);
}

/// <summary>The error codes the account pages explain in their own words (Identity's own codes).</summary>
public static class AccountErrorCodes
{
    public const string PasswordMismatch = "PasswordMismatch";
    public const string PasswordTooShort = "PasswordTooShort";
    public const string PasswordRequiresUniqueChars = "PasswordRequiresUniqueChars";
    public const string InvalidToken = "InvalidToken";
    public const string ConcurrencyFailure = "ConcurrencyFailure";
}
