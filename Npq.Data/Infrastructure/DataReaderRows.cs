using System.Data.Common;

namespace Npq.Data.Infrastructure;

/// <summary>Rows read by the typed readers (read by position, without Dapper's generated reader).</summary>
internal static class DataReaderRows
{
    /// <summary>Every row of the reader's current result, each read by <paramref name="read"/> from the current row.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(this DbDataReader reader, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
