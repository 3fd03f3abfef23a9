using Microsoft.AspNetCore.Mvc;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Discussions;

/// <summary>A cohort's study groups, for its moderators: split evenly at random (again, until someone posts in a group) and move people by hand.</summary>
[Route("discussions/{cohortId:int}/groups")]
public sealed class StudyGroupsController(DiscussionReading reading, StudyGroupAdministration groups, DiscussionsAccess access) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int cohortId, CancellationToken cancellationToken)
    {
        if (await CohortAsync(cohortId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        if (!f.Viewer.IsModerator)
        {
            return Forbid();
        }

        ViewData["Message"] = TempData["Message"] as string;
        return View("Groups", await groups.PageAsync(f.Cohort, cancellationToken));
    }

    [HttpPost("split")]
    public async Task<IActionResult> Split(int cohortId, [FromForm] string? count, CancellationToken cancellationToken)
    {
        if (await CohortAsync(cohortId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        if (!f.Viewer.IsModerator)
        {
            return Forbid();
        }

        int? number = int.TryParse(count, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        var problems = await groups.SplitAsync(f.Cohort, f.Viewer, number, Random.Shared, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (problems.Count > 0)
        {
            foreach (var (field, message) in problems)
            {
                ModelState.AddModelError(field, message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            ViewData["Count"] = count;
            return View("Groups", await groups.PageAsync(f.Cohort, cancellationToken));
        }

        TempData["Message"] = $"The cohort is split into {number} study groups.";
        return Redirect($"/discussions/{cohortId}/groups");
    }

    [HttpPost("assign")]
    public async Task<IActionResult> Assign(int cohortId, [FromForm] int userId, [FromForm] int? groupId, CancellationToken cancellationToken)
    {
        if (await CohortAsync(cohortId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        if (!f.Viewer.IsModerator)
        {
            return Forbid();
        }

        if (!await groups.AssignAsync(f.Cohort, f.Viewer, userId, groupId, HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken))
        {
            return NotFound();
        }

        TempData["Message"] = "The study group is changed.";
        return Redirect($"/discussions/{cohortId}/groups");
    }

    private async Task<(SpaceCohort Cohort, Viewer Viewer)?> CohortAsync(int cohortId, CancellationToken cancellationToken)
    {
        if (await reading.FindCohortAsync(cohortId, cancellationToken) is not { } cohort || await access.ViewerAsync(User, cohortId, null) is not { } viewer)
        {
            return null;
        }

        return (cohort, viewer);
    }
}
