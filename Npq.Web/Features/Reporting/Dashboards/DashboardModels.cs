using Npq.Core.Reporting;
using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Reporting.Dashboards;

/// <summary>A horizontal bar chart drawn as SVG on the server, with its text alternative.</summary>
public sealed record BarChartModel(string Id, string Title, string Description, IReadOnlyList<Bar> Bars, string ValueHeader)
{
    public const int LabelWidth = 190;
    public const int BarArea = 360;
    public const int RowHeight = 34;

    public int Max => Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Value));

    public int Height => Bars.Count * RowHeight + 8;

    public int BarWidth(int value) => value <= 0 ? 0 : Math.Max(2, value * BarArea / Max);

    /// <summary>A chart of candidates, described by its bars after <paramref name="lead"/>.</summary>
    public static BarChartModel OfCandidates(string id, string title, string lead, IReadOnlyList<Bar> bars) =>
        new(id, title, lead + string.Join("; ", bars.Select(b => $"{b.Label}: {b.Value}")) + ".", bars, "Candidates");
}

/// <summary>An admin's dashboard of one cohort.</summary>
public sealed record CohortDashboardModel
{
    public required CohortOption Cohort { get; init; }
    public required BarChartModel Funnel { get; init; }
    public required BarChartModel Attendance { get; init; }
    public required BarChartModel Coverage { get; init; }
    public IReadOnlyList<AtRisk> AtRisk { get; init; } = [];
    public int AtRiskAttendancePercent { get; init; }
    public int AtRiskMaterialsGapPoints { get; init; }

    /// <summary>Every candidate at risk in the cohort; <see cref="AtRisk"/> is one page of them.</summary>
    public int AtRiskTotal { get; init; }

    /// <summary>The at-risk list's pager: shown only when the list does not fit on one page of the default size.</summary>
    public PageLinks? AtRiskPager { get; init; }

    public static CohortDashboardModel From(CohortDashboard dashboard) => new()
    {
        Cohort = dashboard.Cohort,
        Funnel = BarChartModel.OfCandidates("funnel", "From application to pass", string.Empty, dashboard.Funnel),
        Attendance = BarChartModel.OfCandidates("attendance", "Attendance", "Candidates by share of ended sessions attended. ", dashboard.Attendance),
        Coverage = BarChartModel.OfCandidates("coverage", "Evidence coverage", "Candidates by share of framework statements with evidence. ", dashboard.Coverage),
        AtRisk = dashboard.AtRisk,
        AtRiskAttendancePercent = dashboard.AtRiskAttendancePercent,
        AtRiskMaterialsGapPoints = dashboard.AtRiskMaterialsGapPoints,
        AtRiskTotal = dashboard.AtRiskTotal,
        AtRiskPager = dashboard.AtRiskTotal > dashboard.AtRiskPageSize || dashboard.AtRiskPageSize != CohortDashboards.AtRiskPageSize
            ? new PageLinks($"/dashboards/cohorts/{dashboard.Cohort.CohortId}", [], dashboard.AtRiskPage, dashboard.AtRiskPageSize, dashboard.AtRiskTotal, "candidates at risk")
            {
                DefaultSize = CohortDashboards.AtRiskPageSize,
            }
            : null,
    };
}

/// <summary>One page of the provider's cohorts, each linking to its dashboard, and the pager under them.</summary>
public sealed record DashboardsIndexPage(IReadOnlyList<Npq.Core.Reporting.CohortOption> Cohorts, Npq.Web.Features.Shared.PageLinks Pager);
