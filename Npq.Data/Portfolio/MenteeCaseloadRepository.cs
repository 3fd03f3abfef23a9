using Dapper;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Data.Materials;

namespace Npq.Data.Portfolio;

/// <summary>
/// A mentor's caseload as one command (issue 23): every statement finds its rows from the mentor's current mentees
/// (<see cref="Mentees"/>, by <c>IX_Enrolments_Mentor</c>) rather than from a list of ids read first, so the five reads
/// go together on one connection, with one round of Dapper's set-up and the parsers the batch keeps (<see cref="StatementBatch"/>).
/// </summary>
public sealed class MenteeCaseloadRepository(IDbConnectionFactory db) : IMenteeCaseloadRepository
{
    /// <summary>The mentor's current mentees (not withdrawn): the rows every statement below starts from.</summary>
    private const string Mentees = "e.MentorUserId = @mentorUserId AND e.TrainingStatus <> 'Withdrawn'";

    private const string Placements = PlacementRepository.Select + " WHERE " + Mentees + " ORDER BY ch.Name, c.DisplayName";

    /// <summary>When the latest update of each mentee on each cohort was written.</summary>
    internal const string LastUpdates = $"""
        SELECT p.CandidateUserId, p.CohortId, MAX(p.CreatedUtc) AS Last
        FROM ProgressUpdates p
        WHERE p.CandidateUserId IN (SELECT e.CandidateUserId FROM Enrolments e WHERE {Mentees})
        GROUP BY p.CandidateUserId, p.CohortId
        """;

    private const string Cadences = $"SELECT c.CohortId, c.EveryWeeks FROM ProgressCadences c WHERE c.CohortId IN (SELECT e.CohortId FROM Enrolments e WHERE {Mentees})";

    private const string KeptMaterials = $"""
        SELECT {MaterialsReportRepository.KeptSummaryColumns}
        FROM Enrolments e CROSS JOIN EnrolmentFigures f
        WHERE {Mentees} AND f.EnrolmentId = e.Id AND {MaterialsReportRepository.KeptSummary}
        """;

    private const string Reads = Placements + ";\n" + LastUpdates + ";\n" + Cadences + ";\n" + KeptMaterials + ";";

    private static readonly StatementBatch WithoutDrafts = new(Reads, results: 4);

    private static readonly StatementBatch WithDrafts = new(Reads + "\n" + TaskRepository.DraftsForMentorSql + ";", results: 5);

    /// <summary>The statements in the order <see cref="ReadAsync"/> reads their results, with or without the drafts.</summary>
    internal static string Sql(bool withDrafts) => (withDrafts ? WithDrafts : WithoutDrafts).Sql;

    public async Task<MenteeCaseload> ReadAsync(int mentorUserId, bool withDrafts, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await (withDrafts ? WithDrafts : WithoutDrafts).ReadAsync(connection, new { mentorUserId }, cancellationToken);
        var placements = await grid.ReadAsync<CandidatePlacement>();
        var last = (await grid.ReadAsync<LastUpdateRow>()).ToDictionary(r => (r.CandidateUserId, r.CohortId), r => DateTime.SpecifyKind(r.Last, DateTimeKind.Utc));
        var cadences = (await grid.ReadAsync<(int CohortId, int EveryWeeks)>()).ToDictionary(r => r.CohortId, r => r.EveryWeeks);
        var kept = (await grid.ReadAsync<MaterialsReportRepository.KeptSummaryRow>()).ToDictionary(r => r.EnrolmentId, r => r.ToSummary());
        IReadOnlyList<DraftAwaitingReview> drafts = withDrafts ? await grid.ReadAsync<DraftAwaitingReview>() : [];
        return new MenteeCaseload(placements, last, cadences, kept, drafts);
    }
}
