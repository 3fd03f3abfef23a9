using Microsoft.Extensions.Options;
using Npq.Core.Dfe;
using Quartz;

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
/// The scheduled sync, a clustered job every <see cref="DfeSyncOptions.PushEverySeconds"/>: runs the due pushes of the
/// outbox, and pulls each enabled provider whose last pull is <see cref="DfeSyncOptions.PullEveryMinutes"/> old. One
/// run at a time across the instances; the work is also claimed in the database (the outbox rows, the provider's
/// pull), so nothing is done twice even by the admin's buttons beside it. A failed run is tried again at the next turn.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DfeSyncWorker(IServiceScopeFactory scopes, IOptions<DfeSyncOptions> options, TimeProvider time, ILogger<DfeSyncWorker> logger) : IJob
{
    /// <summary>This instance's name in claims.</summary>
    public static readonly string Worker = $"{Environment.MachineName[..Math.Min(40, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>How often the job runs, or null when the sync is off or left to the admin's buttons.</summary>
    public static TimeSpan? Every(DfeSyncOptions o) =>
        !o.Background || string.Equals(o.Mode, "Off", StringComparison.OrdinalIgnoreCase) ? null : TimeSpan.FromSeconds(Math.Max(1, o.PushEverySeconds));

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await RunAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The DfE sync failed; it tries again at its next turn");
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var connections = scope.ServiceProvider.GetRequiredService<IDfeConnectionRepository>();
        var pull = scope.ServiceProvider.GetRequiredService<DfePull>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var providerId in await connections.DueForPullAsync(now.AddMinutes(-Math.Max(1, o.PullEveryMinutes)), cancellationToken))
        {
            await pull.PullAsync(providerId, Worker, cancellationToken);
        }

        await scope.ServiceProvider.GetRequiredService<DfePush>().RunDueAsync(Worker, cancellationToken: cancellationToken);
    }
}
