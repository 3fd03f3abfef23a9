using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Data.Accounts;
using Npq.Data.Portfolio;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Portfolio.Tasks;

/// <summary>Provider admins define tasks per course and set their dates per cohort.</summary>
[Route("tasks/admin")]
[Authorize(Roles = Roles.ProviderAdmin)]
public sealed class TaskAdminController(
    ITaskRepository tasks,
    IOrganisationRepository organisations,
    IUserRepository users,
    IFrameworkCatalog catalog,
    TimeProvider time,
    ILogger<TaskAdminController> logger) : Controller
{
    private const string Folder = "~/Features/Portfolio/Tasks/";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var list = new List<(Course, IReadOnlyList<AssessmentTask>)>();
        foreach (var course in await MyCoursesAsync(cancellationToken))
        {
            list.Add((course, await tasks.GetTasksForCourseAsync(course.Id, cancellationToken)));
        }

        return View(Folder + "AdminIndex.cshtml", new TaskAdminListPage(list));
    }

    [HttpGet("new")]
    public async Task<IActionResult> New(int? courseId, CancellationToken cancellationToken)
    {
        var courses = await MyCoursesAsync(cancellationToken);
        var form = new TaskForm { CourseId = courseId ?? courses.FirstOrDefault()?.Id, WordLimit = 1500, MaxAttempts = 2 };
        return View(Folder + "AdminNew.cshtml", new TaskFormPage(form, courses, FrameworkOf(courses, form.CourseId)));
    }

    [HttpPost("new")]
    public async Task<IActionResult> Create(TaskForm form, CancellationToken cancellationToken)
    {
        var courses = await MyCoursesAsync(cancellationToken);
        var course = courses.FirstOrDefault(c => c.Id == form.CourseId);
        if (form.CourseId is not null && course is null)
        {
            ModelState.AddModelError(nameof(TaskForm.CourseId), "Choose one of your courses.");
        }

        var framework = FrameworkOf(courses, form.CourseId);
        form.StatementIds = form.StatementIds.Where(s => framework?.FindStatement(s) is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!Enum.IsDefined(form.Kind))
        {
            ModelState.AddModelError(nameof(TaskForm.Kind), "Choose standard or final.");
        }

        if (!ModelState.IsValid || course is null)
        {
            return View(Folder + "AdminNew.cshtml", new TaskFormPage(form, courses, framework));
        }

        var id = await tasks.CreateTaskAsync(new AssessmentTask
        {
            CourseId = course.Id,
            Title = form.Title!.Trim(),
            Instructions = form.Instructions!,
            Kind = form.Kind,
            WordLimit = form.WordLimit!.Value,
            MaxAttempts = form.MaxAttempts!.Value,
            MentorReviewsDrafts = form.MentorReviewsDrafts,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            StatementIds = form.StatementIds,
        }, cancellationToken);
        logger.LogInformation("Task {TaskId} created for course {CourseId} by {UserId}", id, course.Id, User.GetUserId());
        TempData["Message"] = "Task created. Now set its dates for each cohort.";
        return RedirectToAction(nameof(Manage), new { id });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Manage(int id, CancellationToken cancellationToken) =>
        await ManageView(id, new DatesForm(), cancellationToken);

    [HttpPost("{id:int}/dates")]
    public async Task<IActionResult> SetDates(int id, DatesForm form, CancellationToken cancellationToken)
    {
        var task = await tasks.GetTaskAsync(id, cancellationToken);
        var courses = await MyCoursesAsync(cancellationToken);
        if (task is null || courses.All(c => c.Id != task.CourseId))
        {
            return NotFound();
        }

        var cohorts = (await organisations.GetCohortsAsync()).Where(c => c.CourseId == task.CourseId).ToList();
        if (form.CohortId is not null && cohorts.All(c => c.Id != form.CohortId))
        {
            ModelState.AddModelError(nameof(DatesForm.CohortId), "Choose one of this course's cohorts.");
        }

        if (ModelState.IsValid && TaskDates.Validate(form.OpensOn!.Value, form.DueOn!.Value, form.CutOffOn!.Value) is { } problem)
        {
            ModelState.AddModelError(problem.Contains("cut-off", StringComparison.Ordinal) ? nameof(DatesForm.CutOffOn) : nameof(DatesForm.DueOn), problem);
        }

        if (!ModelState.IsValid)
        {
            return await ManageView(id, form, cancellationToken);
        }

        await tasks.SetDatesAsync(new TaskDates(id, form.CohortId!.Value, form.OpensOn!.Value, form.DueOn!.Value, form.CutOffOn!.Value), cancellationToken);
        logger.LogInformation("Dates of task {TaskId} set for cohort {CohortId} by {UserId}", id, form.CohortId, User.GetUserId());
        TempData["Message"] = "Dates saved.";
        return RedirectToAction(nameof(Manage), new { id });
    }

    private async Task<IActionResult> ManageView(int id, DatesForm form, CancellationToken cancellationToken)
    {
        var task = await tasks.GetTaskAsync(id, cancellationToken);
        var courses = await MyCoursesAsync(cancellationToken);
        var course = task is null ? null : courses.FirstOrDefault(c => c.Id == task.CourseId);
        if (task is null || course is null)
        {
            return NotFound();
        }

        var cohorts = (await organisations.GetCohortsAsync()).Where(c => c.CourseId == course.Id).ToList();
        return View(Folder + "AdminManage.cshtml", new TaskAdminPage(task, course, cohorts, await tasks.GetDatesForTaskAsync(id, cancellationToken), form, FrameworkOf(courses, course.Id)));
    }

    private async Task<IReadOnlyList<Course>> MyCoursesAsync(CancellationToken cancellationToken)
    {
        var admin = await users.FindByIdAsync(User.GetUserId(), cancellationToken);
        return admin?.ProviderId is { } providerId
            ? (await organisations.GetCoursesAsync()).Where(c => c.ProviderId == providerId).ToList()
            : [];
    }

    private Framework? FrameworkOf(IReadOnlyList<Course> courses, int? courseId) =>
        courses.FirstOrDefault(c => c.Id == courseId)?.FrameworkCode is { } code ? catalog.Find(code) : null;
}
