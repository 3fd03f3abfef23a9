using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Discussions;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.Discussions;

/// <summary>
/// The digest job's read of the digests due, on SQLite, every five minutes (issue 23): a range of the preferences'
/// index of next digests whatever statistics the database holds. With statistics of the users but none of the
/// preferences (an <c>ANALYZE</c> run before anyone chose a digest, as the benchmark's generator does) an inner join
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
        var connectionString = new SqliteConnectionStringBuilder(((SqliteConnectionFactory)Db).ConnectionString) { Pooling = false }.ToString();
        await using (var writer = new SqliteConnection(connectionString))
        {
            await writer.OpenAsync();
            await writer.ExecuteAsync("ANALYZE; DELETE FROM sqlite_stat1;");
            if (statistics != Statistics.None)
            {
                await writer.ExecuteAsync("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Users', NULL, '12521'), ('Users', 'sqlite_autoindex_Users_1', '12521 1')");
            }

            if (statistics == Statistics.Both)
            {
                await writer.ExecuteAsync("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('DiscussionDigestPreferences', 'IX_DiscussionDigestPreferences_Next', '40 2')");
            }
        }

        // A connection opened now loads the statistics just written (an open one keeps those it loaded).
        await using var reader = new SqliteConnection(connectionString);
        await reader.OpenAsync();
        var plan = (await reader.QueryAsync("EXPLAIN QUERY PLAN " + FollowRepository.DueSql(Db.Dialect), new { nowUtc = DateTime.UtcNow, Skip = 0, Take = 50 }))
            .Select(row => (string)row.detail).ToList();
        var shown = string.Join("\n", plan);

        Assert.That(plan[0], Does.StartWith("SEARCH p USING INDEX IX_DiscussionDigestPreferences_Next"), shown);
        Assert.That(plan, Has.Some.StartsWith("SEARCH u USING INTEGER PRIMARY KEY"), shown);
        Assert.That(plan, Has.None.StartsWith("SCAN"), shown);
    }
}
