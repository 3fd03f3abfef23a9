using Dapper;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;

namespace Npq.Data.Portfolio;

/// <summary>Assessment tasks, their per-cohort dates and extensions, and candidates' attempts.</summary>
public sealed class TaskRepository(IDbConnectionFactory db) : ITaskRepository
{
    private const string TaskColumns = "Id, CourseId, Title, Instructions, Kind, WordLimit, MaxAttempts, MentorReviewsDrafts, CreatedUtc, Version";
    private const string SubmissionColumns = """
        Id, TaskId, CandidateUserId, CohortId, Attempt, State, Body, WordCount, Result, SubmittedUtc, SubmittedByUserId,
        SubmittedOnBehalf, ReopenedUtc, ReopenedByUserId, CreatedUtc, UpdatedUtc, Version
        """;

    /// <summary>Tasks with one cohort's dates each (a task, then its <see cref="DatesRow"/> from <c>TaskId</c> on); the caller adds WHERE and ORDER BY.</summary>
    internal const string TasksWithDates = """
        SELECT t.Id, t.CourseId, t.Title, t.Instructions, t.Kind, t.WordLimit, t.MaxAttempts, t.MentorReviewsDrafts, t.CreatedUtc, t.Version,
               d.TaskId, d.CohortId, d.OpensOn, d.DueOn, d.CutOffOn
        FROM AssessmentTasks t JOIN AssessmentTaskDates d ON d.TaskId = t.Id
        """;

    /// <summary>Where the latest attempt at each task of <c>@candidateUserId</c> stands (its text is not read).</summary>
    internal const string LatestAttemptsSql = """
        SELECT TaskId, Attempt, State, SubmittedUtc FROM Submissions s
        WHERE CandidateUserId = @candidateUserId
          AND Attempt = (SELECT MAX(Attempt) FROM Submissions x WHERE x.TaskId = s.TaskId AND x.CandidateUserId = s.CandidateUserId)
        """;

    /// <summary>Every extension granted to <c>@candidateUserId</c> (found through IX_AssessmentTaskExtensions_Candidate, migration 0036).</summary>
    internal const string ExtensionsSql = """
        SELECT TaskId, CandidateUserId, DueOn, GrantedByUserId, GrantedUtc FROM AssessmentTaskExtensions
        WHERE CandidateUserId = @candidateUserId
        """;

