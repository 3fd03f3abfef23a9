using Dapper;
using Npq.Core.FinalAssessment;
using Npq.Data.Infrastructure;

namespace Npq.Data.FinalAssessment;

/// <summary>Final assessment scripts, their judgements, criteria and policies.</summary>
public sealed partial class MarkingRepository(IDbConnectionFactory db) : IMarkingRepository
{
    private const string ScriptColumns = """
        s.Id, s.SubmissionId, s.TaskId, s.CohortId, s.CandidateUserId, s.Reference, s.State, s.AssessorUserId, s.AllocatedUtc,
        s.AssessorOutcome, s.AssessorComment, s.MarkedUtc, s.ModerationReason, s.ModeratorUserId, s.ModeratorOutcome,
        s.ModeratorComment, s.ModeratedUtc, s.FinalOutcome, s.ReleasedUtc, s.ReleasedByUserId, s.CompletionDate, s.UpdatedUtc, s.Version
        """;

    private const string RowColumns = ScriptColumns + """
        ,
        cu.DisplayName AS CandidateName, au.DisplayName AS AssessorName, mu.DisplayName AS ModeratorName,
        ch.Name AS CohortName, ch.TimeZone AS CohortZone, ch.CourseId AS CourseId, sub.Attempt AS Attempt,
        sub.WordCount AS WordCount, sub.SubmittedUtc AS SubmittedUtc
        """;

    /// <summary>The marking list's columns (<see cref="ScriptListItem"/>): no assessor's or moderator's names, comments or dates.</summary>
    private const string ListColumns = """
        s.Id, s.CohortId, s.Reference, s.State, s.ModerationReason, cu.DisplayName AS CandidateName, ch.Name AS CohortName, sub.Attempt AS Attempt
        """;

    /// <summary>The script with its candidate, cohort and submission: all the marking list (<see cref="ListColumns"/>) joins.</summary>
    private const string ListJoins = """
        FROM MarkingScripts s
        JOIN Users cu ON cu.Id = s.CandidateUserId
        JOIN Cohorts ch ON ch.Id = s.CohortId
        JOIN Submissions sub ON sub.Id = s.SubmissionId
        """;

    /// <summary>The list's joins and the assessor's and moderator's names (<see cref="RowColumns"/>).</summary>
    private const string RowJoins = ListJoins + """

        LEFT JOIN Users au ON au.Id = s.AssessorUserId
        LEFT JOIN Users mu ON mu.Id = s.ModeratorUserId
        """;

    /// <summary>
    /// The cohort's submitted final attempts with no script yet: its final tasks, then each one's submissions in the
    /// cohort (migration 0055's index), so a submission costs its cohort's attempts, not every submission of the site
    /// (16 ms at 10,000 candidates, read on every final-assessment hand-in).
    /// </summary>
    internal const string MissingScriptsSql = """
        SELECT sub.Id, sub.TaskId, sub.CandidateUserId
        FROM Submissions sub JOIN AssessmentTasks t ON t.Id = sub.TaskId
        WHERE sub.CohortId = @cohortId AND t.Kind = 'Final' AND sub.SubmittedUtc IS NOT NULL
          AND sub.State IN ('Submitted', 'Reopened')
          AND NOT EXISTS (SELECT 1 FROM MarkingScripts m WHERE m.SubmissionId = sub.Id)
        ORDER BY sub.SubmittedUtc, sub.Id
        """;

    /// <summary>
    /// Opens a script for every submitted attempt at a final task of the cohort that has none yet (a resubmission
    /// gets its own script). Returns how many were opened.
    /// </summary>
    public async Task<int> EnsureScriptsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        // The writer's turn (it writes): on a read connection its insert, after its read, could find another write
        // committed in between and fail rather than wait.
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var missing = (await connection.QueryAsync<(int SubmissionId, int TaskId, int CandidateUserId)>(new CommandDefinition(
            MissingScriptsSql, new { cohortId }, transaction, cancellationToken: cancellationToken))).AsList();
        foreach (var (submissionId, taskId, candidateUserId) in missing)
        {
            var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                """
                INSERT INTO MarkingScripts (SubmissionId, TaskId, CohortId, CandidateUserId, Reference, State, UpdatedUtc, Version)
                VALUES (@submissionId, @taskId, @cohortId, @candidateUserId, @pending, 'NotMarked', @nowUtc, 1)
                """ + db.Dialect.SelectLastInsertedId,
                new { submissionId, taskId, cohortId, candidateUserId, pending = $"pending-{submissionId}", nowUtc }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE MarkingScripts SET Reference = @reference WHERE Id = @id",
                new { id, reference = MarkingScript.ReferenceFor(id) }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return missing.Count;
    }

