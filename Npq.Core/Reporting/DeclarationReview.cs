using Npq.Core.Reporting;

namespace Npq.Core.Reporting;

/// <summary>Where one declaration type stands for an enrolment.</summary>
public enum DeclarationState
{
    /// <summary>The rules justify it and it has not been declared yet.</summary>
    Due,

    /// <summary>Declared (a live record exists).</summary>
    Declared,

    /// <summary>Declared, but the rules no longer justify it (attendance was corrected, say): review and void.</summary>
    DeclaredWithoutEvidence,
}

/// <summary>One declaration type of one enrolment: what the rules derive and what the admin recorded.</summary>
public sealed record DeclarationItem(DeclarationType Type, DeclarationState State, DerivedDeclaration? Derived, DeclarationRecord? Live);

/// <summary>One enrolment in the review: its declarations, its voided history, its released outcome.</summary>
public sealed record DeclarationLine(DeclarationCandidate Candidate, IReadOnlyList<DeclarationItem> Items, IReadOnlyList<DeclarationRecord> Voided, FinalOutcome? Outcome);

/// <summary>Puts derived and recorded declarations of a cohort side by side for the admin's review.</summary>
public sealed class DeclarationReviewService(IDeclarationRepository declarations, IEnumerable<IFinalOutcomeSource> outcomeSources)
{
    private readonly IFinalOutcomeSource _outcomes = FinalOutcomeSources.Resolve(outcomeSources);

    /// <summary>Every enrolment of the cohort (the exports, and DfE's "send all" a batch at a time).</summary>
    public async Task<IReadOnlyList<DeclarationLine>> ReviewCohortAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var candidates = await declarations.GetCohortFactsAsync(cohortId, nowUtc, cancellationToken);
        var records = await declarations.GetForCohortAsync(cohortId, cancellationToken);
        return await LinesAsync(candidates, records, cancellationToken);
    }

    /// <summary>
    /// One page of the cohort's enrolments in the review's order (name, then enrolment id), the same lines
    /// <see cref="ReviewCohortAsync"/> gives there, each read for the page's enrolments only.
    /// </summary>
    public async Task<IReadOnlyList<DeclarationLine>> ReviewCohortPageAsync(int cohortId, DateTime nowUtc, int skip, int take, CancellationToken cancellationToken = default)
    {
        var candidates = await declarations.GetCohortFactsPageAsync(cohortId, nowUtc, skip, take, cancellationToken);
        var records = candidates.Count == 0 ? [] : await declarations.GetForEnrolmentsAsync(candidates.Select(c => c.EnrolmentId).ToList(), cancellationToken);
        return await LinesAsync(candidates, records, cancellationToken);
    }

    /// <summary>How many enrolments the cohort has (its review's lines), and how many have no DfE participant id.</summary>
    public Task<CohortDeclarationCounts> CountCohortAsync(int cohortId, CancellationToken cancellationToken = default) =>
        declarations.CountCohortAsync(cohortId, cancellationToken);

    /// <summary>
    /// How many of the cohort's enrolments have started and retained-1 (justified or live), counted in SQL: the lines of
    /// <see cref="ReviewCohortAsync"/> with a started and with a retained-1 item, without reading them.
    /// </summary>
    public Task<CohortEngagementCounts> CountEngagementAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        declarations.CountEngagementAsync(cohortId, nowUtc, cancellationToken);

    /// <summary>The line of one enrolment of the cohort, read alone; null when the enrolment is not the cohort's.</summary>
    public async Task<DeclarationLine?> ReviewEnrolmentAsync(int cohortId, int enrolmentId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (await declarations.GetPositionAsync(cohortId, enrolmentId, cancellationToken) is not { } position)
        {
            return null;
        }

        var lines = await ReviewCohortPageAsync(cohortId, nowUtc, position, 1, cancellationToken);
        return lines.FirstOrDefault(l => l.Candidate.EnrolmentId == enrolmentId);
    }

    private async Task<IReadOnlyList<DeclarationLine>> LinesAsync(IReadOnlyList<DeclarationCandidate> candidates, IReadOnlyList<DeclarationRecord> recorded, CancellationToken cancellationToken)
    {
        var records = recorded.ToLookup(r => r.EnrolmentId);
        var outcomes = await _outcomes.GetReleasedOutcomesAsync(candidates.Select(c => c.EnrolmentId).ToList(), cancellationToken);
        var lines = new List<DeclarationLine>();
        foreach (var candidate in candidates)
        {
            var outcome = outcomes.GetValueOrDefault(candidate.EnrolmentId);
            var facts = candidate.Facts with { Outcome = outcome };
            var derived = DeclarationRules.Derive(facts).ToDictionary(d => d.Type);
            var mine = records[candidate.EnrolmentId].ToList();
            var live = mine.Where(r => !r.IsVoided).ToDictionary(r => r.Type);
            var items = new List<DeclarationItem>();
            foreach (var type in Enum.GetValues<DeclarationType>())
            {
                derived.TryGetValue(type, out var d);
                live.TryGetValue(type, out var l);
                if (l is not null)
                {
                    items.Add(new DeclarationItem(type, d is null ? DeclarationState.DeclaredWithoutEvidence : DeclarationState.Declared, d, l));
                }
                else if (d is not null)
                {
                    items.Add(new DeclarationItem(type, DeclarationState.Due, d, null));
                }
            }

            lines.Add(new DeclarationLine(candidate with { Facts = facts }, items, mine.Where(r => r.IsVoided).ToList(), outcome));
        }

        return lines;
    }
}
