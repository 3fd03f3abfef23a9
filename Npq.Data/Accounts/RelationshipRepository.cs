using Dapper;
using Npq.Core.Accounts;
using Npq.Data.Infrastructure;

namespace Npq.Data.Accounts;

/// <summary>Answers "who stands in what relation to this candidate" from enrolments, schools and providers.</summary>
public sealed class RelationshipRepository(IDbConnectionFactory db) : IRelationships
{
    public async Task<bool> IsMentorOfAsync(int mentorUserId, int candidateUserId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT COUNT(*) FROM Enrolments WHERE MentorUserId = @mentorUserId AND CandidateUserId = @candidateUserId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { mentorUserId, candidateUserId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> IsHeadteacherOfAsync(int headteacherUserId, int candidateUserId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT COUNT(*) FROM Users h JOIN Users c ON c.SchoolId = h.SchoolId
            WHERE h.Id = @headteacherUserId AND c.Id = @candidateUserId AND h.SchoolId IS NOT NULL AND h.IsActive = 1
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { headteacherUserId, candidateUserId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<int>> HeadteachersOfAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT h.Id FROM Users c
            JOIN Users h ON h.SchoolId = c.SchoolId
            JOIN UserRoles ur ON ur.UserId = h.Id
            JOIN Roles r ON r.Id = ur.RoleId
            WHERE c.Id = @candidateUserId AND c.SchoolId IS NOT NULL AND h.IsActive = 1 AND h.Id <> c.Id AND r.Name = @role
            ORDER BY h.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<int>(new CommandDefinition(sql, new { candidateUserId, role = Roles.Headteacher }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<bool> IsProviderAdminOfAsync(int adminUserId, int candidateUserId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT COUNT(*) FROM Users a
            JOIN Courses co ON co.ProviderId = a.ProviderId
            JOIN Cohorts ch ON ch.CourseId = co.Id
            JOIN Enrolments e ON e.CohortId = ch.Id
            WHERE a.Id = @adminUserId AND e.CandidateUserId = @candidateUserId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var viaEnrolment = await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { adminUserId, candidateUserId }, cancellationToken: cancellationToken)) > 0;
        if (viaEnrolment)
        {
            return true;
        }

        // A person not yet enrolled (an applicant) belongs to the provider they registered with.
        const string sameProvider = "SELECT COUNT(*) FROM Users a JOIN Users c ON c.ProviderId = a.ProviderId WHERE a.Id = @adminUserId AND c.Id = @candidateUserId";
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sameProvider, new { adminUserId, candidateUserId }, cancellationToken: cancellationToken)) > 0;
    }
}
