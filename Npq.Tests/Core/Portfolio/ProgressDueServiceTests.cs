using Moq;
using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

public sealed class ProgressDueServiceTests
{
    [Test]
    public async Task ForAsync_Mentees_OverdueFirstThenByDueDate_ReadingEachCohortsCadenceOnce()
    {
        var fakes = new PortfolioFakes();
        var progress = new Mock<IProgressRepository>();
        CandidatePlacement P(int candidate, int cohort) => fakes.Placement with { CandidateUserId = candidate, CohortId = cohort, CohortZone = "Europe/London" };
        // Cohort 1 started on 1 October 2026 and wants an update every 6 weeks; cohort 2 every 2.
        var placements = new[] { P(10, 1) with { CohortStart = new DateOnly(2026, 10, 1) }, P(11, 2) with { CohortStart = new DateOnly(2026, 11, 1) }, P(12, 1) with { CohortStart = new DateOnly(2026, 10, 1) } };
        progress.Setup(p => p.GetCadenceWeeksAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(6);
        progress.Setup(p => p.GetCadenceWeeksAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync(2);
        progress.Setup(p => p.GetLastUpdateTimesAsync(placements, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<(int, int), DateTime> { [(12, 1)] = new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc) });

        var due = await new ProgressDueService(progress.Object, fakes.Time).ForAsync(placements, default);

        // Now is 23 November: 10 was due on 12 November (overdue), 11 is due on 15 November (overdue, later), 12 on 1 January.
        Assert.That(due.Select(d => (d.Placement.CandidateUserId, d.NextDue, d.Status)), Is.EqualTo(new[]
        {
            (10, new DateOnly(2026, 11, 12), UpdateDue.Overdue),
            (11, new DateOnly(2026, 11, 15), UpdateDue.Overdue),
            (12, new DateOnly(2027, 1, 1), UpdateDue.NotYet),
        }));
        Assert.That(due[2].LastUpdateUtc, Is.EqualTo(new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc)));
        progress.Verify(p => p.GetCadenceWeeksAsync(1, It.IsAny<CancellationToken>()), Times.Once);
    }
}
