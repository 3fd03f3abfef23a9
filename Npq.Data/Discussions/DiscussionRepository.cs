using Dapper;
using Npq.Core.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>Cohorts' discussion spaces: who reads them, their topics, threads and posts, and read markers.</summary>
public sealed partial class DiscussionRepository(IDbConnectionFactory db) : IDiscussionRepository
{
    /// <summary>The title a topic shows: its module's or study group's current name, else the one it was made with.</summary>
    internal const string TopicTitle = "COALESCE(m.Title, g.Name, t.Title)";

    internal const string TopicJoins = "LEFT JOIN MaterialModules m ON m.Id = t.ModuleId LEFT JOIN StudyGroups g ON g.Id = t.StudyGroupId";

    private const string IsAdminOfCohort = """
        EXISTS (SELECT 1 FROM Cohorts ac JOIN Courses aco ON aco.Id = ac.CourseId JOIN Users au ON au.ProviderId = aco.ProviderId
                JOIN UserRoles aur ON aur.UserId = au.Id JOIN Roles ar ON ar.Id = aur.RoleId
                WHERE ac.Id = {0} AND au.Id = @userId AND ar.NormalizedName = 'PROVIDERADMIN')
        """;

    private const string Facilitates = """
        (EXISTS (SELECT 1 FROM CohortFacilitators f WHERE f.CohortId = {0} AND f.UserId = @userId)
         OR EXISTS (SELECT 1 FROM Enrolments me WHERE me.CohortId = {0} AND me.MentorUserId = @userId))
        """;

    private const string Enrolled = "EXISTS (SELECT 1 FROM Enrolments ee WHERE ee.CohortId = {0} AND ee.CandidateUserId = @userId AND ee.TrainingStatus <> 'Withdrawn')";

    private const string PostColumns = """
        p.Id, p.ThreadId, p.AuthorUserId, u.DisplayName AS AuthorName, p.AuthorErased, p.Body, p.QuotedPostId, p.CreatedUtc, p.EditedUtc,
        p.DeletedUtc, p.HiddenUtc, p.HiddenReason, p.HelpfulCount,
        CASE WHEN EXISTS (SELECT 1 FROM DiscussionHelpfulMarks h WHERE h.PostId = p.Id AND h.UserId = @viewerUserId) THEN 1 ELSE 0 END AS HelpfulByViewer
        """;

