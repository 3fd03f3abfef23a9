using System.Data.Common;

namespace Npq.Data.Infrastructure;

/// <summary>A connection that keeps the compiled form of the statements run through <see cref="WriteCommands"/>.</summary>
internal interface IKeepsCommands
{
    /// <summary>The command for this SQL, compiled once and kept (do not dispose it); null when no more are kept.</summary>
    DbCommand? Kept(string sql);
}

/// <summary>
/// The statements of hot writes (an evidence item, its statements and its log line). On SQLite's writer connection
/// each statement is compiled once and kept: Microsoft.Data.Sqlite compiles the SQL again for every new command, and
/// for a short insert that costs more than the insert. On any other connection they are ordinary commands. Parameters
/// are given in the same order on every call; values are stored exactly as the Dapper handlers store them.
/// </summary>
public static class WriteCommands
{
    public static Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        RunAsync(connection, transaction, sql, parameters, command => command.ExecuteNonQueryAsync(cancellationToken));

    /// <summary>Runs the SQL and returns the first column of its first row as an int (an inserted row's id).</summary>
    public static Task<int> ExecuteScalarIntAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        RunAsync(connection, transaction, sql, parameters, async command =>
            Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Reads the first row of a query inside the write's transaction with <paramref name="read"/> (which may map it
    /// with Dapper's row parsers, type handlers included); default when there is none. On SQLite's writer the
    /// statement is kept compiled, as the writes' are.
    /// </summary>
    public static async Task<T?> QueryFirstOrDefaultAsync<T>(DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> read,
        CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var (command, kept) = Prepare(connection, transaction, sql, parameters);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? read(reader) : default;
        }
        finally
        {
            if (!kept)
            {
                await command.DisposeAsync();
            }
        }
    }

    /// <summary>Runs a prepared command; one made for this call only (not kept) is disposed afterwards.</summary>
    private static async Task<int> RunAsync(DbConnection connection, DbTransaction transaction, string sql, (string Name, object? Value)[] parameters,
        Func<DbCommand, Task<int>> run)
    {
        var (command, kept) = Prepare(connection, transaction, sql, parameters);
        try
        {
            return await run(command);
        }
        finally
        {
            if (!kept)
            {
                await command.DisposeAsync();
            }
        }
    }

    private static (DbCommand Command, bool Kept) Prepare(DbConnection connection, DbTransaction transaction, string sql, (string Name, object? Value)[] parameters)
    {
        var command = (connection as IKeepsCommands)?.Kept(sql);
        var kept = command is not null;
        if (command is null)
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = transaction;
        if (command.Parameters.Count != parameters.Length)
        {
            command.Parameters.Clear();
            foreach (var (name, _) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            DbValues.Set(command.Parameters[i], parameters[i].Value);
        }

        return (command, kept);
    }
}
