using Npq.Core.Enrolment;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Portfolio;
using Npq.Core.Frameworks;
using Npq.Core.Notifications;
using Npq.Data.Accounts;
using Npq.Data.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Progress;

/// <summary>Mentors' regular progress updates: writing and editing them, reading them, and who is due one.</summary>
[Route("progress")]
public sealed class ProgressController(
    PortfolioAccess portfolio,
    IProgressRepository progress,
    IPlacementRepository placements,
    ProgressDueService due,
    IOrganisationRepository organisations,
    IUserRepository users,
    IRelationships relationships,
    INotifier notifier,
    TimeProvider time,
    ILogger<ProgressController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var placement = await portfolio.PlacementAsync(candidateId, cancellationToken);
        return View(new ProgressListPage(
            candidateId,
            await portfolio.NameAsync(candidateId, cancellationToken) ?? string.Empty,
            candidateId == User.GetUserId(),
            placement is not null && await portfolio.MayAsync(User, candidateId, Operations.Mentor),
            await progress.GetForCandidateAsync(candidateId, cancellationToken),
            portfolio.FrameworkFor(placement),
            PortfolioAccess.ZoneOf(placement),
            await portfolio.ViewerZoneAsync(User, cancellationToken)));
    }

    [HttpGet("mentees")]
    [Authorize(Roles = Roles.Mentor)]
    public async Task<IActionResult> Mentees(CancellationToken cancellationToken) =>
        View(await due.ForAsync(await placements.GetForMentorAsync(User.GetUserId(), cancellationToken), cancellationToken));

    [HttpGet("new")]
    public async Task<IActionResult> New(int candidate, CancellationToken cancellationToken)
    {
        if (!await portfolio.MayAsync(User, candidate, Operations.Mentor))
        {
            return Forbid();
        }

        var placement = await portfolio.PlacementAsync(candidate, cancellationToken);
        var framework = portfolio.FrameworkFor(placement);
        if (placement is null || framework is null)
        {
            return NotFound();
        }

        // Start from the last update's ratings, so the mentor changes only what moved.
        var last = (await progress.GetForCandidateAsync(candidate, cancellationToken)).FirstOrDefault();
        var form = new ProgressForm { Ratings = new(last?.Ratings ?? new Dictionary<string, ProgressRating>(), StringComparer.OrdinalIgnoreCase) };
        return View("Form", new ProgressFormPage(null, placement, framework, form, false));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(int candidate, ProgressForm form, CancellationToken cancellationToken)
    {
        if (!await portfolio.MayAsync(User, candidate, Operations.Mentor))
        {
            return Forbid();
        }

        var placement = await portfolio.PlacementAsync(candidate, cancellationToken);
        var framework = portfolio.FrameworkFor(placement);
        if (placement is null || framework is null)
        {
            return NotFound();
        }

        if (!Validate(form, framework))
        {
            return View("Form", new ProgressFormPage(null, placement, framework, form, false));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var id = await progress.CreateAsync(new ProgressUpdate
        {
            CandidateUserId = candidate,
            CohortId = placement.CohortId,
            MentorUserId = User.GetUserId(),
            Narrative = form.Narrative!.Trim(),
            NextSteps = form.NextSteps!.Trim(),
            CreatedUtc = now,
            UpdatedUtc = now,
            Ratings = form.Ratings,
        }, cancellationToken);
        logger.LogInformation("Progress update {UpdateId} for candidate {CandidateId} written by {UserId}", id, candidate, User.GetUserId());
        await notifier.NotifyAsync(candidate, "progress-update", "Your mentor wrote a progress update", $"/progress#update-{id}", cancellationToken);
        var headteachers = await relationships.HeadteachersOfAsync(candidate, cancellationToken);
        if (headteachers.Count > 0)
        {
            // Headteachers follow their staff's progress: they hear of each new update, as the candidate does.
            var title = $"{await portfolio.NameAsync(candidate, cancellationToken) ?? "A member of your staff"}'s mentor wrote a progress update";
            foreach (var headteacher in headteachers)
            {
                await notifier.NotifyAsync(headteacher, "progress-update", title, $"/progress?candidate={candidate}#update-{id}", cancellationToken);
            }
        }

        TempData["Message"] = headteachers.Count > 0
            ? "Progress update saved. The candidate and their headteacher have been told."
            : "Progress update saved. The candidate has been told.";
        return Redirect($"/progress?candidate={candidate}#update-{id}");
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

        var (placement, framework) = await ContextAsync(update, cancellationToken);
        var form = new ProgressForm
        {
            Narrative = update.Narrative, NextSteps = update.NextSteps, Version = update.Version,
            Ratings = new(update.Ratings, StringComparer.OrdinalIgnoreCase),
        };
        return View("Form", new ProgressFormPage(id, placement, framework, form, false));
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

        var (placement, framework) = await ContextAsync(update, cancellationToken);
        if (!Validate(form, framework))
        {
            return View("Form", new ProgressFormPage(id, placement, framework, form, false));
        }

        var (outcome, _) = await progress.UpdateAsync(update with
        {
            Narrative = form.Narrative!.Trim(), NextSteps = form.NextSteps!.Trim(), Ratings = form.Ratings, UpdatedUtc = time.GetUtcNow().UtcDateTime,
        }, form.Version, cancellationToken);
        if (outcome == SaveOutcome.Conflict)
        {
            logger.LogInformation("Progress update {UpdateId} edit by {UserId} lost to a newer save", id, User.GetUserId());
            ModelState.AddModelError(string.Empty,
                "Someone else saved this progress update after you opened it, so your changes were not saved. What you typed is still below; the saved version is on the candidate's progress page. Reload to start from the saved version, then add your changes.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Form", new ProgressFormPage(id, placement, framework, form, true));
        }

        logger.LogInformation("Progress update {UpdateId} edited by {UserId}", id, User.GetUserId());
        await notifier.NotifyAsync(update.CandidateUserId, "progress-update", "Your mentor revised a progress update", $"/progress#update-{id}", cancellationToken);
        TempData["Message"] = "Progress update saved.";
        return Redirect($"/progress?candidate={update.CandidateUserId}#update-{id}");
    }

    [HttpGet("cadence")]
    [Authorize(Roles = Roles.ProviderAdmin)]
    public async Task<IActionResult> Cadence(CancellationToken cancellationToken) => View(await CadencePageAsync(null, cancellationToken));

    [HttpPost("cadence")]
    [Authorize(Roles = Roles.ProviderAdmin)]
    public async Task<IActionResult> SetCadence(int cohortId, int? everyWeeks, CancellationToken cancellationToken)
    {
        var page = await CadencePageAsync(null, cancellationToken);
        if (page.Cohorts.All(c => c.Cohort.Id != cohortId))
        {
            return NotFound();
        }

        if (everyWeeks is null or < 1 or > 26)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Cadence), page with { Error = "Enter a number of weeks between 1 and 26." });
        }

        await progress.SetCadenceWeeksAsync(cohortId, everyWeeks.Value, cancellationToken);
        TempData["Message"] = "Cadence saved.";
        return RedirectToAction(nameof(Cadence));
    }

    private async Task<CadencePage> CadencePageAsync(string? error, CancellationToken cancellationToken)
    {
        var admin = await users.FindByIdAsync(User.GetUserId(), cancellationToken);
        var courses = (await organisations.GetCoursesAsync()).Where(c => c.ProviderId == admin?.ProviderId).Select(c => c.Id).ToHashSet();
        var list = new List<(Npq.Core.Enrolment.Cohort, int)>();
        foreach (var cohort in (await organisations.GetCohortsAsync()).Where(c => courses.Contains(c.CourseId)))
        {
            list.Add((cohort, await progress.GetCadenceWeeksAsync(cohort.Id, cancellationToken)));
        }

        return new CadencePage(list, error);
    }

    private async Task<(CandidatePlacement Placement, Framework Framework)> ContextAsync(ProgressUpdate update, CancellationToken cancellationToken)
    {
        var all = await portfolio.PlacementsAsync(update.CandidateUserId, cancellationToken);
        var placement = all.FirstOrDefault(p => p.CohortId == update.CohortId) ?? all.FirstOrDefault()
            ?? new CandidatePlacement { CandidateUserId = update.CandidateUserId, CohortId = update.CohortId };
        return (placement, portfolio.FrameworkFor(placement)!);
    }

    private bool Validate(ProgressForm form, Framework framework)
    {
        form.Ratings = form.Ratings.Where(r => framework.FindArea(r.Key) is not null && Enum.IsDefined(r.Value))
            .ToDictionary(r => framework.FindArea(r.Key)!.Slug, r => r.Value, StringComparer.OrdinalIgnoreCase);
        if (framework.Areas.Any(a => !form.Ratings.ContainsKey(a.Slug)))
        {
            ModelState.AddModelError(nameof(ProgressForm.Ratings), "Give a rating for every area (choose “Not started” where nothing has happened yet).");
        }

        return ModelState.IsValid;
    }
}
