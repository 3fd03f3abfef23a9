using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npq.Data;
using Npq.Data.Infrastructure;
using Npq.Tests.Data.SqlServerSql;

namespace Npq.Tests.Data;

public sealed class ScratchPlanSweepTests : DatabaseFixture<SqliteTestDatabase>
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task Sweep(bool benchStats)
    {
        var factory = new CapturingConnectionFactory(new SqliteDialect());
        var services = new ServiceCollection().AddLogging();
        services.AddNpqData(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=unused.db" });
        services.AddSingleton<IDbConnectionFactory>(factory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Npq.Core.Frameworks.IFrameworkCatalog>(Npq.Web.Features.Frameworks.FrameworkLoader.Load(
            Path.Combine(RepoRoot.Path, "content"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));
        await using var provider = services.BuildServiceProvider();
        var byStatement = new Dictionary<string, string>();
        foreach (var (type, method, statements) in await RepositorySweep.RunAsync(provider, factory))
        {
            foreach (var sql in statements)
            {
                byStatement.TryAdd(sql, $"{type.Name}.{method.Name}");
            }
        }

        var connectionString = new SqliteConnectionStringBuilder(((SqliteConnectionFactory)Db).ConnectionString) { Pooling = false }.ToString();
        await using (var w = new SqliteConnection(connectionString))
        {
            await w.OpenAsync();
            await w.ExecuteAsync("ANALYZE sqlite_schema; DELETE FROM sqlite_stat1;");
            if (benchStats)
            {
                foreach (var row in System.Text.Json.JsonSerializer.Deserialize<string?[][]>(File.ReadAllText("/tmp/benchstats.json"))!)
                {
                    await w.ExecuteAsync("INSERT INTO sqlite_stat1 VALUES (@a, @b, @c)", new { a = row[0], b = row[1], c = row[2] });
                }
            }
        }

        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'table'")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var lines = new List<string>();
        foreach (var (sql, where) in byStatement)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var name in Regex.Matches(sql, @"[@$:](\w+)").Select(m => m.Groups[1].Value).Distinct())
            {
                command.Parameters.AddWithValue("@" + name, DBNull.Value);
            }

            var plan = new List<string>();
            try
            {
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }
            }
            catch (SqliteException ex)
            {
                lines.Add($"FAILED {where}: {ex.Message}");
                continue;
            }

            // alias -> table from FROM/JOIN clauses
            var aliases = Regex.Matches(sql, @"\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", RegexOptions.IgnoreCase)
                .Select(m => (Table: m.Groups[1].Value, Alias: m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value))
                .Where(a => tables.Contains(a.Table)).GroupBy(a => a.Alias, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Table, StringComparer.OrdinalIgnoreCase);
            var scans = plan.Select(l => Regex.Match(l, @"^SCAN (\w+)(.*)$")).Where(m => m.Success && (tables.Contains(m.Groups[1].Value) || aliases.ContainsKey(m.Groups[1].Value)))
                .Select(m => $"SCAN {m.Groups[1].Value}={(aliases.TryGetValue(m.Groups[1].Value, out var t) ? t : m.Groups[1].Value)}{m.Groups[2].Value}").ToList();
            if (scans.Count > 0)
            {
                lines.Add($"{where}: {string.Join(" | ", scans)}\n    {sql.ReplaceLineEndings(" ")[..Math.Min(400, sql.Length)]}");
            }
        }

        File.WriteAllLines($"/tmp/sweep-{benchStats}.txt", lines.Order());
    }
}
