using Dapper;

namespace Npq.Data.Materials;

/// <summary>The reads authoring needs: who studies a course (for its images).</summary>
public sealed partial class ProgrammeRepository
{
    public Task<bool> IsStudyingCourseAsync(int courseId, int userId, CancellationToken cancellationToken = default) => ExistsAsync("""
        SELECT COUNT(*) FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
        WHERE c.CourseId = @courseId AND e.CandidateUserId = @userId AND e.TrainingStatus <> 'Withdrawn'
        """, new { courseId, userId }, cancellationToken);
}
