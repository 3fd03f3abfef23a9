using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Serilog;
using Npq.Core.Portfolio;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Time;
using Npq.Data.Portfolio;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Authorization;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>A candidate's evidence: the list, recording and editing (with autosave), files, coverage and history.</summary>
[Route("evidence")]
public sealed class EvidenceController(
    PortfolioAccess portfolio,
    IEvidenceRepository evidence,
    IFeedbackRepository feedback,
    IFileStore files,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    IDiagnosticContext requestLine,
    ILogger<EvidenceController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? candidate, int? page, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        // A nonsense page number typed into the address shows the first page; one past the end says so (below).
        var number = Math.Clamp(page ?? 1, 1, 100_000);
        var (items, more) = await evidence.GetPageForCandidateAsync(candidateId, (number - 1) * EvidenceListPage.PageSize, EvidenceListPage.PageSize, cancellationToken);
        return View(new EvidenceListPage(
            candidateId,
            await portfolio.NameAsync(candidateId, cancellationToken) ?? string.Empty,
            await portfolio.MayAsync(User, candidateId, Operations.Edit),
            items,
            number,
            more));
    }

    [HttpGet("coverage")]
    public async Task<IActionResult> Coverage(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Read))
        {
            return Forbid();
        }

        var framework = await portfolio.FrameworkOfAsync(candidateId, cancellationToken);
        var report = framework is null ? null : CoverageReport.Build(framework, await evidence.GetStatementCountsAsync(candidateId, cancellationToken));
        return View(new CoveragePage(candidateId, await portfolio.NameAsync(candidateId, cancellationToken) ?? string.Empty, report));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int? candidate, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Edit))
        {
            return Forbid();
        }

        var placement = await portfolio.PlacementAsync(candidateId, cancellationToken);
        var today = ZonedTime.Today(time.GetUtcNow().UtcDateTime, PortfolioAccess.ZoneOf(placement));
        var form = new EvidenceForm { EvidenceDate = today };
        return await FormView(null, candidateId, form, null, cancellationToken);
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(int? candidate, EvidenceForm form, CancellationToken cancellationToken)
    {
        var candidateId = candidate ?? User.GetUserId();
        if (!await portfolio.MayAsync(User, candidateId, Operations.Edit))
        {
            return Forbid();
        }

        var framework = await portfolio.FrameworkOfAsync(candidateId, cancellationToken);
        if (!Validate(form, framework))
        {
            return await FormView(null, candidateId, form, null, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var record = form.Intent == "record";
        var id = await evidence.CreateAsync(ToItem(form, candidateId, 0, !record, now), User.GetUserId(), cancellationToken);
        OnRequestLine(EvidenceActions.Created, id, candidateId);
        TempData["Message"] = record ? "Evidence recorded." : "Draft saved.";
        return RedirectToAction(nameof(Show), new { id });
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

        // The place gives both the framework and the zone: a draft saved before a date was typed is dated today
        // where the candidate's cohort is, as the form would be.
        var placement = await portfolio.PlacementAsync(candidateId, cancellationToken);
        var framework = portfolio.FrameworkFor(placement);
        var now = time.GetUtcNow().UtcDateTime;
        var today = ZonedTime.Today(now, PortfolioAccess.ZoneOf(placement));
        var item = ToItem(AutosaveDefaults(form, framework, today), candidateId, 0, true, now);
        var id = await evidence.CreateAsync(item, User.GetUserId(), cancellationToken);
        OnRequestLine(EvidenceActions.Created, id, candidateId);
        return Json(new
        {
            id,
            version = 1,
            saveUrl = Url.Action(nameof(Autosave), new { id }),
            formAction = Url.Action(nameof(Update), new { id }),
            pageUrl = Url.Action(nameof(Edit), new { id }),
            fileUrl = Url.Action(nameof(Upload), new { id }),
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

        return View(await DetailAsync(item, TempData["UploadError"] as string, cancellationToken));
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
        return await FormView(item, item.CandidateUserId, form, null, cancellationToken);
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

        var framework = await portfolio.FrameworkOfAsync(item.CandidateUserId, cancellationToken);
        if (!item.IsDraft)
        {
            ModelState.AddModelError(string.Empty, "This evidence is recorded and can no longer be changed. Return it to draft first.");
        }

        if (!Validate(form, framework) || !item.IsDraft)
        {
            return await FormView(item, item.CandidateUserId, form, null, cancellationToken);
        }

        var record = form.Intent == "record";
        var updated = ToItem(form, item.CandidateUserId, id, !record, time.GetUtcNow().UtcDateTime);
        var detail = EvidenceChanges.Describe(item, updated);
        var (outcome, _) = await evidence.UpdateAsync(updated, form.Version, User.GetUserId(), record ? EvidenceActions.Recorded : EvidenceActions.Edited, detail, cancellationToken);
        if (outcome == SaveOutcome.Conflict)
        {
            ModelState.AddModelError(string.Empty,
                "This evidence was changed somewhere else (another tab or device) since you opened it. Your text is below: copy what you need, then reload the page.");
            return await FormView(item, item.CandidateUserId, form, null, cancellationToken);
        }

        OnRequestLine(record ? EvidenceActions.Recorded : EvidenceActions.Edited, id, item.CandidateUserId);
        TempData["Message"] = record ? "Evidence recorded." : "Draft saved.";
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

        if (!item.IsDraft)
        {
            return Conflict(new { message = "This evidence is recorded; autosave is off." });
        }

        var framework = await portfolio.FrameworkOfAsync(item.CandidateUserId, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var updated = ToItem(AutosaveDefaults(form, framework, item.EvidenceDate, item), item.CandidateUserId, id, true, now);
        var detail = EvidenceChanges.Describe(item, updated);
        if (detail is null)
        {
            return Json(new { id, version = item.Version, savedAt = ZonedTime.FormatTime(now, "UTC") });
        }

        var (outcome, version) = await evidence.UpdateAsync(updated, form.Version, User.GetUserId(), EvidenceActions.Autosaved, detail, cancellationToken);
        return outcome == SaveOutcome.Saved
            ? Json(new { id, version, savedAt = ZonedTime.FormatTime(now, "UTC") })
            : Conflict(new { message = "This draft was changed somewhere else since you opened it. Copy your text, then reload the page." });
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

        if (!item.IsDraft)
        {
            var (outcome, _) = await evidence.UpdateAsync(item with { IsDraft = true, UpdatedUtc = time.GetUtcNow().UtcDateTime }, version, User.GetUserId(), EvidenceActions.ReturnedToDraft, null, cancellationToken);
            TempData["Message"] = outcome == SaveOutcome.Saved ? "Returned to draft: you can edit it now." : "This evidence changed since you opened it; reload and try again.";
        }

        return RedirectToAction(nameof(Show), new { id });
    }

    [HttpPost("{id:int}/files")]
    [RequestFormLimits(MultipartBodyLengthLimit = 1024L * 1024 * 1024)]
    public async Task<IActionResult> Upload(int id, IFormFile? file, CancellationToken cancellationToken)
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

        string? error = null;
        if (file is null)
        {
            error = "Choose a file to attach.";
        }
        else
        {
            await using var content = file.OpenReadStream();
            await using var buffer = new MemoryStream();
            if (file.Length <= storage.Value.MaxFileBytes)
            {
                await content.CopyToAsync(buffer, cancellationToken);
            }

            var (type, problem) = UploadCheck.Check(file.FileName, file.Length, buffer, storage.Value.MaxFileBytes);
            if (type is null)
            {
                error = problem;
                logger.LogWarning("Upload to evidence {EvidenceId} refused by {UserId}", id, User.GetUserId());
            }
            else
            {
                var stored = await files.SaveAsync(buffer, cancellationToken);
                var fileId = await evidence.AddFileAsync(new EvidenceFile
                {
                    EvidenceId = id,
                    StoredName = stored,
                    FileName = SafeFileName(file.FileName),
                    ContentType = type.ContentType,
                    SizeBytes = file.Length,
                    UploadedUtc = time.GetUtcNow().UtcDateTime,
                    UploadedByUserId = User.GetUserId(),
                }, cancellationToken);
                OnRequestLine(EvidenceActions.FileAdded, id, item.CandidateUserId);
                requestLine.Set("FileId", fileId);
                TempData["Message"] = "File attached.";
            }
        }

        if (error is not null)
        {
            TempData["UploadError"] = error;
        }

        return Redirect(Url.Action(nameof(Show), new { id }) + "#files");
    }

    [HttpGet("files/{fileId:int}")]
    public async Task<IActionResult> Download(int fileId, CancellationToken cancellationToken)
    {
        var file = await evidence.GetFileAsync(fileId, cancellationToken);
        var item = file is null ? null : await evidence.GetAsync(file.EvidenceId, cancellationToken);
        if (file is null || item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Read))
        {
            return Forbid();
        }

        var stream = await files.OpenReadAsync(file.StoredName, cancellationToken);
        if (stream is null)
        {
            logger.LogError("Stored file {FileId} of evidence {EvidenceId} is missing from the file store", fileId, item.Id);
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(stream, "application/octet-stream", file.FileName);
    }

    [HttpPost("files/{fileId:int}/remove")]
    public async Task<IActionResult> RemoveFile(int fileId, CancellationToken cancellationToken)
    {
        var file = await evidence.GetFileAsync(fileId, cancellationToken);
        var item = file is null ? null : await evidence.GetAsync(file.EvidenceId, cancellationToken);
        if (file is null || item is null)
        {
            return NotFound();
        }

        if (!await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit))
        {
            return Forbid();
        }

        // The file stays in the store so the evidence log's history keeps pointing at something real.
        await evidence.RemoveFileAsync(file, User.GetUserId(), time.GetUtcNow().UtcDateTime, cancellationToken);
        TempData["Message"] = "File removed.";
        return Redirect(Url.Action(nameof(Show), new { id = item.Id }) + "#files");
    }

    private async Task<EvidenceDetailPage> DetailAsync(EvidenceItem item, string? uploadError, CancellationToken cancellationToken)
    {
        var placement = await portfolio.PlacementAsync(item.CandidateUserId, cancellationToken);
        var framework = portfolio.FrameworkFor(placement);
        var statements = item.StatementIds.Select(s => framework?.FindStatement(s)).OfType<Statement>().ToList();
        var mayMentor = await portfolio.MayAsync(User, item.CandidateUserId, Operations.Mentor);
        var isOwner = item.CandidateUserId == User.GetUserId();
        var thread = new FeedbackThread(
            FeedbackTarget.Evidence, item.Id, await feedback.GetThreadAsync(FeedbackTarget.Evidence, item.Id, cancellationToken),
            mayMentor || isOwner, mayMentor, statements, PortfolioAccess.ZoneOf(placement), await portfolio.ViewerZoneAsync(User, cancellationToken));
        return new EvidenceDetailPage(
            item,
            await portfolio.NameAsync(item.CandidateUserId, cancellationToken) ?? string.Empty,
            framework,
            await evidence.GetFilesAsync(item.Id, cancellationToken),
            await evidence.GetLogAsync(item.Id, cancellationToken),
            thread,
            await portfolio.MayAsync(User, item.CandidateUserId, Operations.Edit),
            PortfolioAccess.ZoneOf(placement),
            thread.ViewerZone,
            uploadError);
    }

    private async Task<IActionResult> FormView(EvidenceItem? item, int candidateId, EvidenceForm form, string? message, CancellationToken cancellationToken)
    {
        var framework = await portfolio.FrameworkOfAsync(candidateId, cancellationToken);
        if (framework is null)
        {
            return NotFound();
        }

        var itemFiles = item is null ? [] : await evidence.GetFilesAsync(item.Id, cancellationToken);
        return View("Form", new EvidenceFormPage(
            item?.Id, candidateId, await portfolio.NameAsync(candidateId, cancellationToken) ?? string.Empty, candidateId != User.GetUserId(), form, framework, itemFiles, message));
    }

    private bool Validate(EvidenceForm form, Framework? framework)
    {
        form.StatementIds = form.StatementIds.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = form.StatementIds.Where(s => framework?.FindStatement(s) is null).ToList();
        if (unknown.Count > 0)
        {
            form.StatementIds = form.StatementIds.Except(unknown).ToList();
            ModelState.AddModelError(nameof(EvidenceForm.StatementIds), "Some statements you chose are not in your framework; choose again from the list.");
        }

        if (form.Intent == "record")
        {
            if (form.StatementIds.Count == 0)
            {
                ModelState.AddModelError(nameof(EvidenceForm.StatementIds), "Choose at least one statement this evidence shows before you record it.");
            }

            if (string.IsNullOrWhiteSpace(form.Reflection))
            {
                ModelState.AddModelError(nameof(EvidenceForm.Reflection), "Write a reflection before you record this evidence.");
            }
        }

        return ModelState.IsValid;
    }

    /// <summary>Autosave keeps whatever was typed, so a draft without a title or date still saves.</summary>
    private static EvidenceForm AutosaveDefaults(EvidenceForm form, Framework? framework, DateOnly dateIfNone, EvidenceItem? existing = null)
    {
        form.Title = string.IsNullOrWhiteSpace(form.Title) ? existing?.Title ?? "Untitled draft" : form.Title.Trim()[..Math.Min(form.Title.Trim().Length, EvidenceForm.MaxTitle)];
        form.EvidenceDate ??= dateIfNone;
        if (form.Reflection is { Length: > EvidenceForm.MaxReflection })
        {
            form.Reflection = form.Reflection[..EvidenceForm.MaxReflection];
        }

        form.StatementIds = form.StatementIds.Where(s => framework?.FindStatement(s) is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return form;
    }

    private static EvidenceItem ToItem(EvidenceForm form, int candidateId, int id, bool draft, DateTime now) => new()
    {
        Id = id,
        CandidateUserId = candidateId,
        Title = form.Title!.Trim(),
        EvidenceDate = form.EvidenceDate!.Value,
        Reflection = form.Reflection ?? string.Empty,
        IsDraft = draft,
        CreatedUtc = now,
        UpdatedUtc = now,
        StatementIds = form.StatementIds,
    };

    private static string SafeFileName(string name)
    {
        var justName = Path.GetFileName(name.Replace('\\', '/'));
        var cleaned = new string(justName.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not '\\').ToArray()).Trim();
        return cleaned.Length == 0 ? "file" : cleaned[..Math.Min(cleaned.Length, 200)];
    }

    /// <summary>
    /// What the request did goes on the request's own log line (beside its method, path, status, time and user id)
    /// rather than on a second line: one line per request, for writes as for reads.
    /// </summary>
    private void OnRequestLine(string action, int evidenceId, int candidateId)
    {
        requestLine.Set("EvidenceAction", action);
        requestLine.Set("EvidenceId", evidenceId);
        requestLine.Set("CandidateId", candidateId);
    }
}
