using Npq.Core.Reporting;
using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The provider's report sorted by school on SQLite (issue 23, migration 0046): the candidates with no school are read
/// from their own index, in the report's order, so a page never reads every user with no school (the provider's staff,
/// who grow with it) nor sorts every candidate with none.
/// </summary>
public sealed class CompletionReportSchoolWalkPlanTests : ReportingDatabaseFixture<SqliteTestDatabase>
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task TheCandidatesWithNoSchool_AreAWalkOfTheirIndex_NotASortOfEveryOne(bool descending)
    {
        var (sql, parameters) = new CompletionReportSql(Db.Dialect, Frameworks).StoredPage(
            ReportScope.ForProvider(ProviderId), new CompletionFilter { Sort = CompletionSort.School, Descending = descending }, Now, null);
        parameters.Add("Skip", 0);
        parameters.Add("Take", 25);
        var plan = await QueryPlan.OfAsync(Db, sql, parameters);
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.Contains("USING COVERING INDEX IX_EnrolmentSortKeys_NoSchool (ProviderId=? AND CandidateSchoolId=?)"), shown);
        Assert.That(plan, Has.None.Contains("USE TEMP B-TREE FOR ORDER BY"), $"no whole sort: the page's rows come out of the walk in order, carrying it:\n{shown}");
        Assert.That(plan.Count(line => line.Contains("IX_Users_School (SchoolId=?)", StringComparison.Ordinal)), Is.EqualTo(1), $"the users are read by school for the schools' arm alone:\n{shown}");
    }
}
