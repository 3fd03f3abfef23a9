using System.Globalization;
using Dapper;

namespace Npq.Data.Infrastructure;

/// <summary>
/// "<c>column IN (…ids…)</c>" for a list of ids of any length. A few ids go as one parameter each (<c>IN @ids</c>), so
/// the planner knows how many there are and can seek an index per id; more go as one JSON array
/// (<see cref="ISqlDialect.IntsOfJsonArray"/>): the command's parameters (each bound by name on every run) stay one
/// however long the list, and SQL Server's limit of 2,100 parameters is never reached.
/// </summary>
internal static class IdList
{
    /// <summary>The most ids sent as one parameter each.</summary>
    public const int MostAsParameters = 16;

    /// <summary>The condition, with its parameter (<paramref name="name"/>) added to <paramref name="parameters"/>.</summary>
    public static string In(ISqlDialect dialect, string column, string name, IReadOnlyCollection<int> ids, DynamicParameters parameters)
    {
        if (ids.Count <= MostAsParameters)
        {
            parameters.Add(name, ids);
            return $"{column} IN @{name}";
        }

        parameters.Add(name, "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]");
        return $"{column} IN ({dialect.IntsOfJsonArray("@" + name)})";
    }
}
