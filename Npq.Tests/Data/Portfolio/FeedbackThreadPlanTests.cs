using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>A task's or an evidence item's feedback thread on SQLite is found by its own id (migration 0029), not by reading every comment.</summary>
public sealed class FeedbackThreadPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    [TestCase(FeedbackTarget.Submission, "IX_FeedbackComments_Submission (SubmissionId=?)")]
    [TestCase(FeedbackTarget.Evidence, "IX_FeedbackComments_Evidence (EvidenceId=?)")]
    public async Task TheThread_IsASearchOfItsOwnIndex(FeedbackTarget target, string search)
    {
        var plan = await QueryPlan.OfAsync(Db, FeedbackRepository.ThreadSql(target), new { id = 1 });

        Assert.That(plan, Has.Some.EqualTo("SEARCH f USING INDEX " + search), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN f"), string.Join("\n", plan));
    }
}
