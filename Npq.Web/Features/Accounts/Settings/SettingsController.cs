using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts.Settings;

/// <summary>The time-zone page: the zone chosen (or the browser's guess) and whether it is confirmed.</summary>
public sealed record TimeZonePage(string? Selected, bool Confirmed, bool Saved, string? ReturnUrl);

/// <summary>A person's own settings: their time zone, guessed from the browser and confirmed here.</summary>
[Route("settings")]
public sealed class SettingsController(TimeZoneSettings timeZones) : Controller
{
    [HttpGet("time-zone")]
    public async Task<IActionResult> TimeZone(string? guess, string? returnUrl, CancellationToken cancellationToken)
    {
        var choice = await timeZones.GetAsync(User.GetUserId(), guess, cancellationToken);
        return View(new TimeZonePage(choice.Selected, choice.Confirmed, false, LocalOnly(returnUrl)));
    }

    [HttpPost("time-zone")]
    [ActionName(nameof(TimeZone))]
    public async Task<IActionResult> SaveTimeZone([FromForm] string? timeZone, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        if (!await timeZones.ConfirmAsync(User.GetUserId(), timeZone, cancellationToken))
        {
            ModelState.AddModelError("timeZone", "Choose your time zone from the list");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new TimeZonePage(null, false, false, LocalOnly(returnUrl)));
        }

        var safeReturn = LocalOnly(returnUrl);
        return safeReturn is not null ? LocalRedirect(safeReturn) : View(new TimeZonePage(timeZone, true, true, null));
    }

    private string? LocalOnly(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : null;
}
