namespace Npq.Core.Accounts;

/// <summary>
/// Who stands in what relation to a candidate. Object-level authorisation handlers ask these questions,
/// so every controller, download, export and PDF answers them the same way.
/// </summary>
public interface IRelationships
{
    /// <summary>True when the mentor is assigned to any current enrolment of the candidate.</summary>
    Task<bool> IsMentorOfAsync(int mentorUserId, int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>True when the headteacher's school is the candidate's school.</summary>
    Task<bool> IsHeadteacherOfAsync(int headteacherUserId, int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>True when the admin belongs to the provider that runs a cohort the candidate is (or was) enrolled in,
    /// or the candidate has applied to.</summary>
    Task<bool> IsProviderAdminOfAsync(int adminUserId, int candidateUserId, CancellationToken cancellationToken = default);

    /// <summary>The active headteachers of the candidate's school (none when the candidate has no school).</summary>
    Task<IReadOnlyList<int>> HeadteachersOfAsync(int candidateUserId, CancellationToken cancellationToken = default);
}
