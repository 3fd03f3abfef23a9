using Dapper;
using Npq.Core.Dfe;
using Npq.Data.Infrastructure;

namespace Npq.Data.Dfe;

/// <summary>The outbox of pushes to DfE: enqueued once per idempotency key, claimed row by row with a guarded UPDATE.</summary>
public sealed class DfeOutboxRepository(IDbConnectionFactory db) : IDfeOutbox
{
    private const string Columns = """
        Id, ProviderId, Kind, IdempotencyKey, Subject, Payload, State, Attempts, NextAttemptUtc, ClaimedBy, ClaimedUntilUtc,
        LastStatus, LastError, Result, CreatedUtc, CompletedUtc
        """;

    // Due: waiting and its time has come, or claimed by a worker whose claim ran out (it died mid-job).
    private const string Due = "((State = 'Pending' AND NextAttemptUtc <= @nowUtc) OR (State = 'Running' AND ClaimedUntilUtc < @nowUtc))";

    public async Task<bool> EnqueueAsync(DfeJob job, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO DfeJobs (ProviderId, Kind, IdempotencyKey, Subject, Payload, State, Attempts, NextAttemptUtc, CreatedUtc)
            SELECT @ProviderId, @Kind, @IdempotencyKey, @Subject, @Payload, 'Pending', 0, @NextAttemptUtc, @CreatedUtc
            WHERE NOT EXISTS (SELECT 1 FROM DfeJobs WHERE IdempotencyKey = @IdempotencyKey)
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            job.ProviderId, Kind = job.Kind.ToString(), job.IdempotencyKey, job.Subject, Payload = DfePush.Serialize(job.Payload), job.NextAttemptUtc, job.CreatedUtc,
        }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<DfeJob>> ClaimDueAsync(string worker, DateTime nowUtc, DateTime untilUtc, int max, CancellationToken cancellationToken = default)
    {
        var candidatesSql = $"SELECT Id FROM DfeJobs WHERE {Due} ORDER BY NextAttemptUtc, Id" + db.Dialect.Page;
        var claimSql = $"""
            UPDATE DfeJobs SET State = 'Running', ClaimedBy = @worker, ClaimedUntilUtc = @untilUtc, Attempts = Attempts + 1
            WHERE Id = @id AND {Due}
            """;
        List<long> ids;
        await using (var reader = await db.OpenAsync(cancellationToken))
        {
            ids = (await reader.QueryAsync<long>(new CommandDefinition(candidatesSql, new { nowUtc, Skip = 0, Take = max }, cancellationToken: cancellationToken))).ToList();
        }

        var claimed = new List<long>();
        foreach (var id in ids)
        {
            await using var connection = await db.OpenForWriteAsync(cancellationToken);
            if (await connection.ExecuteAsync(new CommandDefinition(claimSql, new { id, worker, nowUtc, untilUtc }, cancellationToken: cancellationToken)) == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        await using var read = await db.OpenAsync(cancellationToken);
        var rows = await read.QueryAsync<DfeRows.Job>(new CommandDefinition(
            $"SELECT {Columns} FROM DfeJobs WHERE Id IN @claimed AND ClaimedBy = @worker ORDER BY NextAttemptUtc, Id", new { claimed, worker }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public Task CompleteAsync(long jobId, string worker, int status, string? result, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        HeldAsync(jobId, worker, "State = 'Done', LastStatus = @status, LastError = NULL, Result = @result, CompletedUtc = @nowUtc, ClaimedBy = NULL, ClaimedUntilUtc = NULL",
            new { jobId, worker, status, result, nowUtc }, cancellationToken);

    public Task RetryLaterAsync(long jobId, string worker, int status, string error, DateTime nextAttemptUtc, CancellationToken cancellationToken = default) =>
        HeldAsync(jobId, worker, "State = 'Pending', LastStatus = @status, LastError = @error, NextAttemptUtc = @nextAttemptUtc, ClaimedBy = NULL, ClaimedUntilUtc = NULL",
            new { jobId, worker, status, error, nextAttemptUtc }, cancellationToken);

    public Task FailAsync(long jobId, string worker, int status, string error, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        HeldAsync(jobId, worker, "State = 'Failed', LastStatus = @status, LastError = @error, CompletedUtc = @nowUtc, ClaimedBy = NULL, ClaimedUntilUtc = NULL",
            new { jobId, worker, status, error, nowUtc }, cancellationToken);

    public Task UpdatePayloadAsync(long jobId, string worker, DfeJobPayload payload, CancellationToken cancellationToken = default) =>
        HeldAsync(jobId, worker, "Payload = @payload", new { jobId, worker, payload = DfePush.Serialize(payload) }, cancellationToken);

    public async Task<bool> RetryFailedAsync(int providerId, long jobId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE DfeJobs SET State = 'Pending', Attempts = 0, NextAttemptUtc = @nowUtc, CompletedUtc = NULL
            WHERE Id = @jobId AND ProviderId = @providerId AND State = 'Failed'
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { jobId, providerId, nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<DfeJob>> RecentAsync(int providerId, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Columns} FROM DfeJobs WHERE ProviderId = @providerId ORDER BY Id DESC" + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DfeRows.Job>(new CommandDefinition(sql, new { providerId, Skip = 0, Take = take }, cancellationToken: cancellationToken)))
            .Select(r => r.ToRecord()).ToList();
    }

    public async Task<IReadOnlyList<DfeJob>> ForSubjectsAsync(int providerId, IReadOnlyCollection<string> subjects, CancellationToken cancellationToken = default)
    {
        if (subjects.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DfeRows.Job>(new CommandDefinition(
                $"SELECT {Columns} FROM DfeJobs WHERE ProviderId = @providerId AND Subject IN @subjects ORDER BY Id DESC", new { providerId, subjects }, cancellationToken: cancellationToken)))
            .Select(r => r.ToRecord()).ToList();
    }

    /// <summary>Changes a job only while this worker holds it (a worker whose claim ran out and was taken over changes nothing).</summary>
    private async Task HeldAsync(long jobId, string worker, string set, object args, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE DfeJobs SET {set} WHERE Id = @jobId AND ClaimedBy = @worker AND State = 'Running'", args, cancellationToken: cancellationToken));
    }
}
