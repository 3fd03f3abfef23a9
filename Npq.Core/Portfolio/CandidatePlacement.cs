namespace Npq.Core.Portfolio;

/// <summary>
/// A candidate's place on a cohort with what the portfolio pages need around it: the course and its framework,
/// the cohort's zone and start, and who mentors them.
/// </summary>
public sealed record CandidatePlacement
{
    public int EnrolmentId { get; init; }
    public int CandidateUserId { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public int CohortId { get; init; }
    public string CohortName { get; init; } = string.Empty;
    public string CohortZone { get; init; } = "Europe/London";
    public DateOnly CohortStart { get; init; }
    public int CourseId { get; init; }
    public string CourseName { get; init; } = string.Empty;
    public string? FrameworkCode { get; init; }
    public int? MentorUserId { get; init; }
    public string? MentorName { get; init; }
    public string? SchoolName { get; init; }

    /// <summary>Active, Deferred or Withdrawn (the enrolment's training status).</summary>
    public string TrainingStatus { get; init; } = "Active";

    /// <summary>The cohort's last day (in its zone), when it has one.</summary>
    public DateOnly? CohortEnd { get; init; }

    /// <summary>Whether the candidate's final outcome has been released to them.</summary>
    public bool OutcomeReleased { get; init; }
}
