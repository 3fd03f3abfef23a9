using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Npq.Core.Auditing;
using Npq.Core.Webinars;
using Npq.Data.Webinars;
using Npq.Web.Features.Webinars.Sessions;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Webinars.Calendar;

/// <summary>The page about it and the state of a person's private calendar feed.</summary>
public sealed record CalendarPage(DateTime? FeedCreatedUtc, string? NewFeedUrl, bool Revoked);

/// <summary>
/// Private, revocable .ics feeds. The URL carries a random token; only its SHA-256 hash is stored, so the URL is
/// shown once, when it is made. The feed itself is anonymous (calendar apps cannot sign in) and answers 404 for any
/// token that is unknown or revoked.
/// </summary>
[Route("calendar")]
public sealed class CalendarController(
    ICalendarFeedRepository feeds,
    IWebinarRepository webinars,
    IAuditLog audit,
    TimeProvider time,
    ILogger<CalendarController> logger) : Controller
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new CalendarPage(await feeds.GetLiveFeedCreatedAsync(User.GetUserId(), cancellationToken), null, false));

    [HttpPost("feed")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await feeds.ReplaceAsync(User.GetUserId(), Hash(token), Now, cancellationToken);
        await AuditAsync("calendar.feed-created", cancellationToken);
        logger.LogInformation("User {UserId} made a new calendar feed", User.GetUserId());
        var url = $"{Request.Scheme}://{Request.Host}/calendar/feed/{token}.ics";
        return View(nameof(Index), new CalendarPage(Now, url, false));
    }

    [HttpPost("feed/revoke")]
    public async Task<IActionResult> Revoke(CancellationToken cancellationToken)
    {
        var revoked = await feeds.RevokeAsync(User.GetUserId(), Now, cancellationToken);
        if (revoked)
        {
            await AuditAsync("calendar.feed-revoked", cancellationToken);
            logger.LogInformation("User {UserId} revoked their calendar feed", User.GetUserId());
        }

        return View(nameof(Index), new CalendarPage(null, null, revoked));
    }

    [AllowAnonymous]
    [HttpGet("feed/{token}.ics")]
    public async Task<IActionResult> Feed(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return NotFound();
        }

        var owner = await feeds.FindLiveOwnerAsync(Hash(token), cancellationToken);
        if (owner is null)
        {
            return NotFound();
        }

        var sessions = await webinars.GetSessionsForCalendarAsync(owner.Value, cancellationToken);
        var cohorts = new Dictionary<int, SessionCohort>();
        foreach (var cohortId in sessions.Select(s => s.CohortId).Distinct())
        {
            cohorts[cohortId] = (await webinars.GetCohortAsync(cohortId, cancellationToken))!;
        }

        var site = $"{Request.Scheme}://{Request.Host}";
        var ics = IcsWriter.Write("Npq sessions", sessions.Select(s => CalendarEvents.From(s, cohorts[s.CohortId], site)), Now);
        Response.Headers.CacheControl = "private, no-store";
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8");
    }

    /// <summary>SHA-256 of the token as lower-case hex: what is stored and looked up.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private Task AuditAsync(string action, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = Now, ActorUserId = User.GetUserId(), Action = action, Subject = $"user:{User.GetUserId()}",
            IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken);
}