    public async Task<int> CreateTaskAsync(AssessmentTask task, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO AssessmentTasks (CourseId, Title, Instructions, Kind, WordLimit, MaxAttempts, MentorReviewsDrafts, CreatedUtc, Version)
            VALUES (@CourseId, @Title, @Instructions, @Kind, @WordLimit, @MaxAttempts, @MentorReviewsDrafts, @CreatedUtc, 1)
            """ + db.Dialect.SelectLastInsertedId,
            new { task.CourseId, task.Title, task.Instructions, Kind = task.Kind.ToString(), task.WordLimit, task.MaxAttempts, task.MentorReviewsDrafts, task.CreatedUtc },
            transaction, cancellationToken: cancellationToken));
        foreach (var statementId in task.StatementIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO AssessmentTaskStatements (TaskId, StatementId) VALUES (@id, @statementId)", new { id, statementId }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<AssessmentTask?> GetTaskAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var task = await connection.QuerySingleOrDefaultAsync<AssessmentTask>(new CommandDefinition(
            $"SELECT {TaskColumns} FROM AssessmentTasks WHERE Id = @id", new { id }, cancellationToken: cancellationToken));
        if (task is null)
        {
            return null;
        }

        var statements = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT StatementId FROM AssessmentTaskStatements WHERE TaskId = @id ORDER BY StatementId", new { id }, cancellationToken: cancellationToken));
        return task with { StatementIds = statements.AsList() };
    }

    public async Task<IReadOnlyList<AssessmentTask>> GetTasksForCourseAsync(int courseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AssessmentTask>(new CommandDefinition(
            $"SELECT {TaskColumns} FROM AssessmentTasks WHERE CourseId = @courseId ORDER BY Id", new { courseId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Sets (or replaces) a task's dates for a cohort.</summary>
    public async Task SetDatesAsync(TaskDates dates, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM AssessmentTaskDates WHERE TaskId = @TaskId AND CohortId = @CohortId", dates, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO AssessmentTaskDates (TaskId, CohortId, OpensOn, DueOn, CutOffOn) VALUES (@TaskId, @CohortId, @OpensOn, @DueOn, @CutOffOn)",
            dates, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<TaskDates?> GetDatesAsync(int taskId, int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<DatesRow>(new CommandDefinition(
            "SELECT TaskId, CohortId, OpensOn, DueOn, CutOffOn FROM AssessmentTaskDates WHERE TaskId = @taskId AND CohortId = @cohortId",
            new { taskId, cohortId }, cancellationToken: cancellationToken)))?.ToDates();
    }

    public async Task<IReadOnlyList<TaskDates>> GetDatesForTaskAsync(int taskId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<DatesRow>(new CommandDefinition(
            "SELECT TaskId, CohortId, OpensOn, DueOn, CutOffOn FROM AssessmentTaskDates WHERE TaskId = @taskId ORDER BY CohortId",
            new { taskId }, cancellationToken: cancellationToken))).Select(r => r.ToDates()).ToList();
    }

    /// <summary>The tasks set for a cohort, with their dates, earliest due first.</summary>
    public async Task<IReadOnlyList<(AssessmentTask Task, TaskDates Dates)>> GetTasksForCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AssessmentTask, DatesRow, (AssessmentTask, TaskDates)>(new CommandDefinition(
            TasksWithDates + " WHERE d.CohortId = @cohortId ORDER BY d.DueOn, t.Id", new { cohortId }, cancellationToken: cancellationToken), (t, d) => (t, d.ToDates()), splitOn: "TaskId");
        return rows.AsList();
    }

    public async Task GrantExtensionAsync(TaskExtension extension, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM AssessmentTaskExtensions WHERE TaskId = @TaskId AND CandidateUserId = @CandidateUserId", extension, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO AssessmentTaskExtensions (TaskId, CandidateUserId, DueOn, GrantedByUserId, GrantedUtc)
            VALUES (@TaskId, @CandidateUserId, @DueOn, @GrantedByUserId, @GrantedUtc)
            """, extension, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<TaskExtension?> GetExtensionAsync(int taskId, int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QuerySingleOrDefaultAsync<ExtensionRow>(new CommandDefinition(
            """
            SELECT TaskId, CandidateUserId, DueOn, GrantedByUserId, GrantedUtc FROM AssessmentTaskExtensions
            WHERE TaskId = @taskId AND CandidateUserId = @candidateUserId
            """, new { taskId, candidateUserId }, cancellationToken: cancellationToken)))?.ToExtension();
    }

    /// <summary>Every extension the candidate has been granted, by task.</summary>
    public async Task<IReadOnlyDictionary<int, TaskExtension>> GetExtensionsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ExtensionRow>(new CommandDefinition(
            ExtensionsSql, new { candidateUserId }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.TaskId, r => r.ToExtension());
    }

