using Dapper;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;

namespace Npq.Data.Materials;

/// <summary>Candidates' progress through their course's materials, and their knowledge-check attempts.</summary>
public sealed partial class StudyRepository(IDbConnectionFactory db) : IStudyRepository
{
    internal const string ProgressColumns = """
        p.CandidateUserId, p.ItemId, p.IsComplete, p.PositionSeconds, p.DurationSeconds, p.WatchedMap, p.BestScorePercent,
        p.Attempts, p.EvidenceId, p.CompletedUtc, p.UpdatedUtc
        """;

    private const string CohortColumns =
        "c.Id AS CohortId, c.Name AS CohortName, c.TimeZone, co.Id AS CourseId, co.Name AS CourseName, co.ProviderId, co.FrameworkCode";

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

    public async Task<IReadOnlyList<MaterialsCohort>> GetStudyCohortsAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        const string sql = $"""
            SELECT {CohortColumns} FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId JOIN Courses co ON co.Id = c.CourseId
            WHERE e.CandidateUserId = @candidateUserId AND e.TrainingStatus <> 'Withdrawn' ORDER BY c.Name, c.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<StudyRows.Cohort>(new CommandDefinition(sql, new { candidateUserId }, cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToList();
    }

    private static readonly StatementBatch CohortStudy = new($"""
        SELECT {CohortColumns} FROM Cohorts c JOIN Courses co ON co.Id = c.CourseId WHERE c.Id = @cohortId;
        SELECT CohortId, ModuleId, OpensOn, OpenedEarlyUtc, OpenedEarlyByUserId FROM MaterialModuleReleases WHERE CohortId = @cohortId;
        SELECT {ProgressColumns} FROM MaterialProgress p
        JOIN MaterialItems i ON i.Id = p.ItemId JOIN MaterialModules m ON m.Id = i.ModuleId JOIN Cohorts c ON c.CourseId = m.CourseId
        WHERE p.CandidateUserId = @candidateUserId AND c.Id = @cohortId;
        """, results: 3);

    public async Task<CohortStudy?> GetCohortStudyAsync(int candidateUserId, int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await CohortStudy.ReadAsync(connection, new { candidateUserId, cohortId }, cancellationToken);
        var cohort = (await grid.ReadSingleOrDefaultAsync<StudyRows.Cohort>())?.ToRecord();
        var releases = (await grid.ReadAsync<StudyRows.Release>()).ToDictionary(r => r.ModuleId, r => r.ToRecord());
        var progress = (await grid.ReadAsync<ItemProgress>()).ToDictionary(p => p.ItemId);
        return cohort is null ? null : new CohortStudy(cohort, releases, progress);
    }

    public async Task<KnowledgeCheckAttempt?> GetLatestAttemptAsync(int candidateUserId, int itemId, CancellationToken cancellationToken = default)
    {
        var sql = """
            SELECT Id, ItemId, CandidateUserId, ScorePercent, Answers, SubmittedUtc FROM KnowledgeCheckAttempts
            WHERE CandidateUserId = @candidateUserId AND ItemId = @itemId ORDER BY SubmittedUtc DESC, Id DESC
            """ + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<StudyRows.Attempt>(new CommandDefinition(
            sql, new { candidateUserId, itemId, Take = 1, Skip = 0 }, cancellationToken: cancellationToken)))?.ToRecord();
    }
}
