using Dapper;
using Npq.Core.Auditing;
using Npq.Data.Infrastructure;

namespace Npq.Data.Auditing;

/// <summary>The append-only audit log: this class inserts and reads; nothing updates or deletes.</summary>
public sealed class AuditLogRepository(IDbConnectionFactory db) : IAuditLog, IAuditLogReader
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO AuditLog (OccurredUtc, ActorUserId, Action, Subject, Detail, IpAddress)
            VALUES (@OccurredUtc, @ActorUserId, @Action, @Subject, @Detail, @IpAddress)
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
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
    /// <summary>
    /// One page of entries, newest first, filtered by action, by a user (as actor, or as the subject
    /// <c>user:{id}</c>), by a half-open UTC range [FromUtc, ToUtc) and by provider: an entry belongs to a provider when
    /// one of its people did it, or when nobody signed in did it (a failed sign-in, a reset asked for) and it is about
    /// one of its people. Entries that belong to no provider (a sign-in to an unknown address) are in no provider's view.
    /// (<c>CONCAT</c> is SQL Server's and, from 3.44, SQLite's; the bundled SQLite is newer.)
    /// </summary>
    public async Task<AuditPage> FilterAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        const string where = """
            WHERE (@Action IS NULL OR Action = @Action)
              AND (@UserId IS NULL OR ActorUserId = @UserId OR Subject = @UserSubject)
              AND (@FromUtc IS NULL OR OccurredUtc >= @FromUtc)
              AND (@ToUtc IS NULL OR OccurredUtc < @ToUtc)
              AND (@ProviderId IS NULL
                   OR ActorUserId IN (SELECT Id FROM Users WHERE ProviderId = @ProviderId)
                   OR (ActorUserId IS NULL AND Subject IN (SELECT CONCAT('user:', Id) FROM Users WHERE ProviderId = @ProviderId)))
            """;
        var parameters = new
        {
            filter.Action,
            filter.UserId,
            UserSubject = filter.UserId is { } id ? AuditEntry.UserSubject(id) : null,
            filter.FromUtc,
            filter.ToUtc,
            filter.ProviderId,
            Skip = skip,
            Take = take,
        };
        await using var connection = await db.OpenAsync(cancellationToken);
        var entries = (await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"SELECT Id, OccurredUtc, ActorUserId, Action, Subject, Detail, IpAddress FROM AuditLog {where} ORDER BY Id DESC" + db.Dialect.Page,
            parameters, cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM AuditLog {where}", parameters, cancellationToken: cancellationToken));
        return new AuditPage(entries, total);
    }

    /// <summary>Every action name written so far, for the viewer's filter.</summary>
    public async Task<IReadOnlyList<string>> GetActionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT Action FROM AuditLog ORDER BY Action", cancellationToken: cancellationToken))).AsList();
    }
}
