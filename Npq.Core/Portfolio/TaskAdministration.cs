using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Validation;

namespace Npq.Core.Portfolio;

/// <summary>What the admin's new-task form asks for.</summary>
public sealed record TaskDefinition
{
    public int? CourseId { get; init; }
    public string? Title { get; init; }
    public string? Instructions { get; init; }
    public TaskKind Kind { get; init; } = TaskKind.Standard;
    public int? WordLimit { get; init; }
    public int? MaxAttempts { get; init; }
    public bool MentorReviewsDrafts { get; init; }
    public IReadOnlyList<string> StatementIds { get; init; } = [];
}

/// <summary>What the admin's dates form asks for, for one cohort.</summary>
public sealed record TaskDatesInput(int? CohortId, DateOnly? OpensOn, DateOnly? DueOn, DateOnly? CutOffOn);

/// <summary>
/// What defining a task did: its id when created; otherwise the problems, with the admin's courses, the chosen
/// course's framework and the statements kept, for the form again.
/// </summary>
public sealed record TaskDefined(int? TaskId, IReadOnlyList<Course> Courses, Framework? Framework, IReadOnlyList<string> StatementIds, IReadOnlyList<FieldProblem> Problems);

/// <summary>What setting a task's dates did: not found (not the admin's task), saved, or refused with problems.</summary>
public sealed record TaskDatesSet(bool Found, bool Saved, IReadOnlyList<FieldProblem> Problems);

public sealed record CourseTasks(Course Course, IReadOnlyList<AssessmentTask> Tasks);

/// <summary>One task of the admin's, with its course's cohorts and the dates set for each.</summary>
public sealed record TaskSetup(AssessmentTask Task, Course Course, IReadOnlyList<Cohort> Cohorts, IReadOnlyList<TaskDates> Dates, Framework? Framework);