    /// <summary>Every attempt the candidate has made at the task, first attempt first.</summary>
    public async Task<IReadOnlyList<Submission>> GetAttemptsAsync(int taskId, int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Submission>(new CommandDefinition(
            $"SELECT {SubmissionColumns} FROM Submissions WHERE TaskId = @taskId AND CandidateUserId = @candidateUserId ORDER BY Attempt",
            new { taskId, candidateUserId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<AttemptStatus>> GetLatestAttemptsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttemptStatus>(new CommandDefinition(
            LatestAttemptsSql, new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<Submission?> GetSubmissionAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Submission>(new CommandDefinition(
            $"SELECT {SubmissionColumns} FROM Submissions WHERE Id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Starts the first attempt (state New) unless one exists; returns the latest attempt either way.</summary>
    public async Task<Submission> EnsureFirstAttemptAsync(int taskId, int candidateUserId, int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var attempts = await GetAttemptsAsync(taskId, candidateUserId, cancellationToken);
        if (attempts.Count > 0)
        {
            return attempts[^1];
        }

        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO Submissions (TaskId, CandidateUserId, CohortId, Attempt, State, Body, WordCount, SubmittedOnBehalf, CreatedUtc, UpdatedUtc, Version)
                SELECT @taskId, @candidateUserId, @cohortId, 1, 'New', '', 0, 0, @nowUtc, @nowUtc, 1
                WHERE NOT EXISTS (SELECT 1 FROM Submissions WHERE TaskId = @taskId AND CandidateUserId = @candidateUserId)
                """, new { taskId, candidateUserId, cohortId, nowUtc }, cancellationToken: cancellationToken));
        }

        return (await GetAttemptsAsync(taskId, candidateUserId, cancellationToken))[^1];
    }

    /// <summary>
    /// Writes an attempt's new text and state (a draft save or a submission) if its version is still
    /// <paramref name="expectedVersion"/>; a submitted attempt is never written again.
    /// </summary>
    public async Task<(SaveOutcome Outcome, int Version)> SaveAttemptAsync(Submission attempt, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Submissions SET State = @State, Body = @Body, WordCount = @WordCount, SubmittedUtc = @SubmittedUtc,
                SubmittedByUserId = @SubmittedByUserId, SubmittedOnBehalf = @SubmittedOnBehalf, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion AND State IN ('New', 'Draft')
            """,
            new
            {
                attempt.Id, State = attempt.State.ToString(), attempt.Body, attempt.WordCount, attempt.SubmittedUtc, attempt.SubmittedByUserId,
                attempt.SubmittedOnBehalf, attempt.UpdatedUtc, expectedVersion,
            }, cancellationToken: cancellationToken));
        return changed == 1 ? (SaveOutcome.Saved, expectedVersion + 1) : (SaveOutcome.Conflict, expectedVersion);
    }

    /// <summary>
    /// Closes a submitted attempt (state Reopened, with who and when) and opens the next one, starting from the
    /// closed attempt's text, in one transaction. Returns the new attempt's id, or null when the attempt changed meanwhile.
    /// </summary>
    public async Task<int?> ReopenAsync(Submission attempt, int expectedVersion, int? reopenedByUserId, DateTime nowUtc, SubmissionResult? result, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Submissions SET State = 'Reopened', ReopenedUtc = @nowUtc, ReopenedByUserId = @reopenedByUserId,
                Result = COALESCE(@result, Result), UpdatedUtc = @nowUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion AND State = 'Submitted'
            """, new { attempt.Id, nowUtc, reopenedByUserId, result = result?.ToString(), expectedVersion }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return null;
        }

        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO Submissions (TaskId, CandidateUserId, CohortId, Attempt, State, Body, WordCount, SubmittedOnBehalf, CreatedUtc, UpdatedUtc, Version)
            VALUES (@TaskId, @CandidateUserId, @CohortId, @next, 'Draft', @Body, @WordCount, 0, @nowUtc, @nowUtc, 1)
            """ + db.Dialect.SelectLastInsertedId,
            new { attempt.TaskId, attempt.CandidateUserId, attempt.CohortId, next = attempt.Attempt + 1, attempt.Body, attempt.WordCount, nowUtc },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Records a result on a submitted attempt that stays submitted (a pass, or a fail with no attempts left).</summary>
    public async Task<bool> RecordResultAsync(int submissionId, int expectedVersion, SubmissionResult result, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE Submissions SET Result = @result, UpdatedUtc = @nowUtc, Version = Version + 1
            WHERE Id = @submissionId AND Version = @expectedVersion AND State = 'Submitted' AND Result IS NULL
            """, new { submissionId, expectedVersion, result = result.ToString(), nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Drafts of tasks a mentor (<c>@mentorUserId</c>) reviews, by the mentor's mentees, most recently changed first (read by <see cref="MenteeCaseloadRepository"/>).</summary>
    internal const string DraftsForMentorSql = """
            SELECT s.Id AS SubmissionId, s.CandidateUserId, u.DisplayName AS CandidateName, t.Title AS TaskTitle, s.Attempt, s.WordCount, s.UpdatedUtc,
                   ch.TimeZone AS CohortZone
            FROM Submissions s
            JOIN AssessmentTasks t ON t.Id = s.TaskId
            JOIN Enrolments e ON e.CandidateUserId = s.CandidateUserId AND e.CohortId = s.CohortId
            JOIN Cohorts ch ON ch.Id = s.CohortId
            JOIN Users u ON u.Id = s.CandidateUserId
            WHERE e.MentorUserId = @mentorUserId AND s.State = 'Draft' AND t.MentorReviewsDrafts = 1 AND s.WordCount > 0
            ORDER BY s.UpdatedUtc DESC
            """;
}

/// <summary>Dapper materialises these through properties, so the type handlers read the dates.</summary>
internal sealed record DatesRow
{
    public int TaskId { get; init; }
    public int CohortId { get; init; }
    public DateOnly OpensOn { get; init; }
    public DateOnly DueOn { get; init; }
    public DateOnly CutOffOn { get; init; }

    public TaskDates ToDates() => new(TaskId, CohortId, OpensOn, DueOn, CutOffOn);
}

internal sealed record ExtensionRow
{
    public int TaskId { get; init; }
    public int CandidateUserId { get; init; }
    public DateOnly DueOn { get; init; }
    public int GrantedByUserId { get; init; }
    public DateTime GrantedUtc { get; init; }

    public TaskExtension ToExtension() => new(TaskId, CandidateUserId, DueOn, GrantedByUserId, GrantedUtc);
}
