using Npq.Web.Infrastructure.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Npq.Core.Accounts;
using Npq.Data.Accounts;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts.Account;

/// <summary>Sign in and out, forgotten and changed passwords, and accepting an invitation.</summary>
[Route("account")]
public sealed class AccountController(
    UserManager<AppUser> userManager,
    IUserRepository users,
    AccountSessions sessions,
    AccountAudit audit,
    AccountMail mail,
    IPasswordHasher<AppUser> hasher,
    ILogger<AccountController> logger) : Controller
{
    private const string WrongCredentials = "The email address or password is not right";
    private const string LinkNotValid = "This link has expired or has already been used. Ask for a new one below.";

    // Unknown emails still cost one hash check, so response times do not tell which addresses have accounts.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(User.GetUserId(), cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        var roles = await users.GetRolesAsync(user.Id, cancellationToken);
        return View(new AccountSummary(user.DisplayName, user.Email, roles, TempData["Notice"] as string));
    }

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        ViewData["Notice"] = TempData["Notice"] as string;
        return View(new SignInForm { ReturnUrl = SafeReturnUrl(returnUrl) });
    }

    [AllowAnonymous]
    [HttpPost("sign-in")]
    [EnableRateLimiting(AccountServices.RateLimitPolicy)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        var password = form.Password ?? string.Empty;
        form = form with { ReturnUrl = SafeReturnUrl(form.ReturnUrl), Password = null };
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await userManager.FindByEmailAsync(form.Email!);
        if (user is null || user.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DecoyHash.Value, password);
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user?.Id, user is null ? "unknown account" : "no password set yet", cancellationToken);
            logger.LogInformation("Sign-in refused for {UserId}: unknown account or no password", user?.Id);
            return Refuse(form, WrongCredentials);
        }

        if (await userManager.IsLockedOutAsync(user))
        {
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user.Id, "locked out", cancellationToken);
            return Refuse(form, LockedOutMessage);
        }

        if (!await userManager.CheckPasswordAsync(user, password))
        {
            await userManager.AccessFailedAsync(user);
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user.Id, "wrong password", cancellationToken);
            if (await userManager.IsLockedOutAsync(user))
            {
                await audit.WriteAsync(AccountAuditActions.LockedOut, null, user.Id, $"after {userManager.Options.Lockout.MaxFailedAccessAttempts} failed sign-ins", cancellationToken);
                logger.LogWarning("User {UserId} locked out after repeated failed sign-ins", user.Id);
                return Refuse(form, LockedOutMessage);
            }

            return Refuse(form, WrongCredentials);
        }

        if (!user.IsActive)
        {
            await audit.WriteAsync(AccountAuditActions.SignInFailed, null, user.Id, "deactivated", cancellationToken);
            return Refuse(form, "This account has been deactivated. Contact your provider's administrator if you need it again.");
        }

        await userManager.ResetAccessFailedCountAsync(user);
        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        await audit.WriteAsync(AccountAuditActions.SignIn, user.Id, user.Id, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} signed in", user.Id);
        return LocalRedirect(form.ReturnUrl!);
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutPost(CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(User.GetUserId(), cancellationToken);
        if (user is not null)
        {
            await sessions.SignOutEverywhereAsync(HttpContext, user);
            await audit.WriteAsync(AccountAuditActions.SignOut, user.Id, user.Id, cancellationToken: cancellationToken);
            logger.LogInformation("User {UserId} signed out", user.Id);
        }

        TempData["Notice"] = "You have signed out.";
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [AllowAnonymous]
    [HttpPost("forgot-password")]
    [EnableRateLimiting(AccountServices.RateLimitPolicy)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var user = await userManager.FindByEmailAsync(form.Email!);
        if (user is { IsActive: true })
        {
            await mail.SendResetLinkAsync(user, cancellationToken);
            await audit.WriteAsync(AccountAuditActions.PasswordResetRequested, null, user.Id, cancellationToken: cancellationToken);
            logger.LogInformation("Password reset link sent to user {UserId}", user.Id);
        }

        // The same answer whether or not the address has an account, so the page cannot be used to find accounts.
        return View("ForgotPasswordSent");
    }

    [AllowAnonymous]
    [HttpGet("reset-password")]
    public async Task<IActionResult> ResetPassword(int userId, string? token)
    {
        var user = await LinkUserAsync(userId, token, userManager.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose);
        if (user is null)
        {
            return View("LinkExpired");
        }

        return View(new SetPasswordForm { UserId = userId, Token = token });
    }

    [AllowAnonymous]
    [HttpPost("reset-password")]
    [EnableRateLimiting(AccountServices.RateLimitPolicy)]
    public async Task<IActionResult> ResetPassword(SetPasswordForm form, CancellationToken cancellationToken)
    {
        var user = await LinkUserAsync(form.UserId, form.Token, userManager.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose);
        if (user is null)
        {
            return View("LinkExpired");
        }

        if (!ModelState.IsValid)
        {
            return View(Blank(form));
        }

        var result = await userManager.ResetPasswordAsync(user, form.Token!, form.NewPassword!);
        if (!result.Succeeded)
        {
            AddErrors(result, nameof(SetPasswordForm.NewPassword));
            return View(Blank(form));
        }

        // A reset also lifts a lockout: the person proved they hold the mailbox.
        await userManager.SetLockoutEndDateAsync(user, null);
        await userManager.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(AccountAuditActions.PasswordReset, user.Id, user.Id, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} reset their password", user.Id);
        TempData["Notice"] = "Your password has been changed. Sign in with your new password.";
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("invitation")]
    public async Task<IActionResult> Invitation(int userId, string? token)
    {
        var user = await LinkUserAsync(userId, token, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        if (user is null || user.PasswordHash is not null)
        {
            return View("LinkExpired");
        }

        ViewData["DisplayName"] = user.DisplayName;
        return View(new SetPasswordForm { UserId = userId, Token = token });
    }

    [AllowAnonymous]
    [HttpPost("invitation")]
    [EnableRateLimiting(AccountServices.RateLimitPolicy)]
    public async Task<IActionResult> Invitation(SetPasswordForm form, CancellationToken cancellationToken)
    {
        var user = await LinkUserAsync(form.UserId, form.Token, InvitationTokenProvider.ProviderName, InvitationTokenProvider.Purpose);
        if (user is null || user.PasswordHash is not null)
        {
            return View("LinkExpired");
        }

        ViewData["DisplayName"] = user.DisplayName;
        if (!ModelState.IsValid)
        {
            return View(Blank(form));
        }

        user.EmailConfirmed = true;
        var result = await userManager.AddPasswordAsync(user, form.NewPassword!);
        if (!result.Succeeded)
        {
            user.EmailConfirmed = false;
            AddErrors(result, nameof(SetPasswordForm.NewPassword));
            return View(Blank(form));
        }

        await audit.WriteAsync(AccountAuditActions.InvitationAccepted, user.Id, user.Id, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} accepted their invitation", user.Id);
        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        return LocalRedirect("/");
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(User.GetUserId(), cancellationToken);
        if (user is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(new ChangePasswordForm());
        }

        var result = await userManager.ChangePasswordAsync(user, form.CurrentPassword!, form.NewPassword!);
        if (!result.Succeeded)
        {
            var field = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? nameof(ChangePasswordForm.CurrentPassword)
                : nameof(ChangePasswordForm.NewPassword);
            AddErrors(result, field);
            return View(new ChangePasswordForm());
        }

        // The stamp changed: every other session ends; this one continues under a fresh cookie.
        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        await audit.WriteAsync(AccountAuditActions.PasswordChanged, user.Id, user.Id, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} changed their password", user.Id);
        TempData["Notice"] = "Your password has been changed. You have been signed out everywhere else.";
        return RedirectToAction(nameof(Index));
    }

    private string LockedOutMessage =>
        $"Too many wrong passwords: this account is locked for {userManager.Options.Lockout.DefaultLockoutTimeSpan.TotalMinutes:0} minutes. " +
        "You can reset your password to unlock it now.";

    private ViewResult Refuse(SignInForm form, string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return View(nameof(SignIn), form);
    }

    private async Task<AppUser?> LinkUserAsync(int userId, string? token, string provider, string purpose)
    {
        if (userId <= 0 || string.IsNullOrEmpty(token) || token.Length > 2048)
        {
            return null;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null || !user.IsActive || !await userManager.VerifyUserTokenAsync(user, provider, purpose, token))
        {
            return null;
        }

        return user;
    }

    private static SetPasswordForm Blank(SetPasswordForm form) => form with { NewPassword = null, ConfirmPassword = null };

    private void AddErrors(IdentityResult result, string field)
    {
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(field, error.Code switch
            {
                nameof(IdentityErrorDescriber.PasswordMismatch) => "Your current password is not right",
                nameof(IdentityErrorDescriber.PasswordTooShort) => $"Use at least {userManager.Options.Password.RequiredLength} characters",
                nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => $"Use at least {userManager.Options.Password.RequiredUniqueChars} different characters",
                nameof(IdentityErrorDescriber.InvalidToken) => LinkNotValid,
                nameof(IdentityErrorDescriber.ConcurrencyFailure) => "Your account changed while you were doing this. Try again.",
                _ => error.Description,
            });
        }
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/account/sign-", StringComparison.OrdinalIgnoreCase) ? returnUrl : "/";
}
