using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Web.Features.FinalAssessment.Assessment;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.FinalAssessment.Outcomes;

/// <summary>A provider admin runs a cohort's final assessment: allocation, sign-off, release and the records archive.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("outcomes")]
public sealed class OutcomesController(
    FinalAssessmentQueries queries,
    MarkingAllocation allocation,
    OutcomeRelease release,
    AssessmentPolicies policies,
    AssessmentRecords records,
    RecordArchiveJobs archives,
    IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, CancellationToken cancellationToken)
    {
        var pageSize = Paging.Size(size);
        var overview = await queries.GetCohortOverviewsPageAsync(User.GetUserId(), Paging.Number(page), pageSize, cancellationToken);
        return View(new OutcomesIndexPage(overview.Cohorts, new PageLinks("/outcomes", [], overview.Page, pageSize, overview.Total, "cohorts")));
    }

    [HttpGet("{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, string? message, int? page, int? size, int? script, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return await queries.GetCohortAsync(cohortId, cancellationToken) is null ? NotFound() : Forbid();
        }

        await allocation.OpenSubmittedScriptsAsync(cohortId, cancellationToken);
        return View(await PageAsync(cohortId, Message(message), null, new Place(Paging.Number(page), Paging.Size(size), script), cancellationToken));
    }

    [HttpPost("{cohortId:int}/allocate")]
    public async Task<IActionResult> Allocate(int cohortId, AllocationForm form, int? size, CancellationToken cancellationToken) =>
        await AllocateAsync(cohortId, form, moderator: false, Paging.Size(size), cancellationToken);

    [HttpPost("{cohortId:int}/moderator")]
    public async Task<IActionResult> AllocateModerator(int cohortId, AllocationForm form, int? size, CancellationToken cancellationToken) =>
        await AllocateAsync(cohortId, form, moderator: true, Paging.Size(size), cancellationToken);

    [HttpPost("{cohortId:int}/allocate-evenly")]
    public async Task<IActionResult> AllocateEvenly(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var count = await allocation.AllocateEvenlyAsync(cohortId, User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = $"allocated:{count}" });
    }

    [HttpPost("{cohortId:int}/approve")]
    public async Task<IActionResult> Approve(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var count = await release.ApproveModeratedAsync(cohortId, User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = $"approved:{count}" });
    }

    [HttpPost("{cohortId:int}/release")]
    public async Task<IActionResult> Release(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var released = await release.ReleaseAsync(cohortId, User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = $"released:{released.Count}" });
    }

    [HttpPost("{cohortId:int}/policy")]
    public async Task<IActionResult> Policy(int cohortId, [Bind(Prefix = "PolicyForm")] PolicyForm form, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var threshold = Percent(form.AttendanceThresholdPercent, "PolicyForm.AttendanceThresholdPercent", "attendance requirement");
        var sample = Percent(form.ModerationSamplePercent, "PolicyForm.ModerationSamplePercent", "moderation sample");
        if (!ModelState.IsValid)
        {
            return View(nameof(Cohort), await PageAsync(cohortId, null, form, new Place(1, Paging.DefaultSize, null), cancellationToken));
        }

        await policies.SaveCohortPolicyAsync(cohortId, new PolicyOverrides(threshold, sample, form.BlindMarking), User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = "policy" });
    }

    [HttpPost("{cohortId:int}/archive")]
    public async Task<IActionResult> Archive(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        if (await records.ArchiveFileNameAsync(cohortId, cancellationToken) is not { } fileName)
        {
            return NotFound();
        }

        var job = await archives.StartAsync(cohortId, User.GetUserId(), fileName, cancellationToken);
        await records.ExportStartedAsync(User.GetUserId(), cohortId, job.Id, cancellationToken);
        return RedirectToAction(nameof(ArchiveStatus), new { id = job.Id });
    }

    [HttpGet("archives/{id:guid}")]
    public async Task<IActionResult> ArchiveStatus(Guid id, CancellationToken cancellationToken)
    {
        var job = await archives.FindAsync(id, User.GetUserId(), cancellationToken);
        return job is null ? NotFound() : View(job);
    }

    [HttpGet("archives/{id:guid}/progress")]
    public async Task<IActionResult> ArchiveProgress(Guid id, CancellationToken cancellationToken)
    {
        var job = await archives.FindAsync(id, User.GetUserId(), cancellationToken);
        return job is null
            ? NotFound()
            : Json(new { total = job.Total, done = job.Done, finished = job.Finished, failed = job.Failed, download = $"/outcomes/archives/{id}/download" });
    }

    [HttpGet("archives/{id:guid}/download")]
    public async Task<IActionResult> ArchiveDownload(Guid id, CancellationToken cancellationToken)
    {
        var job = await archives.FindAsync(id, User.GetUserId(), cancellationToken);
        if (job is null || !await CanManageAsync(job.CohortId))
        {
            return NotFound();
        }

        var stream = await archives.OpenFinishedAsync(id, User.GetUserId(), cancellationToken);
        return stream is null ? RedirectToAction(nameof(ArchiveStatus), new { id }) : File(stream, "application/zip", job.FileName);
    }

    private async Task<IActionResult> AllocateAsync(int cohortId, AllocationForm form, bool moderator, int size, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var result = await allocation.AllocateInCohortAsync(cohortId, form.ScriptId, form.UserId, form.Version, moderator, User.GetUserId(), cancellationToken);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Refusal is not null)
        {
            ModelState.AddModelError($"{(moderator ? "moderator" : "assessor")}-{form.ScriptId}", result.Refusal);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Cohort), await PageAsync(cohortId, null, null, new Place(1, size, form.ScriptId), cancellationToken));
        }

        // Back on the page holding the script just allocated.
        return RedirectToAction(nameof(Cohort), new { cohortId, message = moderator ? "moderator" : "assessor", size = size == Paging.DefaultSize ? (int?)null : size, script = form.ScriptId });
    }

    private async Task<bool> CanManageAsync(int cohortId) =>
        (await authorization.AuthorizeAsync(User, new CohortAssessmentResource(cohortId), ScriptOperations.ManageCohort)).Succeeded;

    /// <summary>A percentage from the policy form (<see cref="FinalAssessmentPolicy.ParsePercent"/>), its error next to the field.</summary>
    private int? Percent(string? value, string key, string what)
    {
        var (number, error) = FinalAssessmentPolicy.ParsePercent(value, what);
        if (error is not null)
        {
            ModelState.AddModelError(key, error);
        }

        return number;
    }

    /// <summary>Which page of the scripts to show: a page number, or the page holding a script (just changed).</summary>
    private sealed record Place(int Page, int Size, int? HoldingScriptId);

    private async Task<CohortOutcomesPage> PageAsync(int cohortId, string? message, PolicyForm? typed, Place place, CancellationToken cancellationToken)
    {
        var board = (await queries.GetCohortBoardAsync(cohortId, User.GetUserId(), place.Page, place.Size, place.HoldingScriptId, cancellationToken))!;
        return new CohortOutcomesPage
        {
            Cohort = board.Cohort,
            Policy = board.Policy,
            Scripts = board.Scripts,
            Counts = board.Counts,
            Pager = new PageLinks($"/outcomes/{cohortId}", [], board.Page, place.Size, board.Total, "scripts"),
            Assessors = board.Assessors,
            Mentors = board.Mentors,
            Message = message,
            PolicyForm = typed ?? new PolicyForm
            {
                AttendanceThresholdPercent = board.CohortOverrides?.AttendanceThresholdPercent?.ToString(CultureInfo.InvariantCulture),
                ModerationSamplePercent = board.CohortOverrides?.ModerationSamplePercent?.ToString(CultureInfo.InvariantCulture),
                BlindMarking = board.Policy.BlindMarking,
            },
            ViewerZone = board.ViewerZone,
        };
    }

    private static string? Message(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var parts = code.Split(':');
        var count = parts.Length > 1 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var n) ? n : 0;
        return parts[0] switch
        {
            "allocated" => count == 0 ? "Nothing needed allocating." : $"{count} allocation{(count == 1 ? "" : "s")} made.",
            "approved" => count == 0 ? "No moderated scripts were waiting for sign-off." : $"{count} moderated script{(count == 1 ? " is" : "s are")} now ready for release.",
            "released" => count == 0 ? "No outcomes were ready to release." : $"{count} outcome{(count == 1 ? " was" : "s were")} released together; each candidate has been told.",
            "policy" => "The cohort's final assessment rules have been saved.",
            "assessor" => "The assessor has been allocated.",
            "moderator" => "The moderator has been allocated.",
            _ => null,
        };
    }
}
