using System.Text.RegularExpressions;
using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Tests.Data.SqlServerSql;

namespace Npq.Tests.Data;

/// <summary>
/// A person's data export (the download on their data page) finds the person's rows by the person in every table, on
/// SQLite with no statistics (a site's database): no statement of any contributor's export reads a table whole, so
/// the download costs the person's data, not the site's (migration 0056).
/// </summary>
public sealed class PersonalDataExportPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    [Test]
    public async Task EveryExportStatement_FindsThePersonsRowsByIndex()
    {
        var factory = new CapturingConnectionFactory(new SqliteDialect());
        var exports = (await RepositorySweep.RunAsync(factory))
            .Where(s => typeof(IPersonalDataContributor).IsAssignableFrom(s.Type) && s.Method.Name == nameof(IPersonalDataContributor.ExportAsync))
            .ToList();
        Assert.That(exports, Has.Count.GreaterThan(5), "the contributors' exports were run");

        var (statements, scans) = await ScansAsync(exports);
        Assert.That(statements, Is.GreaterThan(20), "the exports' statements were captured");
        Assert.That(scans, Is.Empty);
    }

    [Test]
    public async Task DiscussionAndMailErasure_FindsThePersonsRowsByIndex()
    {
        Type[] erasers = [typeof(Npq.Data.Discussions.DiscussionsPersonalData), typeof(Npq.Data.Discussions.FollowPersonalData), typeof(Npq.Data.Notifications.MailOutboxPersonalData)];
        var factory = new CapturingConnectionFactory(new SqliteDialect());
        var erasure = (await RepositorySweep.RunAsync(factory))
            .Where(s => erasers.Contains(s.Type) && s.Method.Name == nameof(IPersonalDataContributor.EraseAsync))
            .ToList();

        var (statements, scans) = await ScansAsync(erasure);

        Assert.That(erasure.Select(s => s.Type), Is.EquivalentTo(erasers), "each eraser was run");
        Assert.That(statements, Is.GreaterThan(12), "the erasures' statements were captured");
        Assert.That(scans, Is.Empty, "erasing one person reads the posts they wrote and marked and the mail quoting them, not the site's");
    }

    /// <summary>Each statement's plan on a migrated database with no statistics: the tables it reads whole.</summary>
    private async Task<(int Statements, List<string> Scans)> ScansAsync(IEnumerable<RepositorySweep.Sent> captured)
    {
        await using var connection = await Db.OpenAsync();
        var tables = (await connection.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'table'")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var scans = new List<string>();
        var statements = 0;
        foreach (var (type, _, sent) in captured)
        {
            foreach (var sql in sent.Distinct())
            {
                statements++;
                var parameters = new DynamicParameters();
                foreach (var name in Regex.Matches(sql, @"@(\w+)").Select(m => m.Groups[1].Value).Distinct())
                {
                    parameters.Add(name, 1);
                }

                // Each FROM, JOIN or UPDATE's alias, to tell a table read whole from a scan of the statement's own subqueries.
                var aliases = Regex.Matches(sql, @"\b(?:FROM|JOIN|UPDATE)\s+(\w+)(?:\s+(?!ON\b|WHERE\b|JOIN\b|LEFT\b|ORDER\b|GROUP\b|SET\b)(\w+))?", RegexOptions.IgnoreCase)
                    .Where(m => tables.Contains(m.Groups[1].Value))
                    .Select(m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value)
                    .ToHashSet(StringComparer.OrdinalIgnoreCase);
                var plan = (await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters)).Select(row => (string)row.detail);
                scans.AddRange(plan.Select(line => Regex.Match(line, @"^SCAN (\w+)"))
                    .Where(m => m.Success && aliases.Contains(m.Groups[1].Value))
                    .Select(m => $"{type.Name}: {m.Value} in {sql.ReplaceLineEndings(" ")}"));
            }
        }

        return (statements, scans);
    }
}
