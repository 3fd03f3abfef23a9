namespace Npq.Core.Reporting;

/// <summary>A cohort a report may be filtered by, with its course and delivery partner.</summary>
public sealed record CohortOption
{
    public int CohortId { get; init; }
    public string CohortName { get; init; } = string.Empty;
    public int CourseId { get; init; }
    public string CourseName { get; init; } = string.Empty;
    public int? DeliveryPartnerId { get; init; }
    public string? DeliveryPartnerName { get; init; }
    public string TimeZone { get; init; } = "Europe/London";
}

/// <summary>The funnel of one cohort: how many applied, enrolled and so on.</summary>
public sealed record CohortCounts(int Applied, int Enrolled);

/// <summary>Who may report on what: the scope of a person, the cohorts in it.</summary>
public interface IReportLookups
{
    /// <summary>The provider a provider admin belongs to, and the school of a headteacher.</summary>
    Task<(int? ProviderId, int? SchoolId)> GetAffiliationAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>The cohorts that hold at least one enrolment in scope (every cohort of the provider for an admin).</summary>
    Task<IReadOnlyList<CohortOption>> GetCohortsAsync(ReportScope scope, CancellationToken cancellationToken = default);

    /// <summary>One page of the provider's cohorts by course, then soonest first, and how many cohorts the provider has.</summary>
    Task<(int Total, IReadOnlyList<CohortOption> Rows)> GetProviderCohortsPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The provider's cohort of this id; null when there is none or it is another provider's.</summary>
    Task<CohortOption?> GetProviderCohortAsync(int providerId, int cohortId, CancellationToken cancellationToken = default);

    Task<CohortCounts> GetCohortCountsAsync(int cohortId, CancellationToken cancellationToken = default);

    Task<string?> GetSchoolNameAsync(int schoolId, CancellationToken cancellationToken = default);

    Task<string?> GetProviderNameAsync(int providerId, CancellationToken cancellationToken = default);
}
