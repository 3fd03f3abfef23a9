using System.ComponentModel.DataAnnotations;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Feedback;

namespace Npq.Web.Features.Portfolio.Tasks;

public sealed record TaskListPage(int CandidateUserId, string CandidateName, bool Own, IReadOnlyList<TaskRow> Rows);

/// <summary>An attempt as the viewer may see it.</summary>
public sealed record AttemptView(Npq.Core.Portfolio.Submission Attempt, bool ShowBody, FeedbackThread? Thread);

public sealed record TaskPage(
    CandidateTask Standing,
    string CandidateName,
    bool Own,
    bool CanEdit,
    bool IsOpen,
    bool CanMentor,
    Lateness Lateness,
    IReadOnlyList<AttemptView> Attempts,
    IReadOnlyList<Statement> Statements,
    string? ViewerZone,
    string? Error,
    string? TypedBody,
    int FormVersion);

/// <summary>What the admin's new-task form posts.</summary>
public sealed class TaskForm
{
    [Required(ErrorMessage = "Choose the course this task belongs to.")]
    public int? CourseId { get; set; }

    [Required(ErrorMessage = "Enter a title for the task.")]
    [StringLength(200, ErrorMessage = "Keep the title to 200 characters or fewer.")]
    public string? Title { get; set; }

    [Required(ErrorMessage = "Write the instructions candidates will follow.")]
    [StringLength(50_000, ErrorMessage = "The instructions are too long.")]
    public string? Instructions { get; set; }

    [Required(ErrorMessage = "Enter a word limit, for example 1500.")]
    [Range(50, 20_000, ErrorMessage = "The word limit must be between 50 and 20,000.")]
    public int? WordLimit { get; set; }

    [Required(ErrorMessage = "Enter how many attempts a candidate may make.")]
    [Range(1, 5, ErrorMessage = "Maximum attempts must be between 1 and 5.")]
    public int? MaxAttempts { get; set; }

    public TaskKind Kind { get; set; } = TaskKind.Standard;

    public bool MentorReviewsDrafts { get; set; }

    public List<string> StatementIds { get; set; } = [];

    public TaskDefinition ToDefinition() => new()
    {
        CourseId = CourseId, Title = Title, Instructions = Instructions, Kind = Kind, WordLimit = WordLimit, MaxAttempts = MaxAttempts,
        MentorReviewsDrafts = MentorReviewsDrafts, StatementIds = StatementIds,
    };
}

public sealed record TaskFormPage(TaskForm Form, IReadOnlyList<Course> Courses, Framework? Framework);

/// <summary>What the admin's dates form posts for one cohort.</summary>
public sealed class DatesForm
{
    [Required(ErrorMessage = "Choose a cohort.")]
    public int? CohortId { get; set; }

    [Required(ErrorMessage = "Enter the date the task opens.")]
    public DateOnly? OpensOn { get; set; }

    [Required(ErrorMessage = "Enter the due date.")]
    public DateOnly? DueOn { get; set; }

    [Required(ErrorMessage = "Enter the cut-off date (the last day a late submission is accepted).")]
    public DateOnly? CutOffOn { get; set; }
}

public sealed record TaskAdminPage(AssessmentTask Task, Course Course, IReadOnlyList<Cohort> Cohorts, IReadOnlyList<TaskDates> Dates, DatesForm Form, Framework? Framework);

public sealed record TaskAdminListPage(IReadOnlyList<CourseTasks> Courses);
