using Npq.Core.Materials;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Data.Materials;

namespace Npq.Data.Portfolio;

/// <summary>
/// A mentor's caseload as one command (issue 23): every statement finds its rows from the mentor's current mentees
/// (<see cref="Mentees"/>, by <c>IX_Enrolments_Mentor</c>) rather than from a list of ids read first, so its reads
/// (the places with what is kept or set for each, and the drafts) go together on one connection, with one round of
/// Dapper's set-up and the parsers the batch keeps (<see cref="StatementBatch"/>).
/// </summary>
public sealed class MenteeCaseloadRepository(IDbConnectionFactory db) : IMenteeCaseloadRepository
{
    /// <summary>The mentor's current mentees (not withdrawn): the rows every statement below starts from.</summary>
    private const string Mentees = "e.MentorUserId = @mentorUserId AND e.TrainingStatus <> 'Withdrawn'";

    /// <summary>
    /// Each of the mentor's current places (<see cref="PlacementRepository.Columns"/>, read by <see cref="PlacementReader"/>)
    /// and after its columns what is kept or set for it: when the candidate's latest update on that cohort was written
    /// (one probe of <c>IX_ProgressUpdates_Candidate</c>), the cohort's cadence when one is set, and the materials
    /// progress the figures job keeps for the place. One statement by key from each place, where a second walked the
    /// same places again for their figures, repeating three of their columns.
    /// </summary>
    internal const string Caseload = $"""
        SELECT {PlacementRepository.Columns},
               (SELECT MAX(p.CreatedUtc) FROM ProgressUpdates p WHERE p.CandidateUserId = e.CandidateUserId AND p.CohortId = e.CohortId) AS LastUpdateUtc,
               pc.EveryWeeks, f.MaterialsCompleted, f.MaterialsTotal, f.ModulesCompleted, f.ModulesTotal
        {PlacementRepository.From}
        LEFT JOIN ProgressCadences pc ON pc.CohortId = e.CohortId
        LEFT JOIN EnrolmentFigures f ON f.EnrolmentId = e.Id AND {MaterialsReportRepository.KeptSummary}
        WHERE {Mentees}
        ORDER BY ch.Name, c.DisplayName
        """;

    /// <summary>Where <see cref="Caseload"/>'s own columns start, after the place's.</summary>
    private const int FiguresAt = 16;

    private static readonly StatementBatch WithoutDrafts = new(Caseload + ";", results: 1);

    private static readonly StatementBatch WithDrafts = new(Caseload + ";\n" + TaskRepository.DraftsForMentorSql + ";", results: 2);

    /// <summary>The statements in the order <see cref="ReadAsync"/> reads their results, with or without the drafts.</summary>
    internal static string Sql(bool withDrafts) => (withDrafts ? WithDrafts : WithoutDrafts).Sql;

    public async Task<MenteeCaseload> ReadAsync(int mentorUserId, bool withDrafts, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await (withDrafts ? WithDrafts : WithoutDrafts).ReadAsync(connection, new { mentorUserId }, cancellationToken);
        var last = new Dictionary<(int CandidateUserId, int CohortId), DateTime>();
        var cadences = new Dictionary<int, int>();
        var kept = new Dictionary<int, MaterialsSummary>();
        var placements = await grid.ReadAsync(reader =>
        {
            var placement = PlacementReader.Read(reader);
            if (!reader.IsDBNull(FiguresAt))
            {
                last[(placement.CandidateUserId, placement.CohortId)] = DbValues.ReadInstant(reader, FiguresAt);
            }

            if (DbValues.ReadNumber(reader, FiguresAt + 1) is { } weeks)
            {
                cadences[placement.CohortId] = weeks;
            }

            if (MaterialsReportRepository.KeptSummaryOf(placement.EnrolmentId, DbValues.ReadNumber(reader, FiguresAt + 2), DbValues.ReadNumber(reader, FiguresAt + 3),
                    DbValues.ReadNumber(reader, FiguresAt + 4), DbValues.ReadNumber(reader, FiguresAt + 5)) is { } materials)
            {
                kept[placement.EnrolmentId] = materials;
            }

            return placement;
        });

        IReadOnlyList<DraftAwaitingReview> drafts = withDrafts ? await grid.ReadAsync<DraftAwaitingReview>() : [];
        return new MenteeCaseload(placements, last, cadences, kept, drafts);
    }
}
