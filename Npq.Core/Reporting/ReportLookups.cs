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

/// <summary>A course, delivery partner or cohort a report may be filtered by.</summary>
public sealed record ReportChoice
{
    public int Id { get; init; }
    public string Name { get; init; } = string.Empty;
}

/// <summary>
/// What a report's filters offer: every course and delivery partner in scope (a provider has a few of each), and the
/// cohorts, at most a bounded number: a provider's cohorts pile up year after year. <see cref="MoreCohorts"/> says that
/// some were left out (the newest are listed, the one chosen always among them), so the page can say to choose a course.
/// Each is its id and name, all a filter's list shows.
/// </summary>
public sealed record ReportFilterChoices(IReadOnlyList<ReportChoice> Courses, IReadOnlyList<ReportChoice> Partners, IReadOnlyList<ReportChoice> Cohorts, bool MoreCohorts)
{
    public static readonly ReportFilterChoices None = new([], [], [], false);
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

    /// <summary>
    /// The filters' choices in scope: its courses and delivery partners, and up to <paramref name="cohortLimit"/> of its
    /// cohorts (of <paramref name="courseId"/> when given), the newest first and <paramref name="cohortId"/> always among
    /// them when it is in scope.
    /// </summary>
    Task<ReportFilterChoices> GetFilterChoicesAsync(ReportScope scope, int? courseId, int? cohortId, int cohortLimit, CancellationToken cancellationToken = default);

    /// <summary>One page of the provider's cohorts by course, then soonest first, and how many cohorts the provider has.</summary>
    Task<(int Total, IReadOnlyList<CohortOption> Rows)> GetProviderCohortsPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The provider's cohort of this id; null when there is none or it is another provider's.</summary>
    Task<CohortOption?> GetProviderCohortAsync(int providerId, int cohortId, CancellationToken cancellationToken = default);

    Task<CohortCounts> GetCohortCountsAsync(int cohortId, CancellationToken cancellationToken = default);

    Task<string?> GetSchoolNameAsync(int schoolId, CancellationToken cancellationToken = default);

    Task<string?> GetProviderNameAsync(int providerId, CancellationToken cancellationToken = default);
}
