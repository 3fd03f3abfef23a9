using Npq.Core.Auditing;

namespace Npq.Core.FinalAssessment;

/// <summary>The final assessment's audit entries: about a script (<c>script:{id}</c>; 0 for a cohort-wide action).</summary>
internal static class ScriptAudit
{
    public static Task WriteScriptEntryAsync(this IAuditLog audit, TimeProvider time, int actorUserId, string action, int scriptId, string? detail, CancellationToken cancellationToken) =>
        audit.WriteNowAsync(time, action, actorUserId, $"script:{scriptId}", detail, null, cancellationToken);
}
