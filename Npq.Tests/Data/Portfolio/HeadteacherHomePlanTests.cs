using Npq.Data.Portfolio;

namespace Npq.Tests.Data.Portfolio;

/// <summary>
/// The newest update in brief of each candidate on a headteacher's page, planned on SQLite as a new database plans it and
/// as the generated 10,000-candidate provider's statistics plan it (three updates a candidate, ten ratings each): the
/// candidates' updates come from their index and the newest's ratings from theirs, grouped in that order as the rows
/// come, with no temporary tree to group them (issue 23).
/// </summary>
public sealed class HeadteacherHomePlanTests : DatabaseFixture<SqliteTestDatabase>
{
    private static readonly (string Table, string? Index, string Stat)[] Generated =
    [
        ("ProgressUpdates", "IX_ProgressUpdates_Candidate", "30000 3 3 1"),
        ("ProgressRatings", "IX_ProgressRatings_Update_Rating", "300000 10 6"),
        ("ProgressRatings", "sqlite_autoindex_ProgressRatings_1", "300000 10 1"),
        ("Users", "IX_Users_School", "12521 7 1"),
        ("Enrolments", "IX_Enrolments_Candidate", "10000 1"),
    ];

    private const string PageOfCandidates = "SELECT c.Id FROM Users c WHERE c.SchoolId = @schoolId ORDER BY c.DisplayName LIMIT 10";

    [TestCase(false)]
    [TestCase(true)]
    public async Task TheNewestUpdatesRatings_AreGroupedAsTheyComeFromTheIndexes(bool analysed)
    {
        var sql = ProgressRepository.LatestSummariesSql(PageOfCandidates);
        var plan = analysed
            ? await QueryPlan.WithStatisticsAsync(Db, sql, new { schoolId = 1 }, Generated)
            : await QueryPlan.OfAsync(Db, sql, new { schoolId = 1 });
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.StartsWith("SEARCH p USING COVERING INDEX IX_ProgressUpdates_Candidate (CandidateUserId=?)"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH r USING COVERING INDEX IX_ProgressRatings_Update_Rating (ProgressUpdateId=?)"), shown);
        Assert.That(plan, Has.None.Contains("FOR GROUP BY"), shown);
    }
}
