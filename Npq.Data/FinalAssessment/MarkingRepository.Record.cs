using Dapper;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;

namespace Npq.Data.FinalAssessment;

public sealed partial class MarkingRepository
{
    /// <summary>
    /// Everything a script's final assessment record shows beyond the script, read in one batch on one
    /// connection (it took nine queries on seven connections); null when the cohort, task or submission is gone.
    /// The same queries as <see cref="GetCohortAsync"/>, <see cref="GetFinalTaskDatesAsync"/>,
    /// <see cref="GetCriteriaAsync"/>, <see cref="GetJudgementsAsync"/> and <see cref="GetEvidenceIndexAsync"/>.
    /// </summary>
    /// <param name="script">The script.</param>
    /// <param name="withEvidence">False leaves out the candidate's evidence index (blind marking).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<RecordSources?> GetRecordSourcesAsync(ScriptDetails script, bool withEvidence, CancellationToken cancellationToken = default)
    {
        var sql = $"""
            {CohortByIdSql};
            SELECT Title, WordLimit FROM AssessmentTasks WHERE Id = @taskId;
            SELECT Body, Attempt, WordCount, SubmittedUtc FROM Submissions WHERE Id = @submissionId;
            {FinalTaskDatesSql};
            {CriteriaSql};
            {CriterionStatementsSql};
            {JudgementsSql};
            SELECT DisplayName FROM Users WHERE Id = @releasedBy;
            {(withEvidence ? $"{EvidenceSql};\n{EvidenceStatementsSql};" : string.Empty)}
            """;
        var parameters = new
        {
            cohortId = script.CohortId,
            taskId = script.TaskId,
            submissionId = script.SubmissionId,
            courseId = script.CourseId,
            scriptId = script.Id,
            releasedBy = script.ReleasedByUserId,
            candidateUserId = script.CandidateUserId,
        };
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var cohort = await results.ReadSingleOrDefaultAsync<AssessmentCohort>();
        var task = await results.ReadSingleOrDefaultAsync<TaskHead>();
        var submission = await results.ReadSingleOrDefaultAsync<Submission>();
        var dates = (await results.ReadAsync<DatesRow>()).Select(r => r.ToTaskDates()).ToList();
        var criteria = await results.ReadAsync<AssessmentCriterion>();
        var statements = await results.ReadAsync<(int CriterionId, string StatementId)>();
        var judgements = await results.ReadAsync<(int CriterionId, string Role, bool? Met, string Comment)>();
        var releasedBy = await results.ReadSingleOrDefaultAsync<string>();
        IReadOnlyList<EvidenceIndexItem>? evidence = null;
        if (withEvidence)
        {
            var items = await results.ReadAsync<(int Id, string Title, DateOnly EvidenceDate)>();
            evidence = EvidenceIndex(items, await results.ReadAsync<(int EvidenceId, string StatementId)>());
        }

        if (cohort is null || task is null || submission is null)
        {
            return null;
        }

        return new RecordSources(cohort, task.Title, task.WordLimit, submission, dates, WithStatements(criteria, statements), Judgements(judgements),
            script.ReleasedByUserId is null ? null : releasedBy, evidence);
    }

    private sealed record TaskHead
    {
        public string Title { get; init; } = string.Empty;
        public int WordLimit { get; init; }
    }
}
