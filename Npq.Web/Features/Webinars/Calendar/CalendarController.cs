using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Webinars;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Webinars.Calendar;

/// <summary>The page about it and the state of a person's private calendar feed.</summary>
public sealed record CalendarPage(DateTime? FeedCreatedUtc, string? NewFeedUrl, bool Revoked);

/// <summary>
/// Private, revocable .ics feeds (<see cref="CalendarFeeds"/>). The address is shown once, when it is made. The feed
/// itself is anonymous (calendar apps cannot sign in) and answers 404 for any token that is unknown or revoked.
/// </summary>
[Route("calendar")]
public sealed class CalendarController(CalendarFeeds feeds) : Controller
{
    private string? IpAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    private string Site => $"{Request.Scheme}://{Request.Host}";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new CalendarPage(await feeds.LiveFeedCreatedAsync(User.GetUserId(), cancellationToken), null, false));

    [HttpPost("feed")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var feed = await feeds.CreateAsync(User.GetUserId(), IpAddress, cancellationToken);
        return View(nameof(Index), new CalendarPage(feed.CreatedUtc, $"{Site}/calendar/feed/{feed.Token}.ics", false));
    }

    [HttpPost("feed/revoke")]
    public async Task<IActionResult> Revoke(CancellationToken cancellationToken)
    {
        var revoked = await feeds.RevokeAsync(User.GetUserId(), IpAddress, cancellationToken);
        return View(nameof(Index), new CalendarPage(null, null, revoked));
    }

    [AllowAnonymous]
    [HttpGet("feed/{token}.ics")]
    public async Task<IActionResult> Feed(string token, CancellationToken cancellationToken)
    {
        var ics = await feeds.FeedAsync(token, Site, cancellationToken);
        if (ics is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(ics, "text/calendar; charset=utf-8");
    }
}
