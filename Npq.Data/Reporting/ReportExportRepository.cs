using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>Rows of <c>ReportExports</c>: background report files, their progress and expiry.</summary>
public sealed class ReportExportRepository(IDbConnectionFactory db) : IReportExportRepository
{
    private const string Columns = """
        Id, Token, RequestedByUserId, Report, Format, Query, Status, RowsTotal, RowsWritten, StoredName, CreatedUtc,
        CompletedUtc, ExpiresUtc
        """;

    public async Task<int> CreateAsync(ReportExport export, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO ReportExports (Token, RequestedByUserId, Report, Format, Query, Status, RowsTotal, RowsWritten, CreatedUtc)
            VALUES (@Token, @RequestedByUserId, @Report, @Format, @Query, @Status, 0, 0, @CreatedUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new
        {
            export.Token,
            export.RequestedByUserId,
            export.Report,
            Format = export.Format.ToString(),
            export.Query,
            Status = ExportStatus.Queued.ToString(),
            export.CreatedUtc,
        }, cancellationToken: cancellationToken));
    }

    public async Task<ReportExport?> FindAsync(int id, CancellationToken cancellationToken = default) =>
        await SingleAsync($"SELECT {Columns} FROM ReportExports WHERE Id = @id", new { id }, cancellationToken);

    public async Task<ReportExport?> FindForUserAsync(string token, int userId, CancellationToken cancellationToken = default) =>
        await SingleAsync($"SELECT {Columns} FROM ReportExports WHERE Token = @token AND RequestedByUserId = @userId", new { token, userId }, cancellationToken);

    public async Task<IReadOnlyList<ReportExport>> ListForUserAsync(int userId, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Columns} FROM ReportExports WHERE RequestedByUserId = @userId AND Status <> 'Expired' ORDER BY CreatedUtc DESC, Id DESC";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ReportExport>(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<int>> GetUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT Id FROM ReportExports WHERE Status IN ('Queued', 'Running') ORDER BY Id", cancellationToken: cancellationToken))).ToList();
    }

    public Task MarkRunningAsync(int id, int rowsTotal, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE ReportExports SET Status = 'Running', RowsTotal = @rowsTotal, RowsWritten = 0 WHERE Id = @id", new { id, rowsTotal }, cancellationToken);

    public Task ReportProgressAsync(int id, int rowsWritten, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE ReportExports SET RowsWritten = @rowsWritten WHERE Id = @id", new { id, rowsWritten }, cancellationToken);

    public Task MarkReadyAsync(int id, string storedName, int rowsWritten, DateTime completedUtc, DateTime expiresUtc, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE ReportExports SET Status = 'Ready', StoredName = @storedName, RowsWritten = @rowsWritten, CompletedUtc = @completedUtc, ExpiresUtc = @expiresUtc WHERE Id = @id",
            new { id, storedName, rowsWritten, completedUtc, expiresUtc },
            cancellationToken);

    public Task MarkFailedAsync(int id, DateTime completedUtc, DateTime expiresUtc, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE ReportExports SET Status = 'Failed', CompletedUtc = @completedUtc, ExpiresUtc = @expiresUtc WHERE Id = @id",
            new { id, completedUtc, expiresUtc },
            cancellationToken);

    public async Task<IReadOnlyList<ReportExport>> GetExpiredAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {Columns} FROM ReportExports WHERE Status IN ('Ready', 'Failed') AND ExpiresUtc <= @nowUtc";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ReportExport>(new CommandDefinition(sql, new { nowUtc }, cancellationToken: cancellationToken))).ToList();
    }

    public Task MarkExpiredAsync(int id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE ReportExports SET Status = 'Expired', StoredName = NULL WHERE Id = @id", new { id }, cancellationToken);

    private async Task<ReportExport?> SingleAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ReportExport>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
