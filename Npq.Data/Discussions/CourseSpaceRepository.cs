using Dapper;
using Npq.Core.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>The per-course switch of the course-wide discussion space (<c>CourseDiscussionSpaces</c>); no row is off.</summary>
public sealed class CourseSpaceRepository(IDbConnectionFactory db) : ICourseSpaceRepository
{
    private const string AdministeredBy = """
        co.ProviderId = (SELECT u.ProviderId FROM Users u WHERE u.Id = @userId)
        AND EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = @userId AND r.NormalizedName = 'PROVIDERADMIN')
        """;

    public async Task<IReadOnlyList<CourseSpaceSetting>> GetAdministeredAsync(int userId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT co.Id AS CourseId, co.Name AS CourseName,
                   (SELECT COUNT(*) FROM Cohorts c WHERE c.CourseId = co.Id) AS Cohorts,
                   CASE WHEN s.Enabled = 1 THEN 1 ELSE 0 END AS Enabled, s.ChangedUtc
            FROM Courses co LEFT JOIN CourseDiscussionSpaces s ON s.CourseId = co.Id
            WHERE {AdministeredBy}
            ORDER BY co.Name, co.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<CourseSpaceRow>(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r => new CourseSpaceSetting
        {
            CourseId = (int)r.CourseId, CourseName = r.CourseName, Cohorts = (int)r.Cohorts, Enabled = r.Enabled != 0,
            ChangedUtc = r.ChangedUtc is { } t ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : null,
        }).ToList();
    }

    public async Task<bool> AdministersCourseAsync(int courseId, int userId, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT COUNT(*) FROM Courses co WHERE co.Id = @courseId AND {AdministeredBy}";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { courseId, userId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<bool> IsEnabledAsync(int courseId, CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT COUNT(*) FROM CourseDiscussionSpaces WHERE CourseId = @courseId AND Enabled = 1";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { courseId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task SetEnabledAsync(int courseId, bool enabled, int userId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE CourseDiscussionSpaces SET Enabled = @enabled, ChangedByUserId = @userId, ChangedUtc = @nowUtc WHERE CourseId = @courseId;
            INSERT INTO CourseDiscussionSpaces (CourseId, Enabled, ChangedByUserId, ChangedUtc)
            SELECT @courseId, @enabled, @userId, @nowUtc
            WHERE NOT EXISTS (SELECT 1 FROM CourseDiscussionSpaces WHERE CourseId = @courseId);
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new { courseId, enabled = enabled ? 1 : 0, userId, nowUtc }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Read through settable properties: SQLite answers Int64 where SQL Server answers Int32 and bit.</summary>
    private sealed class CourseSpaceRow
    {
        public long CourseId { get; set; }
        public string CourseName { get; set; } = "";
        public long Cohorts { get; set; }
        public long Enabled { get; set; }
        public DateTime? ChangedUtc { get; set; }
    }
}
