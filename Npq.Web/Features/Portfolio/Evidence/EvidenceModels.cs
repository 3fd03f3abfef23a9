using System.ComponentModel.DataAnnotations;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Feedback;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>What the evidence form posts (and autosave sends).</summary>
public sealed class EvidenceForm
{
    public const int MaxTitle = EvidenceRules.MaxTitle;
    public const int MaxReflection = EvidenceRules.MaxReflection;

    [Required(ErrorMessage = "Enter a title for this evidence.")]
    [StringLength(MaxTitle, ErrorMessage = "Keep the title to 200 characters or fewer.")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Enter the date of this evidence, for example 14/10/2026.")]
    public DateOnly? EvidenceDate { get; set; }

    [StringLength(MaxReflection, ErrorMessage = "The reflection is too long: keep it under 100,000 characters.")]
    public string? Reflection { get; set; }

    public List<string> StatementIds { get; set; } = [];

    public int Version { get; set; }

    /// <summary>"draft" keeps it editable; "record" adds it to the portfolio (and coverage).</summary>
    public string? Intent { get; set; }

    public EvidenceInput ToInput() => new()
    {
        Title = Title, EvidenceDate = EvidenceDate, Reflection = Reflection, StatementIds = StatementIds, Record = Intent == "record",
    };
}

public sealed record EvidenceFormPage(int? Id, int CandidateUserId, string CandidateName, bool ForSomeoneElse, EvidenceForm Form, Framework Framework, IReadOnlyList<EvidenceFile> Files, string? Message);

/// <summary>One page of a candidate's evidence list (<see cref="PageSize"/> items a page, newest first).</summary>
public sealed record EvidenceListPage(int CandidateUserId, string CandidateName, bool CanEdit, IReadOnlyList<EvidenceSummary> Items, int Page, bool HasNext)
{
    public const int PageSize = EvidenceQueries.PageSize;
}

public sealed record EvidenceDetailPage(
    EvidenceItem Item,
    string CandidateName,
    Framework? Framework,
    IReadOnlyList<EvidenceFile> Files,
    IReadOnlyList<EvidenceLogEntry> Log,
    FeedbackThread Thread,
    bool CanEdit,
    string CohortZone,
    string? ViewerZone,
    string? UploadError);

/// <summary>The coverage page: the report, and the materials teaching each statement without evidence (by statement id).</summary>
public sealed record CoveragePage(int CandidateUserId, string CandidateName, CoverageReport? Report, IReadOnlyDictionary<string, IReadOnlyList<Npq.Core.Materials.MaterialLink>>? Materials = null)
{
    public IReadOnlyList<Npq.Core.Materials.MaterialLink> MaterialsFor(string statementId) => Materials?.GetValueOrDefault(statementId) ?? [];
}
