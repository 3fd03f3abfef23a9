using Npq.Core.Portfolio;
namespace Npq.Core.FinalAssessment;

/// <summary>Where Marking data is kept (implemented in Npq.Data).</summary>
public interface IMarkingRepository
{
    /// <summary>
    /// Opens a script for every submitted attempt at a final task of the cohort that has none yet (a resubmission
    /// gets its own script). Returns how many were opened.
    /// </summary>
    Task<int> EnsureScriptsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<MarkingScriptRow?> GetScriptAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Every script of a cohort, by reference.</summary>
    Task<IReadOnlyList<MarkingScriptRow>> GetScriptsForCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>Scripts allocated to someone to mark or to moderate.</summary>
    Task<IReadOnlyList<MarkingScriptRow>> GetScriptsForAssessorAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>A candidate's scripts, latest attempt first.</summary>
    Task<IReadOnlyList<MarkingScriptRow>> GetScriptsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CriterionMark>> GetJudgementsAsync(int scriptId, CancellationToken cancellationToken = default);

    /// <summary>Sets the assessor if the script is still at <paramref name="expectedVersion"/>; false on a conflict.</summary>
    Task<bool> AllocateAssessorAsync(int scriptId, int assessorUserId, int expectedVersion, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Sets the moderator if the script is still at <paramref name="expectedVersion"/>; false on a conflict.</summary>
    Task<bool> AllocateModeratorAsync(int scriptId, int moderatorUserId, int expectedVersion, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the assessor's marking (state, outcome, comment, judgements) in one transaction if nobody saved the
    /// script since <paramref name="expectedVersion"/>. Returns the new version, or null on a conflict.
    /// </summary>
    Task<int?> SaveAssessorMarkingAsync(MarkingScript script, IReadOnlyList<CriterionMark> judgements, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Writes the moderator's judgements and decision (kept beside the assessor's); null on a conflict.</summary>
    Task<int?> SaveModerationAsync(MarkingScript script, IReadOnlyList<CriterionMark> judgements, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Moves every moderated script of the cohort to ready for release; returns their ids.</summary>
    Task<IReadOnlyList<int>> ApproveModeratedAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Releases every script of the cohort that is ready, together, in one transaction, recording who, when and the
    /// completion date. Returns the released scripts.
    /// </summary>
    Task<IReadOnlyList<MarkingScript>> ReleaseAsync(int cohortId, int releasedByUserId, DateTime nowUtc, DateOnly completionDate, CancellationToken cancellationToken = default);

    /// <summary>A course's criteria in order, each with its framework statements.</summary>
    Task<IReadOnlyList<AssessmentCriterion>> GetCriteriaAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>Adds a criterion unless the course already has one with this title; returns its id.</summary>
    Task<int> EnsureCriterionAsync(AssessmentCriterion criterion, CancellationToken cancellationToken = default);

    /// <summary>The course's and the cohort's stored overrides (either may be null).</summary>
    Task<(PolicyOverrides? Course, PolicyOverrides? Cohort)> GetPolicyOverridesAsync(int courseId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>Replaces a course's policy overrides.</summary>
    Task SetCoursePolicyAsync(int courseId, PolicyOverrides overrides, CancellationToken cancellationToken = default);

    /// <summary>Replaces a cohort's policy overrides.</summary>
    Task SetCohortPolicyAsync(int cohortId, PolicyOverrides overrides, CancellationToken cancellationToken = default);

    /// <summary>The cohort with its course and provider, as the final assessment pages and documents need it.</summary>
    Task<AssessmentCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The cohorts of the admin's provider whose course has a final task.</summary>
    Task<IReadOnlyList<AssessmentCohort>> GetCohortsForAdminAsync(int adminUserId, CancellationToken cancellationToken = default);

    /// <summary>True when the user belongs to the provider that runs the cohort.</summary>
    Task<bool> IsProviderAdminOfCohortAsync(int userId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>Everyone who mentors the candidate on any enrolment (none may mark or moderate them).</summary>
    Task<IReadOnlySet<int>> GetMentorIdsAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>Active assessors of the provider, by name.</summary>
    Task<IReadOnlyList<PersonName>> GetAssessorsAsync(int providerId, CancellationToken cancellationToken = default);

    /// <summary>A candidate's evidence for the record's index (submitted items only), with statements.</summary>
    Task<IReadOnlyList<EvidenceIndexRow>> GetEvidenceIndexAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>The final tasks set for a cohort, with their dates (read here as plain columns so both providers map them).</summary>
    Task<IReadOnlyList<TaskDates>> GetFinalTaskDatesAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything a script's final assessment record shows beyond the script row, read in one batch on one
    /// connection (it took nine queries on seven connections); null when the cohort, task or submission is gone.
    /// The same queries as <see cref="GetCohortAsync"/>, <see cref="GetFinalTaskDatesAsync"/>,
    /// <see cref="GetCriteriaAsync"/>, <see cref="GetJudgementsAsync"/> and <see cref="GetEvidenceIndexAsync"/>.
    /// </summary>
    /// <param name="row">The script.</param>
    /// <param name="withEvidence">False leaves out the candidate's evidence index (blind marking).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    Task<RecordSources?> GetRecordSourcesAsync(MarkingScriptRow row, bool withEvidence, CancellationToken cancellationToken = default);
}

/// <summary>A script with the names and cohort facts pages and documents show beside it.</summary>
public sealed record MarkingScriptRow
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

public sealed record PersonName
{
    public int Id { get; init; }
    public string DisplayName { get; init; } = string.Empty;
}

public sealed record EvidenceIndexRow(string Title, DateOnly Date, IReadOnlyList<string> StatementIds);

/// <summary>What a final assessment record needs besides its script row.</summary>
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
    IReadOnlyList<EvidenceIndexRow>? Evidence);
