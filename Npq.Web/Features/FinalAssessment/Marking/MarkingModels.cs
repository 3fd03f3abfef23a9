using Npq.Core.FinalAssessment;

namespace Npq.Web.Features.FinalAssessment.Marking;

/// <summary>What the marking (or moderation) form posts back.</summary>
public sealed class MarkingForm
{
    public int Version { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public List<CriterionField> Criteria { get; set; } = [];

    /// <summary>"save" keeps marking open; "finish" completes it.</summary>
    public string? Command { get; set; }
}

public sealed class CriterionField
{
    public int CriterionId { get; set; }

    /// <summary>"met", "not-met" or empty.</summary>
    public string? Met { get; set; }
    public string? Comment { get; set; }

    public static string? From(bool? met) => met switch { true => "met", false => "not-met", null => null };

    public bool? ToMet() => Met switch { "met" => true, "not-met" => false, _ => null };
}

/// <summary>The marking page: the script, the criteria, the form (as typed), and the other judgements to compare.</summary>
public sealed record MarkingPage
{
    public required ScriptDetails Script { get; init; }
    public required string CandidateLabel { get; init; }
    public required string SubmissionHtml { get; init; }
    public required string TaskTitle { get; init; }
    public int WordLimit { get; init; }
    public required IReadOnlyList<AssessmentCriterion> Criteria { get; init; }
    public required MarkingForm Form { get; init; }
    public bool IsModeration { get; init; }
    public bool ReadOnly { get; init; }
    public IReadOnlyList<CriterionMark> AssessorJudgements { get; init; } = [];
    public IReadOnlyList<CriterionMark> ModeratorJudgements { get; init; } = [];
    public string? Conflict { get; init; }
    public string? Saved { get; init; }
    public string? ViewerZone { get; init; }
}

/// <summary>An assessor's list: scripts to mark and scripts to moderate.</summary>
public sealed record MarkingIndex(
    IReadOnlyList<(ScriptListItem Script, string Label)> ToMark,
    IReadOnlyList<(ScriptListItem Script, string Label)> ToModerate,
    Npq.Web.Features.Shared.PageLinks ToMarkPager,
    Npq.Web.Features.Shared.PageLinks ToModeratePager);
