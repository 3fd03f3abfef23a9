using Dapper;
using Npq.Core.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>Files attached to posts: the rows naming them (the files themselves are in the file store).</summary>
public sealed class DiscussionAttachmentRepository(IDbConnectionFactory db) : IDiscussionAttachmentRepository
{
    public async Task<int> AddAsync(NewAttachment attachment, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO DiscussionAttachments (PostId, UploadedByUserId, StoredName, FileName, ContentType, SizeBytes, UploadedUtc)
            VALUES (@PostId, @UploadedByUserId, @StoredName, @FileName, @ContentType, @SizeBytes, @NowUtc)
            """ + db.Dialect.SelectLastInsertedId, attachment, cancellationToken: cancellationToken));
    }

    public async Task<AttachmentContext?> GetAsync(int attachmentId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT a.Id, a.PostId, p.ThreadId, a.StoredName, a.FileName, a.ContentType, a.SizeBytes, COALESCE(t.CohortId, 0) AS CohortId, t.CourseId AS CourseSpaceId, t.StudyGroupId, p.DeletedUtc, p.HiddenUtc
            FROM DiscussionAttachments a JOIN DiscussionPosts p ON p.Id = a.PostId JOIN DiscussionThreads th ON th.Id = p.ThreadId
            JOIN DiscussionTopics t ON t.Id = th.TopicId
            WHERE a.Id = @attachmentId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AttachmentContext>(new CommandDefinition(sql, new { attachmentId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PostAttachment>> ForPostsAsync(IReadOnlyCollection<int> postIds, CancellationToken cancellationToken = default)
    {
        if (postIds.Count == 0)
        {
            return [];
        }

        const string sql = "SELECT a.Id, a.PostId, a.FileName, a.ContentType, a.SizeBytes FROM DiscussionAttachments a WHERE a.PostId IN @postIds ORDER BY a.PostId, a.Id";
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PostAttachment>(new CommandDefinition(sql, new { postIds = postIds.ToArray() }, cancellationToken: cancellationToken))).ToList();
    }
}
