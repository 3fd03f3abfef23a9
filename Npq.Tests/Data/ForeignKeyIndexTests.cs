using System.Text.RegularExpressions;
using Dapper;
using Npq.Data.Infrastructure;
using Npq.Tests.Data.SqlServerSql;

namespace Npq.Tests.Data;

/// <summary>
/// Deleting a row checks every foreign key that points at its table: the database looks for rows that still refer to
/// it. Without an index that starts with the referring columns, that look is a read of the whole referring table, under
/// the write lock, for every row deleted (erasing one candidate's 20 evidence items read the materials progress of
/// every candidate 20 times: 181,000 rows each at 10,000 candidates). So every foreign key into a table the site deletes
/// from (any statement a repository sends, or a trigger runs) has such an index. Checked on the migrated SQLite schema;
/// SQL Server's migrations create the same indexes.
/// </summary>
public sealed class ForeignKeyIndexTests : DatabaseFixture<SqliteTestDatabase>
{
    [Test]
    public async Task EveryForeignKeyIntoATableTheSiteDeletesFrom_LeadsAnIndex()
    {
        var deletedFrom = await TablesDeletedFromAsync();
        Assert.That(deletedFrom, Does.Contain("EvidenceItems").And.Contain("MaterialItems").And.Contain("StudyGroups"), "the site's deletes were found");

        await using var connection = await Db.OpenAsync();
        var unindexed = new List<string>();
        var checkedKeys = 0;
        foreach (var table in await connection.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        {
            var keys = (await connection.QueryAsync($"SELECT id, \"table\" AS parent, \"from\" AS child, seq FROM pragma_foreign_key_list('{table}') ORDER BY id, seq"))
                .GroupBy(k => (long)k.id)
                .Select(g => (Parent: (string)g.First().parent, Columns: g.Select(k => (string)k.child).ToList()))
                .Where(k => deletedFrom.Contains(k.Parent))
                .ToList();
            if (keys.Count == 0)
            {
                continue;
            }

            var leading = new List<List<string>>();
            foreach (var index in await connection.QueryAsync<string>($"SELECT name FROM pragma_index_list('{table}')"))
            {
                leading.Add((await connection.QueryAsync<string>($"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno")).ToList());
            }

            leading.Add((await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk")).ToList());
            foreach (var (parent, columns) in keys)
            {
                checkedKeys++;
                if (!leading.Any(index => index.Count >= columns.Count && index.Take(columns.Count).SequenceEqual(columns, StringComparer.OrdinalIgnoreCase)))
                {
                    unindexed.Add($"{table}({string.Join(", ", columns)}) -> {parent}");
                }
            }
        }

        Assert.That(checkedKeys, Is.GreaterThan(10), "foreign keys into deleted tables were found");
        Assert.That(unindexed, Is.Empty, "each of these is read whole for every row deleted from the table it points at");
    }

    /// <summary>What the database does for a row deleted from each such table, by its key: no table read whole.</summary>
    [Test]
    public async Task DeletingARowFromATableTheSiteDeletesFrom_ReadsNoTableWhole()
    {
        var deletedFrom = await TablesDeletedFromAsync();
        await using var connection = await Db.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"), Is.EqualTo(1), "the site's connections check foreign keys");
        var scans = new List<string>();
        foreach (var table in await connection.QueryAsync<string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        {
            if (!deletedFrom.Contains(table))
            {
                continue;
            }

            var key = (await connection.QueryAsync<string>($"SELECT name FROM pragma_table_info('{table}') WHERE pk > 0 ORDER BY pk")).ToList();
            var where = key.Count == 0 ? "rowid = 1" : string.Join(" AND ", key.Select(column => $"{column} = 1"));
            var plan = (await connection.QueryAsync($"EXPLAIN QUERY PLAN DELETE FROM {table} WHERE {where}")).Select(row => (string)row.detail).ToList();
            scans.AddRange(plan.Where(line => line.StartsWith("SCAN ", StringComparison.Ordinal)).Select(line => $"DELETE FROM {table}: {line}"));
        }

        Assert.That(scans, Is.Empty);
    }

    /// <summary>The tables a DELETE names, in the statements every repository method sends (SQLite's dialect) and in the schema's triggers.</summary>
    private async Task<HashSet<string>> TablesDeletedFromAsync()
    {
        var factory = new CapturingConnectionFactory(new SqliteDialect());
        var sent = await RepositorySweep.RunAsync(factory);

        await using var connection = await Db.OpenAsync();
        var triggers = await connection.QueryAsync<string>("SELECT sql FROM sqlite_schema WHERE type = 'trigger'");
        return sent.SelectMany(s => s.Statements).Concat(triggers)
            .SelectMany(sql => Regex.Matches(sql, @"\bDELETE\s+FROM\s+\[?(\w+)", RegexOptions.IgnoreCase).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
