using Microsoft.Extensions.Options;
using Npq.Core.Enrolment;
using Npq.Core.Materials;

namespace Npq.Core.Reporting;

/// <summary>One bar of a chart.</summary>
public sealed record Bar(string Label, int Value);

/// <summary>Why a candidate is on the at-risk list.</summary>
public sealed record AtRisk(CompletionRow Row, IReadOnlyList<string> Reasons);

/// <summary>
/// A provider admin's picture of one cohort: the funnel, the distributions, the candidates at risk (one page of them,
/// <see cref="AtRiskPage"/> of <see cref="AtRiskPageSize"/>, out of <see cref="AtRiskTotal"/>).
/// </summary>
public sealed record CohortDashboard(
    CohortOption Cohort,
    IReadOnlyList<Bar> Funnel,
    IReadOnlyList<Bar> Attendance,
    IReadOnlyList<Bar> Coverage,
    IReadOnlyList<AtRisk> AtRisk,
    int AtRiskAttendancePercent,
    int AtRiskMaterialsGapPoints = DashboardMath.DefaultMaterialsGapPoints)
{
    /// <summary>Every candidate at risk in the cohort (the list shows a page of them).</summary>
    public int AtRiskTotal { get; init; } = AtRisk.Count;

    public int AtRiskPage { get; init; } = 1;

    public int AtRiskPageSize { get; init; } = CohortDashboards.AtRiskPageSize;
}

/// <summary>The at-risk rules' settings: attendance under <see cref="AttendancePercent"/>; materials <see cref="MaterialsGapPoints"/> or more under the median.</summary>
public sealed record AtRiskRules(int AttendancePercent, int MaterialsGapPoints);

/// <summary>
/// What a cohort's dashboard shows, counted by the database over the figures kept per enrolment (those with no fresh
/// figures computed live): candidates per band of attendance and of coverage (<see cref="DashboardMath.PercentBands"/>,
/// after those with no figure), final assessments submitted and passed, the median materials completed % of the active
/// candidates, and one page of the candidates at risk in the list's order (reasons most first, then name), with the
/// count of them all.
/// </summary>
public sealed record CohortDashboardFigures
{
    /// <summary>No figure, then one count per band of <see cref="DashboardMath.PercentBands"/>.</summary>
    public required IReadOnlyList<int> AttendanceBands { get; init; }

    public required IReadOnlyList<int> CoverageBands { get; init; }

    public int FinalSubmitted { get; init; }

    public int Passed { get; init; }

    /// <summary>The median for <see cref="DashboardMath.Reasons"/>; null when no active candidate's course has published materials.</summary>
    public int? MaterialsMedian { get; init; }

    public int AtRiskTotal { get; init; }

    /// <summary>The page shown: the one asked for, or 1 when that is past the end.</summary>
    public int AtRiskPage { get; init; } = 1;

    /// <summary>The page's candidates: names, school, mentor, status and the figures the rules read.</summary>
    public IReadOnlyList<CompletionRow> AtRiskRows { get; init; } = [];
}

/// <summary>The cohort dashboard's reads (the completion report's figures, counted in the database).</summary>
public interface ICohortDashboardQueries
{
    /// <summary>
    /// The figures of <paramref name="cohortId"/> (a cohort in <paramref name="scope"/>, already checked) with page
    /// <paramref name="page"/> of <paramref name="pageSize"/> of its candidates at risk under <paramref name="rules"/>.
    /// </summary>
    Task<CohortDashboardFigures> ReadAsync(ReportScope scope, int cohortId, AtRiskRules rules, int page, int pageSize, DateTime nowUtc,
        CancellationToken cancellationToken = default);
}

/// <summary>A headteacher's one-page view of their school's candidates.</summary>
public sealed record SchoolDashboard(string SchoolName, IReadOnlyList<CompletionRow> Rows, DateTime GeneratedUtc)
{
    /// <summary>Each enrolment's progress through its course's materials, by enrolment id.</summary>
    public IReadOnlyDictionary<int, MaterialsSummary> Materials { get; init; } = new Dictionary<int, MaterialsSummary>();
}

