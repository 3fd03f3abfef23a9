namespace Npq.Core.Portfolio;

/// <summary>A mentee and when their next update is due.</summary>
public sealed record MenteeDue(CandidatePlacement Placement, DateTime? LastUpdateUtc, DateOnly NextDue, UpdateDue Status);

/// <summary>Which candidates are due or overdue a progress update, from each cohort's cadence.</summary>
public sealed class ProgressDueService(IProgressRepository progress, TimeProvider time)
{
    /// <summary>The placements with when each is next due, overdue first, then due soon, then the rest; earliest due first within each.</summary>
    public async Task<IReadOnlyList<MenteeDue>> ForAsync(IReadOnlyList<CandidatePlacement> placements, CancellationToken cancellationToken)
    {
        var last = await progress.GetLastUpdateTimesAsync(placements, cancellationToken);
        var cadences = new Dictionary<int, int>();
        var now = time.GetUtcNow().UtcDateTime;
        var result = new List<MenteeDue>();
        foreach (var placement in placements)
        {
            if (!cadences.TryGetValue(placement.CohortId, out var weeks))
            {
                weeks = cadences[placement.CohortId] = await progress.GetCadenceWeeksAsync(placement.CohortId, cancellationToken);
            }

            DateTime? lastUtc = last.TryGetValue((placement.CandidateUserId, placement.CohortId), out var l) ? l : null;
            var next = ProgressSchedule.NextDue(placement.CohortStart, weeks, lastUtc, placement.CohortZone);
            result.Add(new MenteeDue(placement, lastUtc, next, ProgressSchedule.Status(next, now, placement.CohortZone)));
        }

        return result.OrderByDescending(m => m.Status).ThenBy(m => m.NextDue).ToList();
    }
}
