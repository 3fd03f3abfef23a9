using Dapper;
using Npq.Core.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>A cohort's study groups and who is in each.</summary>
public sealed class StudyGroupRepository(IDbConnectionFactory db) : IStudyGroupRepository
{
    private static readonly StatementBatch GroupsWithMembers = new("""
        SELECT Id, Name, Position FROM StudyGroups WHERE CohortId = @cohortId ORDER BY Position, Id;
        SELECT sm.GroupId, u.Id AS UserId, u.DisplayName FROM StudyGroupMembers sm JOIN Users u ON u.Id = sm.UserId
        WHERE sm.CohortId = @cohortId ORDER BY u.DisplayName, u.Id;
        """, results: 2);

    public async Task<IReadOnlyList<StudyGroup>> GetGroupsAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await GroupsWithMembers.ReadAsync(connection, new { cohortId }, cancellationToken);
        var groups = (await grid.ReadAsync<GroupRow>()).ToList();
        var members = (await grid.ReadAsync<MemberRow>()).ToLookup(m => m.GroupId, m => new SpaceReader { UserId = m.UserId, DisplayName = m.DisplayName });
        return groups.Select(g => new StudyGroup(g.Id, g.Name, g.Position, members[g.Id].ToList())).ToList();
    }

    public async Task<IReadOnlyList<SpaceReader>> GetCandidatesAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT u.Id AS UserId, u.DisplayName FROM Enrolments e JOIN Users u ON u.Id = e.CandidateUserId
            WHERE e.CohortId = @cohortId AND e.TrainingStatus <> 'Withdrawn' ORDER BY u.DisplayName, u.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<SpaceReader>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<bool> AnyGroupPostsAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT COUNT(*) FROM DiscussionThreads th JOIN DiscussionTopics t ON t.Id = th.TopicId WHERE t.CohortId = @cohortId AND t.StudyGroupId IS NOT NULL
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new { cohortId }, cancellationToken: cancellationToken)) > 0;
    }

    public async Task ReplaceGroupsAsync(int cohortId, IReadOnlyList<IReadOnlyList<int>> members, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM StudyGroupMembers WHERE CohortId = @cohortId;
            DELETE FROM DiscussionTopics WHERE CohortId = @cohortId AND StudyGroupId IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM DiscussionThreads th WHERE th.TopicId = DiscussionTopics.Id);
            DELETE FROM StudyGroups WHERE CohortId = @cohortId AND NOT EXISTS (SELECT 1 FROM DiscussionTopics t WHERE t.StudyGroupId = StudyGroups.Id);
            """, new { cohortId }, transaction, cancellationToken: cancellationToken));
        for (var i = 0; i < members.Count; i++)
        {
            var groupId = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "INSERT INTO StudyGroups (CohortId, Name, Position, CreatedUtc) VALUES (@cohortId, @name, @position, @nowUtc)" + db.Dialect.SelectLastInsertedId,
                new { cohortId, name = GroupSplitter.Name(i + 1), position = i + 1, nowUtc }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO StudyGroupMembers (GroupId, CohortId, UserId) VALUES (@groupId, @cohortId, @userId)",
                members[i].Select(userId => new { groupId, cohortId, userId }), transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SetMemberAsync(int cohortId, int userId, int? groupId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM StudyGroupMembers WHERE CohortId = @cohortId AND UserId = @userId;
            INSERT INTO StudyGroupMembers (GroupId, CohortId, UserId) SELECT Id, CohortId, @userId FROM StudyGroups WHERE Id = @groupId AND CohortId = @cohortId;
            """, new { cohortId, userId, groupId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed class GroupRow
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public int Position { get; set; }
    }

    private sealed class MemberRow
    {
        public int GroupId { get; set; }
        public int UserId { get; set; }
        public string DisplayName { get; set; } = "";
    }
}
