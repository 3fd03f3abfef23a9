namespace Npq.Core.Reporting;

/// <summary>The cohorts a person may report on: every one in their scope, or one of their provider's.</summary>
public sealed class ReportCohorts(IReportLookups lookups)
{
    /// <summary>The cohorts that hold at least one enrolment in scope (every cohort of the provider for an admin).</summary>
    public Task<IReadOnlyList<CohortOption>> InScopeAsync(ReportScope scope, CancellationToken cancellationToken = default) =>
        lookups.GetCohortsAsync(scope, cancellationToken);

    /// <summary>The cohort, only when the scope is a provider's and the cohort is one of theirs; null otherwise.</summary>
    public async Task<CohortOption?> OfProviderAsync(ReportScope scope, int cohortId, CancellationToken cancellationToken = default)
    {
        if (scope.ProviderId is null)
        {
            return null;
        }

        return (await lookups.GetCohortsAsync(scope, cancellationToken)).FirstOrDefault(c => c.CohortId == cohortId);
    }
}
