namespace Npq.Core.Auditing;

public static class AuditLogExtensions
{
    /// <summary>Writes an entry stamped with the clock's "now": the one way a use case records who did what.</summary>
    public static Task WriteNowAsync(
        this IAuditLog log, TimeProvider time, string action, int? actorUserId, string? subject, string? detail, string? ipAddress, CancellationToken cancellationToken) =>
        log.WriteAsync(new AuditEntry
        {
            OccurredUtc = time.GetUtcNow().UtcDateTime,
            ActorUserId = actorUserId,
            Action = action,
            Subject = subject,
            Detail = detail,
            IpAddress = ipAddress,
        }, cancellationToken);
}
