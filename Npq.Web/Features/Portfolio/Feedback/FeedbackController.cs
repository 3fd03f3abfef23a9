using Microsoft.AspNetCore.Mvc;
using Npq.Core.Portfolio;
using Npq.Core.Notifications;
using Npq.Data.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Feedback;

/// <summary>
/// Feedback threads: a mentor (or admin) comments on an evidence item or a submission, optionally pointing at a
/// statement; the candidate replies in the same thread. Each message tells the other side.
/// </summary>
[Route("feedback")]
public sealed class FeedbackController(
    PortfolioAccess portfolio,
    IFeedbackRepository feedback,
    IEvidenceRepository evidence,
    ITaskRepository tasks,
    INotifier notifier,
    TimeProvider time,
    ILogger<FeedbackController> logger) : Controller
{
    public const int MaxBody = 20_000;

    [HttpPost("evidence/{id:int}")]
    public async Task<IActionResult> OnEvidence(int id, string? body, string? statementId, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        var back = $"/evidence/{id}#feedback";
        return await PostAsync(FeedbackTarget.Evidence, id, item.CandidateUserId, item.StatementIds, body, statementId, back,
            $"New feedback on your evidence “{item.Title}”", $"/evidence/{id}#feedback", cancellationToken);
    }

    [HttpPost("submissions/{id:int}")]
    public async Task<IActionResult> OnSubmission(int id, string? body, string? statementId, CancellationToken cancellationToken)
    {
        var submission = await tasks.GetSubmissionAsync(id, cancellationToken);
        var task = submission is null ? null : await tasks.GetTaskAsync(submission.TaskId, cancellationToken);
        if (submission is null || task is null)
        {
            return NotFound();
        }

        var own = submission.CandidateUserId == User.GetUserId();
        var back = own ? $"/tasks/{task.Id}#feedback-{id}" : $"/tasks/{task.Id}?candidate={submission.CandidateUserId}#feedback-{id}";
        return await PostAsync(FeedbackTarget.Submission, id, submission.CandidateUserId, task.StatementIds, body, statementId, back,
            $"New feedback on your task “{task.Title}” (attempt {submission.Attempt})", $"/tasks/{task.Id}#feedback-{id}", cancellationToken);
    }

    /// <summary>Opens the task page at a submission's thread, for whoever may read it.</summary>
    [HttpGet("go/{submissionId:int}")]
    public async Task<IActionResult> GoToSubmission(int submissionId, CancellationToken cancellationToken)
    {
        var submission = await tasks.GetSubmissionAsync(submissionId, cancellationToken);
        if (submission is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, submission.CandidateUserId, Operations.Read))
        {
            return Forbid();
        }

        return submission.CandidateUserId == User.GetUserId()
            ? Redirect($"/tasks/{submission.TaskId}#feedback-{submissionId}")
            : Redirect($"/tasks/{submission.TaskId}?candidate={submission.CandidateUserId}#feedback-{submissionId}");
    }

    private async Task<IActionResult> PostAsync(
        FeedbackTarget target, int targetId, int candidateId, IReadOnlyList<string> allowedStatements, string? body, string? statementId,
        string back, string candidateTitle, string candidateLink, CancellationToken cancellationToken)
    {
        var asMentor = await portfolio.MayAsync(User, candidateId, Operations.Mentor);
        var asCandidate = candidateId == User.GetUserId() && await portfolio.MayAsync(User, candidateId, Operations.Edit);
        if (!asMentor && !asCandidate)
        {
            return Forbid();
        }

        string? error = null;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "Write your comment before you send it.";
        }
        else if (body.Length > MaxBody)
        {
            error = $"Keep your comment under {MaxBody:N0} characters.";
        }
        else if (!string.IsNullOrEmpty(statementId) && !allowedStatements.Contains(statementId, StringComparer.OrdinalIgnoreCase))
        {
            error = "Point at one of the statements listed, or none.";
        }

        if (error is not null)
        {
            TempData[$"FeedbackError-{target}-{targetId}"] = error;
            TempData[$"FeedbackBody-{target}-{targetId}"] = body ?? string.Empty;
            return Redirect(back);
        }

        var comment = new FeedbackComment
        {
            CandidateUserId = candidateId,
            EvidenceId = target == FeedbackTarget.Evidence ? targetId : null,
            SubmissionId = target == FeedbackTarget.Submission ? targetId : null,
            AuthorUserId = User.GetUserId(),
            Body = body!.Trim(),
            StatementId = string.IsNullOrEmpty(statementId) ? null : statementId,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        var id = await feedback.AddAsync(comment, cancellationToken);
        logger.LogInformation("Feedback {CommentId} on {Target} {TargetId} by {UserId}", id, target, targetId, User.GetUserId());

        if (candidateId != User.GetUserId())
        {
            await notifier.NotifyAsync(candidateId, "feedback", candidateTitle, candidateLink, cancellationToken);
        }
        else if ((await portfolio.PlacementAsync(candidateId, cancellationToken))?.MentorUserId is { } mentorId)
        {
            var name = await portfolio.NameAsync(candidateId, cancellationToken);
            var link = target == FeedbackTarget.Evidence ? candidateLink : back;
            await notifier.NotifyAsync(mentorId, "feedback-reply", $"{name} replied to your feedback", link, cancellationToken);
        }

        TempData["Message"] = "Comment sent.";
        return Redirect(back);
    }
}
