using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

public sealed class ProgressDueServiceTests
{
    [Test]
    public void Rank_Mentees_OverdueFirstThenByDueDate_EachByItsCohortsCadence()
    {
        var fakes = new PortfolioFakes();
        CandidatePlacement P(int candidate, int cohort) => fakes.Placement with { CandidateUserId = candidate, CohortId = cohort, CohortZone = "Europe/London" };
        // Cohort 1 started on 1 October 2026 and wants an update every 6 weeks; cohort 2 every 2.
        var placements = new[] { P(10, 1) with { CohortStart = new DateOnly(2026, 10, 1) }, P(11, 2) with { CohortStart = new DateOnly(2026, 11, 1) }, P(12, 1) with { CohortStart = new DateOnly(2026, 10, 1) } };
        var cadences = new Dictionary<int, int> { [1] = 6, [2] = 2 };
        var last = new Dictionary<(int, int), DateTime> { [(12, 1)] = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc) };

        var due = new ProgressDueService(fakes.Time).Rank(placements, last, cadences);

        // Now is 23 November: 10 was due on 12 November (overdue), 11 is due on 15 November (overdue, later), 12 on 1 January.
        Assert.That(due.Select(d => (d.Placement.CandidateUserId, d.NextDue, d.Status)), Is.EqualTo(new[]
        {
            (10, new DateOnly(2026, 11, 12), UpdateDue.Overdue),
            (11, new DateOnly(2026, 11, 15), UpdateDue.Overdue),
            (12, new DateOnly(2027, 1, 1), UpdateDue.NotYet),
        }));
        Assert.That(due[2].LastUpdateUtc, Is.EqualTo(new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void Rank_ACohortWithNoCadenceSet_TakesTheDefault()
    {
        var fakes = new PortfolioFakes();
        var placement = fakes.Placement with { CandidateUserId = 10, CohortId = 1, CohortZone = "Europe/London", CohortStart = new DateOnly(2026, 10, 1) };

        var due = new ProgressDueService(fakes.Time).Rank([placement], new Dictionary<(int, int), DateTime>(), new Dictionary<int, int>());

        Assert.That(due.Single().NextDue, Is.EqualTo(new DateOnly(2026, 10, 1).AddDays(7 * ProgressSchedule.DefaultEveryWeeks)));
    }

    [Test]
    public void Rank_Deferred_OutcomeReleased_OrCohortEnded_NoUpdateExpected_ListedLastWithTheReason()
    {
        var fakes = new PortfolioFakes();
        CandidatePlacement P(int candidate) => fakes.Placement with
        {
            CandidateUserId = candidate, CohortId = 1, CohortZone = "Asia/Dubai", CohortStart = new DateOnly(2026, 9, 1),
        };
        // Now is 21:30 UTC on 23 November 2026, already 01:30 on the 24th in Dubai; every place would be overdue.
        var placements = new[]
        {
            P(20) with { TrainingStatus = "Deferred" },
            P(21) with { OutcomeReleased = true },
            P(22) with { CohortEnd = new DateOnly(2026, 11, 23) },
            P(23) with { CohortEnd = new DateOnly(2026, 11, 24) },
        };
        var due = new ProgressDueService(fakes.Time).Rank(placements, new Dictionary<(int, int), DateTime>(), new Dictionary<int, int> { [1] = 6 });

        Assert.That(due.Select(d => (d.Placement.CandidateUserId, d.Status, d.NoneExpectedBecause)), Is.EqualTo(new (int, UpdateDue, string?)[]
        {
            (23, UpdateDue.Overdue, null), // its last day, the 24th, is today in the cohort's zone: still due
            (20, UpdateDue.NoneExpected, "Deferred"),
            (21, UpdateDue.NoneExpected, "Outcome released"),
            (22, UpdateDue.NoneExpected, "Cohort ended"), // ended on the 23rd in Dubai, though it is still the 23rd in UTC
        }));
    }
}
