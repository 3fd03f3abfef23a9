namespace Npq.Core.Dfe;

/// <summary>Providers' connections to DfE, and the claim that lets one instance pull at a time.</summary>
public interface IDfeConnectionRepository
{
    Task<DfeConnection?> GetAsync(int providerId, CancellationToken cancellationToken = default);

    /// <summary>Saves the base URL and the switch; the sealed token only when <paramref name="protectedToken"/> is given.</summary>
    Task SaveAsync(int providerId, string baseUrl, bool enabled, string? protectedToken, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The enabled providers whose last pull is older than <paramref name="dueBeforeUtc"/>.</summary>
    Task<IReadOnlyList<int>> DueForPullAsync(DateTime dueBeforeUtc, CancellationToken cancellationToken = default);

    /// <summary>Claims the provider's pull until <paramref name="untilUtc"/>; false when another worker holds an unexpired claim.</summary>
    Task<bool> ClaimPullAsync(int providerId, string worker, DateTime nowUtc, DateTime untilUtc, CancellationToken cancellationToken = default);

    /// <summary>Records a finished pull, moving the high-water marks forward only when given, and releases the claim.</summary>
    Task FinishPullAsync(int providerId, string worker, DateTime nowUtc, DateTime? applicationsSyncedUtc, DateTime? participantsSyncedUtc, string? problem, CancellationToken cancellationToken = default);
}

/// <summary>What was last pulled from DfE, and the links between DfE's ids and Npq's rows.</summary>
public interface IDfeMirrorRepository
{
    Task UpsertApplicationAsync(int providerId, DfeApplicationData application, int? npqApplicationId, string? problem, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DfePulledApplication>> GetApplicationsAsync(int providerId, CancellationToken cancellationToken = default);

    /// <summary>One page of the applications DfE holds for the provider, latest change first as in <see cref="GetApplicationsAsync"/>, and how many there are.</summary>
    Task<(int Total, IReadOnlyList<DfePulledApplication> Rows)> GetApplicationsPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The Npq application that carries this DfE application id (any of the provider's cohorts), if any.</summary>
    Task<int?> FindNpqApplicationAsync(int providerId, string dfeApplicationId, CancellationToken cancellationToken = default);

    /// <summary>The email of the provider's person whose application carries this TRN, if any.</summary>
    Task<string?> FindEmailByTrnAsync(int providerId, string trn, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DfeCohort>> GetCohortsAsync(int providerId, CancellationToken cancellationToken = default);

    /// <summary>The provider's cohort of this id; null when there is none or it is another provider's.</summary>
    Task<DfeCohort?> GetCohortAsync(int providerId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>One page of the provider's cohorts, newest DfE cohort year first as in <see cref="GetCohortsAsync"/>, and how many there are.</summary>
    Task<(int Total, IReadOnlyList<DfeCohort> Rows)> GetCohortsPageAsync(int providerId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The provider that runs the cohort, if there is such a cohort.</summary>
    Task<int?> ProviderOfCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    Task UpsertParticipantAsync(int providerId, DfeParticipantData participant, CancellationToken cancellationToken = default);

    /// <summary>Replaces a participant id DfE merged away, in Npq's applications and the mirror; the number of Npq rows changed.</summary>
    Task<int> ReplaceParticipantIdAsync(int providerId, string from, string to, CancellationToken cancellationToken = default);

    Task UpsertDeclarationAsync(int providerId, DfeDeclarationData declaration, CancellationToken cancellationToken = default);

    /// <summary>Writes DfE's id onto Npq's declaration once DfE has accepted it.</summary>
    Task SetNpqDeclarationDfeIdAsync(int declarationId, string dfeDeclarationId, CancellationToken cancellationToken = default);

    Task UpsertOutcomeAsync(int providerId, DfeOutcomeData outcome, CancellationToken cancellationToken = default);

    Task UpsertStatementAsync(int providerId, DfeStatementData statement, CancellationToken cancellationToken = default);

    /// <summary>DfE's view of the participants given: their enrolments' statuses, declarations, outcomes and statements.</summary>
    Task<DfeView> GetViewAsync(int providerId, IReadOnlyCollection<string> participantIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DfeEnrolmentLink>> GetEnrolmentLinksAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The links of these enrolments of the cohort only (a page of the reconcile page; at most a few hundred ids).</summary>
    Task<IReadOnlyList<DfeEnrolmentLink>> GetEnrolmentLinksAsync(int cohortId, IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default);

    /// <summary>Every enrolment of the cohort, with its accepted application's DfE ids when it has one (application id 0 when none).</summary>
    Task<IReadOnlyList<DfeEnrolmentLink>> GetEnrolmentLinksOrBareAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts DfE's ids on the enrolment's accepted application, or records one (accepted, as the enrolment shows) when
    /// the enrolment was made without an application.
    /// </summary>
    Task LinkEnrolmentAsync(int enrolmentId, string participantId, string applicationId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DfeLinkedApplication>> GetLinkedApplicationsAsync(int providerId, int cohortId, CancellationToken cancellationToken = default);
}

/// <summary>A participant's enrolment as DfE holds it; <see cref="UpdatedAt"/> changes with every change at DfE.</summary>
public sealed record DfeEnrolmentState(string ParticipantId, string CourseIdentifier, string TrainingStatus, DateTime UpdatedAt);

/// <summary>DfE's side of some participants, as last pulled.</summary>
public sealed record DfeView(
    IReadOnlyList<DfeEnrolmentState> Enrolments,
    IReadOnlyList<DfeDeclarationData> Declarations,
    IReadOnlyList<DfeOutcomeData> Outcomes,
    IReadOnlyList<DfeStatementData> Statements,
    IReadOnlyList<DfePulledApplication> Applications);

/// <summary>The outbox of pushes to DfE.</summary>
public interface IDfeOutbox
{
    /// <summary>Adds the job unless one with its idempotency key exists; true when added.</summary>
    Task<bool> EnqueueAsync(DfeJob job, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> due jobs (Pending and due, or Running with an expired claim) for
    /// <paramref name="worker"/> until <paramref name="untilUtc"/>: each with one UPDATE guarded by that state, so two
    /// workers never hold the same job. Counts the attempt.
    /// </summary>
    Task<IReadOnlyList<DfeJob>> ClaimDueAsync(string worker, DateTime nowUtc, DateTime untilUtc, int max, CancellationToken cancellationToken = default);

    /// <summary>Marks a job this worker holds done with DfE's answer.</summary>
    Task CompleteAsync(long jobId, string worker, int status, string? result, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Puts a job this worker holds back to wait until <paramref name="nextAttemptUtc"/>, with what went wrong.</summary>
    Task RetryLaterAsync(long jobId, string worker, int status, string error, DateTime nextAttemptUtc, CancellationToken cancellationToken = default);

    /// <summary>Stops a job this worker holds, with DfE's errors, for an admin.</summary>
    Task FailAsync(long jobId, string worker, int status, string error, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Replaces the payload of a job this worker holds (a participant id DfE changed).</summary>
    Task UpdatePayloadAsync(long jobId, string worker, DfeJobPayload payload, CancellationToken cancellationToken = default);

    /// <summary>Puts a failed job of the provider back in the queue, due now; false when it is not the provider's or not failed.</summary>
    Task<bool> RetryFailedAsync(int providerId, long jobId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DfeJob>> RecentAsync(int providerId, int take, CancellationToken cancellationToken = default);

    /// <summary>The provider's jobs about these subjects, newest first.</summary>
    Task<IReadOnlyList<DfeJob>> ForSubjectsAsync(int providerId, IReadOnlyCollection<string> subjects, CancellationToken cancellationToken = default);
}
