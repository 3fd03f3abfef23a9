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
            return $"{column} IN {Parameters(name, ids, parameters)}";
        }

        parameters.Add(name, "[" + string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))) + "]");
        return $"{column} IN ({dialect.IntsOfJsonArray("@" + name)})";
    }

    /// <summary>
    /// "<c>(@name0, @name1, …)</c>", each value added to <paramref name="parameters"/> as its own parameter: what Dapper
    /// makes of "<c>IN @name</c>" with a list, written here once instead. Dapper finds each list's name in the command's
    /// text with a regular expression on every run, over the whole SQL (a report's runs to kilobytes); this is a
    /// string of the names. An empty list is a subquery of no rows, as Dapper writes it. The caller bounds the list
    /// (a page's ids): SQL Server takes at most 2,100 parameters.
    /// </summary>
    public static string Parameters<T>(string name, IReadOnlyCollection<T> values, DynamicParameters parameters)
    {
        if (values.Count == 0)
        {
            return "(SELECT NULL WHERE 1 = 0)";
        }

        var text = new System.Text.StringBuilder("(", (values.Count * (name.Length + 5)) + 2);
        var i = 0;
        foreach (var value in values)
        {
            var parameter = name + i.ToString(CultureInfo.InvariantCulture);
            parameters.Add(parameter, value);
            text.Append(i == 0 ? "@" : ", @").Append(parameter);
            i++;
        }

        return text.Append(')').ToString();
    }
}
