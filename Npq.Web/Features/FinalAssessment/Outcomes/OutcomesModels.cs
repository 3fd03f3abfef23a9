using Npq.Core.FinalAssessment;

namespace Npq.Web.Features.FinalAssessment.Outcomes;

/// <summary>The admin's page for one cohort's final assessment.</summary>
public sealed record CohortOutcomesPage
{
    public required AssessmentCohort Cohort { get; init; }
    public required FinalAssessmentPolicy Policy { get; init; }
    /// <summary>The page of scripts shown (see <see cref="Pager"/>).</summary>
    public required IReadOnlyList<ScriptDetails> Scripts { get; init; }

    /// <summary>How many of all the cohort's scripts are in each state.</summary>
    public required IReadOnlyDictionary<MarkingState, int> Counts { get; init; }
    public required Npq.Web.Features.Shared.PageLinks Pager { get; init; }
    public required IReadOnlyList<PersonName> Assessors { get; init; }
    public IReadOnlyDictionary<int, IReadOnlySet<int>> Mentors { get; init; } = new Dictionary<int, IReadOnlySet<int>>();
    public string? Message { get; init; }
    public PolicyForm PolicyForm { get; init; } = new();
    public string? ViewerZone { get; init; }

    public int Count(MarkingState state) => Counts.GetValueOrDefault(state);
}

public sealed class AllocationForm
{
    public int ScriptId { get; set; }
    public int Version { get; set; }
    public int? UserId { get; set; }
}

public sealed class PolicyForm
{
    public string? AttendanceThresholdPercent { get; set; }
    public string? ModerationSamplePercent { get; set; }
    public bool BlindMarking { get; set; }
}

/// <summary>One page of the admin's cohorts with a final assessment, their scripts counted by state, and the pager under it.</summary>
public sealed record OutcomesIndexPage(IReadOnlyList<Npq.Core.FinalAssessment.CohortOverview> Cohorts, Npq.Web.Features.Shared.PageLinks Pager);
