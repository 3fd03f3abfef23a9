using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Portfolio;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Portfolio.Tasks;

/// <summary>Provider admins define tasks per course and set their dates per cohort (<see cref="TaskAdministration"/>).</summary>
[Route("tasks/admin")]
[Authorize(Roles = Roles.ProviderAdmin)]
public sealed class TaskAdminController(TaskAdministration administration) : Controller
{
    private const string Folder = "~/Features/Portfolio/Tasks/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(Folder + "AdminIndex.cshtml", new TaskAdminListPage(await administration.ListAsync(User.GetUserId(), cancellationToken)));

    [HttpGet("new")]
    public async Task<IActionResult> New(int? courseId, CancellationToken cancellationToken)
    {
        var courses = await administration.CoursesOfAsync(User.GetUserId(), cancellationToken);
        var form = new TaskForm { CourseId = courseId ?? courses.FirstOrDefault()?.Id, WordLimit = 1500, MaxAttempts = 2 };
        return View(Folder + "AdminNew.cshtml", new TaskFormPage(form, courses, administration.FrameworkOf(courses, form.CourseId)));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(TaskForm form, CancellationToken cancellationToken)
    {
        var defined = await administration.CreateAsync(User.GetUserId(), form.ToDefinition(), ModelState.IsValid, cancellationToken);
        if (defined.TaskId is not { } id)
        {
            form.StatementIds = defined.StatementIds.ToList();
            ModelState.AddProblems(defined.Problems);
            return View(Folder + "AdminNew.cshtml", new TaskFormPage(form, defined.Courses, defined.Framework));
        }

        TempData["Message"] = "Task created. Now set its dates for each cohort.";
        return RedirectToAction(nameof(Manage), new { id });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Manage(int id, CancellationToken cancellationToken) =>
        await ManageView(id, new DatesForm(), cancellationToken);

    [HttpPost("{id:int}/dates")]
    public async Task<IActionResult> SetDates(int id, DatesForm form, CancellationToken cancellationToken)
    {
        var set = await administration.SetDatesAsync(User.GetUserId(), id, new TaskDatesInput(form.CohortId, form.OpensOn, form.DueOn, form.CutOffOn), ModelState.IsValid, cancellationToken);
        if (!set.Found)
        {
            return NotFound();
        }

        if (!set.Saved)
        {
            ModelState.AddProblems(set.Problems);
            return await ManageView(id, form, cancellationToken);
        }

        TempData["Message"] = "Dates saved.";
        return RedirectToAction(nameof(Manage), new { id });
    }

    private async Task<IActionResult> ManageView(int id, DatesForm form, CancellationToken cancellationToken)
    {
        var setup = await administration.SetupAsync(User.GetUserId(), id, cancellationToken);
        return setup is null
            ? NotFound()
            : View(Folder + "AdminManage.cshtml", new TaskAdminPage(setup.Task, setup.Course, setup.Cohorts, setup.Dates, form, setup.Framework));
    }
}
