using Npq.Data.FinalAssessment;

namespace Npq.Tests.Data.FinalAssessment;

/// <summary>
/// A final-assessment hand-in opens the cohort's missing scripts (issue 23, migration 0055): the cohort's submissions
/// are a range of their index, with no statistics (a site's database) and with the benchmark's, never every
/// submission of the site.
/// </summary>
public sealed class MissingScriptsPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    private static readonly (string, string?, string)[] NoStatistics = [];

    private static readonly (string, string?, string)[] BenchStatistics =
    [
        ("Submissions", "IX_Submissions_Candidate", "32000 4"),
        ("Submissions", "sqlite_autoindex_Submissions_1", "32000 3200 1 1"),
        ("Submissions", "IX_Submissions_Cohort_Task", "32000 640 200"),
        ("AssessmentTasks", null, "10"),
        ("MarkingScripts", "sqlite_autoindex_MarkingScripts_1", "2000 1"),
    ];

    private static IEnumerable<TestCaseData> Statistics()
    {
        yield return new TestCaseData(NoStatistics).SetArgDisplayNames("none");
        yield return new TestCaseData(BenchStatistics).SetArgDisplayNames("the bench's");
    }

    [TestCaseSource(nameof(Statistics))]
    public async Task MissingScripts_ReadTheCohortsSubmissionsOnly((string, string?, string)[] statistics)
    {
        var plan = await QueryPlan.WithStatisticsAsync(Db, MarkingRepository.MissingScriptsSql, new { cohortId = 3 }, statistics);
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.StartsWith("SEARCH sub USING INDEX IX_Submissions_Cohort_Task (CohortId="), shown);
        Assert.That(plan, Has.None.StartsWith("SCAN sub"), shown);
    }
}
