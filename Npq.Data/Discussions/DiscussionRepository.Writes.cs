using System.Data.Common;
using Dapper;
using Npq.Core.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>Writing threads, posts, marks and read markers; each a short transaction on the writer connection.</summary>
public sealed partial class DiscussionRepository
{
    private const string MissingTopics = """
        SELECT (CASE WHEN EXISTS (SELECT 1 FROM DiscussionTopics WHERE CohortId = @cohortId AND TopicKey = 'general') THEN 0 ELSE 1 END)
             + (CASE WHEN EXISTS (SELECT 1 FROM DiscussionTopics WHERE CohortId = @cohortId AND TopicKey = 'announcements') THEN 0 ELSE 1 END)
             + (SELECT COUNT(*) FROM MaterialModules m JOIN Cohorts c ON c.CourseId = m.CourseId
                WHERE c.Id = @cohortId AND NOT EXISTS (SELECT 1 FROM DiscussionTopics t WHERE t.CohortId = @cohortId AND t.ModuleId = m.Id))
             + (SELECT COUNT(*) FROM StudyGroups g
                WHERE g.CohortId = @cohortId AND NOT EXISTS (SELECT 1 FROM DiscussionTopics t WHERE t.CohortId = @cohortId AND t.StudyGroupId = g.Id))
        """;

    private const string InsertTopics = """
        INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, Title, Position, CreatedUtc)
        SELECT @cohortId, 'announcements', 'Announcements', 'Announcements', 0, @nowUtc
        WHERE NOT EXISTS (SELECT 1 FROM DiscussionTopics WHERE CohortId = @cohortId AND TopicKey = 'announcements');
        INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, Title, Position, CreatedUtc)
        SELECT @cohortId, 'general', 'General', 'General', 1, @nowUtc
        WHERE NOT EXISTS (SELECT 1 FROM DiscussionTopics WHERE CohortId = @cohortId AND TopicKey = 'general');
        INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, ModuleId, Title, Position, CreatedUtc)
        SELECT @cohortId, CONCAT('module:', m.Id), 'Module', m.Id, m.Title, 10 + m.Position, @nowUtc
        FROM MaterialModules m JOIN Cohorts c ON c.CourseId = m.CourseId
        WHERE c.Id = @cohortId AND NOT EXISTS (SELECT 1 FROM DiscussionTopics t WHERE t.CohortId = @cohortId AND t.TopicKey = CONCAT('module:', m.Id));
        INSERT INTO DiscussionTopics (CohortId, TopicKey, Kind, StudyGroupId, Title, Position, CreatedUtc)
        SELECT @cohortId, CONCAT('group:', g.Id), 'Group', g.Id, g.Name, 100000 + g.Position, @nowUtc
        FROM StudyGroups g
        WHERE g.CohortId = @cohortId AND NOT EXISTS (SELECT 1 FROM DiscussionTopics t WHERE t.CohortId = @cohortId AND t.TopicKey = CONCAT('group:', g.Id));
        """;

    private const string AdvanceMarker = """
        UPDATE DiscussionReadMarkers SET LastReadPostId = @postId WHERE ThreadId = @threadId AND UserId = @userId AND LastReadPostId < @postId;
        INSERT INTO DiscussionReadMarkers (ThreadId, UserId, LastReadPostId) SELECT @threadId, @userId, @postId
        WHERE NOT EXISTS (SELECT 1 FROM DiscussionReadMarkers WHERE ThreadId = @threadId AND UserId = @userId);
        """;

    public async Task EnsureTopicsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        // Read first: the space page is read far more often than a module or group is added, and a read takes no writer's turn.
        if (await CountMissingTopicsAsync(cohortId, cancellationToken) == 0)
        {
            return;
        }

