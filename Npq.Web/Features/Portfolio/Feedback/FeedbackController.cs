using Microsoft.AspNetCore.Mvc;
using Npq.Core.Portfolio;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Feedback;

/// <summary>
/// Feedback threads: a mentor (or admin) comments on an evidence item or a submission, optionally pointing at a
/// statement; the candidate replies in the same thread (<see cref="FeedbackService"/>).
/// </summary>
[Route("feedback")]
public sealed class FeedbackController(PortfolioAccess portfolio, FeedbackService feedback, SubmissionService submissions) : Controller
{
    [HttpPost("evidence/{id:int}")]
    public async Task<IActionResult> OnEvidence(int id, string? body, string? statementId, CancellationToken cancellationToken)
    {
        var subject = await feedback.OnEvidenceAsync(id, cancellationToken);
        return subject is null ? NotFound() : await PostAsync(subject, body, statementId, $"/evidence/{id}#feedback", cancellationToken);
    }

    [HttpPost("submissions/{id:int}")]
    public async Task<IActionResult> OnSubmission(int id, string? body, string? statementId, CancellationToken cancellationToken)
    {
        var subject = await feedback.OnSubmissionAsync(id, cancellationToken);
        if (subject is null)
        {
            return NotFound();
        }

        var own = subject.CandidateUserId == User.GetUserId();
        var back = own ? $"/tasks/{subject.TaskId}#feedback-{id}" : $"/tasks/{subject.TaskId}?candidate={subject.CandidateUserId}#feedback-{id}";
        return await PostAsync(subject, body, statementId, back, cancellationToken);
    }

    /// <summary>Opens the task page at a submission's thread, for whoever may read it.</summary>
    [HttpGet("go/{submissionId:int}")]
    public async Task<IActionResult> GoToSubmission(int submissionId, CancellationToken cancellationToken)
    {
        var submission = await submissions.FindAttemptAsync(submissionId, cancellationToken);
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

    private async Task<IActionResult> PostAsync(FeedbackSubject subject, string? body, string? statementId, string back, CancellationToken cancellationToken)
    {
        var candidateId = subject.CandidateUserId;
        var asMentor = await portfolio.MayAsync(User, candidateId, Operations.Mentor);
        var asCandidate = candidateId == User.GetUserId() && await portfolio.MayAsync(User, candidateId, Operations.Edit);
        if (!asMentor && !asCandidate)
        {
            return Forbid();
        }

        if (await feedback.AddAsync(subject, body, statementId, User.GetUserId(), cancellationToken) is { } error)
        {
            TempData[$"FeedbackError-{subject.Target}-{subject.TargetId}"] = error;
            TempData[$"FeedbackBody-{subject.Target}-{subject.TargetId}"] = body ?? string.Empty;
            return Redirect(back);
        }

        TempData["Message"] = "Comment sent.";
        return Redirect(back);
    }
}
