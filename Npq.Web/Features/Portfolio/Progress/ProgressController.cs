using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Portfolio;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Progress;

/// <summary>Mentors' regular progress updates: writing and editing them, reading them, and who is due one (<see cref="ProgressService"/>).</summary>
[Route("progress")]
public sealed class ProgressController(PortfolioAccess portfolio, ProgressService progress) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var history = await progress.HistoryAsync(candidateId, cancellationToken);
        return View(new ProgressListPage(
            candidateId,
            history.CandidateName,
            candidateId == User.GetUserId(),
            history.Placement is not null && await portfolio.MayAsync(User, candidateId, Operations.Mentor),
            history.Updates,
            history.Framework,
            CandidateLookup.ZoneOf(history.Placement),
            await portfolio.ViewerZoneAsync(User, cancellationToken)));
    }

    [HttpGet("mentees")]
    [Authorize(Roles = Roles.Mentor)]
    public async Task<IActionResult> Mentees(int? page, int? size, CancellationToken cancellationToken)
    {
        var (mentees, number, pageSize) = await Paging.ReadAsync(
            page, size, (skip, take) => progress.MenteesAsync(User.GetUserId(), skip, take, cancellationToken), m => m.Mentees.Count == 0);

        return View(new MenteesPage(mentees.Mentees, new PageLinks("/progress/mentees", [], number, pageSize, mentees.Total, "your mentees")));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int candidate, CancellationToken cancellationToken)
    {
        if (!await portfolio.MayAsync(User, candidate, Operations.Mentor))
        {
            return Forbid();
        }

        if (await progress.ContextForAsync(candidate, cancellationToken) is not { } context)
        {
            return NotFound();
        }

        // Start from the last update's ratings, so the mentor changes only what moved.
        var form = new ProgressForm { Ratings = new(await progress.LastRatingsAsync(candidate, cancellationToken), StringComparer.OrdinalIgnoreCase) };
        return View("Form", new ProgressFormPage(null, context.Placement, context.Framework, form, false));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(int candidate, ProgressForm form, CancellationToken cancellationToken)
    {
        if (!await portfolio.MayAsync(User, candidate, Operations.Mentor))
        {
            return Forbid();
        }

        if (await progress.ContextForAsync(candidate, cancellationToken) is not { } context)
        {
            return NotFound();
        }

        var written = await progress.CreateAsync(context, form.ToInput(), User.GetUserId(), ModelState.IsValid, cancellationToken);
        if (!written.Saved)
        {
            return Refused(null, context, form, written);
        }

        TempData["Message"] = written.HeadteachersTold > 0
            ? "Progress update saved. The candidate and their headteacher have been told."
            : "Progress update saved. The candidate has been told.";
        return Redirect($"/progress?candidate={candidate}#update-{written.Id}");
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var update = await progress.GetAsync(id, cancellationToken);
        if (update is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, update.CandidateUserId, Operations.Mentor))
        {
            return Forbid();
        }

        var context = await progress.ContextOfAsync(update, cancellationToken);
        var form = new ProgressForm
        {
            Narrative = update.Narrative, NextSteps = update.NextSteps, Version = update.Version,
            Ratings = new(update.Ratings, StringComparer.OrdinalIgnoreCase),
        };
        return View("Form", new ProgressFormPage(id, context.Placement, context.Framework, form, false));
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Update(int id, ProgressForm form, CancellationToken cancellationToken)
    {
        var update = await progress.GetAsync(id, cancellationToken);
        if (update is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, update.CandidateUserId, Operations.Mentor))
        {
            return Forbid();
        }

        var context = await progress.ContextOfAsync(update, cancellationToken);
        var written = await progress.UpdateAsync(update, context, form.ToInput(), form.Version, User.GetUserId(), ModelState.IsValid, cancellationToken);
        if (!written.Saved)
        {
            if (written.Conflict)
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
            }

            return Refused(id, context, form, written);
        }

        TempData["Message"] = "Progress update saved.";
        return Redirect($"/progress?candidate={update.CandidateUserId}#update-{id}");
    }

    [HttpGet("cadence")]
    [Authorize(Roles = Roles.ProviderAdmin)]
    public async Task<IActionResult> Cadence(int? page, int? size, CancellationToken cancellationToken) =>
        View(await CadencePageAsync(Paging.Number(page), Paging.Size(size), null, null, null, cancellationToken));

    /// <summary>Saves one cohort's cadence and returns to the page of cohorts the form was on.</summary>
    [HttpPost("cadence")]
    [Authorize(Roles = Roles.ProviderAdmin)]
    public async Task<IActionResult> SetCadence(int cohortId, [FromForm] string? everyWeeks, int? page, int? size, CancellationToken cancellationToken)
    {
        int? weeks = int.TryParse(everyWeeks, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var w) ? w : null;
        var set = await progress.SetCadenceAsync(User.GetUserId(), cohortId, weeks, cancellationToken);
        if (!set.Found)
        {
            return NotFound();
        }

        var (number, pageSize) = (Paging.Number(page), Paging.Size(size));
        if (set.Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Cadence), await CadencePageAsync(number, pageSize, set.Error, cohortId, everyWeeks, cancellationToken));
        }

        TempData["Message"] = "Cadence saved.";
        return Redirect(CadenceLinks(number, pageSize, 0).Link(number) + $"#cadence-{cohortId}");
    }

    private async Task<CadencePage> CadencePageAsync(int page, int size, string? error, int? errorCohortId, string? entered, CancellationToken cancellationToken)
    {
        var cadences = await progress.CadencesPageAsync(User.GetUserId(), page, size, cancellationToken);
        return new CadencePage(cadences.Rows, error, CadenceLinks(cadences.Page, size, cadences.Total), errorCohortId, entered);
    }

    private static PageLinks CadenceLinks(int page, int size, int total) => new("/progress/cadence", [], page, size, total, "cohorts");

    /// <summary>The form again, with what the use case refused and the ratings it kept.</summary>
    private ViewResult Refused(int? id, ProgressContext context, ProgressForm form, ProgressWrite written)
    {
        form.Ratings = new(written.Ratings, StringComparer.OrdinalIgnoreCase);
        ModelState.AddProblems(written.Problems);
        return View("Form", new ProgressFormPage(id, context.Placement, context.Framework, form, written.Conflict));
    }
}
