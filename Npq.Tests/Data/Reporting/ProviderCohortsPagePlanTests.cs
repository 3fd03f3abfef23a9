using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The provider's cohorts a page at a time (the cohort dashboards' index) on SQLite (issue 23, migration 0047): the
/// courses walked by name and each course's cohorts by start, stopping after the page, with nothing sorted, so a page
/// costs the same however many cohorts the provider runs.
/// </summary>
public sealed class ProviderCohortsPagePlanTests : DatabaseFixture<SqliteTestDatabase>
{
    [Test]
    public async Task APage_WalksTheCoursesByNameAndEachCoursesCohortsByStart_SortingNothing()
    {
        var plan = await QueryPlan.OfAsync(Db, ReportLookupRepository.ProviderCohortsPageSql(Db.Dialect), new { providerId = 1, Skip = 25, Take = 25 });
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.Contains("USING COVERING INDEX IX_Courses_Provider_Name (ProviderId=?)"), shown);
        Assert.That(plan, Has.Some.Contains("USING INDEX IX_Cohorts_Course_Start (CourseId=?)"), shown);
        Assert.That(plan, Has.None.Contains("TEMP B-TREE"), shown);
    }
}

/// <summary>The same page as SQL Server receives it: through its parser and TSqlCheck's rules, with its own paging.</summary>
public sealed class ProviderCohortsPageSqlServerTests
{
    [Test]
    public void APage_ParsesAsSqlServer_WithoutSqlitesIndexHint()
    {
        var sql = ReportLookupRepository.ProviderCohortsPageSql(new Npq.Data.Infrastructure.SqlServerDialect());

        Assert.That(Npq.Tests.Data.SqlServerSql.TSqlCheck.Problems(sql, new HashSet<string>(StringComparer.OrdinalIgnoreCase)), Is.Empty, sql);
        Assert.That(sql, Does.Contain("OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY").And.Not.Contains("INDEXED BY"), sql);
    }
}
