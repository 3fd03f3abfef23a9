using Dapper;
using Npq.Core.FinalAssessment;
using Npq.Data.Infrastructure;

namespace Npq.Data.FinalAssessment;

/// <summary>Rows of <c>RecordArchives</c>: record zips, their progress and where the finished zip is stored.</summary>
public sealed class RecordArchiveRepository(IDbConnectionFactory db) : IRecordArchiveRepository
{
    private const string Columns = "Id, CohortId, OwnerUserId, FileName, State, Total, Done, StoredName, CreatedUtc, StartedUtc, FinishedUtc";

    public Task CreateAsync(RecordArchive archive, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            INSERT INTO RecordArchives (Id, CohortId, OwnerUserId, FileName, State, Total, Done, CreatedUtc)
            VALUES (@Id, @CohortId, @OwnerUserId, @FileName, @State, 0, 0, @CreatedUtc)
            """,
            new { archive.Id, archive.CohortId, archive.OwnerUserId, archive.FileName, State = RecordArchiveState.Queued.ToString(), archive.CreatedUtc },
            cancellationToken);

    public Task<RecordArchive?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        SingleAsync($"SELECT {Columns} FROM RecordArchives WHERE Id = @id", new { id }, cancellationToken);

    public Task<RecordArchive?> FindForOwnerAsync(string id, int ownerUserId, CancellationToken cancellationToken = default) =>
        SingleAsync($"SELECT {Columns} FROM RecordArchives WHERE Id = @id AND OwnerUserId = @ownerUserId", new { id, ownerUserId }, cancellationToken);

    public Task MarkRunningAsync(string id, int total, DateTime startedUtc, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE RecordArchives SET State = 'Running', Total = @total, Done = 0, StartedUtc = @startedUtc WHERE Id = @id",
            new { id, total, startedUtc },
            cancellationToken);

    public Task ReportProgressAsync(string id, int done, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE RecordArchives SET Done = @done WHERE Id = @id", new { id, done }, cancellationToken);

    public Task MarkReadyAsync(string id, string storedName, int done, DateTime finishedUtc, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE RecordArchives SET State = 'Ready', StoredName = @storedName, Done = @done, FinishedUtc = @finishedUtc WHERE Id = @id",
            new { id, storedName, done, finishedUtc },
            cancellationToken);

    public Task MarkFailedAsync(string id, DateTime finishedUtc, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE RecordArchives SET State = 'Failed', FinishedUtc = @finishedUtc WHERE Id = @id", new { id, finishedUtc }, cancellationToken);

    public async Task<IReadOnlyList<RecordArchive>> GetFinishedBeforeAsync(DateTime beforeUtc, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Columns} FROM RecordArchives WHERE State IN ('Ready', 'Failed') AND FinishedUtc < @beforeUtc ORDER BY FinishedUtc";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<RecordArchive>(new CommandDefinition(sql, new { beforeUtc }, cancellationToken: cancellationToken))).ToList();
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM RecordArchives WHERE Id = @id", new { id }, cancellationToken);

    private async Task<RecordArchive?> SingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RecordArchive>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
