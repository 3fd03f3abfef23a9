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
    public async Task<IActionResult> Editors(int courseId, int? page, int? size, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken, adminOnly: true);
        return denied ?? View(await EditorsPageAsync(course!, page, size, cancellationToken));
    }

    /// <summary>
    /// Gives editing rights to the facilitator named by <paramref name="editorEmail"/> (<paramref name="isEditor"/>), or
    /// takes them away from <paramref name="userId"/>. An address that names none of the provider's active facilitators
    /// is a message on the field, the address kept, a 400, nothing changed.
    /// </summary>
    [HttpPost("editors")]
    public async Task<IActionResult> Editors(
        int courseId, [FromForm] int? userId, [FromForm] bool isEditor, [FromForm] string? editorEmail, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken, adminOnly: true);
        if (denied is not null)
        {
            return denied;
        }

        if (isEditor)
        {
            if (string.IsNullOrWhiteSpace(editorEmail) && userId is null)
            {
                ModelState.AddModelError(EditorsPage.EmailField, "Enter the email address of the facilitator to give editing rights to.");
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(await EditorsPageAsync(course!, null, null, cancellationToken));
            }

            var (refused, editor) = await StaffByEmail.ResolveAsync(this, EditorsPage.EmailField, EditorsPage.EmailField, ProgrammeAuthoring.EditorByEmailRefusal,
                editorEmail, userId, email => authoring.EditorByEmailAsync(course!, email, cancellationToken));
            if (refused)
            {
                return View(await EditorsPageAsync(course!, null, null, cancellationToken));
            }

            userId = editor;
        }

        var result = await authoring.SetEditorAsync(course!, userId ?? 0, isEditor, Author, cancellationToken);
        TempData[result.Done ? "Notice" : "Problem"] = result.Done ? (isEditor ? "Editing rights given." : "Editing rights taken away.") : result.Problems[0].Message;
        return Redirect($"/courses/{courseId}/programme/editors");
    }

    private async Task<EditorsPage> EditorsPageAsync(MaterialsCourse course, int? page, int? size, CancellationToken cancellationToken)
    {
        var ((editors, total), number, pageSize) = await Paging.ReadAsync(
            page, size, (skip, take) => authoring.EditorsAsync(course.CourseId, skip, take, cancellationToken), e => e.Editors.Count == 0);
        return new EditorsPage(course, editors, new PageLinks($"/courses/{course.CourseId}/programme/editors", [], number, pageSize, total, "editors"));
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
