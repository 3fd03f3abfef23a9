namespace Npq.Core.Portfolio;

/// <summary>
/// The state of one attempt. New: nothing saved yet. Draft: saved, still editable. Submitted: handed in, read-only.
/// Reopened: closed after a reopen; the next attempt carries on.
/// </summary>
public enum SubmissionState
{
    New,
    Draft,
    Submitted,
    Reopened,
}

/// <summary>The outcome recorded against a submitted attempt (by marking), if any.</summary>
public enum SubmissionResult
{
    Pass,
    Fail,
}

/// <summary>One attempt at a task by a candidate.</summary>
public sealed record Submission
{
    public int Id { get; init; }
    public int TaskId { get; init; }
    public int CandidateUserId { get; init; }
    public int CohortId { get; init; }
    public int Attempt { get; init; } = 1;
    public SubmissionState State { get; init; } = SubmissionState.New;
    public string Body { get; init; } = string.Empty;
    public int WordCount { get; init; }
    public SubmissionResult? Result { get; init; }
    public DateTime? SubmittedUtc { get; init; }
    public int? SubmittedByUserId { get; init; }
    public bool SubmittedOnBehalf { get; init; }
    public DateTime? ReopenedUtc { get; init; }
    public int? ReopenedByUserId { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
    public int Version { get; init; } = 1;
}

/// <summary>Where one attempt stands, without its text: what lists of a candidate's tasks show of their latest attempt at each.</summary>
public sealed record AttemptStatus
{
    public int TaskId { get; init; }
    public int Attempt { get; init; } = 1;
    public SubmissionState State { get; init; } = SubmissionState.New;
    public DateTime? SubmittedUtc { get; init; }
}

/// <summary>Where a candidate stands against a task's deadline.</summary>
public enum Lateness
{
    None,
    Late,
    Missing,
    Extended,
}
