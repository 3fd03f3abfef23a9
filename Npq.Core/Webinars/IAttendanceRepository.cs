namespace Npq.Core.Webinars;

/// <summary>Where Attendance data is kept (implemented in Npq.Data).</summary>
public interface IAttendanceRepository
{
    Task<int> AddSegmentAsync(AttendanceSegment segment, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Writes an import's segments in one transaction: all of them or none.</summary>
    Task AddSegmentsAsync(IReadOnlyList<AttendanceSegment> segments, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AttendanceSegment>> GetSegmentsForSessionAsync(int sessionId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AttendanceSegment>> GetSegmentsAsync(int userId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The segments of the given people in every session of a cohort, in one query (a page of a cohort's people).</summary>
    Task<IReadOnlyList<AttendanceSegment>> GetSegmentsForPeopleAsync(int cohortId, IReadOnlyList<int> userIds, CancellationToken cancellationToken = default);

    /// <summary>The register marks of the given people in every session of a cohort, in one query.</summary>
    Task<IReadOnlyList<AttendanceMark>> GetMarksForPeopleAsync(int cohortId, IReadOnlyList<int> userIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AttendanceMark>> GetMarksForSessionAsync(int sessionId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AttendanceMark>> GetMarksAsync(int userId, int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What a candidate's attendance on every cohort they are enrolled on is computed from, in one read: the cohorts of
    /// their enrolments in enrolment order, those cohorts, their sessions that have started by <paramref name="startedByUtc"/>
    /// (only a session that has ended counts; one still to come is not read), and the candidate's segments and marks in them.
    /// </summary>
    Task<CandidateAttendanceFacts> GetCandidateFactsAsync(int candidateUserId, DateTime startedByUtc, CancellationToken cancellationToken = default);

    /// <summary>Saves the register for a session: a mark replaces the person's previous one; no mark clears it.</summary>
    Task SaveRegisterAsync(int sessionId, IReadOnlyList<(int UserId, RegisterMark? Mark, string? Note)> entries, int recordedByUserId, DateTime nowUtc, CancellationToken cancellationToken = default);
}

/// <summary>
/// A candidate's enrolled cohort ids (<paramref name="EnrolledCohortIds"/>, in enrolment order, as
/// <see cref="IWebinarRepository.GetEnrolledCohortIdsAsync"/> gives them), those cohorts, their sessions that have
/// started by the time asked (by start, then id) and the candidate's own segments and marks in those sessions.
/// </summary>
public sealed record CandidateAttendanceFacts(
    IReadOnlyList<int> EnrolledCohortIds,
    IReadOnlyList<SessionCohort> Cohorts,
    IReadOnlyList<SessionSummary> Sessions,
    IReadOnlyList<AttendanceSegment> Segments,
    IReadOnlyList<AttendanceMark> Marks);
