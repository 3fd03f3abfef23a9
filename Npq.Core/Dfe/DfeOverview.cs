namespace Npq.Core.Dfe;

/// <summary>What the DfE page shows besides the connection: the applications DfE holds, the latest pushes, the cohorts to reconcile.</summary>
/// <summary>
/// What the DfE page shows: the applications DfE holds, the latest pushes, and one page of the provider's cohorts
/// (<paramref name="CohortsTotal"/> in all, <paramref name="CohortsPage"/> the page shown).
/// </summary>
public sealed record DfeActivity(IReadOnlyList<DfePulledApplication> Applications, IReadOnlyList<DfeJob> Jobs, IReadOnlyList<DfeCohort> Cohorts, int CohortsTotal, int CohortsPage);

/// <summary>The provider's DfE activity, and trying a refused push again.</summary>
public sealed class DfeOverview(IDfeMirrorRepository mirror, IDfeOutbox outbox, TimeProvider time)
{
    public const int RecentJobs = 50;

    /// <summary>The provider's activity with one page of its cohorts (a page past the end gives the first).</summary>
    public async Task<DfeActivity> ActivityAsync(int providerId, int cohortPage, int cohortSize, CancellationToken cancellationToken = default)
    {
        var (total, cohorts) = await mirror.GetCohortsPageAsync(providerId, (int)Math.Min(int.MaxValue, ((long)cohortPage - 1) * cohortSize), cohortSize, cancellationToken);
        if (cohortPage > 1 && cohorts.Count == 0)
        {
            cohortPage = 1;
            (total, cohorts) = await mirror.GetCohortsPageAsync(providerId, 0, cohortSize, cancellationToken);
        }

        return new(await mirror.GetApplicationsAsync(providerId, cancellationToken), await outbox.RecentAsync(providerId, RecentJobs, cancellationToken),
            cohorts, total, cohortPage);
    }

    /// <summary>Queues a failed push of the provider again, due now; false when it is not the provider's or has not failed.</summary>
    public Task<bool> RetryAsync(int providerId, long jobId, CancellationToken cancellationToken = default) =>
        outbox.RetryFailedAsync(providerId, jobId, time.GetUtcNow().UtcDateTime, cancellationToken);
}