        try
        {
            await WriteAsync(InsertTopics, new { cohortId, nowUtc }, cancellationToken);
        }
        catch (DbException)
        {
            // Another instance made the same topics at the same moment (SQL Server; SQLite serialises writers): fine when they exist.
            if (await CountMissingTopicsAsync(cohortId, cancellationToken) > 0)
            {
                throw;
            }
        }
    }

    private async Task<int> CountMissingTopicsAsync(int cohortId, CancellationToken cancellationToken)
    {
        await using var reader = await db.OpenAsync(cancellationToken);
        return await reader.ExecuteScalarAsync<int>(new CommandDefinition(MissingTopics, new { cohortId }, cancellationToken: cancellationToken));
    }

    public async Task<(int ThreadId, int PostId)> AddThreadAsync(NewThread thread, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var threadId = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO DiscussionThreads (TopicId, AuthorUserId, Title, CreatedUtc, LastPostId, LastPostUtc, PostCount)
            VALUES (@TopicId, @AuthorUserId, @Title, @NowUtc, 0, @NowUtc, 0)
            """ + db.Dialect.SelectLastInsertedId, thread, transaction, cancellationToken: cancellationToken));
        var postId = await InsertPostAsync(connection, transaction, threadId, thread.AuthorUserId, thread.Body, null, thread.NowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (threadId, postId);
    }

    public async Task<int> CountPostInWindowAsync(int userId, DateTime nowUtc, TimeSpan window, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var posts = await WriteCommands.ExecuteScalarIntAsync(connection, transaction, PostingWindowSql, cancellationToken,
            ("@userId", userId),
            ("@nowUtc", nowUtc),
            ("@closedAtOrBefore", nowUtc - window));
        await transaction.CommitAsync(cancellationToken);
        return posts;
    }

    /// <summary>The person's window moved on by one post: a new window when theirs closed, one more post in it otherwise.</summary>
    private string PostingWindowSql => db.Dialect.Provider == DatabaseProvider.SqlServer
        ? """
            MERGE PostingWindows WITH (HOLDLOCK) AS w
            USING (SELECT @userId AS UserId) AS s ON w.UserId = s.UserId
            WHEN MATCHED THEN UPDATE SET
                Posts = CASE WHEN w.WindowStartUtc <= @closedAtOrBefore THEN 1 ELSE w.Posts + 1 END,
                WindowStartUtc = CASE WHEN w.WindowStartUtc <= @closedAtOrBefore THEN @nowUtc ELSE w.WindowStartUtc END
            WHEN NOT MATCHED THEN INSERT (UserId, WindowStartUtc, Posts) VALUES (@userId, @nowUtc, 1)
            OUTPUT inserted.Posts;
            """
        : """
            INSERT INTO PostingWindows (UserId, WindowStartUtc, Posts) VALUES (@userId, @nowUtc, 1)
            ON CONFLICT (UserId) DO UPDATE SET
                Posts = CASE WHEN PostingWindows.WindowStartUtc <= @closedAtOrBefore THEN 1 ELSE PostingWindows.Posts + 1 END,
                WindowStartUtc = CASE WHEN PostingWindows.WindowStartUtc <= @closedAtOrBefore THEN @nowUtc ELSE PostingWindows.WindowStartUtc END
            RETURNING Posts
            """;

    public async Task<int> AddReplyAsync(NewReply reply, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var postId = await InsertPostAsync(connection, transaction, reply.ThreadId, reply.AuthorUserId, reply.Body, reply.QuotedPostId, reply.NowUtc, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return postId;
    }

    public Task EditAsync(int postId, string body, int editorUserId, DateTime nowUtc, CancellationToken cancellationToken = default) => WriteAsync("""
        INSERT INTO DiscussionPostEdits (PostId, PreviousBody, EditedUtc, EditedByUserId) SELECT Id, Body, @nowUtc, @editorUserId FROM DiscussionPosts WHERE Id = @postId;
        UPDATE DiscussionPosts SET Body = @body, EditedUtc = @nowUtc, EditedByUserId = @editorUserId WHERE Id = @postId;
        """, new { postId, body, editorUserId, nowUtc }, cancellationToken);

    public Task DeleteAsync(int postId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE DiscussionPosts SET DeletedUtc = @nowUtc WHERE Id = @postId AND DeletedUtc IS NULL", new { postId, nowUtc }, cancellationToken);

    public async Task<bool> ToggleHelpfulAsync(int postId, int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM DiscussionHelpfulMarks WHERE PostId = @postId AND UserId = @userId", new { postId, userId }, transaction, cancellationToken: cancellationToken));
        if (removed == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO DiscussionHelpfulMarks (PostId, UserId) VALUES (@postId, @userId)", new { postId, userId }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE DiscussionPosts SET HelpfulCount = (SELECT COUNT(*) FROM DiscussionHelpfulMarks WHERE PostId = @postId) WHERE Id = @postId",
            new { postId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return removed == 0;
    }

    public Task SetAnswerAsync(int threadId, int? postId, CancellationToken cancellationToken = default) =>
        WriteAsync("UPDATE DiscussionThreads SET AnswerPostId = @postId WHERE Id = @threadId", new { threadId, postId }, cancellationToken);

    public async Task<bool> MarkReadAsync(int threadId, int userId, int postId, CancellationToken cancellationToken = default)
    {
        // Reading a page asks for this on every view: only a marker that moves forward takes the writer's turn.
        if (await GetReadMarkerAsync(threadId, userId, cancellationToken) >= postId)
        {
            return false;
        }

        try
        {
            await WriteAsync(AdvanceMarker, new { threadId, userId, postId }, cancellationToken);
        }
        catch (DbException)
        {
            // Two first reads of the thread by the same person at once (two tabs, SQL Server): the other made the row; move it on.
            if (await GetReadMarkerAsync(threadId, userId, cancellationToken) == 0)
            {
                throw;
            }

            await WriteAsync(AdvanceMarker, new { threadId, userId, postId }, cancellationToken);
        }

        return true;
    }

    public Task MarkAllReadAsync(IReadOnlyCollection<int> topicIds, int userId, CancellationToken cancellationToken = default) =>
        topicIds.Count == 0 ? Task.CompletedTask : WriteAsync("""
            UPDATE DiscussionReadMarkers SET LastReadPostId = (SELECT th.LastPostId FROM DiscussionThreads th WHERE th.Id = DiscussionReadMarkers.ThreadId)
            WHERE UserId = @userId AND ThreadId IN (SELECT Id FROM DiscussionThreads WHERE TopicId IN @topicIds);
            INSERT INTO DiscussionReadMarkers (ThreadId, UserId, LastReadPostId)
            SELECT th.Id, @userId, th.LastPostId FROM DiscussionThreads th
            WHERE th.TopicId IN @topicIds AND NOT EXISTS (SELECT 1 FROM DiscussionReadMarkers rm WHERE rm.ThreadId = th.Id AND rm.UserId = @userId);
            """, new { topicIds, userId }, cancellationToken);

    private async Task<int> InsertPostAsync(
        DbConnection connection, DbTransaction transaction, int threadId, int authorUserId, string body, int? quotedPostId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var postId = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO DiscussionPosts (ThreadId, AuthorUserId, Body, QuotedPostId, CreatedUtc) VALUES (@threadId, @authorUserId, @body, @quotedPostId, @nowUtc)
            """ + db.Dialect.SelectLastInsertedId, new { threadId, authorUserId, body, quotedPostId, nowUtc }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE DiscussionThreads SET LastPostId = @postId, LastPostUtc = @nowUtc, PostCount = PostCount + 1 WHERE Id = @threadId;\n" + AdvanceMarker.Replace("@userId", "@authorUserId", StringComparison.Ordinal),
            new { threadId, postId, nowUtc, authorUserId }, transaction, cancellationToken: cancellationToken));
        return postId;
    }

    private async Task WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
