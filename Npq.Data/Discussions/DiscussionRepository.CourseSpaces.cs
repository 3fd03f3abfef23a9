using Dapper;
using Npq.Core.Discussions;

namespace Npq.Data.Discussions;

/// <summary>
/// Course-wide spaces (issue 21): one per course, across all its cohorts, only while an admin has switched it on
/// (CourseDiscussionSpaces). Its topics are rows of DiscussionTopics with CourseId set and CohortId null (migration 0027),
/// so threads, posts, read markers, reports, subscriptions and attachments work there unchanged.
/// </summary>
public sealed partial class DiscussionRepository
{
    private const string SpaceOn = "EXISTS (SELECT 1 FROM CourseDiscussionSpaces s WHERE s.CourseId = {0} AND s.Enabled = 1)";

    private const string CourseEnrolled = """
        EXISTS (SELECT 1 FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
                WHERE c.CourseId = {0} AND e.CandidateUserId = @userId AND e.TrainingStatus <> 'Withdrawn')
        """;

    private const string CourseFacilitates = """
        (EXISTS (SELECT 1 FROM CohortFacilitators f JOIN Cohorts c ON c.Id = f.CohortId WHERE c.CourseId = {0} AND f.UserId = @userId)
         OR EXISTS (SELECT 1 FROM Enrolments me JOIN Cohorts c ON c.Id = me.CohortId WHERE c.CourseId = {0} AND me.MentorUserId = @userId))
        """;

    private const string CourseAdministers = """
        EXISTS (SELECT 1 FROM Courses aco JOIN Users au ON au.ProviderId = aco.ProviderId
                JOIN UserRoles aur ON aur.UserId = au.Id JOIN Roles ar ON ar.Id = aur.RoleId
                WHERE aco.Id = {0} AND au.Id = @userId AND ar.NormalizedName = 'PROVIDERADMIN')
        """;

    private const string CourseSpaceColumns = $"""
        0 AS CohortId, co.Name AS CohortName, '{SpaceCohort.CourseSpaceZone}' AS TimeZone, co.Id AS CourseId, co.Name AS CourseName, co.FrameworkCode, 1 AS IsCourseSpace
        """;

    private const string MissingCourseTopics = """
        SELECT (CASE WHEN EXISTS (SELECT 1 FROM DiscussionTopics WHERE CourseId = @courseId AND TopicKey = 'general') THEN 0 ELSE 1 END)
             + (CASE WHEN EXISTS (SELECT 1 FROM DiscussionTopics WHERE CourseId = @courseId AND TopicKey = 'announcements') THEN 0 ELSE 1 END)
        """;

    private const string InsertCourseTopics = """
        INSERT INTO DiscussionTopics (CourseId, TopicKey, Kind, Title, Position, CreatedUtc)
        SELECT @courseId, 'announcements', 'Announcements', 'Announcements', 0, @nowUtc
        WHERE NOT EXISTS (SELECT 1 FROM DiscussionTopics WHERE CourseId = @courseId AND TopicKey = 'announcements');
        INSERT INTO DiscussionTopics (CourseId, TopicKey, Kind, Title, Position, CreatedUtc)
        SELECT @courseId, 'general', 'General', 'General', 1, @nowUtc
        WHERE NOT EXISTS (SELECT 1 FROM DiscussionTopics WHERE CourseId = @courseId AND TopicKey = 'general');
        """;

    public async Task<SpaceCohort?> GetCourseSpaceAsync(int courseId, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {CourseSpaceColumns} FROM Courses co WHERE co.Id = @courseId AND {string.Format(SpaceOn, "co.Id")}";
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SpaceRow>(new CommandDefinition(sql, new { courseId }, cancellationToken: cancellationToken));
        return row?.ToSpace();
    }

    public async Task<IReadOnlyList<SpaceCohort>> GetCourseSpacesForAsync(int userId, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT {CourseSpaceColumns} FROM Courses co
            WHERE {string.Format(SpaceOn, "co.Id")}
              AND ({string.Format(CourseEnrolled, "co.Id")} OR {string.Format(CourseFacilitates, "co.Id")} OR {string.Format(CourseAdministers, "co.Id")})
            ORDER BY co.Name, co.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SpaceRow>(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSpace()).ToList();
    }

