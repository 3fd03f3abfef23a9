using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Materials;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Materials.Release;

/// <summary>
/// When a cohort's modules open: a day per module (date-only, in the cohort's zone) and opening a module early for the
/// cohort, or taking that back. For the cohort's facilitators and the provider's admins (MaterialsOperations.Release).
/// </summary>
[Route("cohorts/{cohortId:int}/materials/release")]
public sealed class ReleaseController(ModuleReleases releases, MaterialsAccess access) : Controller
{
    private string? IpAddress => HttpContext.Connection.RemoteIpAddress?.ToString();

    [HttpGet("")]
    public async Task<IActionResult> Index(int cohortId, CancellationToken cancellationToken)
    {
        var plan = await releases.PlanAsync(cohortId, cancellationToken);
        if (plan is null)
        {
            return NotFound();
        }

        return await access.MayAsync(User, cohortId, MaterialsOperations.Release)
            ? View(new ReleasePage(plan, null, null, TempData["Message"] as string))
            : Forbid();
    }

    [HttpPost("modules/{moduleId:int}/date")]
    public async Task<IActionResult> Date(int cohortId, int moduleId, [FromForm] string? opensOn, CancellationToken cancellationToken)
    {
        if (!await access.MayAsync(User, cohortId, MaterialsOperations.Release))
        {
            return Forbid();
        }

        var change = await releases.SetDateAsync(cohortId, moduleId, opensOn, User.GetUserId(), IpAddress, cancellationToken);
        if (change.Problems.Count > 0)
        {
            var plan = await releases.PlanAsync(cohortId, cancellationToken);
            ModelState.AddProblems(change.Problems, $"module-{moduleId}-");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), new ReleasePage(plan!, moduleId, opensOn, null));
        }

        return Done(change, cohortId, moduleId, "Opening date saved.");
    }

    [HttpPost("modules/{moduleId:int}/open")]
    public async Task<IActionResult> Open(int cohortId, int moduleId, CancellationToken cancellationToken)
    {
        if (!await access.MayAsync(User, cohortId, MaterialsOperations.Release))
        {
            return Forbid();
        }

        return Done(await releases.OpenEarlyAsync(cohortId, moduleId, User.GetUserId(), IpAddress, cancellationToken), cohortId, moduleId, "The module is open for this cohort now.");
    }

    [HttpPost("modules/{moduleId:int}/undo-open")]
    public async Task<IActionResult> UndoOpen(int cohortId, int moduleId, CancellationToken cancellationToken)
    {
        if (!await access.MayAsync(User, cohortId, MaterialsOperations.Release))
        {
            return Forbid();
        }

        return Done(await releases.UndoEarlyAsync(cohortId, moduleId, User.GetUserId(), IpAddress, cancellationToken), cohortId, moduleId, "Early opening taken back: the module follows its rule again.");
    }

    private IActionResult Done(ReleaseChange change, int cohortId, int moduleId, string message)
    {
        if (change.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = message;
        return Redirect($"/cohorts/{cohortId}/materials/release#module-{moduleId}");
    }
}

/// <summary>The release page: the plan, and the module whose date was refused with the text typed (kept, not lost).</summary>
public sealed record ReleasePage(ReleasePlan Plan, int? RefusedModuleId, string? RefusedText, string? Message);
