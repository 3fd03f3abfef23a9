using Npq.Core.Materials;

namespace Npq.Core.Portfolio;

/// <summary>A mentee and when their next update is due; and their progress through the course's materials, when read.</summary>
public sealed record MenteeDue(CandidatePlacement Placement, DateTime? LastUpdateUtc, DateOnly NextDue, UpdateDue Status)
{
    public MaterialsSummary? Materials { get; init; }

    /// <summary>Why no update is expected (<see cref="UpdateDue.NoneExpected"/>): "Deferred", "Outcome released"…</summary>
    public string? NoneExpectedBecause { get; init; }
}

/// <summary>Candidates' progress through their courses' materials, read for a whole list of placements at once.</summary>
public static class PlacementMaterials
{
    /// <summary>By enrolment id; empty when materials are not wired in (<paramref name="materials"/> null).</summary>
    public static async Task<IReadOnlyDictionary<int, MaterialsSummary>> ForAsync(
        IMaterialsProgressQueries? materials, IEnumerable<CandidatePlacement> placements, CancellationToken cancellationToken) =>
        materials is null
            ? new Dictionary<int, MaterialsSummary>()
            : await materials.GetSummariesAsync(placements.Select(p => p.EnrolmentId).ToList(), cancellationToken);

    /// <summary>
    /// The mentees with their materials progress: as kept (<paramref name="kept"/>, by enrolment id), and read for the
    /// others in one query (none once the figures job has counted every place).
    /// </summary>
    public static async Task<IReadOnlyList<MenteeDue>> WithMaterialsAsync(
        IMaterialsProgressQueries? materials, IReadOnlyList<MenteeDue> mentees, IReadOnlyDictionary<int, MaterialsSummary> kept, CancellationToken cancellationToken)
    {
        var found = await ForAsync(materials, mentees.Select(m => m.Placement).Where(p => !kept.ContainsKey(p.EnrolmentId)), cancellationToken);
        return mentees.Select(m => m with { Materials = kept.GetValueOrDefault(m.Placement.EnrolmentId) ?? found.GetValueOrDefault(m.Placement.EnrolmentId) }).ToList();
    }
}

/// <summary>
/// A page of a mentor's mentees, most urgent first, and how many mentees there are. Urgency comes from each cohort's
/// cadence, zone and the last update (<see cref="ProgressSchedule"/>), so the caseload is ranked whole (read in one
/// command, <see cref="IMenteeCaseloadRepository"/>) and only the page shown is given its materials progress and rendered.
/// </summary>
public sealed record MenteePage(IReadOnlyList<MenteeDue> Mentees, int Total)
{
    public static async Task<MenteePage> FromAsync(
        MenteeCaseload caseload, ProgressDueService due, IMaterialsProgressQueries? materials, int skip, int take, CancellationToken cancellationToken)
    {
        var ranked = due.Rank(caseload.Placements, caseload.LastUpdates, caseload.CadenceWeeks);
        var shown = ranked.Skip(skip).Take(take).ToList();
        return new MenteePage(await PlacementMaterials.WithMaterialsAsync(materials, shown, caseload.KeptMaterials, cancellationToken), ranked.Count);
    }
}

/// <summary>Which candidates are due or overdue a progress update, from each cohort's cadence.</summary>
public sealed class ProgressDueService(TimeProvider time)
{
    /// <summary>
    /// The placements with when each is next due, overdue first, then due soon, then the rest, and last those for whom
    /// no more updates are expected; earliest due first within each. <paramref name="last"/>: when the latest update of
    /// each candidate on each cohort was written; <paramref name="cadences"/>: the weeks between updates of each cohort
    /// that has them set (<see cref="ProgressSchedule.DefaultEveryWeeks"/> for the others).
    /// </summary>
    public IReadOnlyList<MenteeDue> Rank(
        IReadOnlyList<CandidatePlacement> placements, IReadOnlyDictionary<(int CandidateUserId, int CohortId), DateTime> last, IReadOnlyDictionary<int, int> cadences)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var result = new List<MenteeDue>();
        foreach (var placement in placements)
        {
            var weeks = cadences.TryGetValue(placement.CohortId, out var set) ? set : ProgressSchedule.DefaultEveryWeeks;

            DateTime? lastUtc = last.TryGetValue((placement.CandidateUserId, placement.CohortId), out var l) ? l : null;
            var next = ProgressSchedule.NextDue(placement.CohortStart, weeks, lastUtc, placement.CohortZone);
            var noneExpected = ProgressSchedule.WhyNoneExpected(placement, now);
            result.Add(new MenteeDue(placement, lastUtc, next, noneExpected is null ? ProgressSchedule.Status(next, now, placement.CohortZone) : UpdateDue.NoneExpected)
            {
                NoneExpectedBecause = noneExpected,
            });
        }

        return result.OrderByDescending(m => m.Status).ThenBy(m => m.NextDue).ToList();
    }
}
