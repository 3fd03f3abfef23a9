namespace Npq.Core.Dfe;

/// <summary>
/// What the DfE page shows besides the connection: one page of the applications DfE holds
/// (<paramref name="ApplicationsTotal"/> in all, <paramref name="ApplicationsPage"/> the page shown), the latest pushes,
/// and one page of the provider's cohorts to reconcile (<paramref name="CohortsTotal"/>, <paramref name="CohortsPage"/>).
/// </summary>
public sealed record DfeActivity(IReadOnlyList<DfePulledApplication> Applications, IReadOnlyList<DfeJob> Jobs, IReadOnlyList<DfeCohort> Cohorts, int CohortsTotal, int CohortsPage)
{
    public int ApplicationsTotal { get; init; }

    public int ApplicationsPage { get; init; } = 1;
}

/// <summary>The provider's DfE activity, and trying a refused push again.</summary>
public sealed class DfeOverview(IDfeMirrorRepository mirror, IDfeOutbox outbox, TimeProvider time)
{
    public const int RecentJobs = 50;

    /// <summary>The provider's activity with one page of its cohorts and one of DfE's applications (a page past the end gives the first).</summary>
    public async Task<DfeActivity> ActivityAsync(int providerId, int cohortPage, int cohortSize, int applicationPage = 1, int applicationSize = 25, CancellationToken cancellationToken = default)
    {
        var (total, cohorts) = await mirror.GetCohortsPageAsync(providerId, Skip(cohortPage, cohortSize), cohortSize, cancellationToken);
        if (cohortPage > 1 && cohorts.Count == 0)
        {
            cohortPage = 1;
            (total, cohorts) = await mirror.GetCohortsPageAsync(providerId, 0, cohortSize, cancellationToken);
        }

        var (applicationsTotal, applications) = await mirror.GetApplicationsPageAsync(providerId, Skip(applicationPage, applicationSize), applicationSize, cancellationToken);
        if (applicationPage > 1 && applications.Count == 0)
        {
            applicationPage = 1;
            (applicationsTotal, applications) = await mirror.GetApplicationsPageAsync(providerId, 0, applicationSize, cancellationToken);
        }

        return new(applications, await outbox.RecentAsync(providerId, RecentJobs, cancellationToken), cohorts, total, cohortPage)
        {
            ApplicationsTotal = applicationsTotal,
            ApplicationsPage = applicationPage,
        };
    }

    private static int Skip(int page, int size) => (int)Math.Min(int.MaxValue, ((long)page - 1) * size);

    /// <summary>Queues a failed push of the provider again, due now; false when it is not the provider's or has not failed.</summary>
    public Task<bool> RetryAsync(int providerId, long jobId, CancellationToken cancellationToken = default) =>
        outbox.RetryFailedAsync(providerId, jobId, time.GetUtcNow().UtcDateTime, cancellationToken);
}
