using Dapper;
using Npq.Core.Auditing;
using Npq.Data.Infrastructure;

namespace Npq.Data.Auditing;

/// <summary>The append-only audit log: this class inserts and reads; nothing updates or deletes.</summary>
public sealed class AuditLogRepository(IDbConnectionFactory db) : IAuditLog
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO AuditLog (OccurredUtc, ActorUserId, Action, Subject, Detail, IpAddress)
            VALUES (@OccurredUtc, @ActorUserId, @Action, @Subject, @Detail, @IpAddress)
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, entry, cancellationToken: cancellationToken));
    }

    /// <summary>The newest entries first, optionally for one action or one actor.</summary>
    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(string? action, int? actorUserId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var sql = """
            SELECT Id, OccurredUtc, ActorUserId, Action, Subject, Detail, IpAddress FROM AuditLog
            WHERE (@action IS NULL OR Action = @action) AND (@actorUserId IS NULL OR ActorUserId = @actorUserId)
            ORDER BY Id DESC
            """ + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AuditEntry>(new CommandDefinition(sql, new { action, actorUserId, Skip = skip, Take = take }, cancellationToken: cancellationToken))).AsList();
    }
}
