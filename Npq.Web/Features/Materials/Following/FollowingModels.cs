using System.Globalization;
using Npq.Core.Materials;

namespace Npq.Web.Features.Materials.Following;

/// <summary>The cohort progress page: the data and its chart.</summary>
public sealed record FollowingPage(CohortMaterialsProgress Progress, CompletionChart Chart);

/// <summary>One bar: a module and the share of the cohort's candidates who completed it.</summary>
public sealed record CompletionBar(string Label, int Percent, int Completed, int Candidates);

/// <summary>
/// A horizontal bar chart of module completion, drawn as SVG on the server: each bar is the share (0–100 %) of the
/// cohort's candidates who completed the module, against an outlined 100 % track. Named by its title and described
/// in words; the page shows the same numbers in a table.
/// </summary>
public sealed record CompletionChart(string Title, string Description, IReadOnlyList<CompletionBar> Bars)
{
    public const int LabelWidth = 230;
    public const int BarArea = 320;
    public const int RowHeight = 34;
    public const int ValueWidth = 110;
    public const int LabelCharacters = 30;

    public int Width => LabelWidth + BarArea + ValueWidth;

    public int Height => Math.Max(1, Bars.Count) * RowHeight + 8;

    public static int BarWidth(int percent) => percent <= 0 ? 0 : Math.Max(2, Math.Min(100, percent) * BarArea / 100);

    /// <summary>A label short enough for the chart (the table keeps the whole title).</summary>
    public static string Short(string label) => label.Length <= LabelCharacters ? label : label[..(LabelCharacters - 1)].TrimEnd() + "…";

    public static CompletionChart From(CohortMaterialsProgress progress)
    {
        var bars = progress.Modules.Select(m => new CompletionBar(m.Title, m.Percent, m.CandidatesCompleted, m.Candidates)).ToList();
        var description = bars.Count == 0
            ? "No module has a published item yet."
            : $"Share of the cohort's {progress.Candidates} candidates who completed each module. "
              + string.Join("; ", bars.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.Label}: {b.Percent}% ({b.Completed} of {b.Candidates})"))) + ".";
        return new CompletionChart("Module completion", description, bars);
    }
}
