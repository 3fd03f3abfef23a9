using Microsoft.AspNetCore.Mvc;
using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Feedback;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Tasks;

/// <summary>A candidate's assessment tasks: the list, writing and submitting an attempt, reopening and extensions.</summary>
[Route("tasks")]
public sealed class TasksController(
    PortfolioAccess portfolio,
    TaskOverview overview,
    SubmissionService submissions) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var list = await overview.ListAsync(candidateId, cancellationToken);
        return View(new TaskListPage(candidateId, list.CandidateName, candidateId == User.GetUserId(), list.Rows));
    }

    [HttpGet("{taskId:int}")]
    public async Task<IActionResult> Show(int taskId, int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var standing = await submissions.LoadAsync(taskId, candidateId, cancellationToken);
        if (standing is null)
        {
            return NotFound();
        }

        return View(await PageAsync(standing, TempData["TaskError"] as string, TempData["TaskBody"] as string, cancellationToken));
    }

    [HttpPost("{taskId:int}/attempt")]
    public async Task<IActionResult> Save(int taskId, int? candidate, int submissionId, int version, string? body, string? intent, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Edit))
        {
            return Forbid();
        }

        var standing = await submissions.LoadAsync(taskId, candidateId, cancellationToken);
        if (standing is null)
        {
            return NotFound();
        }

        var text = body ?? string.Empty;
        var result = await submissions.SaveAsync(standing, submissionId, version, text, intent == "submit", User.GetUserId(), cancellationToken);
        if (!result.Done)
        {
            Response.StatusCode = result.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            var page = await PageAsync(standing, result.Error, text, cancellationToken);
            return View(nameof(Show), page with { FormVersion = version });
        }

        TempData["Message"] = intent == "submit"
            ? (candidateId == User.GetUserId() ? "Submitted. This attempt is now read-only." : "Submitted on the candidate's behalf.")
            : "Draft saved.";
        return RedirectToAction(nameof(Show), new { taskId, candidate });
    }

    [HttpPost("submissions/{id:int}/autosave")]
    public async Task<IActionResult> Autosave(int id, int version, string? body, CancellationToken cancellationToken)
    {
        var submission = await submissions.FindAttemptAsync(id, cancellationToken);
        if (submission is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, submission.CandidateUserId, Operations.Edit))
        {
            return Forbid();
        }

        var standing = await submissions.LoadAsync(submission.TaskId, submission.CandidateUserId, cancellationToken);
        if (standing is null)
        {
            return NotFound();
        }

        var saved = await submissions.AutosaveAsync(standing, id, version, body, User.GetUserId(), cancellationToken);
        return saved.Result.Done
            ? Json(new { id, version = saved.Result.Version, words = saved.Words })
            : Conflict(new { message = saved.Result.Error });
    }

    [HttpPost("submissions/{id:int}/reopen")]
    public async Task<IActionResult> Reopen(int id, int version, CancellationToken cancellationToken)
    {
        var submission = await submissions.FindAttemptAsync(id, cancellationToken);
        if (submission is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, submission.CandidateUserId, Operations.Mentor))
        {
            return Forbid();
        }

        var standing = await submissions.LoadAsync(submission.TaskId, submission.CandidateUserId, cancellationToken);
        if (standing is null)
        {
            return NotFound();
        }

        var result = await submissions.ReopenAsync(standing, id, version, User.GetUserId(), cancellationToken);
        TempData[result.Done ? "Message" : "TaskError"] = result.Done ? $"Reopened for attempt {submission.Attempt + 1}. The candidate has been told." : result.Error;
        return RedirectToAction(nameof(Show), new { taskId = submission.TaskId, candidate = submission.CandidateUserId });
    }

    [HttpPost("{taskId:int}/extension")]
    public async Task<IActionResult> Extend(int taskId, int candidate, DateOnly? dueOn, CancellationToken cancellationToken)
    {
        if (!await portfolio.MayAsync(User, candidate, Operations.Mentor))
        {
            return Forbid();
        }

        var standing = await submissions.LoadAsync(taskId, candidate, cancellationToken);
        if (standing is null)
        {
            return NotFound();
        }

        var result = dueOn is null
            ? new ChangeResult(false, "Enter the new due date for this candidate.")
            : await submissions.GrantExtensionAsync(standing, dueOn.Value, User.GetUserId(), cancellationToken);
        TempData[result.Done ? "Message" : "ExtensionError"] = result.Done ? "Extension granted. The candidate has been told." : result.Error;
        return Redirect(Url.Action(nameof(Show), new { taskId, candidate }) + (result.Done ? "" : "#extension"));
    }

    private async Task<TaskPage> PageAsync(CandidateTask standing, string? error, string? typedBody, CancellationToken cancellationToken)
    {
        var candidateId = standing.Placement.CandidateUserId;
        var mayEdit = await portfolio.MayAsync(User, candidateId, Operations.Edit);
        var mayMentor = await portfolio.MayAsync(User, candidateId, Operations.Mentor);
        var own = candidateId == User.GetUserId();
        var viewerZone = await portfolio.ViewerZoneAsync(User, cancellationToken);
        var detail = await overview.DetailAsync(standing, mayEdit, mayMentor, cancellationToken);
        var attempts = detail.Attempts.Select(a => new AttemptView(
            a.Attempt,
            a.ShowBody,
            a.Thread is null ? null : new FeedbackThread(FeedbackTarget.Submission, a.Attempt.Id, a.Thread, mayMentor || (own && mayEdit), mayMentor, detail.Statements, standing.Placement.CohortZone, viewerZone)))
            .ToList();
        return new TaskPage(
            standing,
            standing.Placement.CandidateName,
            own,
            detail.CanEdit,
            detail.IsOpen,
            mayMentor,
            detail.Lateness,
            attempts,
            detail.Statements,
            viewerZone,
            error,
            typedBody,
            standing.Current.Version);
    }
}
