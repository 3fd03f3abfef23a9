using Npq.Data.Infrastructure;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>The evidence list on SQLite reads its page from the list's index alone (migration 0012).</summary>
public sealed class EvidenceListPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    [Test]
    public async Task TheListPage_IsReadFromTheIndexAlone()
    {
        var plan = await QueryPlan.OfAsync(Db, EvidenceRepository.PageSql + Db.Dialect.Page, new { candidateUserId = 1, Skip = 0, Take = 26 });

        Assert.That(plan, Has.Some.EqualTo("SEARCH e USING COVERING INDEX IX_EvidenceItems_Candidate_Date (CandidateUserId=?)"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN"), "no table or index is read from end to end");
    }
}
