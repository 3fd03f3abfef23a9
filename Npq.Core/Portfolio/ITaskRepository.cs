namespace Npq.Core.Portfolio;

/// <summary>Where task data is kept (implemented in Npq.Data).</summary>
public interface ITaskRepository
{
    Task<int> CreateTaskAsync(AssessmentTask task, CancellationToken cancellationToken = default);

    Task<AssessmentTask?> GetTaskAsync(int id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AssessmentTask>> GetTasksForCourseAsync(int courseId, CancellationToken cancellationToken = default);

    /// <summary>Sets (or replaces) a task's dates for a cohort.</summary>
    Task SetDatesAsync(TaskDates dates, CancellationToken cancellationToken = default);

    Task<TaskDates?> GetDatesAsync(int taskId, int cohortId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TaskDates>> GetDatesForTaskAsync(int taskId, CancellationToken cancellationToken = default);

    /// <summary>The tasks set for a cohort, with their dates, earliest due first.</summary>
    Task<IReadOnlyList<(AssessmentTask Task, TaskDates Dates)>> GetTasksForCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    Task GrantExtensionAsync(TaskExtension extension, CancellationToken cancellationToken = default);

    Task<TaskExtension?> GetExtensionAsync(int taskId, int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>Every extension the candidate has been granted, by task.</summary>
    Task<IReadOnlyDictionary<int, TaskExtension>> GetExtensionsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>Every attempt the candidate has made at the task, first attempt first.</summary>
    Task<IReadOnlyList<Submission>> GetAttemptsAsync(int taskId, int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>Where the candidate's latest attempt at each task stands (not its text: the lists that show it would read every attempt's words).</summary>
    Task<IReadOnlyList<AttemptStatus>> GetLatestAttemptsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    Task<Submission?> GetSubmissionAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>Starts the first attempt (state New) unless one exists; returns the latest attempt either way.</summary>
    Task<Submission> EnsureFirstAttemptAsync(int taskId, int candidateUserId, int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes an attempt's new text and state (a draft save or a submission) if its version is still
    /// <paramref name="expectedVersion"/>; a submitted attempt is never written again.
    /// </summary>
    Task<(SaveOutcome Outcome, int Version)> SaveAttemptAsync(Submission attempt, int expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes a submitted attempt (state Reopened, with who and when) and opens the next one, starting from the
    /// closed attempt's text, in one transaction. Returns the new attempt's id, or null when the attempt changed meanwhile.
    /// </summary>
    Task<int?> ReopenAsync(Submission attempt, int expectedVersion, int? reopenedByUserId, DateTime nowUtc, SubmissionResult? result, CancellationToken cancellationToken = default);

    /// <summary>Records a result on a submitted attempt that stays submitted (a pass, or a fail with no attempts left).</summary>
    Task<bool> RecordResultAsync(int submissionId, int expectedVersion, SubmissionResult result, DateTime nowUtc, CancellationToken cancellationToken = default);
}

/// <summary>A mentee's draft the mentor is asked to review.</summary>
public sealed record DraftAwaitingReview
{
    public int SubmissionId { get; init; }
    public int CandidateUserId { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public string TaskTitle { get; init; } = string.Empty;
    public int Attempt { get; init; }
    public int WordCount { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public string CohortZone { get; init; } = "Europe/London";
}
