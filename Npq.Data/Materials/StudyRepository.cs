using Dapper;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;

namespace Npq.Data.Materials;

/// <summary>Candidates' progress through their course's materials, and their knowledge-check attempts.</summary>
public sealed class StudyRepository(IDbConnectionFactory db) : IStudyRepository
{
    internal const string ProgressColumns = """
        p.CandidateUserId, p.ItemId, p.IsComplete, p.PositionSeconds, p.DurationSeconds, p.WatchedMap, p.BestScorePercent,
        p.Attempts, p.EvidenceId, p.CompletedUtc, p.UpdatedUtc
        """;

    public async Task<IReadOnlyDictionary<int, ItemProgress>> GetProgressAsync(int candidateUserId, int courseId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {ProgressColumns} FROM MaterialProgress p
            JOIN MaterialItems i ON i.Id = p.ItemId JOIN MaterialModules m ON m.Id = i.ModuleId
            WHERE p.CandidateUserId = @candidateUserId AND m.CourseId = @courseId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ItemProgress>(new CommandDefinition(sql, new { candidateUserId, courseId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.ItemId);
    }

    public async Task<ItemProgress?> GetItemProgressAsync(int candidateUserId, int itemId, CancellationToken cancellationToken = default)
    {
        const string sql = $"SELECT {ProgressColumns} FROM MaterialProgress p WHERE p.CandidateUserId = @candidateUserId AND p.ItemId = @itemId";
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ItemProgress>(new CommandDefinition(sql, new { candidateUserId, itemId }, cancellationToken: cancellationToken));
    }
}
