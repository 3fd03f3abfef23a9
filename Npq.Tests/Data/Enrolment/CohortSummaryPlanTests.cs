using Dapper;
using Npq.Data.Enrolment;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.Enrolment;

/// <summary>
/// A cohort summary's places taken on SQLite are counted from IX_Enrolments_Cohort_Status alone (migration 0029): the
/// cohorts an enrolment may resume in (25 at most) no longer read every enrolment row of each.
/// </summary>
public sealed class CohortSummaryPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    [Test]
    public async Task ResumeTargets_CountEachCohortsPlacesFromTheIndexAlone()
    {
        await using var connection = await Db.OpenAsync();
        var plan = (await connection.QueryAsync("EXPLAIN QUERY PLAN " + CohortRepository.ResumeTargetsSql + Db.Dialect.Page,
            new { cohortId = 1, Skip = 0, Take = 25 })).Select(row => (string)row.detail).ToList();

        Assert.That(plan, Has.Some.EqualTo("SEARCH e USING COVERING INDEX IX_Enrolments_Cohort_Status (CohortId=?)"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN e").And.None.Contains("SCAN a"), string.Join("\n", plan));
    }
}