/// <summary>Provider admins define tasks for their provider's courses and set their dates per cohort.</summary>
public sealed class TaskAdministration(
    ITaskRepository tasks,
    IOrganisationRepository organisations,
    IUserRepository users,
    IFrameworkCatalog catalog,
    TimeProvider time,
    ILogger<TaskAdministration> logger)
{
    /// <summary>The courses of the admin's provider (none when they have no provider).</summary>
    public async Task<IReadOnlyList<Course>> CoursesOfAsync(int adminUserId, CancellationToken cancellationToken)
    {
        var admin = await users.FindByIdAsync(adminUserId, cancellationToken);
        return admin?.ProviderId is { } providerId
            ? await organisations.GetCoursesAsync(providerId, cancellationToken)
            : [];
    }

    public async Task<IReadOnlyList<CourseTasks>> ListAsync(int adminUserId, CancellationToken cancellationToken)
    {
        var list = new List<CourseTasks>();
        foreach (var course in await CoursesOfAsync(adminUserId, cancellationToken))
        {
            list.Add(new CourseTasks(course, await tasks.GetTasksForCourseAsync(course.Id, cancellationToken)));
        }

        return list;
    }

    /// <summary>The framework of one of the courses, or null.</summary>
    public Framework? FrameworkOf(IReadOnlyList<Course> courses, int? courseId) =>
        courses.FirstOrDefault(c => c.Id == courseId)?.FrameworkCode is { } code ? catalog.Find(code) : null;

    /// <summary>
    /// Defines a task for one of the admin's courses, covering the statements of its framework that were chosen
    /// (others are dropped). Nothing is written when <paramref name="formValid"/> is false (the form's own checks
    /// failed) or the rules refuse.
    /// </summary>
    public async Task<TaskDefined> CreateAsync(int adminUserId, TaskDefinition definition, bool formValid, CancellationToken cancellationToken)
    {
        var courses = await CoursesOfAsync(adminUserId, cancellationToken);
        var course = courses.FirstOrDefault(c => c.Id == definition.CourseId);
        var problems = new List<FieldProblem>();
        if (definition.CourseId is not null && course is null)
        {
            problems.Add(new(nameof(TaskDefinition.CourseId), "Choose one of your courses."));
        }

        var framework = FrameworkOf(courses, definition.CourseId);
        var statements = definition.StatementIds.Where(s => framework?.FindStatement(s) is not null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (!Enum.IsDefined(definition.Kind))
        {
            problems.Add(new(nameof(TaskDefinition.Kind), "Choose standard or final."));
        }

        if (!formValid || problems.Count > 0 || course is null)
        {
            return new TaskDefined(null, courses, framework, statements, problems);
        }

        var id = await tasks.CreateTaskAsync(new AssessmentTask
        {
            CourseId = course.Id,
            Title = (definition.Title ?? throw new ArgumentException("The task has no title.", nameof(definition))).Trim(),
            Instructions = definition.Instructions ?? throw new ArgumentException("The task has no instructions.", nameof(definition)),
            Kind = definition.Kind,
            WordLimit = definition.WordLimit ?? throw new ArgumentException("The task has no word limit.", nameof(definition)),
            MaxAttempts = definition.MaxAttempts ?? throw new ArgumentException("The task has no maximum of attempts.", nameof(definition)),
            MentorReviewsDrafts = definition.MentorReviewsDrafts,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            StatementIds = statements,
        }, cancellationToken);
        logger.LogInformation("Task {TaskId} created for course {CourseId} by {UserId}", id, course.Id, adminUserId);
        return new TaskDefined(id, courses, framework, statements, []);
    }

    /// <summary>One of the admin's tasks with its cohorts and dates, or null when it is not theirs (or does not exist).</summary>
    public async Task<TaskSetup?> SetupAsync(int adminUserId, int taskId, CancellationToken cancellationToken)
    {
        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        var courses = await CoursesOfAsync(adminUserId, cancellationToken);
        var course = task is null ? null : courses.FirstOrDefault(c => c.Id == task.CourseId);
        if (task is null || course is null)
        {
            return null;
        }

        var cohorts = await organisations.GetCohortsOfCourseAsync(course.ProviderId, course.Id, cancellationToken);
        return new TaskSetup(task, course, cohorts, await tasks.GetDatesForTaskAsync(taskId, cancellationToken), FrameworkOf(courses, course.Id));
    }

    /// <summary>
    /// Sets (or replaces) the task's dates for one of its course's cohorts: it opens, is due on or after it opens,
    /// and is cut off on or after it is due (<see cref="TaskDates.Validate"/>).
    /// </summary>
    public async Task<TaskDatesSet> SetDatesAsync(int adminUserId, int taskId, TaskDatesInput input, bool formValid, CancellationToken cancellationToken)
    {
        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        var courses = await CoursesOfAsync(adminUserId, cancellationToken);
        var course = task is null ? null : courses.FirstOrDefault(c => c.Id == task.CourseId);
        if (task is null || course is null)
        {
            return new TaskDatesSet(false, false, []);
        }

        var problems = new List<FieldProblem>();
        var cohorts = await organisations.GetCohortsOfCourseAsync(course.ProviderId, course.Id, cancellationToken);
        if (input.CohortId is not null && cohorts.All(c => c.Id != input.CohortId))
        {
            problems.Add(new(nameof(TaskDatesInput.CohortId), "Choose one of this course's cohorts."));
        }

        if (formValid && problems.Count == 0 && TaskDates.Validate(input.OpensOn!.Value, input.DueOn!.Value, input.CutOffOn!.Value) is { } problem)
        {
            problems.Add(new(problem.Contains("cut-off", StringComparison.Ordinal) ? nameof(TaskDatesInput.CutOffOn) : nameof(TaskDatesInput.DueOn), problem));
        }

        if (!formValid || problems.Count > 0)
        {
            return new TaskDatesSet(true, false, problems);
        }

        await tasks.SetDatesAsync(new TaskDates(taskId, input.CohortId!.Value, input.OpensOn!.Value, input.DueOn!.Value, input.CutOffOn!.Value), cancellationToken);
        logger.LogInformation("Dates of task {TaskId} set for cohort {CohortId} by {UserId}", taskId, input.CohortId, adminUserId);
        return new TaskDatesSet(true, true, []);
    }
}
