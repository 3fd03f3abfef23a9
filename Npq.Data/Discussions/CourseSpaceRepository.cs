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

    public async Task<CourseStanding> GetStandingAsync(int courseId, int userId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM CourseDiscussionSpaces s WHERE s.CourseId = @courseId AND s.Enabled = 1) THEN 1 ELSE 0 END AS SpaceEnabled,
                   CASE WHEN EXISTS (SELECT 1 FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
                                     WHERE c.CourseId = @courseId AND e.CandidateUserId = @userId AND e.TrainingStatus <> 'Withdrawn') THEN 1 ELSE 0 END AS Enrolled,
                   CASE WHEN EXISTS (SELECT 1 FROM CohortFacilitators f JOIN Cohorts c ON c.Id = f.CohortId WHERE c.CourseId = @courseId AND f.UserId = @userId)
                          OR EXISTS (SELECT 1 FROM Enrolments me JOIN Cohorts c ON c.Id = me.CohortId WHERE c.CourseId = @courseId AND me.MentorUserId = @userId)
                        THEN 1 ELSE 0 END AS Facilitates,
                   CASE WHEN EXISTS (SELECT 1 FROM Courses co WHERE co.Id = @courseId AND {AdministeredBy}) THEN 1 ELSE 0 END AS Administers
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<StandingRow>(new CommandDefinition(sql, new { courseId, userId }, cancellationToken: cancellationToken));
        return new CourseStanding { SpaceEnabled = row.SpaceEnabled != 0, Enrolled = row.Enrolled != 0, Facilitates = row.Facilitates != 0, Administers = row.Administers != 0 };
    }

    public async Task<IReadOnlyList<CourseSpaceReader>> GetReadersAsync(int courseId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT u.Id AS UserId, u.DisplayName,
                   (SELECT MIN(c.Name) FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
                    WHERE c.CourseId = @courseId AND e.CandidateUserId = u.Id AND e.TrainingStatus <> 'Withdrawn') AS CohortName
            FROM Users u
            WHERE u.IsActive = 1
              AND EXISTS (SELECT 1 FROM CourseDiscussionSpaces s WHERE s.CourseId = @courseId AND s.Enabled = 1)
              AND (EXISTS (SELECT 1 FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
                           WHERE c.CourseId = @courseId AND e.CandidateUserId = u.Id AND e.TrainingStatus <> 'Withdrawn')
                   OR EXISTS (SELECT 1 FROM CohortFacilitators f JOIN Cohorts c ON c.Id = f.CohortId WHERE c.CourseId = @courseId AND f.UserId = u.Id)
                   OR EXISTS (SELECT 1 FROM Enrolments me JOIN Cohorts c ON c.Id = me.CohortId WHERE c.CourseId = @courseId AND me.MentorUserId = u.Id)
                   OR EXISTS (SELECT 1 FROM Courses co JOIN UserRoles ur ON ur.UserId = u.Id JOIN Roles r ON r.Id = ur.RoleId
                              WHERE co.Id = @courseId AND u.ProviderId = co.ProviderId AND r.NormalizedName = 'PROVIDERADMIN'))
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReaderRow>(new CommandDefinition(sql, new { courseId }, cancellationToken: cancellationToken));
        return rows.Select(r => new CourseSpaceReader { UserId = (int)r.UserId, DisplayName = r.DisplayName, CohortName = r.CohortName }).ToList();
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

    private sealed class StandingRow
    {
        public long SpaceEnabled { get; set; }
        public long Enrolled { get; set; }
        public long Facilitates { get; set; }
        public long Administers { get; set; }
    }

    private sealed class ReaderRow
    {
        public long UserId { get; set; }
        public string DisplayName { get; set; } = "";
        public string? CohortName { get; set; }
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
