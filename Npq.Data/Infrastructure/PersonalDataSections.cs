using System.Data.Common;
using Dapper;
using Npq.Core.Reporting;

namespace Npq.Data.Infrastructure;

/// <summary>The one way a personal-data export reads its sections: each named query's rows, column by column, for the person.</summary>
public static class PersonalDataSections
{
    public static async Task<List<PersonalDataSection>> ReadAsync(
        DbConnection connection, IEnumerable<(string Name, string Sql)> queries, int userId, CancellationToken cancellationToken)
    {
        var sections = new List<PersonalDataSection>();
        foreach (var (name, sql) in queries)
        {
            var rows = await connection.QueryAsync(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken));
            sections.Add(new PersonalDataSection(name, rows
                .Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>((IDictionary<string, object?>)r))
                .ToList()));
        }

        return sections;
    }
}
