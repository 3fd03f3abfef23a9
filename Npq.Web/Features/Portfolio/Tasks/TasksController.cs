using Microsoft.AspNetCore.Mvc;
using Npq.Core.Portfolio;
using Npq.Core.Frameworks;
using Npq.Data.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Tasks;

/// <summary>A candidate's assessment tasks: the list, writing and submitting an attempt, reopening and extensions.</summary>
[Route("tasks")]
public sealed class TasksController(
    PortfolioAccess portfolio,
    ITaskRepository tasks,
    SubmissionService submissions,
    IFeedbackRepository feedback,
    TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = await RowsAsync(candidateId, now, cancellationToken);
        return View(new TaskListPage(candidateId, await portfolio.NameAsync(candidateId, cancellationToken) ?? string.Empty, candidateId == User.GetUserId(), rows));
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
        var submission = await tasks.GetSubmissionAsync(id, cancellationToken);
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

        if ((body ?? string.Empty) == standing.Current.Body && standing.Current.Id == id)
        {
            return Json(new { id, version = standing.Current.Version, words = standing.Current.WordCount });
        }

        var result = await submissions.SaveAsync(standing, id, version, body ?? string.Empty, submit: false, User.GetUserId(), cancellationToken);
        return result.Done
            ? Json(new { id, version = result.Version, words = WordCount.Of(body) })
            : Conflict(new { message = result.Error });
    }

    [HttpPost("submissions/{id:int}/reopen")]
    public async Task<IActionResult> Reopen(int id, int version, CancellationToken cancellationToken)
    {
        var submission = await tasks.GetSubmissionAsync(id, cancellationToken);
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

    private async Task<IReadOnlyList<TaskRow>> RowsAsync(int candidateId, DateTime now, CancellationToken cancellationToken)
    {
        var latest = (await tasks.GetLatestAttemptsForCandidateAsync(candidateId, cancellationToken)).ToDictionary(s => s.TaskId);
        var rows = new List<TaskRow>();
        foreach (var placement in await portfolio.PlacementsAsync(candidateId, cancellationToken))
        {
            foreach (var (task, dates) in await tasks.GetTasksForCohortAsync(placement.CohortId, cancellationToken))
            {
                var attempt = latest.GetValueOrDefault(task.Id);
                var extension = await tasks.GetExtensionAsync(task.Id, candidateId, cancellationToken);
                var context = new SubmissionContext { NowUtc = now, CohortZone = placement.CohortZone, Dates = dates, ExtensionDueOn = extension?.DueOn };
                rows.Add(new TaskRow(task, dates, placement.CohortZone, attempt, SubmissionWorkflow.LatenessOf(attempt?.State == SubmissionState.Submitted ? attempt.SubmittedUtc : null, context), extension?.DueOn));
            }
        }

        return rows;
    }

    private async Task<TaskPage> PageAsync(CandidateTask standing, string? error, string? typedBody, CancellationToken cancellationToken)
    {
        var candidateId = standing.Placement.CandidateUserId;
        var now = time.GetUtcNow().UtcDateTime;
        var mayEdit = await portfolio.MayAsync(User, candidateId, Operations.Edit);
        var mayMentor = await portfolio.MayAsync(User, candidateId, Operations.Mentor);
        var own = candidateId == User.GetUserId();
        var framework = portfolio.FrameworkFor(standing.Placement);
        var statements = standing.Task.StatementIds.Select(id => framework?.FindStatement(id)).OfType<Statement>().ToList();
        var viewerZone = await portfolio.ViewerZoneAsync(User, cancellationToken);
        var attempts = new List<AttemptView>();
        foreach (var attempt in standing.Attempts)
        {
            var isDraft = attempt.State is SubmissionState.New or SubmissionState.Draft;
            var showBody = !isDraft || mayEdit || (mayMentor && standing.Task.MentorReviewsDrafts);
            var threadOpen = !isDraft || standing.Task.MentorReviewsDrafts;
            var thread = threadOpen && showBody
                ? new FeedbackThread(FeedbackTarget.Submission, attempt.Id, await feedback.GetThreadAsync(FeedbackTarget.Submission, attempt.Id, cancellationToken),
                    mayMentor || (own && mayEdit), mayMentor, statements, standing.Placement.CohortZone, viewerZone)
                : null;
            attempts.Add(new AttemptView(attempt, showBody, thread));
        }

        var current = standing.Current;
        var editable = current.State is SubmissionState.New or SubmissionState.Draft;
        return new TaskPage(
            standing,
            standing.Placement.CandidateName,
            own,
            mayEdit && editable && SubmissionWorkflow.IsOpen(standing.ContextAt(now)),
            SubmissionWorkflow.IsOpen(standing.ContextAt(now)),
            mayMentor,
            standing.LatenessAt(now),
            attempts,
            statements,
            viewerZone,
            error,
            typedBody,
            current.Version);
    }
}
