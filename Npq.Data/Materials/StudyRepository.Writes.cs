using System.Data.Common;
using Dapper;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;

namespace Npq.Data.Materials;

/// <summary>
/// The writes of progress: each an upsert of the candidate's row for the item, in one statement (SQLite's
/// INSERT … ON CONFLICT, SQL Server's MERGE), but for the video report that finds its row and leaves its completion as
/// it was, a plain update. Completion, once reached, stays, and so does its first time.
/// </summary>
public sealed partial class StudyRepository
{
    private const string KeepComplete = "IsComplete = CASE WHEN {t}.IsComplete = 1 OR @IsComplete = 1 THEN 1 ELSE 0 END";
    private const string KeepCompleted = "CompletedUtc = COALESCE({t}.CompletedUtc, @CompletedUtc)";

    private string? _videoSql;
    private string? _videoTargetSql;
    private string? _completeSql;
    private string? _reflectionSql;
    private string? _attemptSql;

    /// <summary>A video report's write when the row is new or becomes complete: one statement, kept compiled on SQLite's writer.</summary>
    private string VideoSql => _videoSql ??= Upsert(
        "IsComplete, PositionSeconds, DurationSeconds, WatchedMap, CompletedUtc",
        "@IsComplete, @PositionSeconds, @DurationSeconds, @WatchedMap, @CompletedUtc",
        $"{KeepComplete}, PositionSeconds = @PositionSeconds, DurationSeconds = @DurationSeconds, WatchedMap = @WatchedMap, {KeepCompleted}");

    /// <summary>
    /// The hot write when the row is there and its completion does not change (nearly every report): only the columns
    /// that move. Assigning IsComplete, even to the value it has, rewrites its entry in IX_MaterialProgress_Item, a
    /// second page written to SQLite's log on every report.
    /// </summary>
    private const string VideoUpdateSql = """
        UPDATE MaterialProgress
        SET PositionSeconds = @PositionSeconds, DurationSeconds = @DurationSeconds, WatchedMap = @WatchedMap, UpdatedUtc = @UpdatedUtc
        WHERE CandidateUserId = @CandidateUserId AND ItemId = @ItemId
        """;

    private string CompleteSql => _completeSql ??= Upsert(
        "IsComplete, CompletedUtc", "@IsComplete, @CompletedUtc", $"{KeepComplete}, {KeepCompleted}");

    private string ReflectionSql => _reflectionSql ??= Upsert(
        "IsComplete, EvidenceId, CompletedUtc", "@IsComplete, @EvidenceId, @CompletedUtc", $"{KeepComplete}, EvidenceId = @EvidenceId, {KeepCompleted}");

    private string AttemptSql => _attemptSql ??= Upsert(
        "IsComplete, BestScorePercent, Attempts, CompletedUtc",
        "@IsComplete, @ScorePercent, 1, @CompletedUtc",
        $"{KeepComplete}, BestScorePercent = CASE WHEN {{t}}.BestScorePercent IS NULL OR {{t}}.BestScorePercent < @ScorePercent THEN @ScorePercent ELSE {{t}}.BestScorePercent END, " +
        $"Attempts = {{t}}.Attempts + 1, {KeepCompleted}");

    public async Task<StudyTarget?> SaveVideoProgressAsync(int candidateUserId, int cohortId, int itemId, Func<StudyTarget, VideoProgress?> next, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var target = await WriteCommands.QueryFirstOrDefaultAsync(connection, transaction, VideoTargetSql, ReadTarget, cancellationToken,
            ("@candidateUserId", candidateUserId),
            ("@cohortId", cohortId),
            ("@itemId", itemId));
        if (target is null)
        {
            return null;
        }

        if (next(target) is not { } progress)
        {
            return target;
        }

        if (target.Progress is { } kept && (kept.IsComplete || !progress.IsComplete))
        {
            // The row was read in this transaction (and held, on SQL Server): it is there, and its completion stays.
            await WriteCommands.ExecuteAsync(connection, transaction, VideoUpdateSql, cancellationToken,
                ("@CandidateUserId", progress.CandidateUserId),
                ("@ItemId", progress.ItemId),
                ("@PositionSeconds", progress.PositionSeconds),
                ("@DurationSeconds", progress.DurationSeconds),
                ("@WatchedMap", progress.WatchedMap),
                ("@UpdatedUtc", progress.NowUtc));
        }
        else
        {
            await WriteCommands.ExecuteAsync(connection, transaction, VideoSql, cancellationToken,
                ("@CandidateUserId", progress.CandidateUserId),
                ("@ItemId", progress.ItemId),
                ("@IsComplete", progress.IsComplete),
                ("@PositionSeconds", progress.PositionSeconds),
                ("@DurationSeconds", progress.DurationSeconds),
                ("@WatchedMap", progress.WatchedMap),
                ("@CompletedUtc", progress.IsComplete ? progress.NowUtc : null),
                ("@UpdatedUtc", progress.NowUtc));
        }

        await transaction.CommitAsync(cancellationToken);
        return target;
    }

