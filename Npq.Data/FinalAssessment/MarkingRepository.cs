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

    private const string RowJoins = """
        FROM MarkingScripts s
        JOIN Users cu ON cu.Id = s.CandidateUserId
        LEFT JOIN Users au ON au.Id = s.AssessorUserId
        LEFT JOIN Users mu ON mu.Id = s.ModeratorUserId
        JOIN Cohorts ch ON ch.Id = s.CohortId
        JOIN Submissions sub ON sub.Id = s.SubmissionId
        """;

    /// <summary>
    /// Opens a script for every submitted attempt at a final task of the cohort that has none yet (a resubmission
    /// gets its own script). Returns how many were opened.
    /// </summary>
    public async Task<int> EnsureScriptsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var missing = (await connection.QueryAsync<(int SubmissionId, int TaskId, int CandidateUserId)>(new CommandDefinition(
            """
            SELECT sub.Id, sub.TaskId, sub.CandidateUserId
            FROM Submissions sub JOIN AssessmentTasks t ON t.Id = sub.TaskId
            WHERE sub.CohortId = @cohortId AND t.Kind = 'Final' AND sub.SubmittedUtc IS NOT NULL
              AND sub.State IN ('Submitted', 'Reopened')
              AND NOT EXISTS (SELECT 1 FROM MarkingScripts m WHERE m.SubmissionId = sub.Id)
            ORDER BY sub.SubmittedUtc, sub.Id
            """, new { cohortId }, transaction, cancellationToken: cancellationToken))).AsList();
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

    public async Task<MarkingScriptRow?> GetScriptAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MarkingScriptRow>(new CommandDefinition(
            $"SELECT {RowColumns} {RowJoins} WHERE s.Id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>Every script of a cohort, by reference.</summary>
    public async Task<IReadOnlyList<MarkingScriptRow>> GetScriptsForCohortAsync(int cohortId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MarkingScriptRow>(new CommandDefinition(
            $"SELECT {RowColumns} {RowJoins} WHERE s.CohortId = @cohortId ORDER BY s.Id", new { cohortId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>Scripts allocated to someone to mark or to moderate.</summary>
    public async Task<IReadOnlyList<MarkingScriptRow>> GetScriptsForAssessorAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MarkingScriptRow>(new CommandDefinition(
            $"SELECT {RowColumns} {RowJoins} WHERE s.AssessorUserId = @userId OR s.ModeratorUserId = @userId ORDER BY s.Id",
            new { userId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>A candidate's scripts, latest attempt first.</summary>
    public async Task<IReadOnlyList<MarkingScriptRow>> GetScriptsForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<MarkingScriptRow>(new CommandDefinition(
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

    /// <summary>Sets the assessor if the script is still at <paramref name="expectedVersion"/>; false on a conflict.</summary>
    public async Task<bool> AllocateAssessorAsync(int scriptId, int assessorUserId, int expectedVersion, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MarkingScripts SET AssessorUserId = @assessorUserId, AllocatedUtc = @nowUtc, UpdatedUtc = @nowUtc, Version = Version + 1
            WHERE Id = @scriptId AND Version = @expectedVersion AND State IN ('NotMarked', 'InMarking')
            """, new { scriptId, assessorUserId, expectedVersion, nowUtc }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Sets the moderator if the script is still at <paramref name="expectedVersion"/>; false on a conflict.</summary>
    public async Task<bool> AllocateModeratorAsync(int scriptId, int moderatorUserId, int expectedVersion, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MarkingScripts SET ModeratorUserId = @moderatorUserId, UpdatedUtc = @nowUtc, Version = Version + 1
            WHERE Id = @scriptId AND Version = @expectedVersion AND State = 'ReadyForModeration'
            """, new { scriptId, moderatorUserId, expectedVersion, nowUtc }, cancellationToken: cancellationToken)) == 1;
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
            WHERE Id = @Id AND Version = @expectedVersion AND State IN ('NotMarked', 'InMarking')
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
            WHERE Id = @Id AND Version = @expectedVersion AND State = 'ReadyForModeration'
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

    /// <summary>Moves every moderated script of the cohort to ready for release; returns their ids.</summary>
    public async Task<IReadOnlyList<int>> ApproveModeratedAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT Id FROM MarkingScripts WHERE CohortId = @cohortId AND State = 'Moderated' ORDER BY Id",
            new { cohortId }, transaction, cancellationToken: cancellationToken))).AsList();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE MarkingScripts SET State = 'ReadyForRelease', UpdatedUtc = @nowUtc, Version = Version + 1 WHERE Id IN @ids AND State = 'Moderated'",
            new { ids, nowUtc }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>
    /// Releases every script of the cohort that is ready, together, in one transaction, recording who, when and the
    /// completion date. Returns the released scripts.
    /// </summary>
    public async Task<IReadOnlyList<MarkingScript>> ReleaseAsync(int cohortId, int releasedByUserId, DateTime nowUtc, DateOnly completionDate, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT Id FROM MarkingScripts WHERE CohortId = @cohortId AND State = 'ReadyForRelease' ORDER BY Id",
            new { cohortId }, transaction, cancellationToken: cancellationToken))).AsList();
        if (ids.Count == 0)
        {
            return [];
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MarkingScripts SET State = 'Released', ReleasedUtc = @nowUtc, ReleasedByUserId = @releasedByUserId,
                CompletionDate = @completionDate, UpdatedUtc = @nowUtc, Version = Version + 1
            WHERE Id IN @ids AND State = 'ReadyForRelease'
            """, new { ids, nowUtc, releasedByUserId, completionDate }, transaction, cancellationToken: cancellationToken));
        var released = (await connection.QueryAsync<MarkingScript>(new CommandDefinition(
            $"SELECT {ScriptColumns} FROM MarkingScripts s WHERE s.Id IN @ids ORDER BY s.Id", new { ids }, transaction, cancellationToken: cancellationToken))).AsList();
        await transaction.CommitAsync(cancellationToken);
        return released;
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
