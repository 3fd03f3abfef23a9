namespace Npq.Core.Portfolio;

/// <summary>
/// One message in a feedback thread on an evidence item or a submission: a mentor's comment (optionally pointing at
/// a framework statement) or the candidate's reply.
/// </summary>
public sealed record FeedbackComment
{
    public int Id { get; init; }
    public int CandidateUserId { get; init; }
    public int? EvidenceId { get; init; }
    public int? SubmissionId { get; init; }
    public int AuthorUserId { get; init; }
    public string AuthorName { get; init; } = string.Empty;
    public required string Body { get; init; }
    public string? StatementId { get; init; }
    public DateTime CreatedUtc { get; init; }
}

/// <summary>What a thread hangs on.</summary>
public enum FeedbackTarget
{
    Evidence,
    Submission,
}
