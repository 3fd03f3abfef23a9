using System.ComponentModel.DataAnnotations;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio.Progress;

/// <summary>What the progress update form posts.</summary>
public sealed class ProgressForm
{
    [Required(ErrorMessage = "Write a narrative: how the candidate is getting on.")]
    [StringLength(50_000, ErrorMessage = "The narrative is too long.")]
    public string? Narrative { get; set; }

    [Required(ErrorMessage = "Write the next steps you agreed.")]
    [StringLength(20_000, ErrorMessage = "The next steps are too long.")]
    public string? NextSteps { get; set; }

    public Dictionary<string, ProgressRating> Ratings { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public int Version { get; set; }

    public ProgressInput ToInput() => new(Narrative, NextSteps, Ratings);
}

public sealed record ProgressFormPage(int? Id, CandidatePlacement Placement, Framework Framework, ProgressForm Form, bool Conflict);

public sealed record ProgressListPage(int CandidateUserId, string CandidateName, bool Own, bool CanWrite, IReadOnlyList<ProgressUpdate> Updates, Framework? Framework, string CohortZone, string? ViewerZone);

/// <summary>
/// One page of the provider's cohorts with their cadences and the pager under it; after a refused save, the reason,
/// the cohort it is about and what was typed.
/// </summary>
public sealed record CadencePage(IReadOnlyList<CohortCadence> Cohorts, string? Error, Npq.Web.Features.Shared.PageLinks Pager, int? ErrorCohortId = null, string? Entered = null);

/// <summary>A page of the mentor's mentees, most urgent first, and the pager under it.</summary>
public sealed record MenteesPage(IReadOnlyList<MenteeDue> Mentees, Npq.Web.Features.Shared.PageLinks Pager);
