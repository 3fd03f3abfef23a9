using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// The switch of each course's opt-in course-wide space (across its cohorts), for the admins of the course's provider.
/// Off by default; anyone else gets 404 for the page and for a course's switch.
/// </summary>
[Route("discussions/course-spaces")]
public sealed class CourseSpacesController(CourseSpaces spaces, IAuthorizationService authorization) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var settings = await spaces.SettingsAsync(User.GetUserId(), cancellationToken);
        if (settings.Count == 0)
        {
            return NotFound();
        }

        ViewData["Message"] = TempData["Message"] as string;
        return View("CourseSpaces", settings);
    }

    [HttpPost("{courseId:int}")]
    public async Task<IActionResult> Switch(int courseId, [FromForm] string? enabled, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, new DiscussionCourse(courseId), CourseSpaceOperations.Switch)).Succeeded)
        {
            return NotFound();
        }

        if (enabled is not ("true" or "false"))
        {
            ModelState.AddModelError("enabled", "Choose whether the course-wide space is on or off.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("CourseSpaces", await spaces.SettingsAsync(User.GetUserId(), cancellationToken));
        }

        var on = enabled == "true";
        var name = (await spaces.SettingsAsync(User.GetUserId(), cancellationToken)).FirstOrDefault(s => s.CourseId == courseId)?.CourseName ?? "The course";
        TempData["Message"] = await spaces.SwitchAsync(courseId, on, User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken)
            ? $"{name}: the course-wide space is now {(on ? "on" : "off")}."
            : $"{name}: the course-wide space was already {(on ? "on" : "off")}.";
        return Redirect("/discussions/course-spaces");
    }
}