    /// <summary>
    /// The item of the cohort's course with the candidate's progress on it, when they study the cohort and have not
    /// withdrawn. On SQL Server the progress row (or the gap where it will go) is held until the save commits.
    /// </summary>
    private string VideoTargetSql => _videoTargetSql ??= $"""
        SELECT i.Id AS ItemId, i.ModuleId, i.Kind, i.State, {ProgressColumns}
        FROM MaterialItems i
        JOIN MaterialModules m ON m.Id = i.ModuleId
        JOIN Cohorts c ON c.CourseId = m.CourseId
        LEFT JOIN MaterialProgress p{(db.Dialect.Provider == DatabaseProvider.SqlServer ? " WITH (UPDLOCK, HOLDLOCK)" : string.Empty)}
            ON p.CandidateUserId = @candidateUserId AND p.ItemId = i.Id
        WHERE i.Id = @itemId AND c.Id = @cohortId
          AND EXISTS (SELECT 1 FROM Enrolments e
                      WHERE e.CohortId = @cohortId AND e.CandidateUserId = @candidateUserId AND e.TrainingStatus <> 'Withdrawn')
        """;

    /// <summary>The item's four columns, then the progress columns (all null when the candidate has not started it).</summary>
    private static StudyTarget ReadTarget(DbDataReader reader)
    {
        var item = reader.GetRowParser<TargetRow>(typeof(TargetRow), 0, 4)(reader);
        var progress = reader.IsDBNull(4) ? null : reader.GetRowParser<ItemProgress>(typeof(ItemProgress), 4)(reader);
        return new StudyTarget(item.ItemId, item.ModuleId, item.Kind, item.State, progress);
    }

    private sealed class TargetRow
    {
        public int ItemId { get; init; }
        public int ModuleId { get; init; }
        public ItemKind Kind { get; init; }
        public ItemState State { get; init; }
    }

    public async Task MarkCompleteAsync(int candidateUserId, int itemId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CompleteSql, new
        {
            CandidateUserId = candidateUserId, ItemId = itemId, IsComplete = true, CompletedUtc = nowUtc, UpdatedUtc = nowUtc,
        }, cancellationToken: cancellationToken));
    }

    public async Task SetReflectionEvidenceAsync(int candidateUserId, int itemId, int evidenceId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReflectionSql, new
        {
            CandidateUserId = candidateUserId, ItemId = itemId, IsComplete = true, EvidenceId = evidenceId, CompletedUtc = nowUtc, UpdatedUtc = nowUtc,
        }, cancellationToken: cancellationToken));
    }

    public async Task<int> AddAttemptAsync(KnowledgeCheckAttempt attempt, bool passed, CancellationToken cancellationToken = default)
    {
        var insert = """
            INSERT INTO KnowledgeCheckAttempts (ItemId, CandidateUserId, ScorePercent, Answers, SubmittedUtc)
            VALUES (@ItemId, @CandidateUserId, @ScorePercent, @Answers, @SubmittedUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(insert, attempt, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(AttemptSql, new
        {
            attempt.CandidateUserId, attempt.ItemId, IsComplete = passed, attempt.ScorePercent,
            CompletedUtc = passed ? attempt.SubmittedUtc : (DateTime?)null, UpdatedUtc = attempt.SubmittedUtc,
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>
    /// An upsert of the candidate's progress row for an item. <paramref name="set"/> is the update of an existing row,
    /// with <c>{t}</c> standing for that row; UpdatedUtc is set by both branches.
    /// </summary>
    private string Upsert(string columns, string values, string set) => db.Dialect.Provider == DatabaseProvider.SqlServer
        ? $"""
            MERGE MaterialProgress WITH (HOLDLOCK) AS t
            USING (SELECT @CandidateUserId AS CandidateUserId, @ItemId AS ItemId) AS s
            ON t.CandidateUserId = s.CandidateUserId AND t.ItemId = s.ItemId
            WHEN MATCHED THEN UPDATE SET {set.Replace("{t}", "t", StringComparison.Ordinal)}, UpdatedUtc = @UpdatedUtc
            WHEN NOT MATCHED THEN INSERT (CandidateUserId, ItemId, {columns}, UpdatedUtc) VALUES (@CandidateUserId, @ItemId, {values}, @UpdatedUtc);
            """
        : $"""
            INSERT INTO MaterialProgress (CandidateUserId, ItemId, {columns}, UpdatedUtc) VALUES (@CandidateUserId, @ItemId, {values}, @UpdatedUtc)
            ON CONFLICT (CandidateUserId, ItemId) DO UPDATE SET {set.Replace("{t}", "MaterialProgress", StringComparison.Ordinal)}, UpdatedUtc = @UpdatedUtc
            """;
}
