using Npq.Core.Enrolment;
using Npq.Core.Reporting;

namespace Npq.Tests.Core.Reporting;

/// <summary>
/// The cohort dashboard's figures computed in C# over the report's whole rows, as the dashboard did before the
/// database counted them (<see cref="ICohortDashboardQueries"/>): the reference the SQL is compared with, built from
/// the dashboard's own rules (<see cref="DashboardMath.Bands"/>, <see cref="DashboardMath.Reasons"/>).
/// </summary>
public static class DashboardReference
{
    /// <summary>Counts of candidates per band of a percentage; those without a figure counted apart.</summary>
    public static IReadOnlyList<Bar> Distribution(IEnumerable<int?> values, string noneLabel)
    {
        var list = values.ToList();
        return DashboardMath.Bands([list.Count(v => v is null), .. DashboardMath.PercentBands.Select(b => list.Count(v => v is { } x && x >= b.From && x <= b.To))], noneLabel);
    }

    /// <summary>Lines of a review with a started item and with a retained-1 item (declared, due or declared without evidence).</summary>
    public static CohortEngagementCounts Engagement(IReadOnlyList<DeclarationLine> lines)
    {
        bool Has(DeclarationLine line, DeclarationType type) => line.Items.Any(i => i.Type == type);
        return new CohortEngagementCounts(lines.Count(l => Has(l, DeclarationType.Started)), lines.Count(l => Has(l, DeclarationType.Retained1)));
    }

    /// <summary>The active candidates with a reason to be at risk, most reasons first, then by name.</summary>
    public static IReadOnlyList<AtRisk> AtRisk(IEnumerable<CompletionRow> rows, int attendancePercent, int materialsGapPoints = DashboardMath.DefaultMaterialsGapPoints)
    {
        var result = new List<AtRisk>();
        var active = rows.Where(r => r.TrainingStatus is TrainingStatus.Active).ToList();
        var medians = MaterialsMedians(active);
        foreach (var row in active)
        {
            var reasons = DashboardMath.Reasons(row, attendancePercent, materialsGapPoints, medians.TryGetValue(row.CohortId, out var median) ? median : null);
            if (reasons.Count > 0)
            {
                result.Add(new AtRisk(row, reasons));
            }
        }

        return result.OrderByDescending(r => r.Reasons.Count).ThenBy(r => r.Row.CandidateName, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// Per cohort, the median materials completed % of the given rows whose course has published materials (the
    /// lower middle value of an even count, rounded down); cohorts without such rows are left out.
    /// </summary>
    public static IReadOnlyDictionary<int, int> MaterialsMedians(IEnumerable<CompletionRow> rows) =>
        rows.Where(r => r.MaterialsPercent is not null)
            .GroupBy(r => r.CohortId)
            .ToDictionary(g => g.Key, g =>
            {
                var sorted = g.Select(r => r.MaterialsPercent!.Value).Order().ToList();
                return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
            });
}
