using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Auditing;

namespace Npq.Core.Reporting;

/// <summary>A ready export opened for its owner to download.</summary>
public sealed record ExportDownload(ReportExport Export, Stream Content);

/// <summary>
/// Background exports: their owner lists, follows and downloads them (audited); the worker runs them one at a time,
/// writing progress as it goes, and deletes files whose time is up. Exports left unfinished by a restart are run
/// again.
/// </summary>
public sealed class BackgroundExports(
    IReportExportRepository exports,
    ICompletionReportQueries report,
    IExportFileStore files,
    ICompletionExportWriter writer,
    ExportQueue queue,
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

        var content = files.OpenRead(storedName);
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

    /// <summary>Queues the exports a restart left queued or running.</summary>
    public async Task RequeueUnfinishedAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var id in await exports.GetUnfinishedAsync(cancellationToken))
            {
                queue.Enqueue(id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not read unfinished exports at start-up");
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

        var storedName = ExportTokens.New();
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

            await using (var file = files.Create(storedName))
            {
                await writer.WriteAsync(export.Format, file, Counted(), cancellationToken);
            }

            var now = time.GetUtcNow().UtcDateTime;
            await exports.MarkReadyAsync(id, storedName, written, now, now.AddHours(options.Value.KeepHours), cancellationToken);
            logger.LogInformation("Export {ExportId} ready with {Rows} rows", id, written);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            files.Delete(storedName);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Export {ExportId} failed", id);
            files.Delete(storedName);
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
                files.Delete(export.StoredName);
                await exports.MarkExpiredAsync(export.Id, cancellationToken);
                logger.LogInformation("Export {ExportId} expired and its file was deleted", export.Id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Sweeping expired exports failed");
        }
    }
}
