using Dapper;
using Npq.Core.Auditing;
using Npq.Data.Infrastructure;

namespace Npq.Data.Auditing;

/// <summary>The append-only audit log: this class inserts and reads; nothing updates or deletes.</summary>
/// <param name="db">The database.</param>
/// <param name="countLimit">Where the filter's count stops (<see cref="AuditPage.CountLimit"/> on the site).</param>
public sealed class AuditLogRepository(IDbConnectionFactory db, int countLimit = AuditPage.CountLimit) : IAuditLog, IAuditLogReader
{
    /// <summary>
    /// Appends the entry with the provider it belongs to, as things are when it is written: its actor's provider, or,
    /// when nobody signed in did it, the provider of the person it is about (<c>user:{id}</c>); none otherwise.
    /// </summary>
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO AuditLog (OccurredUtc, ActorUserId, Action, Subject, Detail, IpAddress, ProviderId)
            VALUES (@OccurredUtc, @ActorUserId, @Action, @Subject, @Detail, @IpAddress,
                    (SELECT ProviderId FROM Users WHERE Id = COALESCE(@ActorUserId, @SubjectUserId)))
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            entry.OccurredUtc,
            entry.ActorUserId,
            entry.Action,
            entry.Subject,
            entry.Detail,
            entry.IpAddress,
            SubjectUserId = entry.ActorUserId is null ? AuditEntry.SubjectUserId(entry.Subject) : null,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// One page of entries, newest first, filtered by action, by a user (as actor, or as the subject
    /// <c>user:{id}</c>), by a half-open UTC range [FromUtc, ToUtc) and by provider: the provider each entry was written
    /// with (<see cref="WriteAsync"/>), read through <c>IX_AuditLog_Provider</c>. Entries that belong to no provider (a
    /// sign-in to an unknown address) are in no provider's view. The count stops after <c>countLimit</c> entries
    /// (<see cref="AuditPage.MoreThanTotal"/>), so neither read grows with the whole log.
    /// </summary>
    public async Task<AuditPage> FilterAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        var where = Where(filter.ProviderId is not null);
        var parameters = new AuditParameters
        {
            Action = filter.Action,
            UserId = filter.UserId,
            UserSubject = filter.UserId is { } id ? AuditEntry.UserSubject(id) : null,
            FromUtc = filter.FromUtc,
            ToUtc = filter.ToUtc,
            ProviderId = filter.ProviderId,
            Skip = skip,
            Take = take,
        };
        await using var connection = await db.OpenAsync(cancellationToken);
        var entries = (await connection.QueryAsync<AuditEntry>(new CommandDefinition(PageSql(where, db.Dialect), parameters, cancellationToken: cancellationToken))).AsList();
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            CountSql(where, db.Dialect), parameters with { Skip = 0, Take = countLimit + 1 }, cancellationToken: cancellationToken));
        return new AuditPage(entries, Math.Min(total, countLimit), total > countLimit);
    }

    /// <summary>
    /// Every action name written so far, for the viewer's filter. On SQLite, one seek of <c>IX_AuditLog_Action</c> per
    /// action (the next name after the last one found), not a walk of every entry; SQL Server's recursive CTEs allow no
    /// subquery, so it keeps DISTINCT over the same index.
    /// </summary>
    public async Task<IReadOnlyList<string>> GetActionsAsync(CancellationToken cancellationToken = default)
    {
        var sql = db.Dialect.Provider == DatabaseProvider.Sqlite ? ActionsSkipScanSql : "SELECT DISTINCT Action FROM AuditLog ORDER BY Action";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>SQLite's read of the action names: from the least, each next one found by one seek of IX_AuditLog_Action.</summary>
    internal const string ActionsSkipScanSql = """
        WITH RECURSIVE actions(Action) AS (
            SELECT MIN(Action) FROM AuditLog
            UNION ALL
            SELECT (SELECT MIN(a.Action) FROM AuditLog a WHERE a.Action > actions.Action) FROM actions WHERE actions.Action IS NOT NULL)
        SELECT Action FROM actions WHERE Action IS NOT NULL ORDER BY Action
        """;

    /// <summary>
    /// The filter's conditions. The provider is matched without "@ProviderId IS NULL OR", so that SQLite walks
    /// IX_AuditLog_Provider (ProviderId, Id) backwards for the newest first and stops after the page.
    /// </summary>
    internal static string Where(bool byProvider) => (byProvider ? "WHERE ProviderId = @ProviderId" : "WHERE 1 = 1") + """

          AND (@Action IS NULL OR Action = @Action)
          AND (@UserId IS NULL OR ActorUserId = @UserId OR Subject = @UserSubject)
          AND (@FromUtc IS NULL OR OccurredUtc >= @FromUtc)
          AND (@ToUtc IS NULL OR OccurredUtc < @ToUtc)
        """;

    /// <summary>A page of entries, newest first (@Skip, @Take).</summary>
    internal static string PageSql(string where, ISqlDialect dialect) =>
        $"SELECT Id, OccurredUtc, ActorUserId, Action, Subject, Detail, IpAddress FROM AuditLog {where} ORDER BY Id DESC" + dialect.Page;

    /// <summary>How many match, counting no further than @Take (the newest first, as the page reads them).</summary>
    internal static string CountSql(string where, ISqlDialect dialect) =>
        $"SELECT COUNT(*) FROM (SELECT Id FROM AuditLog {where} ORDER BY Id DESC{dialect.Page}) capped";

    private sealed record AuditParameters
    {
        public string? Action { get; init; }
        public int? UserId { get; init; }
        public string? UserSubject { get; init; }
        public DateTime? FromUtc { get; init; }
        public DateTime? ToUtc { get; init; }
        public int? ProviderId { get; init; }
        public int Skip { get; init; }
        public int Take { get; init; }
    }
}
