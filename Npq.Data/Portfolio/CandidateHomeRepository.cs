using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;

namespace Npq.Data.Portfolio;

/// <summary>
/// The candidate's home page reads as one command (issue 23): each statement is the one the single-purpose
/// repository runs (shared as its SQL text), so the rows are the same; one connection, one command and one round of
/// Dapper's set-up instead of nine, each result read with the parser the batch keeps for it (<see cref="StatementBatch"/>).
/// </summary>
public sealed class CandidateHomeRepository(IDbConnectionFactory db) : ICandidateHomeRepository
{
    /// <summary>The candidate's newest progress update (newest written, then highest id), as a set of one id.</summary>
    private const string NewestUpdate = "SELECT p.Id FROM ProgressUpdates p WHERE p.CandidateUserId = @candidateUserId AND " + ProgressRepository.IsNewest;

    /// <summary>The nine statements, in the order <see cref="ReadAsync"/> reads their results.</summary>
    private readonly StatementBatch _batch = new(string.Join(
        ";\n",
        PlacementRepository.ForCandidateSql,
        TaskRepository.LatestAttemptsSql,
        TaskRepository.ExtensionsSql,
        TaskRepository.TasksWithDates + """
             WHERE d.CohortId IN (SELECT e.CohortId FROM Enrolments e WHERE e.CandidateUserId = @candidateUserId AND e.TrainingStatus <> 'Withdrawn')
            ORDER BY d.DueOn, t.Id
            """,
        EvidenceRepository.CountsSql,
        FeedbackRepository.RecentForCandidateSql + db.Dialect.Page,
        ProgressRepository.Select + " WHERE p.CandidateUserId = @candidateUserId AND " + ProgressRepository.IsNewest,
        "SELECT ProgressUpdateId, AreaSlug, Rating FROM ProgressRatings WHERE ProgressUpdateId IN (" + NewestUpdate + ")",
        EvidenceRepository.StatementLinksSql) + ";", results: 9);

    internal string Sql => _batch.Sql;

    public async Task<CandidateHomeData> ReadAsync(int candidateUserId, int feedbackTake, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await _batch.ReadAsync(connection, new { candidateUserId, Skip = 0, Take = feedbackTake }, cancellationToken);
        var placements = await grid.ReadAsync(PlacementReader.Read);
        var attempts = await grid.ReadAsync<AttemptStatus>();
        var extensions = (await grid.ReadAsync<ExtensionRow>()).ToDictionary(r => r.TaskId, r => r.ToExtension());
        var tasks = (await grid.ReadAsync<TaskWithDatesRow>()).Select(r => r.ToTaskAndDates()).ToList();
        var (finished, drafts) = await grid.ReadSingleAsync<(long Finished, long Drafts)>();
        var feedback = await grid.ReadAsync<FeedbackComment>();
        var update = await grid.ReadSingleOrDefaultAsync<ProgressUpdate>();
        var ratings = await grid.ReadAsync<(int ProgressUpdateId, string AreaSlug, string Rating)>();
        var statements = EvidenceRepository.CountStatements(await grid.ReadAsync<(string StatementId, int EvidenceId)>());
        if (update is not null)
        {
            update = update with { Ratings = ProgressRepository.RatingsOf(ratings.Select(r => (r.AreaSlug, r.Rating))) };
        }

        return new CandidateHomeData(placements, attempts, extensions, tasks, (int)finished, (int)drafts, feedback, update, statements);
    }
}

/// <summary>A row of <see cref="TaskRepository.TasksWithDates"/> read whole (Dapper's grid reads multi-mapped rows only synchronously).</summary>
internal sealed record TaskWithDatesRow
{
    public int Id { get; init; }
    public int CourseId { get; init; }
    public string Title { get; init; } = string.Empty;
    public string Instructions { get; init; } = string.Empty;
    public TaskKind Kind { get; init; }
    public int WordLimit { get; init; }
    public int MaxAttempts { get; init; }
    public bool MentorReviewsDrafts { get; init; }
    public DateTime CreatedUtc { get; init; }
    public int Version { get; init; }
    public int TaskId { get; init; }
    public int CohortId { get; init; }
    public DateOnly OpensOn { get; init; }
    public DateOnly DueOn { get; init; }
    public DateOnly CutOffOn { get; init; }

    public (AssessmentTask Task, TaskDates Dates) ToTaskAndDates() => (
        new AssessmentTask
        {
            Id = Id, CourseId = CourseId, Title = Title, Instructions = Instructions, Kind = Kind, WordLimit = WordLimit, MaxAttempts = MaxAttempts,
            MentorReviewsDrafts = MentorReviewsDrafts, CreatedUtc = CreatedUtc, Version = Version,
        },
        new TaskDates(TaskId, CohortId, OpensOn, DueOn, CutOffOn));
}
