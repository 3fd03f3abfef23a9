using Dapper;
using Npq.Core.Materials;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Data.Materials;

namespace Npq.Data.Portfolio;

/// <summary>
/// A mentor's caseload as one command (issue 23): every statement finds its rows from the mentor's current mentees
/// (<see cref="Mentees"/>, by <c>IX_Enrolments_Mentor</c>) rather than from a list of ids read first, so its reads
/// (the places, what is kept or set for each, and the drafts) go together on one connection, with one round of Dapper's
/// set-up and the parsers the batch keeps (<see cref="StatementBatch"/>).
/// </summary>
public sealed class MenteeCaseloadRepository(IDbConnectionFactory db) : IMenteeCaseloadRepository
{
    /// <summary>The mentor's current mentees (not withdrawn): the rows every statement below starts from.</summary>
    private const string Mentees = "e.MentorUserId = @mentorUserId AND e.TrainingStatus <> 'Withdrawn'";

    private const string Placements = PlacementRepository.Select + " WHERE " + Mentees + " ORDER BY ch.Name, c.DisplayName";

    /// <summary>
    /// For each of the mentor's current places: when the candidate's latest update on that cohort was written (one probe
    /// of <c>IX_ProgressUpdates_Candidate</c>), the cohort's cadence when one is set, and the materials progress the
    /// figures job keeps for the place. One statement by key from each place, where three read the same places apart.
    /// </summary>
    internal const string Figures = $"""
        SELECT e.Id AS EnrolmentId, e.CandidateUserId, e.CohortId,
               (SELECT MAX(p.CreatedUtc) FROM ProgressUpdates p WHERE p.CandidateUserId = e.CandidateUserId AND p.CohortId = e.CohortId) AS LastUpdateUtc,
               pc.EveryWeeks, f.MaterialsCompleted, f.MaterialsTotal, f.ModulesCompleted, f.ModulesTotal
        FROM Enrolments e
        LEFT JOIN ProgressCadences pc ON pc.CohortId = e.CohortId
        LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = e.Id AND {MaterialsReportRepository.KeptSummary}
        WHERE {Mentees}
        """;

    private const string Reads = Placements + ";\n" + Figures + ";";

    private static readonly StatementBatch WithoutDrafts = new(Reads, results: 2);

    private static readonly StatementBatch WithDrafts = new(Reads + "\n" + TaskRepository.DraftsForMentorSql + ";", results: 3);

    /// <summary>The statements in the order <see cref="ReadAsync"/> reads their results, with or without the drafts.</summary>
    internal static string Sql(bool withDrafts) => (withDrafts ? WithDrafts : WithoutDrafts).Sql;

    public async Task<MenteeCaseload> ReadAsync(int mentorUserId, bool withDrafts, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await (withDrafts ? WithDrafts : WithoutDrafts).ReadAsync(connection, new { mentorUserId }, cancellationToken);
        var placements = await grid.ReadAsync(PlacementReader.Read);
        var last = new Dictionary<(int CandidateUserId, int CohortId), DateTime>();
        var cadences = new Dictionary<int, int>();
        var kept = new Dictionary<int, MaterialsSummary>();
        foreach (var row in await grid.ReadAsync<FiguresRow>())
        {
            if (row.LastUpdateUtc is { } at)
            {
                last[(row.CandidateUserId, row.CohortId)] = DateTime.SpecifyKind(at, DateTimeKind.Utc);
            }

            if (row.EveryWeeks is { } weeks)
            {
                cadences[row.CohortId] = weeks;
            }

            if (MaterialsReportRepository.KeptSummaryOf(row.EnrolmentId, row.MaterialsCompleted, row.MaterialsTotal, row.ModulesCompleted, row.ModulesTotal) is { } materials)
            {
                kept[row.EnrolmentId] = materials;
            }
        }

        IReadOnlyList<DraftAwaitingReview> drafts = withDrafts ? await grid.ReadAsync<DraftAwaitingReview>() : [];
        return new MenteeCaseload(placements, last, cadences, kept, drafts);
    }

    /// <summary>A row of <see cref="Figures"/>: what is kept or set for one place; each part null when there is none.</summary>
    private sealed record FiguresRow
    {
        public int EnrolmentId { get; init; }
        public int CandidateUserId { get; init; }
        public int CohortId { get; init; }
        public DateTime? LastUpdateUtc { get; init; }
        public int? EveryWeeks { get; init; }
        public int? MaterialsCompleted { get; init; }
        public int? MaterialsTotal { get; init; }
        public int? ModulesCompleted { get; init; }
        public int? ModulesTotal { get; init; }
    }
}
