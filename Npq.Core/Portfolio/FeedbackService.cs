using Microsoft.Extensions.Logging;
using Npq.Core.Changes;
using Npq.Core.Notifications;

namespace Npq.Core.Portfolio;

/// <summary>
/// What a feedback thread is about: an evidence item or an attempt at a task, whose candidate it is, the statements a
/// comment may point at, and how the candidate is told of a new comment.
/// </summary>
public sealed record FeedbackSubject(
    FeedbackTarget Target, int TargetId, int CandidateUserId, int? TaskId, IReadOnlyList<string> Statements, string CandidateTitle, string CandidateLink);

/// <summary>
/// Feedback threads: a mentor (or admin) comments on an evidence item or a submission, optionally pointing at a
/// statement; the candidate replies in the same thread. Each message tells the other side.
/// </summary>
public sealed class FeedbackService(
    IFeedbackRepository feedback,
    IEvidenceRepository evidence,
    ITaskRepository tasks,
    CandidateLookup candidates,
    INotifier notifier,
    IWriteTogether together,
    TimeProvider time,
    ILogger<FeedbackService> logger)
{
    public const int MaxBody = 20_000;

    public async Task<FeedbackSubject?> OnEvidenceAsync(int evidenceId, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(evidenceId, cancellationToken);
        return item is null
            ? null
            : new FeedbackSubject(FeedbackTarget.Evidence, evidenceId, item.CandidateUserId, null, item.StatementIds,
                $"New feedback on your evidence “{item.Title}”", $"/evidence/{evidenceId}#feedback");
    }

    public async Task<FeedbackSubject?> OnSubmissionAsync(int submissionId, CancellationToken cancellationToken)
    {
        var submission = await tasks.GetSubmissionAsync(submissionId, cancellationToken);
        var task = submission is null ? null : await tasks.GetTaskAsync(submission.TaskId, cancellationToken);
        return submission is null || task is null
            ? null
            : new FeedbackSubject(FeedbackTarget.Submission, submissionId, submission.CandidateUserId, task.Id, task.StatementIds,
                $"New feedback on your task “{task.Title}” (attempt {submission.Attempt})", $"/tasks/{task.Id}#feedback-{submissionId}");
    }

    /// <summary>A thread, oldest message first.</summary>
    public Task<IReadOnlyList<FeedbackComment>> ThreadAsync(FeedbackTarget target, int targetId, CancellationToken cancellationToken) =>
        feedback.GetThreadAsync(target, targetId, cancellationToken);

    /// <summary>
    /// Adds a comment by <paramref name="authorUserId"/> (the caller has checked they may write in the thread) and tells
    /// the other side: the candidate of a comment by someone else, the candidate's mentor of the candidate's reply.
    /// </summary>
    /// <returns>Null when the comment was added, otherwise what is wrong with it.</returns>
    public async Task<string?> AddAsync(FeedbackSubject subject, string? body, string? statementId, int authorUserId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "Write your comment before you send it.";
        }

        if (body.Length > MaxBody)
        {
            return $"Keep your comment under {MaxBody:N0} characters.";
        }

        if (!string.IsNullOrEmpty(statementId) && !subject.Statements.Contains(statementId, StringComparer.OrdinalIgnoreCase))
        {
            return "Point at one of the statements listed, or none.";
        }

        // The comment and the other side's notification (and its mail) commit together.
        await together.RunAsync(async ct =>
        {
            var candidateId = subject.CandidateUserId;
            var id = await feedback.AddAsync(new FeedbackComment
            {
                CandidateUserId = candidateId,
                EvidenceId = subject.Target == FeedbackTarget.Evidence ? subject.TargetId : null,
                SubmissionId = subject.Target == FeedbackTarget.Submission ? subject.TargetId : null,
                AuthorUserId = authorUserId,
                Body = body.Trim(),
                StatementId = string.IsNullOrEmpty(statementId) ? null : statementId,
                CreatedUtc = time.GetUtcNow().UtcDateTime,
            }, ct);
            logger.LogInformation("Feedback {CommentId} on {Target} {TargetId} by {UserId}", id, subject.Target, subject.TargetId, authorUserId);

            if (candidateId != authorUserId)
            {
                await notifier.NotifyAsync(candidateId, "feedback", subject.CandidateTitle, subject.CandidateLink, ct);
            }
            else if ((await candidates.PlacementAsync(candidateId, ct))?.MentorUserId is { } mentorId)
            {
                var name = await candidates.NameAsync(candidateId, ct);
                await notifier.NotifyAsync(mentorId, "feedback-reply", $"{name} replied to your feedback", subject.CandidateLink, ct);
            }
        }, cancellationToken);

        return null;
    }
}
