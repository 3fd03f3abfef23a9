using System.Data.Common;
using System.Text;
using Dapper;
using Npq.Core.Time;

namespace Npq.Data.Infrastructure;

/// <summary>
/// "Today" where each cohort is, for SQL that compares a cohort's dates with it (a date is over once it has ended in the
/// cohort's own zone: at the same instant that may be tomorrow in Auckland and still yesterday in Los Angeles). SQLite
/// knows no time zones, so today is worked out here per zone the cohorts keep and handed to the SQL as a CASE.
/// </summary>
internal static class CohortToday
{
    /// <summary>Today's date in each zone of the cohorts <paramref name="where"/> picks (all cohorts when null).</summary>
    public static async Task<IReadOnlyDictionary<string, DateOnly>> ByZoneAsync(DbConnection connection, DateTime nowUtc, string? where, CancellationToken cancellationToken)
    {
        var zones = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT TimeZone FROM Cohorts" + (where is null ? string.Empty : " WHERE " + where), cancellationToken: cancellationToken));
        return zones.ToDictionary(zone => zone, zone => ZonedTime.Today(nowUtc, zone), StringComparer.Ordinal);
    }

    /// <summary>
    /// The cohort's today as SQL: a CASE over <paramref name="zoneColumn"/> with one arm per zone (its parameters added),
    /// <paramref name="otherwise"/> for a zone not listed (one added since the zones were read).
    /// </summary>
    public static string Case(string zoneColumn, IReadOnlyDictionary<string, DateOnly> todayByZone, DynamicParameters parameters, string otherwise)
    {
        if (todayByZone.Count == 0)
        {
            return otherwise;
        }

        var sql = new StringBuilder($"CASE {zoneColumn}");
        var i = 0;
        foreach (var (zone, today) in todayByZone)
        {
            sql.Append($" WHEN @Zone{i} THEN @ZoneToday{i}");
            parameters.Add($"Zone{i}", zone);
            parameters.Add($"ZoneToday{i}", today);
            i++;
        }

        return sql.Append($" ELSE {otherwise} END").ToString();
    }
}
