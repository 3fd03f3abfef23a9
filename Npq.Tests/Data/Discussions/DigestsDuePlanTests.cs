using Npq.Data.Discussions;

namespace Npq.Tests.Data.Discussions;

/// <summary>
/// The digest job's read of the digests due, on SQLite, every five minutes (issue 23): a range of the preferences'
/// index of next digests whatever statistics the database holds. With statistics of the users but none of the
/// preferences (an <c>ANALYZE</c> run before anyone chose a digest, as the benchmark's generator once did) an inner join
/// was planned as a read of every user.
/// </summary>
public sealed class DigestsDuePlanTests : DatabaseFixture<SqliteTestDatabase>
{
    public enum Statistics
    {
        None,
        UsersOnly,
        Both,
    }

    [TestCase(Statistics.None)]
    [TestCase(Statistics.UsersOnly)]
    [TestCase(Statistics.Both)]
    public async Task DigestsDue_AreARangeOfTheNextDigestIndex_WhateverTheStatistics(Statistics statistics)
    {
        (string, string?, string)[] users = [("Users", null, "12521"), ("Users", "sqlite_autoindex_Users_1", "12521 1")];
        (string, string?, string)[] preferences = [("DiscussionDigestPreferences", "IX_DiscussionDigestPreferences_Next", "40 2")];
        var plan = await QueryPlan.WithStatisticsAsync(Db, FollowRepository.DueSql(Db.Dialect), new { nowUtc = DateTime.UtcNow, Skip = 0, Take = 50 },
            statistics switch { Statistics.None => [], Statistics.UsersOnly => users, _ => [.. users, .. preferences] });
        var shown = string.Join("\n", plan);

        Assert.That(plan[0], Does.StartWith("SEARCH p USING INDEX IX_DiscussionDigestPreferences_Next"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH u USING INTEGER PRIMARY KEY"), shown);
        Assert.That(plan, Has.None.StartsWith("SCAN"), shown);
    }
}
