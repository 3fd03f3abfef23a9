namespace Npq.Core.Dfe;

/// <summary>What the DfE page shows besides the connection: the applications DfE holds, the latest pushes, the cohorts to reconcile.</summary>
public sealed record DfeActivity(IReadOnlyList<DfePulledApplication> Applications, IReadOnlyList<DfeJob> Jobs, IReadOnlyList<DfeCohort> Cohorts);

/// <summary>The provider's DfE activity, and trying a refused push again.</summary>
public sealed class DfeOverview(IDfeMirrorRepository mirror, IDfeOutbox outbox, TimeProvider time)
{
    public const int RecentJobs = 50;

    public async Task<DfeActivity> ActivityAsync(int providerId, CancellationToken cancellationToken = default) =>
        new(await mirror.GetApplicationsAsync(providerId, cancellationToken), await outbox.RecentAsync(providerId, RecentJobs, cancellationToken),
            await mirror.GetCohortsAsync(providerId, cancellationToken));

    /// <summary>Queues a failed push of the provider again, due now; false when it is not the provider's or has not failed.</summary>
    public Task<bool> RetryAsync(int providerId, long jobId, CancellationToken cancellationToken = default) =>
        outbox.RetryFailedAsync(providerId, jobId, time.GetUtcNow().UtcDateTime, cancellationToken);
}
