using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.FinalAssessment;

/// <summary>
/// The final assessment's part in reports and data rights: released outcomes per enrolment (for the completion
/// report, DfE's outcomes and the "completed" declaration), and the marking records held about a candidate.
/// </summary>
public sealed class FinalOutcomeRepository(IDbConnectionFactory db) : IFinalOutcomeSource, IPersonalDataContributor
{
    // A report of 10,000 enrolments asks in chunks, each one JSON array of ids (IdList).
    private const int ChunkSize = 1000;

    /// <summary>Before the account contributor, which removes the submissions these scripts point at.</summary>
    public int Order => 100;

    public async Task<IReadOnlyDictionary<int, FinalOutcome>> GetReleasedOutcomesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default)
    {
        var outcomes = new Dictionary<int, FinalOutcome>();
        if (enrolmentIds.Count == 0)
        {
            return outcomes;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        foreach (var chunk in enrolmentIds.Distinct().Chunk(ChunkSize))
        {
            // More than a few ids (a report page's 25) go as one JSON array (IdList): one parameter to bind and one
            // statement text whatever the count, where Dapper's "IN @ids" bound each id by name and wrote a new text
            // for every count.
            var parameters = new DynamicParameters();
            var sql = $"""
                SELECT e.Id AS EnrolmentId, s.FinalOutcome AS Outcome, s.CompletionDate AS CompletionDate, s.ReleasedUtc AS ReleasedUtc
                FROM Enrolments e
                JOIN MarkingScripts s ON s.CandidateUserId = e.CandidateUserId AND s.CohortId = e.CohortId
                WHERE {IdList.In(db.Dialect, "e.Id", "ids", chunk, parameters)} AND s.ReleasedUtc IS NOT NULL AND s.FinalOutcome IS NOT NULL AND s.CompletionDate IS NOT NULL
                """;
            var rows = await connection.QueryAsync<OutcomeRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                // A resubmission after a fail is a later release: the latest released attempt is the outcome.
                var outcome = new FinalOutcome(row.EnrolmentId, row.Outcome == "Pass" ? OutcomeState.Passed : OutcomeState.Failed,
                    row.CompletionDate, row.ReleasedUtc);
                if (!outcomes.TryGetValue(row.EnrolmentId, out var existing) || existing.ReleasedUtc < outcome.ReleasedUtc)
                {
                    outcomes[row.EnrolmentId] = outcome;
                }
            }
        }

        return outcomes;
    }

    public async Task<PersonalDataExport> ExportAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var scripts = await connection.QueryAsync(new CommandDefinition(
            """
            SELECT Id, SubmissionId, TaskId, CohortId, Reference, State, AssessorOutcome, AssessorComment, MarkedUtc, ModeratorOutcome,
                   ModeratorComment, ModeratedUtc, FinalOutcome, ReleasedUtc, CompletionDate
            FROM MarkingScripts WHERE CandidateUserId = @userId AND ReleasedUtc IS NOT NULL
            """, new { userId }, cancellationToken: cancellationToken));
        var judgements = await connection.QueryAsync(new CommandDefinition(
            """
            SELECT j.ScriptId, c.Title AS Criterion, j.Role, j.Met, j.Comment
            FROM MarkingJudgements j JOIN MarkingScripts s ON s.Id = j.ScriptId JOIN AssessmentCriteria c ON c.Id = j.CriterionId
            WHERE s.CandidateUserId = @userId AND s.ReleasedUtc IS NOT NULL
            """, new { userId }, cancellationToken: cancellationToken));

        // Marks are the candidate's once released; before release they are still the assessors' working notes.
        return new PersonalDataExport(
            [
                new PersonalDataSection("final_assessment_outcomes", Rows(scripts)),
                new PersonalDataSection("final_assessment_judgements", Rows(judgements)),
            ],
            []);
    }

    public async Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM MarkingJudgements WHERE ScriptId IN (SELECT Id FROM MarkingScripts WHERE CandidateUserId = @userId)",
            new { userId }, transaction, cancellationToken: cancellationToken));
        removed += await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM MarkingScripts WHERE CandidateUserId = @userId", new { userId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, 0, []);
    }

    private static List<IReadOnlyDictionary<string, object?>> Rows(IEnumerable<dynamic> rows) =>
        rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>((IDictionary<string, object?>)r)).ToList();

    private sealed record OutcomeRow
    {
        public int EnrolmentId { get; init; }
        public string Outcome { get; init; } = string.Empty;
        public DateOnly CompletionDate { get; init; }
        public DateTime ReleasedUtc { get; init; }
    }
}
