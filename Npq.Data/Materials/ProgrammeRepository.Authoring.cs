using Dapper;

namespace Npq.Data.Materials;

/// <summary>The reads authoring needs: who studies a course (for its images) and who may be given editing rights.</summary>
public sealed partial class ProgrammeRepository
{
    public Task<bool> IsStudyingCourseAsync(int courseId, int userId, CancellationToken cancellationToken = default) => ExistsAsync("""
        SELECT COUNT(*) FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
        WHERE c.CourseId = @courseId AND e.CandidateUserId = @userId AND e.TrainingStatus <> 'Withdrawn'
        """, new { courseId, userId }, cancellationToken);

    public async Task<IReadOnlyList<(int UserId, string DisplayName)>> GetPossibleEditorsAsync(int courseId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT DISTINCT u.Id, u.DisplayName FROM Users u
            JOIN UserRoles ur ON ur.UserId = u.Id JOIN Roles r ON r.Id = ur.RoleId
            WHERE r.NormalizedName = 'MENTOR' AND u.IsActive = 1
              AND u.ProviderId = (SELECT ProviderId FROM Courses WHERE Id = @courseId)
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<(int, string)>(new CommandDefinition(sql, new { courseId }, cancellationToken: cancellationToken))).AsList();
    }
}
