using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

/// <summary>SQLite's plan of a statement (<c>EXPLAIN QUERY PLAN</c>), one entry per step: what the plan tests read.</summary>
internal static class QueryPlan
{
    public static async Task<List<string>> OfAsync(IDbConnectionFactory db, string sql, object? parameters = null)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters)).Select(row => (string)row.detail).ToList();
    }

    /// <summary>
    /// The plan with these statistics in <c>sqlite_stat1</c> (table, index or null, stat), and no others: what a
    /// database analysed at some moment plans (a site analyses its own at start and every few hours,
    /// DatabaseStatistics; none is a database not analysed yet). Read on a connection opened after they were written,
    /// since an open one keeps the statistics it loaded.
    /// </summary>
    public static async Task<List<string>> WithStatisticsAsync(IDbConnectionFactory db, string sql, object? parameters, params (string Table, string? Index, string Stat)[] statistics)
    {
        var connectionString = new SqliteConnectionStringBuilder(((SqliteConnectionFactory)db).ConnectionString) { Pooling = false }.ToString();
        await using (var writer = new SqliteConnection(connectionString))
        {
            await writer.OpenAsync();
            await writer.ExecuteAsync("ANALYZE sqlite_schema; DELETE FROM sqlite_stat1;");
            foreach (var (table, index, stat) in statistics)
            {
                await writer.ExecuteAsync("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (@table, @index, @stat)", new { table, index, stat });
            }
        }

        await using var reader = new SqliteConnection(connectionString);
        await reader.OpenAsync();
        return (await reader.QueryAsync("EXPLAIN QUERY PLAN " + sql, parameters)).Select(row => (string)row.detail).ToList();
    }
}
