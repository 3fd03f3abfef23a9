using Npq.Core.Accounts;
using Npq.Core.Auditing;

namespace Npq.Core.Webinars;

/// <summary>The audit entries and viewer facts the webinar use cases share.</summary>
internal static class WebinarAudit
{
    /// <summary>Writes who did what to which session, cohort or feed, stamped with the current time.</summary>
    public static Task WriteAsync(
        IAuditLog audit, TimeProvider time, string action, string subject, string? detail, int actorUserId, string? ipAddress, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = time.GetUtcNow().UtcDateTime, ActorUserId = actorUserId, Action = action, Subject = subject, Detail = detail,
            IpAddress = ipAddress,
        }, cancellationToken);

    /// <summary>The zone the viewer chose, or null when they have none (pages then show the cohort's zone only).</summary>
    public static async Task<string?> ZoneOfAsync(this IUserTimeZones zones, int userId, CancellationToken cancellationToken) =>
        (await zones.GetAsync(userId, cancellationToken))?.TimeZone;
}
