namespace Npq.Core.FinalAssessment;

/// <summary>Where a record zip stands: queued, being built (by whichever instance took the job), ready, or failed.</summary>
public enum RecordArchiveState
{
    Queued,
    Running,
    Ready,
    Failed,
}

/// <summary>A cohort's released records as one zip, asked for by one admin (its owner, the only one who sees it).</summary>
public sealed class RecordArchive
{
    public string Id { get; set; } = "";
    public int CohortId { get; set; }
    public int OwnerUserId { get; set; }
    public string FileName { get; set; } = "";
    public RecordArchiveState State { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public string? StoredName { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? StartedUtc { get; set; }
    public DateTime? FinishedUtc { get; set; }

    public bool Finished => State is RecordArchiveState.Ready or RecordArchiveState.Failed;
}

/// <summary>The <c>RecordArchives</c> rows: a zip's progress, shared by every instance.</summary>
public interface IRecordArchiveRepository
{
    Task CreateAsync(RecordArchive archive, CancellationToken cancellationToken = default);

    Task<RecordArchive?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The archive only if this user asked for it.</summary>
    Task<RecordArchive?> FindForOwnerAsync(string id, int ownerUserId, CancellationToken cancellationToken = default);

    /// <summary>Starts (or, after a dead instance, restarts) the build: Running, the total, nothing done yet.</summary>
    Task MarkRunningAsync(string id, int total, DateTime startedUtc, CancellationToken cancellationToken = default);

    Task ReportProgressAsync(string id, int done, CancellationToken cancellationToken = default);

    Task MarkReadyAsync(string id, string storedName, int done, DateTime finishedUtc, CancellationToken cancellationToken = default);

    Task MarkFailedAsync(string id, DateTime finishedUtc, CancellationToken cancellationToken = default);

    /// <summary>Finished archives that finished before the time given (their zips are deleted with them).</summary>
    Task<IReadOnlyList<RecordArchive>> GetFinishedBeforeAsync(DateTime beforeUtc, CancellationToken cancellationToken = default);

    Task DeleteAsync(string id, CancellationToken cancellationToken = default);
}