    public async Task<Standing> GetCourseStandingAsync(int courseId, int userId, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT CASE WHEN {string.Format(SpaceOn, "@courseId")} THEN 1 ELSE 0 END AS SpaceOn,
                   CASE WHEN {string.Format(CourseEnrolled, "@courseId")} THEN 1 ELSE 0 END AS Enrolled,
                   CASE WHEN {string.Format(CourseFacilitates, "@courseId")} THEN 1 ELSE 0 END AS Facilitates,
                   CASE WHEN {string.Format(CourseAdministers, "@courseId")} THEN 1 ELSE 0 END AS Administers
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<CourseStandingRow>(new CommandDefinition(sql, new { courseId, userId }, cancellationToken: cancellationToken));
        return row.SpaceOn == 0 ? Standing.Nobody : new Standing { Enrolled = row.Enrolled != 0, Facilitates = row.Facilitates != 0, Administers = row.Administers != 0 };
    }

    public async Task EnsureCourseTopicsAsync(int courseId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (await CountMissingCourseTopicsAsync(courseId, cancellationToken) == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(InsertCourseTopics, new { courseId, nowUtc }, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            // Another instance made the same topics at the same moment: fine when they exist.
            if (await CountMissingCourseTopicsAsync(courseId, cancellationToken) > 0)
            {
                throw;
            }
        }
    }

    public Task<IReadOnlyList<TopicLine>> GetCourseTopicsAsync(int courseId, int userId, CancellationToken cancellationToken = default) =>
        TopicLinesAsync("t.CourseId = @courseId", new { courseId, userId }, cancellationToken);

    public async Task<IReadOnlyList<SpaceReader>> GetCourseReadersAsync(int courseId, CancellationToken cancellationToken = default)
    {
        // Driven from the course's cohorts' own rows (enrolments, facilitators, mentors) and the provider's admins through
        // the role's index, as the cohort's readers are; nobody while the space is off.
        const string sql = """
            SELECT u.Id AS UserId, u.DisplayName,
                   (SELECT MIN(c.Name) FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
                    WHERE c.CourseId = @courseId AND e.CandidateUserId = u.Id AND e.TrainingStatus <> 'Withdrawn') AS CohortName
            FROM Users u
            WHERE u.IsActive = 1
              AND EXISTS (SELECT 1 FROM CourseDiscussionSpaces s WHERE s.CourseId = @courseId AND s.Enabled = 1)
              AND u.Id IN (
                SELECT e.CandidateUserId FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
                WHERE c.CourseId = @courseId AND e.TrainingStatus <> 'Withdrawn'
                UNION SELECT f.UserId FROM CohortFacilitators f JOIN Cohorts c ON c.Id = f.CohortId WHERE c.CourseId = @courseId
                UNION SELECT me.MentorUserId FROM Enrolments me JOIN Cohorts c ON c.Id = me.CohortId WHERE c.CourseId = @courseId AND me.MentorUserId IS NOT NULL
                UNION SELECT ur.UserId FROM Courses co
                      JOIN Roles r ON r.NormalizedName = 'PROVIDERADMIN' JOIN UserRoles ur ON ur.RoleId = r.Id
                      JOIN Users au ON au.Id = ur.UserId AND au.ProviderId = co.ProviderId
                      WHERE co.Id = @courseId)
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SpaceReader>(new CommandDefinition(sql, new { courseId }, cancellationToken: cancellationToken))).ToList();
    }

    private async Task<int> CountMissingCourseTopicsAsync(int courseId, CancellationToken cancellationToken)
    {
        await using var reader = await db.OpenAsync(cancellationToken);
        return await reader.ExecuteScalarAsync<int>(new CommandDefinition(MissingCourseTopics, new { courseId }, cancellationToken: cancellationToken));
    }

    /// <summary>A course-wide space read flat (SQLite gives every integer as Int64).</summary>
    private sealed class SpaceRow
    {
        public int CohortId { get; set; }
        public string CohortName { get; set; } = "";
        public string TimeZone { get; set; } = "UTC";
        public int CourseId { get; set; }
        public string CourseName { get; set; } = "";
        public string? FrameworkCode { get; set; }
        public int IsCourseSpace { get; set; }

        public SpaceCohort ToSpace() => new()
        {
            CohortId = CohortId, CohortName = CohortName + ": all cohorts", TimeZone = TimeZone, CourseId = CourseId, CourseName = CourseName,
            FrameworkCode = FrameworkCode, IsCourseSpace = IsCourseSpace != 0,
        };
    }

    private sealed class CourseStandingRow
    {
        public int SpaceOn { get; set; }
        public int Enrolled { get; set; }
        public int Facilitates { get; set; }
        public int Administers { get; set; }
    }
}
