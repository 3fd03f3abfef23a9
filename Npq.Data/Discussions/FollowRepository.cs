using Dapper;
using Npq.Core.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>Subscriptions to topics and threads, discussion email choices and the digest watermark.</summary>
public sealed class FollowRepository(IDbConnectionFactory db) : IDiscussionFollowRepository
{
    public async Task FollowAsync(int userId, FollowKind kind, int targetId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            INSERT INTO DiscussionSubscriptions (UserId, Kind, TargetId, CreatedUtc)
            SELECT @userId, @kind, @targetId, @nowUtc
            WHERE NOT EXISTS (SELECT 1 FROM DiscussionSubscriptions WHERE UserId = @userId AND Kind = @kind AND TargetId = @targetId)
            """;
        // Every post asks for this (posting follows the thread): only someone not yet following takes the writer's turn.
        if (await IsFollowingAsync(userId, kind, targetId, cancellationToken))
        {
            return;
        }

        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, new { userId, kind = kind.ToString(), targetId, nowUtc }, cancellationToken: cancellationToken));
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Two requests at the same instant (SQL Server) meet the primary key: fine when the other one added it.
            if (!await IsFollowingAsync(userId, kind, targetId, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task UnfollowAsync(int userId, FollowKind kind, int targetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM DiscussionSubscriptions WHERE UserId = @userId AND Kind = @kind AND TargetId = @targetId",
            new { userId, kind = kind.ToString(), targetId }, cancellationToken: cancellationToken));
    }

    public async Task<bool> IsFollowingAsync(int userId, FollowKind kind, int targetId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM DiscussionSubscriptions WHERE UserId = @userId AND Kind = @kind AND TargetId = @targetId",
            new { userId, kind = kind.ToString(), targetId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task<ThreadFollowers> GetFollowersAsync(int threadId, int topicId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT UserId, MAX(CASE WHEN Kind = 'Thread' THEN 1 ELSE 0 END) AS OfTheThread FROM DiscussionSubscriptions
            WHERE (Kind = 'Thread' AND TargetId = @threadId) OR (Kind = 'Topic' AND TargetId = @topicId)
            GROUP BY UserId
            ORDER BY UserId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<FollowerRow>(new CommandDefinition(sql, new { threadId, topicId }, cancellationToken: cancellationToken))).ToList();
        return new ThreadFollowers(rows.Select(r => r.UserId).ToList(), rows.Where(r => r.OfTheThread != 0).Select(r => r.UserId).ToHashSet());
    }

    public async Task<DigestPreference?> GetPreferenceAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PreferenceRow>(new CommandDefinition(
            $"SELECT {PreferenceColumns} FROM DiscussionDigestPreferences p WHERE p.UserId = @userId", new { userId }, cancellationToken: cancellationToken));
        return row?.ToPreference();
    }

    public async Task SavePreferenceAsync(DigestPreference preference, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE DiscussionDigestPreferences SET Frequency = @Frequency, LocalMinutes = @LocalMinutes, Weekday = @Weekday,
                NextDigestUtc = @NextDigestUtc, LastDigestUtc = @LastDigestUtc, LastPostId = @LastPostId, UpdatedUtc = @nowUtc
            WHERE UserId = @UserId;
            INSERT INTO DiscussionDigestPreferences (UserId, Frequency, LocalMinutes, Weekday, NextDigestUtc, LastDigestUtc, LastPostId, UpdatedUtc)
            SELECT @UserId, @Frequency, @LocalMinutes, @Weekday, @NextDigestUtc, @LastDigestUtc, @LastPostId, @nowUtc
            WHERE NOT EXISTS (SELECT 1 FROM DiscussionDigestPreferences WHERE UserId = @UserId);
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, new
        {
            preference.UserId,
            Frequency = preference.Frequency.ToString(),
            LocalMinutes = preference.LocalTime.Hour * 60 + preference.LocalTime.Minute,
            Weekday = preference.Weekday.ToString(),
            preference.NextDigestUtc,
            preference.LastDigestUtc,
            preference.LastPostId,
            nowUtc,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<int>> GetImmediateAsync(IReadOnlyCollection<int> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var found = new List<int>();
        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var chunk in userIds.Distinct().Chunk(500))
        {
            found.AddRange(await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT UserId FROM DiscussionDigestPreferences WHERE Frequency = 'Immediately' AND UserId IN @ids ORDER BY UserId",
                new { ids = chunk }, cancellationToken: cancellationToken)));
        }

        return found;
    }

    /// <summary>
    /// The digests due, earliest first: a range of the preferences' index of next digests, each with its user's time
    /// zone by key. The join is written as a cross join so that SQLite keeps that order (it reads the left table
    /// first) whatever its statistics say: with statistics of <c>Users</c> but none yet of the preferences (analysed
    /// before anyone chose a digest), it would otherwise read every user. SQL Server plans it as the inner join it is.
    /// </summary>
    internal static string DueSql(ISqlDialect dialect) => $"""
        SELECT {PreferenceColumns}, u.TimeZone FROM DiscussionDigestPreferences p CROSS JOIN Users u
        WHERE u.Id = p.UserId AND p.NextDigestUtc IS NOT NULL AND p.NextDigestUtc <= @nowUtc AND p.Frequency IN ('Daily', 'Weekly')
        ORDER BY p.NextDigestUtc, p.UserId
        """ + dialect.Page;

    public async Task<IReadOnlyList<DueDigest>> GetDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PreferenceRow>(new CommandDefinition(DueSql(db.Dialect), new { nowUtc, Skip = 0, Take = take }, cancellationToken: cancellationToken));
        return rows.Select(r => new DueDigest(r.ToPreference(), r.TimeZone)).ToList();
    }

    public async Task<int> GetMaxPostIdAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(Id) FROM DiscussionPosts", cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<bool> ClaimDigestAsync(int userId, DateTime expectedNextUtc, DateTime nextUtc, int lastPostId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        const string sql = """
            UPDATE DiscussionDigestPreferences SET NextDigestUtc = @nextUtc, LastDigestUtc = @nowUtc,
                LastPostId = CASE WHEN LastPostId > @lastPostId THEN LastPostId ELSE @lastPostId END
            WHERE UserId = @userId AND NextDigestUtc = @expectedNextUtc AND Frequency IN ('Daily', 'Weekly')
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, new { userId, expectedNextUtc, nextUtc, lastPostId, nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<FollowedPost>> GetNewPostsAsync(int userId, int afterPostId, int uptoPostId, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT {PostColumns}
            FROM DiscussionPosts p JOIN DiscussionThreads th ON th.Id = p.ThreadId JOIN DiscussionTopics t ON t.Id = th.TopicId
            JOIN Users u ON u.Id = p.AuthorUserId
            WHERE p.Id > @afterPostId AND p.Id <= @uptoPostId AND p.AuthorUserId <> @userId AND p.DeletedUtc IS NULL AND p.HiddenUtc IS NULL
              AND (EXISTS (SELECT 1 FROM DiscussionSubscriptions s WHERE s.UserId = @userId AND s.Kind = 'Thread' AND s.TargetId = th.Id)
                OR EXISTS (SELECT 1 FROM DiscussionSubscriptions s WHERE s.UserId = @userId AND s.Kind = 'Topic' AND s.TargetId = t.Id))
            ORDER BY p.Id
            """ + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PostRow>(new CommandDefinition(sql, new { userId, afterPostId, uptoPostId, Skip = 0, Take = take }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToPost()).ToList();
    }

    public async Task<FollowedPost?> GetFollowedPostAsync(int postId, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT {PostColumns}
            FROM DiscussionPosts p JOIN DiscussionThreads th ON th.Id = p.ThreadId JOIN DiscussionTopics t ON t.Id = th.TopicId
            JOIN Users u ON u.Id = p.AuthorUserId
            WHERE p.Id = @postId AND p.DeletedUtc IS NULL AND p.HiddenUtc IS NULL
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<PostRow>(new CommandDefinition(sql, new { postId }, cancellationToken: cancellationToken)))?.ToPost();
    }

    private const string PreferenceColumns = "p.UserId, p.Frequency, p.LocalMinutes, p.Weekday, p.NextDigestUtc, p.LastDigestUtc, p.LastPostId";

    private const string PostColumns = """
        p.Id AS PostId, p.ThreadId, th.Title AS ThreadTitle, COALESCE(t.CohortId, 0) AS CohortId, t.CourseId AS CourseSpaceId, t.StudyGroupId, p.AuthorUserId, u.DisplayName AS AuthorName,
        p.AuthorErased, p.Body, p.CreatedUtc, (SELECT COUNT(*) FROM DiscussionPosts b WHERE b.ThreadId = p.ThreadId AND b.Id < p.Id) AS Before
        """;

    private sealed class PreferenceRow
    {
        public int UserId { get; set; }
        public string Frequency { get; set; } = "";
        public int LocalMinutes { get; set; }
        public string Weekday { get; set; } = "";
        public DateTime? NextDigestUtc { get; set; }
        public DateTime? LastDigestUtc { get; set; }
        public int LastPostId { get; set; }
        public string? TimeZone { get; set; }

        public DigestPreference ToPreference() => new()
        {
            UserId = UserId,
            Frequency = Enum.TryParse<DigestFrequency>(Frequency, out var f) ? f : DigestFrequency.Off,
            LocalTime = new TimeOnly(Math.Clamp(LocalMinutes, 0, 1439) / 60, Math.Clamp(LocalMinutes, 0, 1439) % 60),
            Weekday = Enum.TryParse<DayOfWeek>(Weekday, out var d) ? d : DayOfWeek.Monday,
            NextDigestUtc = NextDigestUtc is { } n ? DateTime.SpecifyKind(n, DateTimeKind.Utc) : null,
            LastDigestUtc = LastDigestUtc is { } l ? DateTime.SpecifyKind(l, DateTimeKind.Utc) : null,
            LastPostId = LastPostId,
        };
    }

    private sealed class PostRow
    {
        public int PostId { get; set; }
        public int ThreadId { get; set; }
        public string ThreadTitle { get; set; } = "";
        public int CohortId { get; set; }
        public int? CourseSpaceId { get; set; }
        public int? StudyGroupId { get; set; }
        public int AuthorUserId { get; set; }
        public string AuthorName { get; set; } = "";
        public bool AuthorErased { get; set; }
        public string Body { get; set; } = "";
        public DateTime CreatedUtc { get; set; }
        public int Before { get; set; }

        public FollowedPost ToPost() => new()
        {
            PostId = PostId, ThreadId = ThreadId, ThreadTitle = ThreadTitle, CohortId = CohortId, CourseSpaceId = CourseSpaceId, StudyGroupId = StudyGroupId,
            AuthorUserId = AuthorUserId, AuthorName = AuthorName, AuthorErased = AuthorErased, Body = Body,
            CreatedUtc = DateTime.SpecifyKind(CreatedUtc, DateTimeKind.Utc), Before = Before,
        };
    }

    private sealed class FollowerRow
    {
        public int UserId { get; init; }

        public int OfTheThread { get; init; }
    }
}
