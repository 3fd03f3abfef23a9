using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Data.FinalAssessment;
using Npq.Data.Webinars;
using Npq.Web.Features.FinalAssessment.Assessment;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.FinalAssessment.Outcomes;

/// <summary>A provider admin runs a cohort's final assessment: allocation, sign-off, release and the records archive.</summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("outcomes")]
public sealed class OutcomesController(
    IMarkingRepository marking,
    FinalAssessmentService service,
    RecordArchiveJobs archives,
    IUserTimeZones zones,
    IAuthorizationService authorization,
    TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var cohorts = await marking.GetCohortsForAdminAsync(User.GetUserId(), cancellationToken);
        var summaries = new List<CohortSummary>();
        foreach (var cohort in cohorts)
        {
            var scripts = await marking.GetScriptsForCohortAsync(cohort.Id, cancellationToken);
            summaries.Add(new(cohort, scripts.GroupBy(s => s.State).ToDictionary(g => g.Key, g => g.Count())));
        }

        return View(summaries);
    }

    [HttpGet("{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, string? message, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return await marking.GetCohortAsync(cohortId, cancellationToken) is null ? NotFound() : Forbid();
        }

        await marking.EnsureScriptsAsync(cohortId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return View(await PageAsync(cohortId, Message(message), null, cancellationToken));
    }

    [HttpPost("{cohortId:int}/allocate")]
    public async Task<IActionResult> Allocate(int cohortId, AllocationForm form, CancellationToken cancellationToken) =>
        await AllocateAsync(cohortId, form, moderator: false, cancellationToken);

    [HttpPost("{cohortId:int}/moderator")]
    public async Task<IActionResult> AllocateModerator(int cohortId, AllocationForm form, CancellationToken cancellationToken) =>
        await AllocateAsync(cohortId, form, moderator: true, cancellationToken);

    [HttpPost("{cohortId:int}/allocate-evenly")]
    public async Task<IActionResult> AllocateEvenly(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var count = await service.AllocateEvenlyAsync(cohortId, User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = $"allocated:{count}" });
    }

    [HttpPost("{cohortId:int}/approve")]
    public async Task<IActionResult> Approve(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var count = await service.ApproveModeratedAsync(cohortId, User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = $"approved:{count}" });
    }

    [HttpPost("{cohortId:int}/release")]
    public async Task<IActionResult> Release(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var released = await service.ReleaseAsync(cohortId, User.GetUserId(), cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = $"released:{released.Count}" });
    }

    [HttpPost("{cohortId:int}/policy")]
    public async Task<IActionResult> Policy(int cohortId, [Bind(Prefix = "PolicyForm")] PolicyForm form, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var threshold = ParsePercent(form.AttendanceThresholdPercent, "PolicyForm.AttendanceThresholdPercent", "attendance requirement");
        var sample = ParsePercent(form.ModerationSamplePercent, "PolicyForm.ModerationSamplePercent", "moderation sample");
        if (!ModelState.IsValid)
        {
            return View(nameof(Cohort), await PageAsync(cohortId, null, form, cancellationToken));
        }

        await marking.SetCohortPolicyAsync(cohortId, new PolicyOverrides(threshold, sample, form.BlindMarking), cancellationToken);
        await service.AuditAsync(User.GetUserId(), "assessment.policy", 0, $"cohort={cohortId};threshold={threshold};sample={sample};blind={form.BlindMarking}", cancellationToken);
        return RedirectToAction(nameof(Cohort), new { cohortId, message = "policy" });
    }

    [HttpPost("{cohortId:int}/archive")]
    public async Task<IActionResult> Archive(int cohortId, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var cohort = await marking.GetCohortAsync(cohortId, cancellationToken);
        var job = archives.Start(cohortId, User.GetUserId(), $"final-assessment-records-{cohort!.CourseCode.ToLowerInvariant()}-{cohort.StartYear}{cohort.Suffix}-cohort-{cohortId}.zip");
        await service.AuditAsync(User.GetUserId(), "assessment.export", 0, $"cohort={cohortId};job={job.Id}", cancellationToken);
        return RedirectToAction(nameof(ArchiveStatus), new { id = job.Id });
    }

    [HttpGet("archives/{id:guid}")]
    public IActionResult ArchiveStatus(Guid id)
    {
        var job = archives.Find(id, User.GetUserId());
        return job is null ? NotFound() : View(job);
    }

    [HttpGet("archives/{id:guid}/progress")]
    public IActionResult ArchiveProgress(Guid id)
    {
        var job = archives.Find(id, User.GetUserId());
        return job is null
            ? NotFound()
            : Json(new { total = job.Total, done = job.Done, finished = job.Finished, failed = job.Failed, download = $"/outcomes/archives/{id}/download" });
    }

    [HttpGet("archives/{id:guid}/download")]
    public async Task<IActionResult> ArchiveDownload(Guid id)
    {
        var job = archives.Find(id, User.GetUserId());
        if (job is null || !await CanManageAsync(job.CohortId))
        {
            return NotFound();
        }

        var stream = archives.OpenFinished(id, User.GetUserId());
        return stream is null ? RedirectToAction(nameof(ArchiveStatus), new { id }) : File(stream, "application/zip", job.FileName);
    }

    private async Task<IActionResult> AllocateAsync(int cohortId, AllocationForm form, bool moderator, CancellationToken cancellationToken)
    {
        if (!await CanManageAsync(cohortId))
        {
            return Forbid();
        }

        var row = await marking.GetScriptAsync(form.ScriptId, cancellationToken);
        if (row is null || row.CohortId != cohortId)
        {
            return NotFound();
        }

        var key = $"{(moderator ? "moderator" : "assessor")}-{row.Id}";
        string? refusal = form.UserId is not { } userId
            ? "Choose an assessor."
            : moderator
                ? await service.AllocateModeratorAsync(row.ToScript(), userId, form.Version, User.GetUserId(), cancellationToken)
                : await service.AllocateAsync(row.ToScript(), userId, form.Version, User.GetUserId(), cancellationToken);
        if (refusal is not null)
        {
            ModelState.AddModelError(key, refusal);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(nameof(Cohort), await PageAsync(cohortId, null, null, cancellationToken));
        }

        return RedirectToAction(nameof(Cohort), new { cohortId, message = moderator ? "moderator" : "assessor" });
    }

    private async Task<bool> CanManageAsync(int cohortId) =>
        (await authorization.AuthorizeAsync(User, new CohortAssessmentResource(cohortId), ScriptOperations.ManageCohort)).Succeeded;

    private int? ParsePercent(string? value, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!int.TryParse(value.Trim().TrimEnd('%'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || FinalAssessmentPolicy.ValidatePercent(number, what) is not null)
        {
            ModelState.AddModelError(key, $"The {what} must be a whole number from 0 to 100, or empty to use the default.");
            return null;
        }

        return number;
    }

    private async Task<CohortOutcomesPage> PageAsync(int cohortId, string? message, PolicyForm? typed, CancellationToken cancellationToken)
    {
        var cohort = (await marking.GetCohortAsync(cohortId, cancellationToken))!;
        var scripts = await marking.GetScriptsForCohortAsync(cohortId, cancellationToken);
        var mentors = new Dictionary<int, IReadOnlySet<int>>();
        foreach (var candidate in scripts.Select(s => s.CandidateUserId).Distinct())
        {
            mentors[candidate] = await marking.GetMentorIdsAsync(candidate, cancellationToken);
        }

        var policy = await service.GetPolicyAsync(cohort.CourseId, cohortId, cancellationToken);
        var (_, stored) = await marking.GetPolicyOverridesAsync(cohort.CourseId, cohortId, cancellationToken);
        return new CohortOutcomesPage
        {
            Cohort = cohort,
            Policy = policy,
            Scripts = scripts,
            Assessors = await marking.GetAssessorsAsync(cohort.ProviderId, cancellationToken),
            Mentors = mentors,
            Message = message,
            PolicyForm = typed ?? new PolicyForm
            {
                AttendanceThresholdPercent = stored?.AttendanceThresholdPercent?.ToString(CultureInfo.InvariantCulture),
                ModerationSamplePercent = stored?.ModerationSamplePercent?.ToString(CultureInfo.InvariantCulture),
                BlindMarking = policy.BlindMarking,
            },
            ViewerZone = (await zones.GetAsync(User.GetUserId(), cancellationToken))?.TimeZone,
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
