using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Npq.Core.Accounts;
using Npq.Core.Materials;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Caching;

namespace Npq.Web.Features.Materials.Learn;

/// <summary>
/// A candidate studying their cohort's materials: the Learn page, each item, its files, and the progress each records.
/// Only the cohort's candidates who have not withdrawn reach it (MaterialsOperations.Study); an item they may not
/// open (a module not open for them, a draft, another course's) answers 404, by URL as by link. The Learn page and an
/// item's page are the candidate's own pages, kept by <see cref="CandidatePageCachePolicy"/> until anyone writes.
/// </summary>
[Authorize(Roles = Roles.Candidate)]
[Route("learn")]
public sealed class LearnController(Studying studying, MaterialsAccess access) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var cohorts = await studying.CohortsAsync(User.GetUserId(), cancellationToken);
        return cohorts.Count == 1 ? RedirectToAction(nameof(Cohort), new { cohortId = cohorts[0].CohortId }) : View(cohorts);
    }

    [HttpGet("{cohortId:int}")]
    [OutputCache(PolicyName = CandidatePageCachePolicy.Name)]
    public async Task<IActionResult> Cohort(int cohortId, CancellationToken cancellationToken)
    {
        if (!await MayStudyAsync(cohortId))
        {
            return Forbid();
        }

        var page = await studying.LearnAsync(User.GetUserId(), cohortId, cancellationToken);
        return page is null ? NotFound() : View(page);
    }

    [HttpGet("{cohortId:int}/items/{itemId:int}")]
    [OutputCache(PolicyName = CandidatePageCachePolicy.Name)]
    public async Task<IActionResult> Item(int cohortId, int itemId, bool retry, CancellationToken cancellationToken)
    {
        if (!await MayStudyAsync(cohortId))
        {
            return NotFound();
        }

        var page = await studying.ItemAsync(User.GetUserId(), cohortId, itemId, cancellationToken);
        return page is null ? NotFound() : View(new ItemView(page, retry || page.LastAttempt is null, TempData["Problem"] as string, TempData["Message"] as string));
    }

    [HttpPost("{cohortId:int}/items/{itemId:int}/done")]
    public async Task<IActionResult> Done(int cohortId, int itemId, CancellationToken cancellationToken)
    {
        if (!await MayStudyAsync(cohortId))
        {
            return NotFound();
        }

        return await studying.MarkDoneAsync(User.GetUserId(), cohortId, itemId, cancellationToken) switch
        {
            DoneOutcome.Done => RedirectToItem(cohortId, itemId, "Marked as done."),
            DoneOutcome.NotThisKind => BadRequest(),
            _ => NotFound(),
        };
    }

    /// <summary>
    /// A video's progress, reported by wwwroot/js/learn-video.js as it plays: JSON in, JSON out. The hot write of the
    /// materials: the check that the candidate studies the cohort (as <see cref="MaterialsOperations.Study"/> asks) is
    /// made by the report's own read, in the same statement as its item and progress, rather than by a query of its own.
    /// </summary>
    [HttpPost("{cohortId:int}/items/{itemId:int}/progress")]
    public async Task<IActionResult> Progress(int cohortId, int itemId, [FromBody] VideoProgressForm? form, CancellationToken cancellationToken)
    {
        if (form is null)
        {
            return BadRequest();
        }

        if (!User.IsInRole(Roles.Candidate))
        {
            return NotFound();
        }

        var result = await studying.ReportVideoAsync(User.GetUserId(), cohortId, itemId, form.ToReport(), cancellationToken);
        return result is null ? NotFound() : Json(new { percent = result.PercentWatched, complete = result.IsComplete });
    }

    [HttpPost("{cohortId:int}/items/{itemId:int}/reflection")]
    public async Task<IActionResult> Reflection(int cohortId, int itemId, [FromForm] string? answer, CancellationToken cancellationToken)
    {
        if (!await MayStudyAsync(cohortId))
        {
            return NotFound();
        }

        var result = await studying.AnswerReflectionAsync(User.GetUserId(), cohortId, itemId, answer, cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        if (!result.Saved)
        {
            var page = await studying.ItemAsync(User.GetUserId(), cohortId, itemId, cancellationToken);
            ModelState.AddModelError("answer", result.Problem ?? Studying.BlankAnswer);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return page is null ? NotFound() : View(nameof(Item), new ItemView(page, true, null, null) { Answer = answer });
        }

        return RedirectToItem(cohortId, itemId, "Your answer is saved as a draft evidence item in your portfolio.");
    }

    [HttpPost("{cohortId:int}/items/{itemId:int}/check")]
    public async Task<IActionResult> Check(int cohortId, int itemId, CancellationToken cancellationToken)
    {
        if (!await MayStudyAsync(cohortId))
        {
            return NotFound();
        }

        var result = await studying.SubmitCheckAsync(User.GetUserId(), cohortId, itemId, CheckAnswers.Read(Request.Form), cancellationToken);
        return result is null ? NotFound() : Redirect($"/learn/{cohortId}/items/{itemId}#result");
    }

    /// <summary>A file item's file (a download; a PDF may open in the browser) or a video, with range requests so seeking works.</summary>
    [HttpGet("{cohortId:int}/items/{itemId:int}/file")]
    public Task<IActionResult> Download(int cohortId, int itemId, CancellationToken cancellationToken) => SendAsync(cohortId, itemId, captions: false, cancellationToken);

    /// <summary>A video's WebVTT captions.</summary>
    [HttpGet("{cohortId:int}/items/{itemId:int}/captions.vtt")]
    public Task<IActionResult> Captions(int cohortId, int itemId, CancellationToken cancellationToken) => SendAsync(cohortId, itemId, captions: true, cancellationToken);

    private async Task<IActionResult> SendAsync(int cohortId, int itemId, bool captions, CancellationToken cancellationToken)
    {
        if (!await MayStudyAsync(cohortId))
        {
            return NotFound();
        }

        var file = await studying.OpenFileAsync(User.GetUserId(), cohortId, itemId, captions, cancellationToken);
        if (file is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, max-age=300";
        if (file.Inline)
        {
            Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { Inline = true, FileName = file.FileName }.ToString();
            return File(file.Content, file.ContentType, enableRangeProcessing: true);
        }

        return File(file.Content, file.ContentType, file.FileName, enableRangeProcessing: true);
    }

    private Task<bool> MayStudyAsync(int cohortId) => access.MayAsync(User, cohortId, MaterialsOperations.Study);

    private RedirectResult RedirectToItem(int cohortId, int itemId, string message)
    {
        TempData["Message"] = message;
        return Redirect($"/learn/{cohortId}/items/{itemId}");
    }
}
