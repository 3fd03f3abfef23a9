using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts.Settings;

/// <summary>
/// Asks a signed-in person who has not confirmed a time zone to do so; the script fills in the browser's guess.
/// Renders nothing for anyone else (or on the settings page itself).
/// </summary>
public sealed class TimeZonePromptViewComponent(TimeZoneSettings timeZones) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.TryGetUserId();
        if (userId is null || HttpContext.Request.Path.StartsWithSegments("/settings/time-zone"))
        {
            return Content(string.Empty);
        }

        return await timeZones.NeedsConfirmingAsync(userId.Value, HttpContext.RequestAborted)
            ? View("~/Features/Accounts/Settings/_TimeZonePrompt.cshtml", HttpContext.Request.Path.Value ?? "/")
            : Content(string.Empty);
    }
}