    public async Task<ScriptDetails?> GetScriptAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ScriptDetails>(new CommandDefinition(
            $"SELECT {RowColumns} {RowJoins} WHERE s.Id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Every script of a cohort, by reference.</summary>
    public async Task<IReadOnlyList<ScriptDetails>> GetScriptsForCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ScriptDetails>(new CommandDefinition(
            $"SELECT {RowColumns} {RowJoins} WHERE s.CohortId = @cohortId ORDER BY s.Id", new { cohortId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <remarks>
    /// The page's script ids are chosen first from the cohort index alone, then only they are joined to their people,
    /// cohort and submission: joined first, every script of the cohort was read and sorted to keep 25.
    /// </remarks>
    public async Task<IReadOnlyList<ScriptDetails>> GetScriptsPageForCohortAsync(int cohortId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ScriptDetails>(new CommandDefinition(
            $"""
            WITH page AS (SELECT Id FROM MarkingScripts WHERE CohortId = @cohortId ORDER BY Id{db.Dialect.Page})
            SELECT {RowColumns} {RowJoins} WHERE s.Id IN (SELECT Id FROM page) ORDER BY s.Id
            """,
            new { cohortId, Skip = skip, Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyDictionary<MarkingState, int>> GetStateCountsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        (await GetStateCountsForCohortsAsync([cohortId], cancellationToken)).GetValueOrDefault(cohortId) ?? new Dictionary<MarkingState, int>();

    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<MarkingState, int>>> GetStateCountsForCohortsAsync(IReadOnlyList<int> cohortIds, CancellationToken cancellationToken = default)
    {
        var counts = new Dictionary<int, IReadOnlyDictionary<MarkingState, int>>();
        if (cohortIds.Count == 0)
        {
            return counts;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = new List<(int CohortId, string State, int Count)>();

        // The counts kept per cohort and state (migration 0053), a few rows a cohort, not its every script. Dapper
        // spreads each list into parameters; SQL Server takes at most 2,100 of them in one command.
        foreach (var chunk in cohortIds.Distinct().Chunk(1000))
        {
            rows.AddRange(await connection.QueryAsync<(int CohortId, string State, int Count)>(new CommandDefinition(
                "SELECT CohortId, State, Scripts FROM CohortMarkingCounts WHERE CohortId IN @ids AND Scripts > 0",
                new { ids = chunk }, cancellationToken: cancellationToken)));
        }

        foreach (var cohort in rows.GroupBy(r => r.CohortId))
        {
            counts[cohort.Key] = cohort.ToDictionary(r => Enum.Parse<MarkingState>(r.State), r => r.Count);
        }

        return counts;
    }

    public async Task<int?> GetScriptPositionAsync(int cohortId, int scriptId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var position = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM MarkingScripts WHERE Id = @scriptId AND CohortId = @cohortId)
                        THEN (SELECT COUNT(*) FROM MarkingScripts WHERE CohortId = @cohortId AND Id < @scriptId) ELSE -1 END
            """, new { cohortId, scriptId }, cancellationToken: cancellationToken));
        return position < 0 ? null : position;
    }

    public async Task<(int Total, IReadOnlyList<ScriptListItem> Rows)> GetAssessorPageAsync(int userId, bool moderating, int skip, int take, CancellationToken cancellationToken = default)
    {
        var who = moderating ? "s.ModeratorUserId = @userId" : "s.AssessorUserId = @userId";
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM MarkingScripts s WHERE {who}", new { userId }, cancellationToken: cancellationToken));
        if (skip >= total || take <= 0)
        {
            // Nothing on this page (no scripts, or a page past the end): no need to ask.
            return (total, []);
        }

        var rows = (await connection.QueryAsync<ScriptListItem>(new CommandDefinition(
            $"SELECT {ListColumns} {ListJoins} WHERE {who} ORDER BY s.Id" + db.Dialect.Page,
            new { userId, Skip = skip, Take = take }, cancellationToken: cancellationToken))).AsList();
        return (total, rows);
    }

    /// <summary>A candidate's scripts, latest attempt first.</summary>
    public async Task<IReadOnlyList<ScriptDetails>> GetScriptsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<ScriptDetails>(new CommandDefinition(
            $"SELECT {RowColumns} {RowJoins} WHERE s.CandidateUserId = @candidateUserId ORDER BY sub.Attempt DESC, s.Id DESC",
            new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<IReadOnlyList<CriterionMark>> GetJudgementsAsync(int scriptId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int CriterionId, string Role, bool? Met, string Comment)>(new CommandDefinition(
            JudgementsSql, new { scriptId }, cancellationToken: cancellationToken));
        return Judgements(rows);
    }

    private const string JudgementsSql = "SELECT CriterionId, Role, Met, Comment FROM MarkingJudgements WHERE ScriptId = @scriptId ORDER BY CriterionId, Role";

    private static List<CriterionMark> Judgements(IEnumerable<(int CriterionId, string Role, bool? Met, string Comment)> rows) =>
        rows.Select(r => new CriterionMark(r.CriterionId, Enum.Parse<JudgementRole>(r.Role), r.Met, r.Comment)).ToList();

    public async Task<bool> AllocateAssessorAsync(MarkingScript script, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MarkingScripts SET State = @State, AssessorUserId = @AssessorUserId, AllocatedUtc = @AllocatedUtc, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion
            """, new { script.Id, State = script.State.ToString(), script.AssessorUserId, script.AllocatedUtc, script.UpdatedUtc, expectedVersion },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> AllocateModeratorAsync(MarkingScript script, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MarkingScripts SET State = @State, ModeratorUserId = @ModeratorUserId, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion
            """, new { script.Id, State = script.State.ToString(), script.ModeratorUserId, script.UpdatedUtc, expectedVersion },
            cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>
    /// Writes the assessor's marking (state, outcome, comment, judgements) in one transaction if nobody saved the
    /// script since <paramref name="expectedVersion"/>. Returns the new version, or null on a conflict.
    /// </summary>
    public async Task<int?> SaveAssessorMarkingAsync(MarkingScript script, IReadOnlyList<CriterionMark> judgements, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MarkingScripts SET State = @State, AssessorOutcome = @AssessorOutcome, AssessorComment = @AssessorComment,
                MarkedUtc = @MarkedUtc, ModerationReason = @ModerationReason, FinalOutcome = @FinalOutcome, UpdatedUtc = @UpdatedUtc,
                Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion
            """,
            new
            {
                script.Id, State = script.State.ToString(), AssessorOutcome = script.AssessorOutcome?.ToString(), script.AssessorComment, script.MarkedUtc,
                script.ModerationReason, FinalOutcome = script.FinalOutcome?.ToString(), script.UpdatedUtc, expectedVersion,
            }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return null;
        }

        await WriteJudgementsAsync(connection, transaction, script.Id, JudgementRole.Assessor, judgements, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expectedVersion + 1;
    }

    /// <summary>Writes the moderator's judgements and decision (kept beside the assessor's); null on a conflict.</summary>
    public async Task<int?> SaveModerationAsync(MarkingScript script, IReadOnlyList<CriterionMark> judgements, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MarkingScripts SET State = @State, ModeratorOutcome = @ModeratorOutcome, ModeratorComment = @ModeratorComment,
                ModeratedUtc = @ModeratedUtc, FinalOutcome = @FinalOutcome, UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion
            """,
            new
            {
                script.Id, State = script.State.ToString(), ModeratorOutcome = script.ModeratorOutcome?.ToString(), script.ModeratorComment,
                script.ModeratedUtc, FinalOutcome = script.FinalOutcome?.ToString(), script.UpdatedUtc, expectedVersion,
            }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return null;
        }

        await WriteJudgementsAsync(connection, transaction, script.Id, JudgementRole.Moderator, judgements, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return expectedVersion + 1;
    }

    public async Task<bool> SaveStateAsync(MarkingScript script, int expectedVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE MarkingScripts SET State = @State, UpdatedUtc = @UpdatedUtc, Version = Version + 1 WHERE Id = @Id AND Version = @expectedVersion",
            new { script.Id, State = script.State.ToString(), script.UpdatedUtc, expectedVersion }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<bool> SaveReleaseAsync(IReadOnlyList<MarkingScript> released, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var script in released)
        {
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE MarkingScripts SET State = @State, ReleasedUtc = @ReleasedUtc, ReleasedByUserId = @ReleasedByUserId,
                    CompletionDate = @CompletionDate, UpdatedUtc = @UpdatedUtc, Version = Version + 1
                WHERE Id = @Id AND Version = @Version
                """,
                new { script.Id, State = script.State.ToString(), script.ReleasedUtc, script.ReleasedByUserId, script.CompletionDate, script.UpdatedUtc, script.Version },
                transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task WriteJudgementsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, int scriptId, JudgementRole role, IReadOnlyList<CriterionMark> judgements, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM MarkingJudgements WHERE ScriptId = @scriptId AND Role = @role", new { scriptId, role = role.ToString() }, transaction, cancellationToken: cancellationToken));
        foreach (var mark in judgements)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO MarkingJudgements (ScriptId, CriterionId, Role, Met, Comment) VALUES (@scriptId, @CriterionId, @role, @Met, @Comment)",
                new { scriptId, mark.CriterionId, role = role.ToString(), mark.Met, mark.Comment }, transaction, cancellationToken: cancellationToken));
        }
    }
}
