namespace Npq.Core.Enrolment;

/// <summary>Where enrolment data is kept (implemented in Npq.Data).</summary>
public interface IEnrolmentRepository
{
    /// <summary>The enrolment's id, creating it (active) when the candidate is not yet on the cohort.</summary>
    Task<int> EnsureAsync(int cohortId, int candidateUserId, int? mentorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<CohortEnrolment?> GetAsync(int id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CohortEnrolment>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<CohortEnrolment>> GetForMentorAsync(int mentorUserId, CancellationToken cancellationToken = default);
}
