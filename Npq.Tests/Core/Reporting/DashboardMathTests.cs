using Npq.Core.Enrolment;
using Npq.Core.Reporting;

namespace Npq.Tests.Core.Reporting;

public sealed class DashboardMathTests
{
    [Test]
    public void Distribution_BandsAndNone_CountEachCandidateOnce()
    {
        var bars = DashboardReference.Distribution([null, 0, 19, 20, 79, 80, 100, 100], "None");

        Assert.That(bars.Select(b => b.Value), Is.EqualTo(new[] { 1, 2, 1, 0, 1, 3 }));
        Assert.That(bars.Sum(b => b.Value), Is.EqualTo(8));
    }

    [Test]
    public void AtRisk_OnlyActiveCandidatesWithAReason()
    {
        var rows = new[]
        {
            new CompletionRow { CandidateName = "Fine", SessionsCounted = 4, SessionsAttended = 4 },
            new CompletionRow { CandidateName = "Low", SessionsCounted = 4, SessionsAttended = 2 },
            new CompletionRow { CandidateName = "Gone", SessionsCounted = 4, SessionsAttended = 0, TrainingStatus = TrainingStatus.Withdrawn },
            new CompletionRow { CandidateName = "Stuck", LatestRatingSum = 6, PreviousRatingSum = 6 },
            new CompletionRow { CandidateName = "Growing", LatestRatingSum = 7, PreviousRatingSum = 6 },
        };

        var result = DashboardReference.AtRisk(rows, 75);

        Assert.That(result.Select(r => r.Row.CandidateName), Is.EquivalentTo(new[] { "Low", "Stuck" }));
    }
}
