using Npq.Core.Accounts;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Time;
using Npq.Data.Webinars;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Accounts.Settings;

/// <summary>The time-zone page: the zone chosen (or the browser's guess) and whether it is confirmed.</summary>
public sealed record TimeZonePage(string? Selected, bool Confirmed, bool Saved, string? ReturnUrl);

/// <summary>A person's own settings: their time zone, guessed from the browser and confirmed here.</summary>
[Route("settings")]
public sealed class SettingsController(IUserTimeZones timeZones, ILogger<SettingsController> logger) : Controller
{
    [HttpGet("time-zone")]
    public async Task<IActionResult> TimeZone(string? guess, string? returnUrl, CancellationToken cancellationToken)
    {
        var current = await timeZones.GetAsync(User.GetUserId(), cancellationToken);
        var selected = current?.Confirmed == true ? current.TimeZone : ZonedTime.IsKnown(guess) ? guess : current?.TimeZone;
        return View(new TimeZonePage(selected, current?.Confirmed == true, false, LocalOnly(returnUrl)));
    }

    [HttpPost("time-zone")]
    [ActionName(nameof(TimeZone))]
    public async Task<IActionResult> SaveTimeZone([FromForm] string? timeZone, [FromForm] string? returnUrl, CancellationToken cancellationToken)
    {
        if (!ZonedTime.IsKnown(timeZone) || !TimeZoneList.Ids.Contains(timeZone!))
        {
            ModelState.AddModelError("timeZone", "Choose your time zone from the list");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(new TimeZonePage(null, false, false, LocalOnly(returnUrl)));
        }

        await timeZones.SetAsync(User.GetUserId(), timeZone!, cancellationToken);
        logger.LogInformation("User {UserId} confirmed their time zone", User.GetUserId());
        var safeReturn = LocalOnly(returnUrl);
        return safeReturn is not null ? LocalRedirect(safeReturn) : View(new TimeZonePage(timeZone, true, true, null));
    }

    private string? LocalOnly(string? url) => !string.IsNullOrEmpty(url) && Url.IsLocalUrl(url) ? url : null;
}