/// <summary>Report dashboards: a provider admin's view of each cohort and a headteacher's page of their school.</summary>
public sealed class CohortDashboards(
    ICompletionReportQueries report,
    IReportLookups lookups,
    ReportCohorts cohorts,
    DeclarationReviewService declarations,
    IOptions<DashboardOptions> options,
    TimeProvider time,
    ICohortDashboardQueries figures,
    IMaterialsProgressQueries? materials = null)
{
    /// <summary>Candidates at risk shown a page (the most the shared pager offers: a cohort's whole list, as a rule).</summary>
    public const int AtRiskPageSize = 100;

    /// <summary>
    /// The dashboard of one of the provider's cohorts, with page <paramref name="atRiskPage"/> of its candidates at risk
    /// (<paramref name="atRiskPageSize"/> a page); null for another provider's cohort or a scope without a provider.
    /// </summary>
    public async Task<CohortDashboard?> CohortAsync(ReportScope scope, int cohortId, int atRiskPage = 1, int atRiskPageSize = AtRiskPageSize,
        CancellationToken cancellationToken = default)
    {
        var cohort = await cohorts.OfProviderAsync(scope, cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var threshold = Math.Clamp(options.Value.AtRiskAttendancePercent, 0, 100);
        var materialsGap = Math.Clamp(options.Value.AtRiskMaterialsGapPoints, 1, 100);
        var pageSize = Math.Clamp(atRiskPageSize, 1, AtRiskPageSize);
        var read = await figures.ReadAsync(scope, cohortId, new AtRiskRules(threshold, materialsGap), Math.Max(1, atRiskPage), pageSize, now, cancellationToken);
        var engagement = await declarations.CountEngagementAsync(cohortId, now, cancellationToken);
        var counts = await lookups.GetCohortCountsAsync(cohortId, cancellationToken);
        return new CohortDashboard(
            cohort,
            DashboardMath.Funnel(counts, engagement, read.FinalSubmitted, read.Passed),
            DashboardMath.Bands(read.AttendanceBands, "No session yet"),
            DashboardMath.Bands(read.CoverageBands, "No framework"),
            read.AtRiskRows.Select(r => new AtRisk(r, DashboardMath.Reasons(r, threshold, materialsGap, read.MaterialsMedian))).ToList(),
            threshold,
            materialsGap)
        {
            AtRiskTotal = read.AtRiskTotal,
            AtRiskPage = read.AtRiskPage,
            AtRiskPageSize = pageSize,
        };
    }

    /// <summary>The headteacher's school page; null when their account has no school.</summary>
    public async Task<SchoolDashboard?> SchoolAsync(int headteacherUserId, CancellationToken cancellationToken = default)
    {
        var (_, schoolId) = await lookups.GetAffiliationAsync(headteacherUserId, cancellationToken);
        if (schoolId is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = await AllRowsAsync(ReportScope.ForSchool(schoolId.Value), new CompletionFilter(), now, cancellationToken);
        return new SchoolDashboard(await lookups.GetSchoolNameAsync(schoolId.Value, cancellationToken) ?? "Your school", rows, now)
        {
            Materials = materials is null || rows.Count == 0
                ? new Dictionary<int, MaterialsSummary>()
                : await materials.GetSummariesAsync(rows.Select(r => r.EnrolmentId).ToList(), cancellationToken),
        };
    }

    private async Task<List<CompletionRow>> AllRowsAsync(ReportScope scope, CompletionFilter filter, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var rows = new List<CompletionRow>();
        await foreach (var row in report.StreamAsync(scope, filter, nowUtc, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }
}

/// <summary>The arithmetic of the dashboards, kept apart so it is tested on its own.</summary>
public static class DashboardMath
{
    public const int DefaultMaterialsGapPoints = 25;

    public static readonly (int From, int To)[] PercentBands = [(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)];

    /// <summary>The bars of counts already made: those without a figure, then one per band of <see cref="PercentBands"/>.</summary>
    public static IReadOnlyList<Bar> Bands(IReadOnlyList<int> counts, string noneLabel)
    {
        if (counts.Count != PercentBands.Length + 1)
        {
            throw new ArgumentException($"One count without a figure and {PercentBands.Length} bands expected.", nameof(counts));
        }

        var bars = new List<Bar> { new(noneLabel, counts[0]) };
        bars.AddRange(PercentBands.Select((b, i) => new Bar($"{b.From}–{b.To}%", counts[i + 1])));
        return bars;
    }

    /// <summary>
    /// Applied → enrolled → started → retained → submitted → passed, every step already counted. Started and retained
    /// count a declaration the rules justify or one already recorded (in SQL: <see cref="DeclarationReviewService.CountEngagementAsync"/>).
    /// </summary>
    public static IReadOnlyList<Bar> Funnel(CohortCounts counts, CohortEngagementCounts engagement, int finalSubmitted, int passed) =>
        [
            new("Applied", counts.Applied),
            new("Enrolled", counts.Enrolled),
            new("Started", engagement.Started),
            new("Retained", engagement.Retained),
            new("Submitted final assessment", finalSubmitted),
            new("Passed", passed),
        ];

    /// <summary>
    /// Why an active candidate is at risk (none: they are not): attendance under the bar, overdue tasks, ratings that
    /// have not gone up between their last two progress updates, or materials completed <paramref name="materialsGapPoints"/>
    /// percentage points or more below <paramref name="materialsMedian"/>, the median materials completed % of their
    /// cohort's active candidates whose course has published materials (the lower middle value of an even count,
    /// rounded down; null when there is none).
    /// </summary>
    public static IReadOnlyList<string> Reasons(CompletionRow row, int attendancePercent, int materialsGapPoints, int? materialsMedian)
    {
        var reasons = new List<string>();
        if (row.AttendancePercent is { } a && a < attendancePercent)
        {
            reasons.Add($"Attendance {a}% (under {attendancePercent}%)");
        }

        if (row.TasksOverdue > 0)
        {
            reasons.Add($"{row.TasksOverdue} task(s) overdue");
        }

        if (row.RatingsNotMoving)
        {
            reasons.Add("Progress ratings not moving");
        }

        if (row.MaterialsPercent is { } m && materialsMedian is { } median && m <= median - materialsGapPoints)
        {
            reasons.Add($"Materials {m}% completed (cohort median {median}%)");
        }

        return reasons;
    }
}
