using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>
/// A person's part of the discussions in the data rights: the threads they started, every post they wrote (with its
/// earlier texts), their reports, helpful marks and study groups. Erasure keeps the threads readable: their posts and
/// titles stay, under "Former participant", with the text "removed"; the earlier texts, reports' reasons, marks,
/// read markers and memberships go.
/// </summary>
public sealed class DiscussionsPersonalData(IDbConnectionFactory db) : IPersonalDataContributor
{
    public int Order => 55;

    private static readonly (string Name, string Sql)[] ExportQueries =
    [
        ("discussion_threads_started", """
            SELECT th.Id AS ThreadId, th.Title, t.Title AS Topic, COALESCE(c.Name, CONCAT(cs.Name, ': all cohorts')) AS Cohort, th.CreatedUtc
            FROM DiscussionThreads th JOIN DiscussionTopics t ON t.Id = th.TopicId LEFT JOIN Cohorts c ON c.Id = t.CohortId LEFT JOIN Courses cs ON cs.Id = t.CourseId
            WHERE th.AuthorUserId = @userId ORDER BY th.CreatedUtc, th.Id
            """),
        ("discussion_posts", """
            SELECT p.Id AS PostId, p.ThreadId, th.Title AS Thread, COALESCE(c.Name, CONCAT(cs.Name, ': all cohorts')) AS Cohort, p.Body, p.CreatedUtc, p.EditedUtc, p.DeletedUtc, p.HiddenUtc, p.HiddenReason
            FROM DiscussionPosts p JOIN DiscussionThreads th ON th.Id = p.ThreadId JOIN DiscussionTopics t ON t.Id = th.TopicId
            LEFT JOIN Cohorts c ON c.Id = t.CohortId LEFT JOIN Courses cs ON cs.Id = t.CourseId
            WHERE p.AuthorUserId = @userId ORDER BY p.CreatedUtc, p.Id
            """),
        ("discussion_post_earlier_texts", """
            SELECT e.PostId, e.PreviousBody, e.EditedUtc FROM DiscussionPostEdits e JOIN DiscussionPosts p ON p.Id = e.PostId
            WHERE p.AuthorUserId = @userId ORDER BY e.Id
            """),
        ("discussion_reports_made", "SELECT r.PostId, r.Reason, r.CreatedUtc FROM DiscussionReports r WHERE r.ReporterUserId = @userId ORDER BY r.Id"),
        ("discussion_helpful_marks", "SELECT h.PostId FROM DiscussionHelpfulMarks h WHERE h.UserId = @userId ORDER BY h.PostId"),
        ("study_groups", """
            SELECT g.Name AS StudyGroup, c.Name AS Cohort FROM StudyGroupMembers sm JOIN StudyGroups g ON g.Id = sm.GroupId JOIN Cohorts c ON c.Id = sm.CohortId
            WHERE sm.UserId = @userId
            """),
    ];

    /// <summary>
    /// Before the person's helpful marks go: the posts they marked are counted again without them. Only those posts: the
    /// person's marks are found by their index, so erasure reads as much as the person did, not the whole site.
    /// </summary>
    private const string RecountMarkedPosts = """
        UPDATE DiscussionPosts SET HelpfulCount = (SELECT COUNT(*) FROM DiscussionHelpfulMarks h WHERE h.PostId = DiscussionPosts.Id AND h.UserId <> @userId)
        WHERE Id IN (SELECT m.PostId FROM DiscussionHelpfulMarks m WHERE m.UserId = @userId)
        """;

    private static readonly string[] Deletes =
    [
        "DELETE FROM DiscussionPostEdits WHERE PostId IN (SELECT Id FROM DiscussionPosts WHERE AuthorUserId = @userId)",
        "DELETE FROM DiscussionHelpfulMarks WHERE UserId = @userId",
        "DELETE FROM DiscussionReadMarkers WHERE UserId = @userId",
        "DELETE FROM StudyGroupMembers WHERE UserId = @userId",
        "DELETE FROM PostingWindows WHERE UserId = @userId",
    ];

    private static readonly string[] Anonymises =
    [
        "UPDATE DiscussionPosts SET Body = 'removed', HiddenReason = NULL, AuthorErased = 1 WHERE AuthorUserId = @userId",
        "UPDATE DiscussionThreads SET Title = 'removed', AuthorErased = 1 WHERE AuthorUserId = @userId",
        "UPDATE DiscussionReports SET Reason = 'removed' WHERE ReporterUserId = @userId",
    ];

    public async Task<PersonalDataExport> ExportAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return new PersonalDataExport(await PersonalDataSections.ReadAsync(connection, ExportQueries, userId, cancellationToken), []);
    }

    public async Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RecountMarkedPosts, new { userId }, transaction, cancellationToken: cancellationToken));
        var removed = 0;
        foreach (var sql in Deletes)
        {
            removed += await connection.ExecuteAsync(new CommandDefinition(sql, new { userId }, transaction, cancellationToken: cancellationToken));
        }

        var anonymised = 0;
        foreach (var sql in Anonymises)
        {
            anonymised += await connection.ExecuteAsync(new CommandDefinition(sql, new { userId }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, anonymised, []);
    }
}
