using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Core.Materials;

/// <summary>An item of an open module on the Learn page.</summary>
public sealed record LearnItem(int Id, string Title, ItemKind Kind, bool IsComplete);

/// <summary>
/// A module on the Learn page. An open module lists its items and its progress; a module not open shows its title and
/// when it opens only (<see cref="Items"/> is empty).
/// </summary>
public sealed record LearnModule(MaterialModule Module, ModuleAvailability Availability, IReadOnlyList<LearnItem> Items)
{
    public int Completed => Items.Count(i => i.IsComplete);

    /// <summary>Whole percent of the module's published items complete (100 for a module with none).</summary>
    public int Percent => Items.Count == 0 ? (Availability.IsOpen ? 100 : 0) : (int)Math.Floor(100.0 * Completed / Items.Count);
}

/// <summary>
/// The next module to open: on a day (<see cref="OpensOn"/>, a date-only day in the cohort's zone; it opens at the
/// start of that day there, <see cref="OpensAtUtc"/>), when the previous module is complete, or with no day set yet.
/// </summary>
public sealed record NextOpening(int ModuleId, string Title, OpenState State, DateOnly? OpensOn, DateTime? OpensAtUtc, string? PreviousTitle);

/// <summary>The first unfinished item of an open module: where "Continue" goes.</summary>
public sealed record ContinueAt(int ItemId, string Title, string ModuleTitle);

/// <summary>The Learn page of one cohort for one candidate.</summary>
public sealed record LearnPage(
    MaterialsCohort Cohort, string? ViewerZone, DateOnly TodayInCohortZone, IReadOnlyList<LearnModule> Modules, ContinueAt? Continue, NextOpening? NextOpening)
{
    /// <summary>Whole percent of the published items of open modules complete.</summary>
    public int Percent
    {
        get
        {
            var items = Modules.Sum(m => m.Items.Count);
            return items == 0 ? 0 : (int)Math.Floor(100.0 * Modules.Sum(m => m.Completed) / items);
        }
    }
}

/// <summary>A knowledge check's latest attempt, marked again for showing: each question's result and the explanations.</summary>
public sealed record CheckAttemptView(KnowledgeCheckAttempt Attempt, CheckResult Result);

/// <summary>
/// One item as its candidate studies it: the item, its module (published items only) and the neighbours in it, the
/// candidate's own progress, and per kind the latest knowledge-check attempt or the evidence a reflection became.
/// </summary>
public sealed record ItemPage(
    MaterialsCohort Cohort,
    ProgrammeModule Module,
    MaterialItem Item,
    ItemProgress? Progress,
    MaterialItem? Previous,
    MaterialItem? Next,
    string? ViewerZone)
{
    /// <summary>The framework statements the item teaches.</summary>
    public IReadOnlyList<Statement> Statements { get; init; } = [];

    public IReadOnlyList<KnowledgeQuestion> Questions { get; init; } = [];

    public CheckAttemptView? LastAttempt { get; init; }

    /// <summary>The evidence the candidate's reflection became (their own, never anyone else's).</summary>
    public EvidenceItem? Evidence { get; init; }

    public bool IsComplete => Progress?.IsComplete == true;

    /// <summary>The 1-based place of the item in its module.</summary>
    public int Place => Module.Items.ToList().FindIndex(i => i.Id == Item.Id) + 1;
}

/// <summary>A video's progress as the page reports it: where it is, how long it is, and the ranges played since the last report.</summary>
public sealed record VideoReport(double PositionSeconds, double DurationSeconds, IReadOnlyList<(double Start, double End)> Ranges);

/// <summary>What a video report did: the share watched and whether the item is complete.</summary>
public sealed record VideoReportResult(int PercentWatched, bool IsComplete);

/// <summary>What an answer to a reflection did: the evidence it became, or why it was refused.</summary>
public sealed record ReflectionResult(bool Saved, int? EvidenceId, string? Problem);

/// <summary>A knowledge check submitted: the result, the best score now, and whether the item is complete.</summary>
public sealed record CheckOutcome(CheckResult Result, int BestScorePercent, bool IsComplete);

/// <summary>A file of an item to send: the stream (seekable), its type, its name, and whether it may be shown in the browser.</summary>
public sealed record ItemFile(Stream Content, string ContentType, string FileName, bool Inline);
