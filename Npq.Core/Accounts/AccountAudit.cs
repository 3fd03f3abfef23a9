using Npq.Core.Auditing;

namespace Npq.Core.Accounts;

/// <summary>Writes account events to the audit log with the caller's IP address. Never passwords, tokens or emails.</summary>
public sealed class AccountAudit(IAuditLog log, TimeProvider time)
{
    public Task WriteAsync(string action, int? actorUserId, int? subjectUserId, string? ipAddress, string? detail = null, CancellationToken cancellationToken = default) =>
        log.WriteNowAsync(time, action, actorUserId, subjectUserId is { } id ? AuditEntry.UserSubject(id) : null, detail, ipAddress, cancellationToken);
}
