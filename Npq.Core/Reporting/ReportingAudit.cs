using Npq.Core.Auditing;

namespace Npq.Core.Reporting;

/// <summary>Who asked for a reporting action, and from where: the actor of its audit entry.</summary>
public sealed record ReportActor(int UserId, string? IpAddress);

/// <summary>The audit entries of reports, exports, declarations and data rights: stamped now, by the actor.</summary>
internal static class ReportingAudit
{
    public static Task RecordAsync(this IAuditLog audit, TimeProvider time, ReportActor actor, string action, string subject, string detail, CancellationToken cancellationToken) =>
        audit.WriteNowAsync(time, action, actor.UserId, subject, detail, actor.IpAddress, cancellationToken);
}
