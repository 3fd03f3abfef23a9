using Microsoft.AspNetCore.Mvc;
using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Feedback;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;
using Serilog;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>A candidate's evidence: the list, coverage, recording and editing (with autosave) and returning to draft.</summary>
[Route("evidence")]
public sealed class EvidenceController(
    PortfolioAccess portfolio,
    EvidenceService evidence,
    EvidenceQueries queries,
    IDiagnosticContext requestLine) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? candidate, int? page, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var listing = await queries.ListAsync(candidateId, page, cancellationToken);
        return View(new EvidenceListPage(
            candidateId, listing.CandidateName, await portfolio.MayAsync(User, candidateId, Operations.Edit), listing.Items, listing.Page, listing.HasNext));
    }

    [HttpGet("coverage")]
    public async Task<IActionResult> Coverage(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var coverage = await queries.CoverageAsync(candidateId, cancellationToken, User.GetUserId());
        return View(new CoveragePage(candidateId, coverage.CandidateName, coverage.Report, coverage.Materials));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Edit))
        {
            return Forbid();
        }

        var form = new EvidenceForm { EvidenceDate = await evidence.TodayForAsync(candidateId, cancellationToken) };
        return await FormView(null, candidateId, form, cancellationToken);
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(int? candidate, EvidenceForm form, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Edit))
        {
            return Forbid();
        }

        var result = await evidence.CreateAsync(candidateId, form.ToInput(), User.GetUserId(), ModelState.IsValid, cancellationToken);
        if (!result.Saved)
        {
            return await RefusedView(null, candidateId, form, result, cancellationToken);
        }

        OnRequestLine(EvidenceActions.Created, result.Id, candidateId);
        TempData["Message"] = form.Intent == "record" ? "Evidence recorded." : "Draft saved.";
        return RedirectToAction(nameof(Show), new { id = result.Id });
    }

    /// <summary>Autosave of a new item: creates the draft and tells the page where it now lives.</summary>
    [HttpPost("draft")]
    public async Task<IActionResult> CreateDraft(int? candidate, EvidenceForm form, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Edit))
        {
            return Forbid();
        }

        var id = await evidence.CreateDraftAsync(candidateId, form.ToInput(), User.GetUserId(), cancellationToken);
        OnRequestLine(EvidenceActions.Created, id, candidateId);
        return Json(new
        {
            id,
            version = 1,
            saveUrl = Url.Action(nameof(Autosave), new { id }),
            formAction = Url.Action(nameof(Update), new { id }),
            pageUrl = Url.Action(nameof(Edit), new { id }),
            fileUrl = Url.Action(nameof(EvidenceFilesController.Upload), "EvidenceFiles", new { id }),
        });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Read))
        {
            return Forbid();
        }

        var detail = await queries.DetailAsync(item, cancellationToken);
        var mayMentor = await portfolio.MayAsync(User, item.CandidateUserId, Operations.Mentor);
        var isOwner = item.CandidateUserId == User.GetUserId();
        var viewerZone = await portfolio.ViewerZoneAsync(User, cancellationToken);
        var thread = new FeedbackThread(FeedbackTarget.Evidence, item.Id, detail.Thread, mayMentor || isOwner, mayMentor, detail.Statements, detail.CohortZone, viewerZone);
        return View(new EvidenceDetailPage(
            item, detail.CandidateName, detail.Framework, detail.Files, detail.Log, thread,
            await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit), detail.CohortZone, viewerZone, TempData["UploadError"] as string));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit))
        {
            return Forbid();
        }

        if (!item.IsDraft)
        {
            TempData["Message"] = "This evidence is recorded. Return it to draft to change it.";
            return RedirectToAction(nameof(Show), new { id });
        }

        var form = new EvidenceForm
        {
            Title = item.Title, EvidenceDate = item.EvidenceDate, Reflection = item.Reflection, StatementIds = item.StatementIds.ToList(), Version = item.Version,
        };
        return await FormView(item, item.CandidateUserId, form, cancellationToken);
    }

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Update(int id, EvidenceForm form, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit))
        {
            return Forbid();
        }

        var result = await evidence.UpdateAsync(item, form.ToInput(), form.Version, User.GetUserId(), ModelState.IsValid, cancellationToken);
        if (!result.Saved)
        {
            return await RefusedView(item, item.CandidateUserId, form, result, cancellationToken);
        }

        OnRequestLine(result.Action!, id, item.CandidateUserId);
        TempData["Message"] = form.Intent == "record" ? "Evidence recorded." : "Draft saved.";
        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>Autosave of a draft: JSON for the page's script; a conflict is 409 with a message.</summary>
    [HttpPost("{id:int}/autosave")]
    public async Task<IActionResult> Autosave(int id, EvidenceForm form, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit))
        {
            return Forbid();
        }

        var saved = await evidence.AutosaveAsync(item, form.ToInput(), form.Version, User.GetUserId(), cancellationToken);
        return saved.Outcome is AutosaveOutcome.Saved or AutosaveOutcome.Unchanged
            ? Json(new { id, version = saved.Version, savedAt = Npq.Core.Time.ZonedTime.FormatTime(saved.AtUtc, "UTC") })
            : Conflict(new { message = saved.Message });
    }

    [HttpPost("{id:int}/return-to-draft")]
    public async Task<IActionResult> ReturnToDraft(int id, int version, CancellationToken cancellationToken)
    {
        var item = await evidence.GetAsync(id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit))
        {
            return Forbid();
        }

        if (await evidence.ReturnToDraftAsync(item, version, User.GetUserId(), cancellationToken) is { } outcome)
        {
            TempData["Message"] = outcome == SaveOutcome.Saved ? "Returned to draft: you can edit it now." : "This evidence changed since you opened it; reload and try again.";
        }

        return RedirectToAction(nameof(Show), new { id });
    }

    /// <summary>The form again, with what the use case refused beside its fields and the statements it kept.</summary>
    private Task<IActionResult> RefusedView(EvidenceItem? item, int candidateId, EvidenceForm form, EvidenceWrite result, CancellationToken cancellationToken)
    {
        form.StatementIds = result.StatementIds.ToList();
        ModelState.AddProblems(result.Problems);

        return FormView(item, candidateId, form, cancellationToken);
    }

    private async Task<IActionResult> FormView(EvidenceItem? item, int candidateId, EvidenceForm form, CancellationToken cancellationToken)
    {
        var context = await queries.FormAsync(candidateId, item, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return View("Form", new EvidenceFormPage(
            item?.Id, candidateId, context.CandidateName, candidateId != User.GetUserId(), form, context.Framework, context.Files, null));
    }

    private void OnRequestLine(string action, int evidenceId, int candidateId) => requestLine.SetEvidence(action, evidenceId, candidateId);
}
