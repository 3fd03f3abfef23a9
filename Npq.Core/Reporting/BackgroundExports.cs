using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Auditing;
using Npq.Core.Files;

namespace Npq.Core.Reporting;

/// <summary>A ready export opened for its owner to download.</summary>
public sealed record ExportDownload(ReportExport Export, Stream Content);

/// <summary>
/// Background exports: their owner lists, follows and downloads them (audited); a job runs each (one at a time across
/// the instances), writing progress as it goes, and stores the file through the shared file store, so any instance
/// serves the download. A sweep deletes files whose time is up and queues again any export whose queuing was lost.
/// </summary>
public sealed class BackgroundExports(
    IReportExportRepository exports,
    ICompletionReportQueries report,
    IFileStore files,
    ICompletionExportWriter writer,
    IExportJobs queue,
    IAuditLog audit,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<BackgroundExports> logger)
{
    /// <summary>Progress is saved every this many rows.</summary>
    public const int ProgressEvery = 250;

    public Task<IReadOnlyList<ReportExport>> ListAsync(int userId, CancellationToken cancellationToken = default) =>
        exports.ListForUserAsync(userId, cancellationToken);

    /// <summary>The export with this token, only if it belongs to this user.</summary>
    public Task<ReportExport?> FindAsync(string token, int userId, CancellationToken cancellationToken = default) =>
        exports.FindForUserAsync(token, userId, cancellationToken);

    /// <summary>The owner's ready, unexpired export with its file open (the download is audited); null otherwise.</summary>
    public async Task<ExportDownload?> OpenDownloadAsync(string token, ReportActor actor, CancellationToken cancellationToken = default)
    {
        var export = await exports.FindForUserAsync(token, actor.UserId, cancellationToken);
        if (export is not { Status: ExportStatus.Ready, StoredName: { } storedName } || export.ExpiresUtc <= time.GetUtcNow().UtcDateTime)
        {
            return null;
        }

        var content = await files.OpenReadAsync(storedName, cancellationToken);
        if (content is null)
        {
            return null;
        }

        try
        {
            await audit.RecordAsync(time, actor, "report.export-downloaded", $"export:{export.Id}", $"completion {export.Format}", cancellationToken);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }

        return new ExportDownload(export, content);
    }

    /// <summary>
    /// Queues again the exports left queued or running (an export whose queuing failed after its row was written);
    /// the queue stores each once, and one a job is running or recovering is not run twice.
    /// </summary>
    public async Task RequeueUnfinishedAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var id in await exports.GetUnfinishedAsync(cancellationToken))
            {
                await queue.EnqueueAsync(id, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not queue unfinished exports again");
        }
    }

    /// <summary>Makes one export's file.</summary>
    public async Task RunAsync(int id, CancellationToken cancellationToken)
    {
        var export = await exports.FindAsync(id, cancellationToken);
        if (export is null || export.Status is ExportStatus.Ready or ExportStatus.Expired or ExportStatus.Failed)
        {
            return;
        }

        string? storedName = null;
        try
        {
            var request = ExportRequest.Deserialise(export.Query);
            var total = await report.CountAsync(request.Scope, request.Filter, cancellationToken);
            await exports.MarkRunningAsync(id, total, cancellationToken);
            var written = 0;

            async IAsyncEnumerable<CompletionRow> Counted()
            {
                await foreach (var row in report.StreamAsync(request.Scope, request.Filter, time.GetUtcNow().UtcDateTime, cancellationToken))
                {
                    yield return row;
                    if (++written % ProgressEvery == 0)
                    {
                        await exports.ReportProgressAsync(id, written, cancellationToken);
                    }
                }
            }

            // Written to a temporary file first (Excel needs to seek), then stored where every instance can read it.
            var temp = Path.Combine(Path.GetTempPath(), $"npq-export-{Guid.NewGuid():N}.tmp");
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose))
            {
                await writer.WriteAsync(export.Format, file, Counted(), cancellationToken);
                file.Position = 0;
                storedName = await files.SaveAsync(file, cancellationToken);
            }

            var now = time.GetUtcNow().UtcDateTime;
            await exports.MarkReadyAsync(id, storedName, written, now, now.AddHours(options.Value.KeepHours), cancellationToken);
            logger.LogInformation("Export {ExportId} ready with {Rows} rows", id, written);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await DeleteQuietlyAsync(storedName);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Export {ExportId} failed", id);
            await DeleteQuietlyAsync(storedName);
            var now = time.GetUtcNow().UtcDateTime;
            await exports.MarkFailedAsync(id, now, now.AddHours(options.Value.KeepHours), CancellationToken.None);
        }
    }

    /// <summary>Deletes the files of exports whose time is up and marks them expired.</summary>
    public async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var export in await exports.GetExpiredAsync(time.GetUtcNow().UtcDateTime, cancellationToken))
            {
                await DeleteQuietlyAsync(export.StoredName);
                await exports.MarkExpiredAsync(export.Id, cancellationToken);
                logger.LogInformation("Export {ExportId} expired and its file was deleted", export.Id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Sweeping expired exports failed");
        }
    }

    private async Task DeleteQuietlyAsync(string? storedName)
    {
        if (string.IsNullOrEmpty(storedName))
        {
            return;
        }

        try
        {
            await files.DeleteAsync(storedName, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or ArgumentException)
        {
            logger.LogWarning(ex, "An export's file could not be deleted");
        }
    }
}
