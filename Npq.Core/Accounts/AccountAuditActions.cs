namespace Npq.Core.Accounts;

/// <summary>The audit log's action names for account events. Entries about a user carry the subject <c>user:{id}</c>.</summary>
public static class AccountAuditActions
{
    public const string SignIn = "account.sign-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignOut = "account.sign-out";
    public const string PasswordResetRequested = "account.password-reset-requested";
    public const string PasswordReset = "account.password-reset";
    public const string PasswordChanged = "account.password-changed";
    public const string Invited = "account.invited";
    public const string InvitationAccepted = "account.invitation-accepted";
    public const string RolesChanged = "account.roles-changed";
    public const string Deactivated = "account.deactivated";
    public const string Reactivated = "account.reactivated";
}
