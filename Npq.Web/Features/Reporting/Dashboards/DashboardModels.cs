using Npq.Core.Reporting;

namespace Npq.Web.Features.Reporting.Dashboards;

/// <summary>One bar of a chart.</summary>
public sealed record Bar(string Label, int Value);

/// <summary>A horizontal bar chart drawn as SVG on the server, with its text alternative.</summary>
public sealed record BarChartModel(string Id, string Title, string Description, IReadOnlyList<Bar> Bars, string ValueHeader)
{
    public const int LabelWidth = 190;
    public const int BarArea = 360;
    public const int RowHeight = 34;

    public int Max => Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Value));

    public int Height => Bars.Count * RowHeight + 8;

    public int BarWidth(int value) => value <= 0 ? 0 : Math.Max(2, value * BarArea / Max);
}

/// <summary>Why a candidate is on the at-risk list.</summary>
public sealed record AtRisk(CompletionRow Row, IReadOnlyList<string> Reasons);

/// <summary>An admin's dashboard of one cohort.</summary>
public sealed record CohortDashboardModel
{
    public required CohortOption Cohort { get; init; }
    public required BarChartModel Funnel { get; init; }
    public required BarChartModel Attendance { get; init; }
    public required BarChartModel Coverage { get; init; }
    public IReadOnlyList<AtRisk> AtRisk { get; init; } = [];
    public int AtRiskAttendancePercent { get; init; }
}

/// <summary>A headteacher's one-page view of their school's candidates.</summary>
public sealed record SchoolDashboardModel(string SchoolName, IReadOnlyList<CompletionRow> Rows, DateTime GeneratedUtc);

/// <summary>The arithmetic of the dashboards, kept apart from the controller so it is tested on its own.</summary>
public static class DashboardMath
{
    public static readonly (int From, int To)[] PercentBands = [(0, 19), (20, 39), (40, 59), (60, 79), (80, 100)];

    /// <summary>Counts of candidates per band of a percentage; those without a figure counted apart.</summary>
    public static IReadOnlyList<Bar> Distribution(IEnumerable<int?> values, string noneLabel)
    {
        var list = values.ToList();
        var bars = new List<Bar> { new(noneLabel, list.Count(v => v is null)) };
        bars.AddRange(PercentBands.Select(b => new Bar($"{b.From}–{b.To}%", list.Count(v => v is { } x && x >= b.From && x <= b.To))));
        return bars;
    }

    /// <summary>
    /// Applied → enrolled → started → retained → submitted → passed. Started and retained count a declaration the
    /// rules justify or one already recorded.
    /// </summary>
    public static IReadOnlyList<Bar> Funnel(CohortCounts counts, IReadOnlyList<DeclarationLine> lines, IReadOnlyList<CompletionRow> rows)
    {
        bool Has(DeclarationLine line, DeclarationType type) => line.Items.Any(i => i.Type == type);
        return
        [
            new("Applied", counts.Applied),
            new("Enrolled", counts.Enrolled),
            new("Started", lines.Count(l => Has(l, DeclarationType.Started))),
            new("Retained", lines.Count(l => Has(l, DeclarationType.Retained1))),
            new("Submitted final assessment", rows.Count(r => r.FinalSubmitted)),
            new("Passed", rows.Count(r => r.Outcome == OutcomeState.Passed)),
        ];
    }

    /// <summary>
    /// Candidates still in training who need attention: attendance under the bar, overdue tasks, or ratings that
    /// have not gone up between their last two progress updates.
    /// </summary>
    public static IReadOnlyList<AtRisk> AtRisk(IEnumerable<CompletionRow> rows, int attendancePercent)
    {
        var result = new List<AtRisk>();
        foreach (var row in rows.Where(r => r.TrainingStatus is Core.Enrolment.TrainingStatus.Active))
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

            if (reasons.Count > 0)
            {
                result.Add(new AtRisk(row, reasons));
            }
        }

        return result.OrderByDescending(r => r.Reasons.Count).ThenBy(r => r.Row.CandidateName, StringComparer.CurrentCulture).ToList();
    }
}
