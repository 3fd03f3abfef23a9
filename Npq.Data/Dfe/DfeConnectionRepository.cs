using Dapper;
using Npq.Core.Dfe;
using Npq.Data.Infrastructure;

namespace Npq.Data.Dfe;

/// <summary>Providers' connections to DfE (the token as sealed by the caller) and the pull claim.</summary>
public sealed class DfeConnectionRepository(IDbConnectionFactory db) : IDfeConnectionRepository
{
    public async Task<DfeConnection?> GetAsync(int providerId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT ProviderId, BaseUrl, ProtectedToken, Enabled, ApplicationsSyncedUtc, ParticipantsSyncedUtc, LastPullUtc, LastPullProblem, UpdatedUtc
            FROM DfeConnections WHERE ProviderId = @providerId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<DfeRows.Connection>(new CommandDefinition(sql, new { providerId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    public async Task SaveAsync(int providerId, string baseUrl, bool enabled, string? protectedToken, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string update = """
            UPDATE DfeConnections SET BaseUrl = @baseUrl, Enabled = @enabled, ProtectedToken = COALESCE(@protectedToken, ProtectedToken),
                   UpdatedUtc = @nowUtc, Version = Version + 1
            WHERE ProviderId = @providerId
            """;
        const string insert = """
            INSERT INTO DfeConnections (ProviderId, BaseUrl, ProtectedToken, Enabled, UpdatedUtc, Version)
            VALUES (@providerId, @baseUrl, @protectedToken, @enabled, @nowUtc, 1)
            """;
        var args = new { providerId, baseUrl, enabled = enabled ? 1 : 0, protectedToken, nowUtc };
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(update, args, cancellationToken: cancellationToken)) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(insert, args, cancellationToken: cancellationToken));
        }
    }

    public async Task<IReadOnlyList<int>> DueForPullAsync(DateTime dueBeforeUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT ProviderId FROM DfeConnections
            WHERE Enabled = 1 AND ProtectedToken IS NOT NULL AND (LastPullUtc IS NULL OR LastPullUtc < @dueBeforeUtc)
            ORDER BY ProviderId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(sql, new { dueBeforeUtc }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> ClaimPullAsync(int providerId, string worker, DateTime nowUtc, DateTime untilUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE DfeConnections SET PullClaimedBy = @worker, PullClaimedUntilUtc = @untilUtc
            WHERE ProviderId = @providerId AND (PullClaimedUntilUtc IS NULL OR PullClaimedUntilUtc < @nowUtc)
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { providerId, worker, nowUtc, untilUtc }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task FinishPullAsync(int providerId, string worker, DateTime nowUtc, DateTime? applicationsSyncedUtc, DateTime? participantsSyncedUtc, string? problem, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE DfeConnections SET LastPullUtc = @nowUtc, LastPullProblem = @problem,
                   ApplicationsSyncedUtc = COALESCE(@applicationsSyncedUtc, ApplicationsSyncedUtc),
                   ParticipantsSyncedUtc = COALESCE(@participantsSyncedUtc, ParticipantsSyncedUtc),
                   PullClaimedBy = NULL, PullClaimedUntilUtc = NULL
            WHERE ProviderId = @providerId AND PullClaimedBy = @worker
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { providerId, worker, nowUtc, applicationsSyncedUtc, participantsSyncedUtc, problem }, cancellationToken: cancellationToken));
    }
}
