using Microsoft.Extensions.Options;
using Npq.Core.Dfe;

namespace Npq.Web.Features.Dfe.Sync;

/// <summary>When the background sync runs.</summary>
public sealed class DfeSyncOptions
{
    /// <summary><c>Off</c> (default), <c>Live</c> (DfE's sandbox or production, per provider) or <c>Fake</c> (the in-process fake DfE).</summary>
    public string Mode { get; set; } = "Off";

    /// <summary>Minutes between pulls of each enabled provider.</summary>
    public int PullEveryMinutes { get; set; } = 60;

    /// <summary>Seconds between looks at the outbox.</summary>
    public int PushEverySeconds { get; set; } = 15;

    /// <summary>Whether the background service runs at all (tests drive the sync themselves).</summary>
    public bool Background { get; set; } = true;
}

/// <summary>
/// The scheduled sync: every few seconds runs the due pushes of the outbox; every <see cref="DfeSyncOptions.PullEveryMinutes"/>
/// pulls each enabled provider. Work is claimed in the database (the outbox rows, the provider's pull), so several
/// instances of the site share it without doing anything twice.
/// </summary>
public sealed class DfeSyncWorker(IServiceScopeFactory scopes, IOptions<DfeSyncOptions> options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<DfeSyncWorker> logger) : BackgroundService
{
    /// <summary>This instance's name in claims.</summary>
    public static readonly string Worker = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Background || string.Equals(o.Mode, "Off", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // The fake DfE is this site: wait until it listens.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, o.PushEverySeconds)), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var connections = scope.ServiceProvider.GetRequiredService<IDfeConnectionRepository>();
                var pull = scope.ServiceProvider.GetRequiredService<DfePull>();
                var now = time.GetUtcNow().UtcDateTime;
                foreach (var providerId in await connections.DueForPullAsync(now.AddMinutes(-Math.Max(1, o.PullEveryMinutes)), stoppingToken))
                {
                    await pull.PullAsync(providerId, Worker, stoppingToken);
                }

                await scope.ServiceProvider.GetRequiredService<DfePush>().RunDueAsync(Worker, cancellationToken: stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The DfE sync failed; it tries again at its next turn");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
