using Npq.Core.Portfolio;

namespace Npq.Core.FinalAssessment;

/// <summary>
/// A row of the marking list (issue 23): only what the list shows and needs to decide on blind marking, read with
/// three joins rather than <see cref="ScriptDetails"/>' thirty-odd columns and five, since every assessor opens the
/// list and it grows with their allocation.
/// </summary>
public sealed record ScriptListItem
{
    public int Id { get; init; }
    public int CohortId { get; init; }
    public string Reference { get; init; } = string.Empty;
    public MarkingState State { get; init; }
    public string? ModerationReason { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public string CohortName { get; init; } = string.Empty;
    public int Attempt { get; init; }
}

/// <summary>
/// A script with the names and cohort facts pages and documents show beside it (read in one query; the script itself
/// is <see cref="ToScript"/>).
/// </summary>
public sealed record ScriptDetails
{
    public int Id { get; init; }
    public int SubmissionId { get; init; }
    public int TaskId { get; init; }
    public int CohortId { get; init; }
    public int CandidateUserId { get; init; }
    public string Reference { get; init; } = string.Empty;
    public MarkingState State { get; init; }
    public int? AssessorUserId { get; init; }
    public DateTime? AllocatedUtc { get; init; }
    public MarkingOutcome? AssessorOutcome { get; init; }
    public string AssessorComment { get; init; } = string.Empty;
    public DateTime? MarkedUtc { get; init; }
    public string? ModerationReason { get; init; }
    public int? ModeratorUserId { get; init; }
    public MarkingOutcome? ModeratorOutcome { get; init; }
    public string ModeratorComment { get; init; } = string.Empty;
    public DateTime? ModeratedUtc { get; init; }
    public MarkingOutcome? FinalOutcome { get; init; }
    public DateTime? ReleasedUtc { get; init; }
    public int? ReleasedByUserId { get; init; }
    public DateOnly? CompletionDate { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public int Version { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public string? AssessorName { get; init; }
    public string? ModeratorName { get; init; }
    public string CohortName { get; init; } = string.Empty;
    public string CohortZone { get; init; } = "Europe/London";
    public int CourseId { get; init; }
    public int Attempt { get; init; }
    public int WordCount { get; init; }
    public DateTime? SubmittedUtc { get; init; }

    public MarkingScript ToScript() => new()
    {
        Id = Id, SubmissionId = SubmissionId, TaskId = TaskId, CohortId = CohortId, CandidateUserId = CandidateUserId, Reference = Reference,
        State = State, AssessorUserId = AssessorUserId, AllocatedUtc = AllocatedUtc, AssessorOutcome = AssessorOutcome, AssessorComment = AssessorComment,
        MarkedUtc = MarkedUtc, ModerationReason = ModerationReason, ModeratorUserId = ModeratorUserId, ModeratorOutcome = ModeratorOutcome,
        ModeratorComment = ModeratorComment, ModeratedUtc = ModeratedUtc, FinalOutcome = FinalOutcome, ReleasedUtc = ReleasedUtc,
        ReleasedByUserId = ReleasedByUserId, CompletionDate = CompletionDate, UpdatedUtc = UpdatedUtc, Version = Version,
    };
}

/// <summary>A cohort with its course and provider.</summary>
public sealed record AssessmentCohort
{
    public int Id { get; init; }
    public string Name { get; init; } = string.Empty;
    public string TimeZone { get; init; } = "Europe/London";
    public int StartYear { get; init; }
    public string Suffix { get; init; } = string.Empty;
    public int CourseId { get; init; }
    public string CourseName { get; init; } = string.Empty;
    public string CourseCode { get; init; } = string.Empty;
    public string CourseIdentifier { get; init; } = string.Empty;
    public int ProviderId { get; init; }
    public string ProviderName { get; init; } = string.Empty;
}

/// <summary>Someone who can be chosen (an assessor), by name.</summary>
public sealed record PersonName
{
    public int Id { get; init; }
    public string DisplayName { get; init; } = string.Empty;
}

/// <summary>One submitted piece of evidence as the record's index lists it: title, date and framework statements.</summary>
public sealed record EvidenceIndexItem(string Title, DateOnly Date, IReadOnlyList<string> StatementIds);

/// <summary>What a final assessment record needs besides its script.</summary>
/// <param name="Cohort">The cohort, its course and provider.</param>
/// <param name="TaskTitle">The final task's title.</param>
/// <param name="WordLimit">The final task's word limit (0 for none).</param>
/// <param name="Submission">The attempt's body, attempt number, word count and submission time (other fields unset).</param>
/// <param name="FinalTaskDates">The cohort's final tasks' dates.</param>
/// <param name="Criteria">The course's criteria with their statements, in order.</param>
/// <param name="Judgements">The script's judgements.</param>
/// <param name="ReleasedByName">Who released the outcome, when someone did.</param>
/// <param name="Evidence">The candidate's evidence index, when asked for.</param>
public sealed record RecordSources(
    AssessmentCohort Cohort,
    string TaskTitle,
    int WordLimit,
    Submission Submission,
    IReadOnlyList<TaskDates> FinalTaskDates,
    IReadOnlyList<AssessmentCriterion> Criteria,
    IReadOnlyList<CriterionMark> Judgements,
    string? ReleasedByName,
    IReadOnlyList<EvidenceIndexItem>? Evidence);
