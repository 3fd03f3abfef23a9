using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Npq.Core.Accounts;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authentication;

namespace Npq.Web.Features.Accounts.Account;

/// <summary>Sign in and out, forgotten and changed passwords, and accepting an invitation.</summary>
[Route("account")]
public sealed class AccountController(
    AccountSignIn signIn,
    AccountPasswords passwords,
    UserDirectory directory,
    AccountSessions sessions) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var profile = await directory.ProfileAsync(User.GetUserId(), cancellationToken);
        if (profile is null)
        {
            return NotFound();
        }

        return View(new AccountSummary(profile.DisplayName, profile.Email, profile.Roles, TempData["Notice"] as string));
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
    [EnableRateLimiting(AccountsFeature.RateLimitPolicy)]
    public async Task<IActionResult> SignIn(SignInForm form, CancellationToken cancellationToken)
    {
        var password = form.Password ?? string.Empty;
        form = form with { ReturnUrl = SafeReturnUrl(form.ReturnUrl), Password = null };
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        var outcome = await signIn.SignInAsync(form.Email!, password, IpAddress, cancellationToken);
        if (outcome.User is null)
        {
            ModelState.AddModelError(string.Empty, outcome.Refusal!);
            return View(nameof(SignIn), form);
        }

        await sessions.SignInAsync(HttpContext, outcome.User, cancellationToken);
        return LocalRedirect(form.ReturnUrl!);
    }

    [HttpPost("sign-out")]
    public async Task<IActionResult> SignOutPost(CancellationToken cancellationToken)
    {
        if (await signIn.SignOutEverywhereAsync(User.GetUserId(), IpAddress, cancellationToken))
        {
            await sessions.SignOutAsync(HttpContext);
        }

        TempData["Notice"] = "You have signed out.";
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("forgot-password")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [AllowAnonymous]
    [HttpPost("forgot-password")]
    [EnableRateLimiting(AccountsFeature.RateLimitPolicy)]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(form);
        }

        await passwords.RequestResetAsync(form.Email!, IpAddress, cancellationToken);

        // The same answer whether or not the address has an account, so the page cannot be used to find accounts.
        return View("ForgotPasswordSent");
    }

    [AllowAnonymous]
    [HttpGet("reset-password")]
    public async Task<IActionResult> ResetPassword(int userId, string? token, CancellationToken cancellationToken)
    {
        var user = await passwords.OpenResetLinkAsync(userId, token, cancellationToken);
        if (user is null)
        {
            return View("LinkExpired");
        }

        return View(new SetPasswordForm { UserId = userId, Token = token });
    }

    [AllowAnonymous]
    [HttpPost("reset-password")]
    [EnableRateLimiting(AccountsFeature.RateLimitPolicy)]
    public async Task<IActionResult> ResetPassword(SetPasswordForm form, CancellationToken cancellationToken)
    {
        var user = await passwords.OpenResetLinkAsync(form.UserId, form.Token, cancellationToken);
        if (user is null)
        {
            return View("LinkExpired");
        }

        if (!ModelState.IsValid)
        {
            return View(Blank(form));
        }

        var outcome = await passwords.ResetPasswordAsync(user, form.Token!, form.NewPassword!, IpAddress, cancellationToken);
        if (!outcome.Succeeded)
        {
            AddErrors(outcome);
            return View(Blank(form));
        }

        TempData["Notice"] = "Your password has been changed. Sign in with your new password.";
        return RedirectToAction(nameof(SignIn));
    }

    [AllowAnonymous]
    [HttpGet("invitation")]
    public async Task<IActionResult> Invitation(int userId, string? token, CancellationToken cancellationToken)
    {
        var user = await passwords.OpenInvitationAsync(userId, token, cancellationToken);
        if (user is null)
        {
            return View("LinkExpired");
        }

        ViewData["DisplayName"] = user.DisplayName;
        return View(new SetPasswordForm { UserId = userId, Token = token });
    }

    [AllowAnonymous]
    [HttpPost("invitation")]
    [EnableRateLimiting(AccountsFeature.RateLimitPolicy)]
    public async Task<IActionResult> Invitation(SetPasswordForm form, CancellationToken cancellationToken)
    {
        var user = await passwords.OpenInvitationAsync(form.UserId, form.Token, cancellationToken);
        if (user is null)
        {
            return View("LinkExpired");
        }

        ViewData["DisplayName"] = user.DisplayName;
        if (!ModelState.IsValid)
        {
            return View(Blank(form));
        }

        var outcome = await passwords.AcceptInvitationAsync(user, form.NewPassword!, IpAddress, cancellationToken);
        if (!outcome.Succeeded)
        {
            AddErrors(outcome);
            return View(Blank(form));
        }

        await sessions.SignInAsync(HttpContext, user, cancellationToken);
        return LocalRedirect("/");
    }

    [HttpGet("change-password")]
    public IActionResult ChangePassword() => View(new ChangePasswordForm());

    [HttpPost("change-password")]
    public async Task<IActionResult> ChangePassword(ChangePasswordForm form, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(new ChangePasswordForm());
        }

        var outcome = await passwords.ChangePasswordAsync(User.GetUserId(), form.CurrentPassword!, form.NewPassword!, IpAddress, cancellationToken);
        if (outcome.UserMissing)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            AddErrors(outcome);
            return View(new ChangePasswordForm());
        }

        // The stamp changed: every other session ends; this one continues under a fresh cookie.
        await sessions.SignInAsync(HttpContext, outcome.User!, cancellationToken);
        TempData["Notice"] = "Your password has been changed. You have been signed out everywhere else.";
        return RedirectToAction(nameof(Index));
    }

    private string? IpAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    private static SetPasswordForm Blank(SetPasswordForm form) => form with { NewPassword = null, ConfirmPassword = null };

    private void AddErrors(PasswordOutcome outcome)
    {
        foreach (var message in outcome.Messages)
        {
            ModelState.AddModelError(outcome.Field!, message);
        }
    }

    private string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/account/sign-", StringComparison.OrdinalIgnoreCase) ? returnUrl : "/";
}
