using Dapper;
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
}
