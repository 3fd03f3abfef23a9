using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;

namespace Npq.Core.Webinars;

/// <summary>A feed just made: its secret token (shown once, never stored) and when it was made.</summary>
public sealed record NewFeed(string Token, DateTime CreatedUtc);

/// <summary>
/// Private, revocable .ics feeds. A feed's address carries a random token; only its SHA-256 hash is stored, so the
/// address can be shown only when it is made. One live feed per person: a new one replaces the old.
/// </summary>
public sealed class CalendarFeeds(
    ICalendarFeedRepository feeds,
    IWebinarRepository webinars,
    IAuditLog audit,
    TimeProvider time,
    ILogger<CalendarFeeds> logger)
{
    public const string CalendarName = "Npq sessions";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>When the person's live feed was made, or null when they have none.</summary>
    public Task<DateTime?> LiveFeedCreatedAsync(int userId, CancellationToken cancellationToken = default) =>
        feeds.GetLiveFeedCreatedAsync(userId, cancellationToken);

    /// <summary>Makes a new feed for the person; their previous one stops working at once.</summary>
    public async Task<NewFeed> CreateAsync(int userId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        await feeds.ReplaceAsync(userId, Hash(token), Now, cancellationToken);
        await audit.WriteNowAsync(time, "calendar.feed-created", userId, AuditEntry.UserSubject(userId), null, ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} made a new calendar feed", userId);
        return new NewFeed(token, Now);
    }

    /// <summary>Turns the person's feed off; false when they had none.</summary>
    public async Task<bool> RevokeAsync(int userId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!await feeds.RevokeAsync(userId, Now, cancellationToken))
        {
            return false;
        }

        await audit.WriteNowAsync(time, "calendar.feed-revoked", userId, AuditEntry.UserSubject(userId), null, ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} revoked their calendar feed", userId);
        return true;
    }

    /// <summary>
    /// The calendar (UTF-8 .ics) of the live feed with this token: the owner's sessions, those of their cohorts and
    /// those they facilitate. Null for a token that is malformed, unknown or revoked, or whose owner is deactivated.
    /// </summary>
    public async Task<byte[]?> FeedAsync(string token, string siteUrl, CancellationToken cancellationToken = default)
    {
        if (token.Length is < 20 or > 100)
        {
            return null;
        }

        var owner = await feeds.FindLiveOwnerAsync(Hash(token), cancellationToken);
        if (owner is null)
        {
            return null;
        }

        var sessions = await webinars.GetSessionsForCalendarAsync(owner.Value, cancellationToken);
        var cohorts = new Dictionary<int, SessionCohort>();
        foreach (var cohortId in sessions.Select(s => s.CohortId).Distinct())
        {
            cohorts[cohortId] = (await webinars.GetCohortAsync(cohortId, cancellationToken))!;
        }

        var ics = IcsWriter.Write(CalendarName, sessions.Select(s => CalendarEvents.From(s, cohorts[s.CohortId], siteUrl)), Now);
        return Encoding.UTF8.GetBytes(ics);
    }

    /// <summary>SHA-256 of the token as lower-case hex: what is stored and looked up.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
