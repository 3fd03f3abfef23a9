namespace Npq.Core.Reporting;

/// <summary>Where a background export stands.</summary>
public enum ExportStatus
{
    Queued,
    Running,
    Ready,
    Failed,
    Expired,
}

/// <summary>The file formats a report is exported in.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// A report file made in the background for one person, kept until <see cref="ExpiresUtc"/>. The
/// <see cref="Token"/> names it in links; only <see cref="RequestedByUserId"/> may see or download it.
/// </summary>
public sealed record ReportExport
{
    public int Id { get; init; }
    public required string Token { get; init; }
    public int RequestedByUserId { get; init; }
    public required string Report { get; init; }
    public ExportFormat Format { get; init; }

    /// <summary>The scope and filter, serialised when the export was asked for.</summary>
    public required string Query { get; init; }
    public ExportStatus Status { get; init; }
    public int RowsTotal { get; init; }
    public int RowsWritten { get; init; }
    public string? StoredName { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? CompletedUtc { get; init; }
    public DateTime? ExpiresUtc { get; init; }

    /// <summary>Progress as a whole percent (100 once ready).</summary>
    public int Percent => Status == ExportStatus.Ready ? 100 : RowsTotal <= 0 ? 0 : Math.Min(99, RowsWritten * 100 / RowsTotal);
}

/// <summary>Background exports: their queue rows, progress and expiry.</summary>
public interface IReportExportRepository
{
    Task<int> CreateAsync(ReportExport export, CancellationToken cancellationToken = default);

    Task<ReportExport?> FindAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The export with this token, only if it belongs to this user.</summary>
    Task<ReportExport?> FindForUserAsync(string token, int userId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReportExport>> ListForUserAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Exports left queued or running (after a restart), oldest first.</summary>
    Task<IReadOnlyList<int>> GetUnfinishedAsync(CancellationToken cancellationToken = default);

    Task MarkRunningAsync(int id, int rowsTotal, CancellationToken cancellationToken = default);

    Task ReportProgressAsync(int id, int rowsWritten, CancellationToken cancellationToken = default);

    Task MarkReadyAsync(int id, string storedName, int rowsWritten, DateTime completedUtc, DateTime expiresUtc, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(int id, DateTime completedUtc, DateTime expiresUtc, CancellationToken cancellationToken = default);

    /// <summary>Ready exports whose time is up; the caller deletes their files and then marks them expired.</summary>
    Task<IReadOnlyList<ReportExport>> GetExpiredAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    Task MarkExpiredAsync(int id, CancellationToken cancellationToken = default);
}
