namespace Npq.Core.Reporting;

/// <summary>The cohorts a person may report on: every one in their scope, or one of their provider's.</summary>
public sealed class ReportCohorts(IReportLookups lookups)
{
    /// <summary>
    /// One page of the provider's cohorts by course, then soonest first, and how many there are (none for a scope that
    /// is not a provider's); a page past the end gives the first.
    /// </summary>
    public async Task<(int Total, int Page, IReadOnlyList<CohortOption> Rows)> ProviderPageAsync(ReportScope scope, int page, int size, CancellationToken cancellationToken = default)
    {
        if (scope.ProviderId is not { } providerId)
        {
            return (0, 1, []);
        }

        var (total, rows) = await lookups.GetProviderCohortsPageAsync(providerId, (int)Math.Min(int.MaxValue, ((long)page - 1) * size), size, cancellationToken);
        if (page > 1 && rows.Count == 0)
        {
            page = 1;
            (total, rows) = await lookups.GetProviderCohortsPageAsync(providerId, 0, size, cancellationToken);
        }

        return (total, page, rows);
    }

    /// <summary>The cohort, only when the scope is a provider's and the cohort is one of theirs; null otherwise.</summary>
    /// <remarks>One query for the one cohort, whatever the number of the provider's cohorts.</remarks>
    public async Task<CohortOption?> OfProviderAsync(ReportScope scope, int cohortId, CancellationToken cancellationToken = default) =>
        scope.ProviderId is { } providerId ? await lookups.GetProviderCohortAsync(providerId, cohortId, cancellationToken) : null;
}