    public async Task<SpaceCohort?> GetCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT c.Id AS CohortId, c.Name AS CohortName, c.TimeZone, co.Id AS CourseId, co.Name AS CourseName, co.FrameworkCode
            FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @cohortId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SpaceCohort>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken));
    }

    public async Task<Standing> GetStandingAsync(int cohortId, int userId, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT CASE WHEN {string.Format(Enrolled, "@cohortId")} THEN 1 ELSE 0 END AS Enrolled,
                   CASE WHEN {string.Format(Facilitates, "@cohortId")} THEN 1 ELSE 0 END AS Facilitates,
                   CASE WHEN {string.Format(IsAdminOfCohort, "@cohortId")} THEN 1 ELSE 0 END AS Administers,
                   (SELECT MIN(sm.GroupId) FROM StudyGroupMembers sm WHERE sm.CohortId = @cohortId AND sm.UserId = @userId) AS GroupId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<Standing>(new CommandDefinition(sql, new { cohortId, userId }, cancellationToken: cancellationToken));
    }

    /// <summary>The cohorts the person <c>@userId</c> is enrolled on and not withdrawn from, mentors someone on, or facilitates (<c>IX_CohortFacilitators_User</c>).</summary>
    private const string OwnCohorts = """
        SELECT CohortId FROM Enrolments WHERE CandidateUserId = @userId AND TrainingStatus <> 'Withdrawn'
            UNION SELECT CohortId FROM Enrolments WHERE MentorUserId = @userId
            UNION SELECT CohortId FROM CohortFacilitators WHERE UserId = @userId
        """;

    /// <summary>Whether the person <c>@userId</c> is a provider admin (the spaces' rule and <see cref="AdminProviderSql"/>'s).</summary>
    private const string IsProviderAdmin = "EXISTS (SELECT 1 FROM UserRoles ur JOIN Roles r ON r.Id = ur.RoleId WHERE ur.UserId = @userId AND r.NormalizedName = 'PROVIDERADMIN')";

    /// <summary>The provider of <c>@userId</c> when they are its admin (no row otherwise).</summary>
    private const string AdminProviderSql = $"""
        SELECT u.ProviderId FROM Users u
        WHERE u.Id = @userId AND u.ProviderId IS NOT NULL AND {IsProviderAdmin}
        """;

    /// <summary>
    /// The cohorts whose spaces the person reads, found from the person rather than by testing every cohort: the
    /// cohorts of their provider when they are its admin (its courses, then each course's cohorts by
    /// <c>UQ (CourseId, Name)</c>), and <see cref="OwnCohorts"/>. The same rule as <see cref="GetStandingAsync"/>.
    /// </summary>
    private const string SpacesCte = $"""
        WITH spaces AS (
            SELECT c.Id AS CohortId FROM Users u CROSS JOIN Courses co CROSS JOIN Cohorts c
            WHERE u.Id = @userId AND co.ProviderId = u.ProviderId AND c.CourseId = co.Id
              AND {IsProviderAdmin}
            UNION {OwnCohorts})
        """;

    private const string SpaceColumns = "c.Id AS CohortId, c.Name AS CohortName, c.TimeZone, co.Id AS CourseId, co.Name AS CourseName";

    /// <summary>The spaces' order: by course, then cohort (each course's cohorts together, even when two courses share a name).</summary>
    private const string SpacesOrder = "ORDER BY co.Name, co.Id, c.Name, c.Id";

    private const string SpacesSelect = $"""
        {SpacesCte}
        SELECT {SpaceColumns}
        FROM spaces sp CROSS JOIN Cohorts c JOIN Courses co ON co.Id = c.CourseId
        WHERE c.Id = sp.CohortId
        {SpacesOrder}
        """;

    /// <summary>
    /// A provider admin's spaces, first their provider's cohorts in index order: its courses by
    /// <c>IX_Courses_Provider_Name</c>, each course's cohorts by <c>UQ (CourseId, Name)</c>. Nothing is sorted and no
    /// cohort is tested against the admin's own, so a page costs the same at 50 cohorts as at 500 (issue 23: the whole
    /// provider's cohorts sorted for each page, and counted through a deduplicating union, made the admin's second page
    /// 1.7 times as dear at 100,000 candidates as at 10,000).
    /// </summary>
    private const string AdminProviderSpaces = $"""
        SELECT {SpaceColumns}
        FROM Courses co CROSS JOIN Cohorts c
        WHERE co.ProviderId = @adminProvider AND c.CourseId = co.Id
        {SpacesOrder}
        """;

    /// <summary>Then the cohorts a provider admin takes part in at other providers (<see cref="OwnCohorts"/>), after all of their provider's.</summary>
    private const string AdminElsewhere = $"""
        FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId
        WHERE c.Id IN ({OwnCohorts}) AND co.ProviderId <> @adminProvider
        """;

    private const string AdminCounts = $"""
        SELECT (SELECT COUNT(*) FROM Courses co CROSS JOIN Cohorts c WHERE co.ProviderId = @adminProvider AND c.CourseId = co.Id) AS Provider,
               (SELECT COUNT(*) {AdminElsewhere}) AS Elsewhere
        """;

    /// <summary>
    /// A page of the spaces and how many there are: a provider admin's (<paramref name="asAdmin"/>) page of their
    /// provider's cohorts then the two counts (<see cref="AdminProviderSpaces"/>), anyone else's page then its count.
    /// </summary>
    internal static string SpacesPageSql(ISqlDialect dialect, bool asAdmin) => asAdmin
        ? AdminProviderSpaces + dialect.Page + ";\n" + AdminCounts + ";"
        : SpacesSelect + dialect.Page + ";\n" + SpacesCte + "SELECT COUNT(*) FROM spaces;";

    /// <summary>A page of the cohorts a provider admin takes part in at other providers, read only when their provider's run out before the page does.</summary>
    internal static string AdminElsewherePageSql(ISqlDialect dialect) => $"SELECT {SpaceColumns} {AdminElsewhere} {SpacesOrder}" + dialect.Page;

    private readonly StatementBatch _adminSpacesPage = new(SpacesPageSql(db.Dialect, asAdmin: true), results: 2);

    private readonly StatementBatch _spacesPage = new(SpacesPageSql(db.Dialect, asAdmin: false), results: 2);

    public async Task<(int Total, IReadOnlyList<SpaceCohort> Rows)> GetSpacesPageAsync(int userId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var adminProvider = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(AdminProviderSql, new { userId }, cancellationToken: cancellationToken));
        List<SpaceCohort> rows;
        int provider, elsewhere;
        await using (var grid = await (adminProvider is null ? _spacesPage : _adminSpacesPage).ReadAsync(
            connection, new { userId, adminProvider, Skip = skip, Take = take }, cancellationToken))
        {
            rows = await grid.ReadAsync<SpaceCohort>();
            if (adminProvider is null)
            {
                return (await grid.ReadSingleAsync<int>(), rows);
            }

            (provider, elsewhere) = await grid.ReadSingleAsync<(int, int)>();
        }

        if (elsewhere > 0 && rows.Count < take)
        {
            rows.AddRange(await connection.QueryAsync<SpaceCohort>(new CommandDefinition(AdminElsewherePageSql(db.Dialect),
                new { userId, adminProvider, Skip = Math.Max(0, skip - provider), Take = take - rows.Count }, cancellationToken: cancellationToken)));
        }

        return (provider + elsewhere, rows);
    }

    public Task<IReadOnlyList<TopicLine>> GetTopicsAsync(int cohortId, int userId, CancellationToken cancellationToken = default) =>
        TopicLinesAsync("t.CohortId = @cohortId", new { cohortId, userId }, cancellationToken);

    /// <summary>One space's topics (<paramref name="space"/>: a cohort's or a course's) with their counts for the person <c>@userId</c>.</summary>
    private async Task<IReadOnlyList<TopicLine>> TopicLinesAsync(string space, object parameters, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT t.Id, COALESCE(t.CohortId, 0) AS CohortId, t.CourseId AS CourseSpaceId, t.Kind, t.ModuleId, t.StudyGroupId, {TopicTitle} AS Title, t.Position,
                   (SELECT COUNT(*) FROM DiscussionThreads th WHERE th.TopicId = t.Id) AS Threads,
                   (SELECT COUNT(*) FROM DiscussionThreads th JOIN DiscussionPosts p ON p.ThreadId = th.Id
                    LEFT JOIN DiscussionReadMarkers rm ON rm.ThreadId = th.Id AND rm.UserId = @userId
                    WHERE th.TopicId = t.Id AND p.Id > COALESCE(rm.LastReadPostId, 0) AND p.AuthorUserId <> @userId AND p.DeletedUtc IS NULL) AS Unread,
                   (SELECT MAX(th.LastPostUtc) FROM DiscussionThreads th WHERE th.TopicId = t.Id) AS LastPostUtc
            FROM DiscussionTopics t {TopicJoins}
            WHERE {space} ORDER BY t.Position, t.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TopicRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new TopicLine { Topic = r.ToTopic(), Threads = r.Threads, Unread = r.Unread, LastPostUtc = r.LastPostUtc }).ToList();
    }

    public async Task<Topic?> GetTopicAsync(int topicId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT t.Id, COALESCE(t.CohortId, 0) AS CohortId, t.CourseId AS CourseSpaceId, t.Kind, t.ModuleId, t.StudyGroupId, {TopicTitle} AS Title, t.Position
            FROM DiscussionTopics t {TopicJoins} WHERE t.Id = @topicId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Topic>(new CommandDefinition(sql, new { topicId }, cancellationToken: cancellationToken));
    }

    /// <summary>A page of a topic's threads, pinned first then latest post first, with what the reader has not read; then how many there are.</summary>
    private readonly StatementBatch _threadsPage = new("""
        SELECT th.Id, th.Title, th.AuthorUserId, u.DisplayName AS AuthorName, th.AuthorErased, th.CreatedUtc, th.LastPostUtc, th.PostCount,
               th.IsLocked, th.IsPinned, CASE WHEN th.AnswerPostId IS NULL THEN 0 ELSE 1 END AS HasAnswer,
               (SELECT COUNT(*) FROM DiscussionPosts p WHERE p.ThreadId = th.Id AND p.Id > COALESCE(rm.LastReadPostId, 0)
                AND p.AuthorUserId <> @userId AND p.DeletedUtc IS NULL) AS Unread
        FROM DiscussionThreads th JOIN Users u ON u.Id = th.AuthorUserId
        LEFT JOIN DiscussionReadMarkers rm ON rm.ThreadId = th.Id AND rm.UserId = @userId
        WHERE th.TopicId = @topicId ORDER BY th.IsPinned DESC, th.LastPostUtc DESC, th.Id DESC
        """ + db.Dialect.Page + ";\nSELECT COUNT(*) FROM DiscussionThreads WHERE TopicId = @topicId;", results: 2);

    public async Task<(int Total, IReadOnlyList<ThreadSummary> Rows)> GetThreadsAsync(int topicId, int userId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await _threadsPage.ReadAsync(connection, new { topicId, userId, Skip = skip, Take = take }, cancellationToken);
        var rows = await grid.ReadAsync<ThreadSummary>();
        var total = await grid.ReadSingleAsync<int>();
        return (total, rows);
    }

    public async Task<ThreadHeader?> GetThreadAsync(int threadId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT th.Id, th.TopicId, t.Kind AS TopicKind, {TopicTitle} AS TopicTitle, COALESCE(t.CohortId, 0) AS CohortId, t.CourseId AS CourseSpaceId, t.StudyGroupId, th.Title, th.AuthorUserId,
                   th.CreatedUtc, th.IsLocked, th.IsPinned, th.AnswerPostId, th.PostCount, th.LastPostId,
                   (SELECT MIN(p.Id) FROM DiscussionPosts p WHERE p.ThreadId = th.Id) AS FirstPostId
            FROM DiscussionThreads th JOIN DiscussionTopics t ON t.Id = th.TopicId {TopicJoins}
            WHERE th.Id = @threadId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ThreadHeader>(new CommandDefinition(sql, new { threadId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Post>> GetPostsAsync(int threadId, int viewerUserId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {PostColumns} FROM DiscussionPosts p JOIN Users u ON u.Id = p.AuthorUserId WHERE p.ThreadId = @threadId ORDER BY p.Id" + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Post>(new CommandDefinition(sql, new { threadId, viewerUserId, Skip = skip, Take = take }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<Post>> GetPostsAfterAsync(int threadId, int afterPostId, int viewerUserId, int take, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            SELECT {PostColumns} FROM DiscussionPosts p JOIN Users u ON u.Id = p.AuthorUserId
            WHERE p.ThreadId = @threadId AND p.Id > @afterPostId ORDER BY p.Id
            """ + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Post>(new CommandDefinition(sql, new { threadId, afterPostId, viewerUserId, Skip = 0, Take = take }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<int> CountPostsBeforeAsync(int threadId, int postId, CancellationToken cancellationToken = default)
    {
        // Posts are never removed from a thread (a deleted or hidden post keeps its row), and PostCount moves with each
        // one added in the same transaction, so it is the thread's row count.
        const string sql = """
            SELECT th.PostCount - (SELECT COUNT(*) FROM DiscussionPosts p WHERE p.ThreadId = th.Id AND p.Id >= @postId)
            FROM DiscussionThreads th WHERE th.Id = @threadId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return Math.Max(0, await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { threadId, postId }, cancellationToken: cancellationToken)));
    }

    public async Task<Post?> GetPostAsync(int postId, CancellationToken cancellationToken = default)
    {
        var sql = $"SELECT {PostColumns} FROM DiscussionPosts p JOIN Users u ON u.Id = p.AuthorUserId WHERE p.Id = @postId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Post>(new CommandDefinition(sql, new { postId, viewerUserId = 0 }, cancellationToken: cancellationToken));
    }

    public async Task<PostContext?> GetPostContextAsync(int postId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT p.Id AS PostId, p.ThreadId, th.TopicId, p.AuthorUserId, p.Body, p.CreatedUtc, p.DeletedUtc, p.HiddenUtc, COALESCE(t.CohortId, 0) AS CohortId, t.CourseId AS CourseSpaceId, t.StudyGroupId,
                   th.AuthorUserId AS ThreadAuthorUserId, th.IsLocked,
                   (SELECT MIN(fp.Id) FROM DiscussionPosts fp WHERE fp.ThreadId = th.Id) AS FirstPostId
            FROM DiscussionPosts p JOIN DiscussionThreads th ON th.Id = p.ThreadId JOIN DiscussionTopics t ON t.Id = th.TopicId
            WHERE p.Id = @postId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PostContext>(new CommandDefinition(sql, new { postId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<PostEdit>> GetEditsAsync(int postId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT e.PostId, e.PreviousBody, e.EditedUtc, u.DisplayName AS EditedByName
            FROM DiscussionPostEdits e JOIN Users u ON u.Id = e.EditedByUserId WHERE e.PostId = @postId ORDER BY e.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PostEdit>(new CommandDefinition(sql, new { postId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<int> GetReadMarkerAsync(int threadId, int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "SELECT LastReadPostId FROM DiscussionReadMarkers WHERE ThreadId = @threadId AND UserId = @userId", new { threadId, userId }, cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<IReadOnlyList<SpaceReader>> GetReadersAsync(int cohortId, int? studyGroupId, CancellationToken cancellationToken = default)
    {
        // Driven from the cohort's own rows (its enrolments, facilitators, mentors, and the provider's admins through
        // the role's index), never by testing every user of the provider: the cost follows the cohort, not the provider.
        const string sql = """
            SELECT u.Id AS UserId, u.DisplayName FROM Users u
            WHERE u.IsActive = 1 AND u.Id IN (
                SELECT e.CandidateUserId FROM Enrolments e
                WHERE e.CohortId = @cohortId AND e.TrainingStatus <> 'Withdrawn'
                  AND (@studyGroupId IS NULL OR EXISTS (SELECT 1 FROM StudyGroupMembers sm WHERE sm.GroupId = @studyGroupId AND sm.UserId = e.CandidateUserId))
                UNION SELECT f.UserId FROM CohortFacilitators f WHERE f.CohortId = @cohortId
                UNION SELECT me.MentorUserId FROM Enrolments me WHERE me.CohortId = @cohortId AND me.MentorUserId IS NOT NULL
                UNION SELECT ur.UserId FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId
                      JOIN Roles r ON r.NormalizedName = 'PROVIDERADMIN' JOIN UserRoles ur ON ur.RoleId = r.Id
                      JOIN Users au ON au.Id = ur.UserId AND au.ProviderId = co.ProviderId
                      WHERE c.Id = @cohortId)
            ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SpaceReader>(new CommandDefinition(sql, new { cohortId, studyGroupId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>A topic row with its counts, read flat (SQLite gives every integer as Int64).</summary>
    private sealed class TopicRow
    {
        public int Id { get; set; }
        public int CohortId { get; set; }
        public int? CourseSpaceId { get; set; }
        public TopicKind Kind { get; set; }
        public int? ModuleId { get; set; }
        public int? StudyGroupId { get; set; }
        public string Title { get; set; } = "";
        public int Position { get; set; }
        public int Threads { get; set; }
        public int Unread { get; set; }
        public DateTime? LastPostUtc { get; set; }

        public Topic ToTopic() => new() { Id = Id, CohortId = CohortId, CourseSpaceId = CourseSpaceId, Kind = Kind, ModuleId = ModuleId, StudyGroupId = StudyGroupId, Title = Title, Position = Position };
    }
}
