using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;

namespace Npq.Web.Features.Accounts.Account;

/// <summary>The account use cases' view of ASP.NET Core Identity: its <see cref="UserManager{TUser}"/>, translated.</summary>
public sealed class IdentityAccounts(UserManager<AppUser> userManager, IPasswordHasher<AppUser> hasher) : IAccountIdentity
{
    // Unknown emails still cost one hash check, so response times do not tell which addresses have accounts.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public AccountPolicy Policy => new(
        userManager.Options.Lockout.MaxFailedAccessAttempts,
        userManager.Options.Lockout.DefaultLockoutTimeSpan,
        userManager.Options.Password.RequiredLength,
        userManager.Options.Password.RequiredUniqueChars);

    public Task<AppUser?> FindByEmailAsync(string email) => userManager.FindByEmailAsync(email);

    public Task<bool> IsLockedOutAsync(AppUser user) => userManager.IsLockedOutAsync(user);

    public Task<bool> CheckPasswordAsync(AppUser user, string password) => userManager.CheckPasswordAsync(user, password);

    public void CheckDecoyPassword(string password) => hasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);

    public Task AccessFailedAsync(AppUser user) => userManager.AccessFailedAsync(user);

    public Task ResetAccessFailedCountAsync(AppUser user) => userManager.ResetAccessFailedCountAsync(user);

    public async Task UnlockAsync(AppUser user)
    {
        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
    }

    public Task<string> CreateLinkTokenAsync(AppUser user, AccountLink link) => link switch
    {
        AccountLink.PasswordReset => userManager.GeneratePasswordResetTokenAsync(user),
        _ => userManager.GenerateUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose),
    };

    public Task<bool> VerifyLinkTokenAsync(AppUser user, AccountLink link, string token) => link switch
    {
        AccountLink.PasswordReset => userManager.VerifyUserTokenAsync(user, userManager.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token),
        _ => userManager.VerifyUserTokenAsync(user, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose, token),
    };

    public async Task<AccountResult> ResetPasswordAsync(AppUser user, string token, string newPassword) =>
        Translate(await userManager.ResetPasswordAsync(user, token, newPassword));

    public async Task<AccountResult> AddPasswordAsync(AppUser user, string newPassword) =>
        Translate(await userManager.AddPasswordAsync(user, newPassword));

    public async Task<AccountResult> ChangePasswordAsync(AppUser user, string currentPassword, string newPassword) =>
        Translate(await userManager.ChangePasswordAsync(user, currentPassword, newPassword));

    public async Task<AccountResult> CreateAsync(AppUser user) => Translate(await userManager.CreateAsync(user));

    public async Task<AccountResult> UpdateAsync(AppUser user) => Translate(await userManager.UpdateAsync(user));

    public async Task<AccountResult> UpdateSecurityStampAsync(AppUser user) => Translate(await userManager.UpdateSecurityStampAsync(user));

    private static AccountResult Translate(IdentityResult result) =>
        result.Succeeded ? AccountResult.Success : new AccountResult(result.Errors.Select(e => new AccountError(e.Code, e.Description)).ToList());
}
