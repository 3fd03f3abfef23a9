namespace Npq.Core.Enrolment;

/// <summary>DfE's training statuses, plus completion.</summary>
public enum TrainingStatus
{
    Active,
    Deferred,
    Withdrawn,
    Completed,
}

/// <summary>A candidate's place on a cohort.</summary>
public sealed record CohortEnrolment
{
    public int Id { get; init; }
    public int CohortId { get; init; }
    public int CandidateUserId { get; init; }
    public int? MentorUserId { get; init; }
    public TrainingStatus TrainingStatus { get; init; } = TrainingStatus.Active;
    public string? StatusReason { get; init; }
    public DateTime EnrolledUtc { get; init; }
    public int Version { get; init; } = 1;
}
