using Npq.Core.Reporting;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>
/// The host's loop around <see cref="BackgroundExports"/>: runs queued exports one at a time (so a burst of requests
/// never competes for the two cores with the site) and sweeps expired files every ten minutes. Exports left
/// unfinished by a restart are queued again at start.
/// </summary>
public sealed class ExportWorker(ExportQueue queue, BackgroundExports exports, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await exports.RequeueUnfinishedAsync(stoppingToken);
        await Task.WhenAll(ProcessAsync(stoppingToken), SweepAsync(stoppingToken));
    }

    private async Task ProcessAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var id in queue.ReadAllAsync(stoppingToken))
            {
                await exports.RunAsync(id, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: an export in flight stays Running and is picked up again on the next start.
        }
    }

    private async Task SweepAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(SweepEvery, time);
        try
        {
            do
            {
                await exports.SweepOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
