using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Materials;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Materials.Authoring;

/// <summary>A course's programme for its authors: the overview, its modules (added, edited, reordered, deleted) and its editors.</summary>
[Route("courses/{courseId:int}/programme")]
public sealed class ProgrammeAuthoringController(ProgrammeAuthoring authoring, MaterialsAccess access) : Controller
{
    private Author Author => new(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString());

    [HttpGet("")]
    public async Task<IActionResult> Index(int courseId, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken);
        return denied ?? View(await PageAsync(course!, new ModuleForm(), cancellationToken));
    }

    [HttpPost("modules")]
    public async Task<IActionResult> AddModule(int courseId, [Bind(Prefix = "NewModule")] ModuleForm form, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var result = await authoring.CreateModuleAsync(course!, form.ToDraft(), Author, cancellationToken);
        if (!result.Done)
        {
            ModelState.AddProblems(result.Problems, "NewModule.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(Index), await PageAsync(course!, form, cancellationToken));
        }

        TempData["Notice"] = $"Module “{form.Title!.Trim()}” added.";
        return Redirect($"/courses/{courseId}/programme#module-{result.Id}");
    }

    [HttpGet("modules/{moduleId:int}")]
    public async Task<IActionResult> Module(int courseId, int moduleId, CancellationToken cancellationToken)
    {
        var (course, module, denied) = await ModuleAsync(courseId, moduleId, cancellationToken);
        return denied ?? View(new ModulePage(course!, module!, ModuleForm.From(module!), null));
    }

    [HttpPost("modules/{moduleId:int}")]
    public async Task<IActionResult> Module(int courseId, int moduleId, ModuleForm form, CancellationToken cancellationToken)
    {
        var (course, module, denied) = await ModuleAsync(courseId, moduleId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var result = await authoring.UpdateModuleAsync(module!, form.ToDraft(), Author, cancellationToken);
        if (!result.Done)
        {
            ModelState.AddProblems(result.Problems);
            Response.StatusCode = result.Conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
            return View(new ModulePage(course!, module!, form, result.Conflict));
        }

        TempData["Notice"] = "Module saved.";
        return Redirect($"/courses/{courseId}/programme#module-{moduleId}");
    }

    [HttpPost("modules/{moduleId:int}/move")]
    public async Task<IActionResult> MoveModule(int courseId, int moduleId, [FromForm] MoveDirection direction, CancellationToken cancellationToken)
    {
        var (_, module, denied) = await ModuleAsync(courseId, moduleId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        await authoring.MoveModuleAsync(module!, direction, Author, cancellationToken);
        return Moved(courseId, $"module-{moduleId}", direction, $"Module “{module!.Title}” moved {direction.ToString().ToLowerInvariant()}.");
    }

    [HttpPost("modules/{moduleId:int}/delete")]
    public async Task<IActionResult> DeleteModule(int courseId, int moduleId, CancellationToken cancellationToken)
    {
        var (_, module, denied) = await ModuleAsync(courseId, moduleId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var result = await authoring.DeleteModuleAsync(module!, Author, cancellationToken);
        TempData[result.Done ? "Notice" : "Problem"] = result.Done ? $"Module “{module!.Title}” deleted." : result.Problems[0].Message;
        return Redirect($"/courses/{courseId}/programme");
    }

    [HttpGet("editors")]
    public async Task<IActionResult> Editors(int courseId, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken, adminOnly: true);
        if (denied is not null)
        {
            return denied;
        }

        var (editors, possible) = await authoring.EditorsAsync(courseId, cancellationToken);
        return View(new EditorsPage(course!, editors, possible));
    }

    [HttpPost("editors")]
    public async Task<IActionResult> Editors(int courseId, [FromForm] int userId, [FromForm] bool isEditor, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken, adminOnly: true);
        if (denied is not null)
        {
            return denied;
        }

        var result = await authoring.SetEditorAsync(course!, userId, isEditor, Author, cancellationToken);
        TempData[result.Done ? "Notice" : "Problem"] = result.Done ? (isEditor ? "Editing rights given." : "Editing rights taken away.") : result.Problems[0].Message;
        return Redirect($"/courses/{courseId}/programme/editors");
    }

    private IActionResult Moved(int courseId, string row, MoveDirection direction, string message)
    {
        TempData["Notice"] = message;
        TempData["Moved"] = row;
        TempData["MovedDirection"] = direction.ToString();
        return Redirect($"/courses/{courseId}/programme"); // no fragment: a target element would cancel the moved button's autofocus
    }

    private async Task<ProgrammePage> PageAsync(MaterialsCourse course, ModuleForm newModule, CancellationToken cancellationToken) => new(
        course, await authoring.ProgrammeAsync(course.CourseId, cancellationToken), User.IsInRole(Roles.ProviderAdmin),
        TempData["Moved"] as string, TempData["MovedDirection"] as string, newModule);

    /// <summary>The course when the person may edit its programme (and, for <paramref name="adminOnly"/>, is a provider admin); otherwise 404 or 403.</summary>
    private async Task<(MaterialsCourse? Course, IActionResult? Denied)> CourseAsync(int courseId, CancellationToken cancellationToken, bool adminOnly = false)
    {
        var course = await authoring.CourseAsync(courseId, cancellationToken);
        if (course is null)
        {
            return (null, NotFound());
        }

        var allowed = (!adminOnly || User.IsInRole(Roles.ProviderAdmin)) && await access.MayEditAsync(User, courseId);
        return allowed ? (course, null) : (null, Forbid());
    }

    private async Task<(MaterialsCourse? Course, MaterialModule? Module, IActionResult? Denied)> ModuleAsync(int courseId, int moduleId, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken);
        if (denied is not null)
        {
            return (null, null, denied);
        }

        var module = await authoring.ModuleAsync(courseId, moduleId, cancellationToken);
        return module is null ? (null, null, NotFound()) : (course, module, null);
    }
}
