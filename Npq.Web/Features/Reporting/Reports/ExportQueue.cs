using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npq.Core.Reporting;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>What a background export was asked for: whose candidates and which of them.</summary>
public sealed record ExportRequest(ReportScope Scope, CompletionFilter Filter)
{
    public string Serialise() => JsonSerializer.Serialize(this);

    public static ExportRequest Deserialise(string json) =>
        JsonSerializer.Deserialize<ExportRequest>(json) ?? throw new InvalidOperationException("Empty export request");
}

/// <summary>Export ids waiting for the worker. The database row is the truth; the queue only wakes the worker.</summary>
public sealed class ExportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int exportId) => _channel.Writer.TryWrite(exportId);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>
/// Runs queued exports one at a time (so a burst of requests never competes for the two cores with the site), writes
/// progress as it goes, and deletes files whose time is up. Exports left unfinished by a restart are run again.
/// </summary>
public sealed class ExportWorker(
    ExportQueue queue,
    IReportExportRepository exports,
    ICompletionReportQueries report,
    ExportFiles files,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<ExportWorker> logger) : BackgroundService
{
    /// <summary>Progress is saved every this many rows.</summary>
    public const int ProgressEvery = 250;

    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var id in await exports.GetUnfinishedAsync(stoppingToken))
            {
                queue.Enqueue(id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not read unfinished exports at start-up");
        }

        await Task.WhenAll(ProcessAsync(stoppingToken), SweepAsync(stoppingToken));
    }

    private async Task ProcessAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in queue.ReadAllAsync(stoppingToken))
            {
                await RunAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: an export in flight stays Running and is picked up again on the next start.
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

        var storedName = ExportFiles.NewName();
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

            await using (var file = new FileStream(files.PathFor(storedName), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true))
            {
                await CompletionExport.WriteAsync(export.Format, file, Counted(), cancellationToken);
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

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery, time);
        try
        {
            do
            {
                await SweepOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
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
