using Dapper;
using Npq.Core.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>Reports on posts and moderators' actions on posts and threads.</summary>
public sealed class ModerationRepository(IDbConnectionFactory db) : IDiscussionModerationRepository
{
    public async Task<int> ReportAsync(int postId, int reporterUserId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "INSERT INTO DiscussionReports (PostId, ReporterUserId, Reason, CreatedUtc) VALUES (@postId, @reporterUserId, @reason, @nowUtc)" + db.Dialect.SelectLastInsertedId,
            new { postId, reporterUserId, reason, nowUtc }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public Task<IReadOnlyList<ReportLine>> GetOpenReportsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        OpenReportsAsync("t.CohortId = @cohortId", new { cohortId }, cancellationToken);

    public Task<IReadOnlyList<ReportLine>> GetCourseOpenReportsAsync(int courseId, CancellationToken cancellationToken = default) =>
        OpenReportsAsync("t.CourseId = @courseId", new { courseId }, cancellationToken);

    /// <summary>The open reports on posts of one space's topics (<paramref name="space"/>: a cohort's or a course's), oldest first.</summary>
    private async Task<IReadOnlyList<ReportLine>> OpenReportsAsync(string space, object parameters, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT r.Id AS ReportId, r.PostId, p.ThreadId, th.Title AS ThreadTitle, p.Body AS PostBody,
                   CASE WHEN p.AuthorErased = 1 THEN 'Former participant' ELSE pu.DisplayName END AS PostAuthorName,
                   CASE WHEN p.HiddenUtc IS NULL THEN 0 ELSE 1 END AS PostHidden, ru.DisplayName AS ReporterName, r.Reason, r.CreatedUtc
            FROM DiscussionReports r
            JOIN DiscussionPosts p ON p.Id = r.PostId JOIN DiscussionThreads th ON th.Id = p.ThreadId JOIN DiscussionTopics t ON t.Id = th.TopicId
            JOIN Users pu ON pu.Id = p.AuthorUserId JOIN Users ru ON ru.Id = r.ReporterUserId
            WHERE {space} AND r.ResolvedUtc IS NULL
            ORDER BY r.CreatedUtc, r.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ReportLine>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
    }

    public Task HideAsync(int postId, int moderatorUserId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default) => WriteAsync("""
        UPDATE DiscussionPosts SET HiddenUtc = @nowUtc, HiddenByUserId = @moderatorUserId, HiddenReason = @reason WHERE Id = @postId;
        UPDATE DiscussionReports SET ResolvedUtc = @nowUtc, ResolvedByUserId = @moderatorUserId, Resolution = 'Hidden' WHERE PostId = @postId AND ResolvedUtc IS NULL;
        """, new { postId, moderatorUserId, reason, nowUtc }, cancellationToken);

    public Task DismissReportsAsync(int postId, int moderatorUserId, DateTime nowUtc, CancellationToken cancellationToken = default) => WriteAsync(
        "UPDATE DiscussionReports SET ResolvedUtc = @nowUtc, ResolvedByUserId = @moderatorUserId, Resolution = 'Dismissed' WHERE PostId = @postId AND ResolvedUtc IS NULL",
        new { postId, moderatorUserId, nowUtc }, cancellationToken);

    public Task SetLockedAsync(int threadId, bool locked, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE DiscussionThreads SET IsLocked = @locked WHERE Id = @threadId", new { threadId, locked }, cancellationToken);

    public Task SetPinnedAsync(int threadId, bool pinned, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE DiscussionThreads SET IsPinned = @pinned WHERE Id = @threadId", new { threadId, pinned }, cancellationToken);

    public Task MoveAsync(int threadId, int topicId, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE DiscussionThreads SET TopicId = @topicId WHERE Id = @threadId", new { threadId, topicId }, cancellationToken);

    private async Task WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
