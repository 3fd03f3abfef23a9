using Npq.Data.Enrolment;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.Enrolment;

/// <summary>
/// A cohort summary's places taken on SQLite are read from the counts kept per cohort and status
/// (CohortEnrolmentCounts, migration 0033), never from the enrolments; a page of cohorts soonest first walks
/// IX_Cohorts_Start (migration 0037) and stops after the page, and the counts are made for that page's rows only.
/// </summary>
public sealed class CohortSummaryPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    [Test]
    public async Task ResumeTargets_CountEachCohortsPlacesFromTheKeptCounts()
    {
        var plan = await PlanAsync(CohortRepository.ResumeTargetsSql(Db.Dialect), new { cohortId = 1, Skip = 0, Take = 25 });

        Assert.That(plan, Has.Some.StartsWith("SEARCH n USING PRIMARY KEY (CohortId=?"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN e").And.None.Contains("SCAN a").And.None.Contains(" e USING"), string.Join("\n", plan));
    }

    [Test]
    public async Task OpenCohortsPage_WalksTheStartOrderIndex_WithoutSortingEveryCohort()
    {
        var sql = CohortRepository.PagedSummariesSql(Db.Dialect, "ch.OpenForApplications = 1 AND ch.EndDate >= @Earliest");

        var plan = await PlanAsync(sql, new { Earliest = new DateOnly(2026, 12, 1), Skip = 0, Take = 25 });

        Assert.That(plan, Has.Some.EqualTo("SCAN ch USING INDEX IX_Cohorts_Start"), string.Join("\n", plan));
        // The outer query sorts the page's rows (25 at most); the page itself is chosen in index order.
        Assert.That(plan.Count(line => line.Contains("TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal)), Is.LessThanOrEqualTo(1), string.Join("\n", plan));
    }

    [Test]
    public async Task OutcomesPage_WalksTheStartOrderIndex_WithoutSortingTheProvidersCohorts()
    {
        var plan = await PlanAsync(Npq.Data.FinalAssessment.MarkingRepository.AdminCohortsPageSql(Db.Dialect), new { adminUserId = 1, Skip = 0, Take = 25 });

        Assert.That(plan, Has.Some.EqualTo("SCAN ch USING INDEX IX_Cohorts_Start"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("TEMP B-TREE FOR ORDER BY"), string.Join("\n", plan));
    }

    [Test]
    public async Task DiscussionSpacesPage_ForAnAdmin_WalksTheProvidersCohortsInIndexOrder_AndCountsThemWithoutAUnion()
    {
        var sql = Npq.Data.Discussions.DiscussionRepository.SpacesPageSql(Db.Dialect, asAdmin: true);
        var parameters = new { userId = 1, adminProvider = 1, Skip = 0, Take = 25 };
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var page = await PlanAsync(statements[0], parameters);
        var counts = await PlanAsync(statements[1], parameters);
        var elsewhere = await PlanAsync(Npq.Data.Discussions.DiscussionRepository.AdminElsewherePageSql(Db.Dialect), parameters);

        Assert.That(page, Has.Some.StartsWith("SEARCH co USING COVERING INDEX IX_Courses_Provider_Name (ProviderId=?)"), string.Join("\n", page));
        Assert.That(page, Has.Some.StartsWith("SEARCH c USING INDEX sqlite_autoindex_Cohorts_1 (CourseId=?)"), string.Join("\n", page));
        Assert.That(page, Has.None.Contains("TEMP B-TREE").And.None.Contains("SUBQUERY"), string.Join("\n", page));
        Assert.That(counts, Has.None.Contains("CO-ROUTINE").And.None.Contains("UNION USING TEMP B-TREE"), string.Join("\n", counts));
        Assert.That(counts, Has.Some.StartsWith("SEARCH co USING COVERING INDEX IX_Courses_Provider_Name (ProviderId=?)"), string.Join("\n", counts));
        Assert.That(elsewhere, Has.Some.StartsWith("SEARCH c USING INTEGER PRIMARY KEY"), string.Join("\n", elsewhere));
    }

    private Task<List<string>> PlanAsync(string sql, object? parameters = null) => QueryPlan.OfAsync(Db, sql, parameters);
}
