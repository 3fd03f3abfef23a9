using Npq.Core.Materials;

namespace Npq.Core.Portfolio;

/// <summary>
/// What a mentor's caseload is ranked and shown from, read in one go: their mentees' current places (by cohort, then
/// name), when the latest progress update of each mentee on each of those places was written (a place with none is
/// absent), the cadence of each of those cohorts that has one set (others take
/// <see cref="ProgressSchedule.DefaultEveryWeeks"/>), each place's progress through its course's materials as the
/// figures job keeps it (a place with none kept is absent), and, when asked for, the drafts awaiting the mentor's
/// review (empty otherwise).
/// </summary>
public sealed record MenteeCaseload(
    IReadOnlyList<CandidatePlacement> Placements,
    IReadOnlyDictionary<(int CandidateUserId, int CohortId), DateTime> LastUpdates,
    IReadOnlyDictionary<int, int> CadenceWeeks,
    IReadOnlyDictionary<int, MaterialsSummary> KeptMaterials,
    IReadOnlyList<DraftAwaitingReview> Drafts);

/// <summary>
/// A mentor's caseload (issue 23): what the mentor's home and their mentees' progress page rank and show, each part
/// found from the mentor, as one command on one connection instead of five reads (the mentees, then their last
/// updates, their cohorts' cadences, their materials progress and the drafts, each by the ids read before).
/// </summary>
public interface IMenteeCaseloadRepository
{
    Task<MenteeCaseload> ReadAsync(int mentorUserId, bool withDrafts, CancellationToken cancellationToken = default);
}
