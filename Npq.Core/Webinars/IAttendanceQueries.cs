namespace Npq.Core.Webinars;

/// <summary>
/// A candidate's webinar attendance, for dashboards, reports and the final assessment's eligibility gate.
/// Callers check access first (a <c>CandidateResource</c> read).
/// </summary>
public interface IAttendanceQueries
{
    /// <summary>Attendance on one cohort, counted over the sessions that have ended; null when the cohort is unknown.</summary>
    Task<AttendanceSummary?> GetAttendanceAsync(int candidateUserId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Attendance on one cohort of each of the given people (a page of its roster), in a fixed number of queries
    /// whatever their number: the cohort's sessions once, and the people's segments and marks in one query each.
    /// </summary>
    Task<IReadOnlyDictionary<int, AttendanceSummary>> GetAttendanceForPeopleAsync(SessionCohort cohort, IReadOnlyList<int> candidateUserIds, CancellationToken cancellationToken = default);

    /// <summary>Attendance on every cohort the candidate is enrolled on.</summary>
    Task<IReadOnlyList<AttendanceSummary>> GetAttendanceForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default);
}
