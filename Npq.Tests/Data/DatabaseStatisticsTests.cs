using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npq.Data.Infrastructure;
using Npq.Tests.Support;
using Npq.Web.Infrastructure.Jobs;

namespace Npq.Tests.Data;

/// <summary>SQLite's planner statistics, kept by the site (DatabaseStatistics): at start and by a recurring job.</summary>
public sealed class DatabaseStatisticsTests
{
    [Test]
    public async Task Refresh_AnalysesTheTablesThatHaveNone_AndTheNextReaderPlansWithThem()
    {
        var path = Path.Combine(Path.GetTempPath(), $"npq-stats-{Guid.NewGuid():N}.db");
        try
        {
            using (var factory = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = path }.ToString(), 30))
            {
                await using (var writer = await factory.OpenForWriteAsync())
                {
                    await writer.ExecuteAsync("""
                        CREATE TABLE Places (Id INTEGER PRIMARY KEY, Kind INTEGER NOT NULL, Person INTEGER NOT NULL);
                        CREATE INDEX IX_Places_Kind ON Places (Kind);
                        CREATE INDEX IX_Places_Person ON Places (Person);
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                        INSERT INTO Places (Kind, Person) SELECT i % 2, i FROM n;
                        """);
                }

                await new DatabaseStatistics(factory, NullLogger<DatabaseStatistics>.Instance).RefreshAsync();
            }

            await using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await reader.OpenAsync();
            var stats = (await reader.QueryAsync<(string Index, string Stat)>("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'Places' ORDER BY idx")).ToList();
            Assert.That(stats, Is.EqualTo(new[] { ("IX_Places_Kind", "2000 1000"), ("IX_Places_Person", "2000 1") }), "each index's rows and rows per value");
            var plan = (await reader.QueryAsync("EXPLAIN QUERY PLAN SELECT Id FROM Places WHERE Kind = 1 AND Person = 7")).Select(r => (string)r.detail).ToList();
            Assert.That(plan, Has.Some.Contains("IX_Places_Person"), "the index that finds one row, not the one that finds half: " + string.Join("\n", plan));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Test]
    public async Task TheSite_GathersThemWhenItStarts_AndKeepsThemByAJob()
    {
        using var factory = new NpqWebFactory();
        factory.Start();

        await using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(factory.WorkFolder, "npq.db"), Pooling = false }.ToString());
        await reader.OpenAsync();
        Assert.That(await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl IN ('Users', 'Enrolments')"), Is.GreaterThan(1));
        Assert.That(factory.Services.GetServices<RecurringJob>().Select(j => j.Key.Name), Has.Member("database-statistics"));
    }
}
