using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Npq.Core.Accounts;

namespace Npq.Web.Infrastructure.Authentication;

/// <summary>
/// Issues and ends sign-in cookies. The cookie carries the claims contract of <c>Infrastructure/CurrentUser.cs</c>
/// plus the user's security stamp, which <see cref="NpqCookieEvents"/> compares with the database on every request.
/// </summary>
public sealed class AccountSessions(UserManager<AppUser> userManager, IUserRepository users)
{
    /// <summary>The claim holding the security stamp the cookie was issued under.</summary>
    public const string StampClaim = "npq:stamp";

    public async Task<ClaimsPrincipal> CreatePrincipalAsync(AppUser user, CancellationToken cancellationToken = default)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, user.DisplayName),
            new(StampClaim, user.SecurityStamp),
        };
        claims.AddRange((await users.GetRolesAsync(user.Id, cancellationToken)).Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    public async Task SignInAsync(HttpContext http, AppUser user, CancellationToken cancellationToken = default) =>
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, await CreatePrincipalAsync(user, cancellationToken),
            new AuthenticationProperties { IsPersistent = false, AllowRefresh = true });

    /// <summary>
    /// Ends this session and every other one of the user: the stamp changes, so a copy of any of their cookies is
    /// refused on its next request.
    /// </summary>
    public async Task SignOutEverywhereAsync(HttpContext http, AppUser user)
    {
        await userManager.UpdateSecurityStampAsync(user);
        await SignOutAsync(http);
    }

    /// <summary>Removes this browser's sign-in cookie (other sessions go on unless the stamp changed too).</summary>
    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
}

/// <summary>
/// Validates every signed-in request: active user, unchanged security stamp (read through <see cref="IUserSessions"/>,
/// which forgets a user as soon as their row is written).
/// </summary>
public sealed class NpqCookieEvents(IUserSessions sessions, ILogger<NpqCookieEvents> logger) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var stamp = principal?.FindFirstValue(AccountSessions.StampClaim);
        var user = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            ? await sessions.GetAsync(userId, context.HttpContext.RequestAborted)
            : null;
        if (user is not null && user.IsActive && stamp is not null && string.Equals(stamp, user.SecurityStamp, StringComparison.Ordinal))
        {
            return;
        }

        logger.LogInformation("Refused a sign-in cookie for user {UserId}: signed out, password changed, roles changed or deactivated", user?.Id);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>A signed-in person without access gets a 403 page at the address they asked for, not a redirect.</summary>
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    /// <summary>Script and API callers get 401; people are sent to the sign-in page.</summary>
    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.Headers.Accept.Any(a => a is not null && a.Contains("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        return base.RedirectToLogin(context);
    }
}
