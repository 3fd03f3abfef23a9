using Npq.Core.Portfolio;
namespace Npq.Core.FinalAssessment;

/// <summary>
/// Where Marking data is kept (implemented in Npq.Data). It keeps what the use cases decided: every change of a
/// script's state is decided by <see cref="MarkingWorkflow"/> first, and written here guarded by the script's Version.
/// </summary>
public interface IMarkingRepository
{
    /// <summary>
    /// Opens a script for every submitted attempt at a final task of the cohort that has none yet (a resubmission
    /// gets its own script). Returns how many were opened.
    /// </summary>
    Task<int> EnsureScriptsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<ScriptDetails?> GetScriptAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Every script of a cohort, by reference.</summary>
    Task<IReadOnlyList<ScriptDetails>> GetScriptsForCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>One page of a cohort's scripts, in the order of <see cref="GetScriptsForCohortAsync"/>.</summary>
    Task<IReadOnlyList<ScriptDetails>> GetScriptsPageForCohortAsync(int cohortId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>How many of a cohort's scripts are in each state (states with none left out).</summary>
    Task<IReadOnlyDictionary<MarkingState, int>> GetStateCountsAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>For each of these cohorts, how many of its scripts are in each state, in one query (cohorts with no
    /// scripts left out).</summary>
    Task<IReadOnlyDictionary<int, IReadOnlyDictionary<MarkingState, int>>> GetStateCountsForCohortsAsync(IReadOnlyList<int> cohortIds, CancellationToken cancellationToken = default);

    /// <summary>How many of a cohort's scripts come before this one in its list (null when it is not the cohort's).</summary>
    Task<int?> GetScriptPositionAsync(int cohortId, int scriptId, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the scripts allocated to someone to mark (<paramref name="moderating"/> false) or to moderate
    /// (true), oldest first, and how many there are.
    /// </summary>
    Task<(int Total, IReadOnlyList<ScriptListItem> Rows)> GetAssessorPageAsync(int userId, bool moderating, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>A candidate's scripts, latest attempt first.</summary>
    Task<IReadOnlyList<ScriptDetails>> GetScriptsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CriterionMark>> GetJudgementsAsync(int scriptId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the assessor <see cref="MarkingWorkflow"/> allowed (assessor, allocation time, state) if the script is still
    /// at <paramref name="expectedVersion"/>; false on a conflict.
    /// </summary>
    Task<bool> AllocateAssessorAsync(MarkingScript script, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Writes the moderator <see cref="MarkingWorkflow"/> allowed if the script is still at <paramref name="expectedVersion"/>; false on a conflict.</summary>
    Task<bool> AllocateModeratorAsync(MarkingScript script, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the assessor's marking (state, outcome, comment, judgements) in one transaction if nobody saved the
    /// script since <paramref name="expectedVersion"/>. Returns the new version, or null on a conflict.
    /// </summary>
    Task<int?> SaveAssessorMarkingAsync(MarkingScript script, IReadOnlyList<CriterionMark> judgements, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Writes the moderator's judgements and decision (kept beside the assessor's); null on a conflict.</summary>
    Task<int?> SaveModerationAsync(MarkingScript script, IReadOnlyList<CriterionMark> judgements, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Writes a script's new state (decided by <see cref="MarkingWorkflow"/>) if it is still at <paramref name="expectedVersion"/>; false on a conflict.</summary>
    Task<bool> SaveStateAsync(MarkingScript script, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes released scripts (state, who, when and the completion date, as <see cref="MarkingWorkflow"/> decided them)
    /// together, in one transaction, each guarded by its <see cref="MarkingScript.Version"/>. False, with nothing
    /// written, when any of them changed meanwhile.
    /// </summary>
    Task<bool> SaveReleaseAsync(IReadOnlyList<MarkingScript> released, CancellationToken cancellationToken = default);

    /// <summary>A course's criteria in order, each with its framework statements.</summary>
    Task<IReadOnlyList<AssessmentCriterion>> GetCriteriaAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>Adds a criterion unless the course already has one with this title; returns its id.</summary>
    Task<int> EnsureCriterionAsync(AssessmentCriterion criterion, CancellationToken cancellationToken = default);

    /// <summary>The course's and the cohort's stored overrides (either may be null).</summary>
    Task<(PolicyOverrides? Course, PolicyOverrides? Cohort)> GetPolicyOverridesAsync(int courseId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// For each of the cohorts, its course's and its own stored overrides (a policy row that is missing reads as one
    /// whose overrides are all null), in one query: what a page listing several cohorts' scripts needs. Unknown ids are left out.
    /// </summary>
    Task<IReadOnlyDictionary<int, (PolicyOverrides Course, PolicyOverrides Cohort)>> GetPolicyOverridesForCohortsAsync(
        IReadOnlyCollection<int> cohortIds, CancellationToken cancellationToken = default);

    /// <summary>Replaces a course's policy overrides.</summary>
    Task SetCoursePolicyAsync(int courseId, PolicyOverrides overrides, CancellationToken cancellationToken = default);

    /// <summary>Replaces a cohort's policy overrides.</summary>
    Task SetCohortPolicyAsync(int cohortId, PolicyOverrides overrides, CancellationToken cancellationToken = default);

    /// <summary>The cohort with its course and provider, as the final assessment pages and documents need it.</summary>
    Task<AssessmentCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The cohorts of the admin's provider whose course has a final task.</summary>
    Task<IReadOnlyList<AssessmentCohort>> GetCohortsForAdminAsync(int adminUserId, CancellationToken cancellationToken = default);

    /// <summary>One page of the admin's provider's cohorts whose course has a final assessment, soonest first, and how many there are.</summary>
    Task<(int Total, IReadOnlyList<AssessmentCohort> Rows)> GetCohortsPageForAdminAsync(int adminUserId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>True when the user belongs to the provider that runs the cohort.</summary>
    Task<bool> IsProviderAdminOfCohortAsync(int userId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>Everyone who mentors the candidate on any enrolment (none may mark or moderate them).</summary>
    Task<IReadOnlySet<int>> GetMentorIdsAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>The mentors of each of the given candidates, in one query (candidates with none left out).</summary>
    Task<IReadOnlyDictionary<int, IReadOnlySet<int>>> GetMentorIdsForAsync(IReadOnlyList<int> candidateUserIds, CancellationToken cancellationToken = default);

    /// <summary>Active assessors of the provider, by name.</summary>
    Task<IReadOnlyList<PersonName>> GetAssessorsAsync(int providerId, CancellationToken cancellationToken = default);

    /// <summary>A candidate's evidence for the record's index (submitted items only), with statements.</summary>
    Task<IReadOnlyList<EvidenceIndexItem>> GetEvidenceIndexAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>The final tasks set for a cohort, with their dates (read here as plain columns so both providers map them).</summary>
    Task<IReadOnlyList<TaskDates>> GetFinalTaskDatesAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Everything a script's final assessment record shows beyond the script, read in one batch on one
    /// connection (it took nine queries on seven connections); null when the cohort, task or submission is gone.
    /// The same queries as <see cref="GetCohortAsync"/>, <see cref="GetFinalTaskDatesAsync"/>,
    /// <see cref="GetCriteriaAsync"/>, <see cref="GetJudgementsAsync"/> and <see cref="GetEvidenceIndexAsync"/>.
    /// </summary>
    /// <param name="script">The script.</param>
    /// <param name="withEvidence">False leaves out the candidate's evidence index (blind marking).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    Task<RecordSources?> GetRecordSourcesAsync(ScriptDetails script, bool withEvidence, CancellationToken cancellationToken = default);
}
