namespace Npq.Core.Enrolment;

/// <summary>Where EnrolmentLifecycle data is kept (implemented in Npq.Data).</summary>
public interface IEnrolmentLifecycleRepository
{
    Task<EnrolmentView?> GetAsync(int enrolmentId, CancellationToken cancellationToken = default);

    /// <summary>The candidate's own enrolments ("my courses"), soonest start first.</summary>
    Task<IReadOnlyList<EnrolmentView>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>The candidates a mentor is assigned to, by cohort then name.</summary>
    Task<IReadOnlyList<EnrolmentView>> GetForMentorAsync(int mentorUserId, CancellationToken cancellationToken = default);

    /// <summary>The enrolments of candidates at the headteacher's school (Users.SchoolId), by name.</summary>
    Task<IReadOnlyList<EnrolmentView>> GetForHeadteacherAsync(int headteacherUserId, CancellationToken cancellationToken = default);

    /// <summary>One page of a mentor's candidates, in the order of <see cref="GetForMentorAsync"/>, and how many they have.</summary>
    Task<(int Total, IReadOnlyList<EnrolmentView> Rows)> GetPageForMentorAsync(int mentorUserId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>One page of the enrolments at the headteacher's school, in the order of <see cref="GetForHeadteacherAsync"/>, and how many there are.</summary>
    Task<(int Total, IReadOnlyList<EnrolmentView> Rows)> GetPageForHeadteacherAsync(int headteacherUserId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>Everyone enrolled on a cohort, by name.</summary>
    Task<IReadOnlyList<EnrolmentView>> GetForCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>One page of a cohort's enrolments, in the order of <see cref="GetForCohortAsync"/>, and how many it has.</summary>
    Task<(int Total, IReadOnlyList<EnrolmentView> Rows)> GetPageForCohortAsync(int cohortId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies an allowed status change, refused (false) when the enrolment changed since it was read
    /// (<paramref name="expectedVersion"/>). The change and its history entry are written together.
    /// </summary>
    Task<bool> ChangeStatusAsync(int enrolmentId, int expectedVersion, StatusChange change, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Resumes a deferred enrolment into another cohort of the same course: the enrolment moves (keeping its history),
    /// provided the cohort has a place and the candidate is not already on it.
    /// </summary>
    Task<DecisionOutcome> ResumeIntoCohortAsync(int enrolmentId, int expectedVersion, int targetCohortId, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Assigns (or, with null, removes) the mentor of the given enrolments of one cohort; returns how many changed.</summary>
    Task<int> AssignMentorAsync(int cohortId, IReadOnlyCollection<int> enrolmentIds, int? mentorUserId, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Every recorded change to the candidate's enrolments, oldest first.</summary>
    Task<IReadOnlyList<EnrolmentHistoryEntry>> GetHistoryForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>Writes a history entry for an enrolment made outside the application flow (imports, seeding).</summary>
    Task RecordAsync(int enrolmentId, string change, int? actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default);
}
