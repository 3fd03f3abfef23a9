using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Npq.Data.Infrastructure;

/// <summary>
/// A fixed command of several statements whose results a page reads in turn (issue 23). Dapper's grid reader finds the
/// row parser of each result it reads by the command's whole text, hashing that text again for every result: on the
/// candidate's home (nine results from 3 KB of SQL) that hashing was 3 % of the page's CPU. A fixed command's results
/// keep their shape from one request to the next, so a batch keeps each result's parser itself, made by Dapper from the
/// first row that result returns, and the text is hashed once a request (by Dapper, to bind the parameters).
/// </summary>
/// <remarks>
/// Keep one batch per command text, as a static or a singleton's field, and read its results in the same order and as
/// the same types on every call: a result read as another type than before is a programming error and throws. A parser
/// is kept with the types its result's columns had (as Dapper's grid reader checks them): the same text can meet
/// another provider's types (SQL Server's int where SQLite gives a long), and SQLite's types follow each row's values,
/// so a result whose first row brings other types gets a parser made for them.
/// </remarks>
internal sealed class StatementBatch
{
    private readonly Parser?[] _parsers;

    public StatementBatch(string sql, int results)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentOutOfRangeException.ThrowIfLessThan(results, 1);
        Sql = sql;
        _parsers = new Parser?[results];
    }

    public string Sql { get; }

    /// <summary>How many results the command returns, each read once by <see cref="Results"/>.</summary>
    public int Count => _parsers.Length;

    /// <summary>Runs the command on the caller's open connection; dispose the results before the connection.</summary>
    public async Task<Results> ReadAsync(DbConnection connection, object? parameters, CancellationToken cancellationToken)
    {
        var reader = await connection.ExecuteReaderAsync(new CommandDefinition(Sql, parameters, cancellationToken: cancellationToken));
        return new Results(this, reader, cancellationToken);
    }

    /// <summary>The next row of the result at <paramref name="index"/> as a <typeparamref name="T"/>.</summary>
    private T Parse<T>(int index, DbDataReader reader) => ConvertTo<T>(ParserFor<T>(index, reader)(reader));

    /// <summary>A value as the type asked for, as Dapper's grid reader gives it (SQLite's long as an int; SQL Server's int as a long).</summary>
    private static T ConvertTo<T>(object? value) => value switch
    {
        T typed => typed,
        null or DBNull => default!,
        _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture),
    };

    private Func<DbDataReader, object?> ParserFor<T>(int index, DbDataReader reader)
    {
        var kept = Volatile.Read(ref _parsers[index]);
        if (kept is not null)
        {
            if (kept.Type != typeof(T))
            {
                throw new InvalidOperationException($"Result {index} of the batch was read as {kept.Type.Name} before, now as {typeof(T).Name}.");
            }

            if (kept.Fits(reader))
            {
                return kept.Read;
            }
        }

        // Two requests may both make a parser of a result at once: either is kept, and the other made again when needed.
        var made = reader.GetRowParser<object?>(typeof(T));
        var columns = new Type[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.GetFieldType(i);
        }

        Volatile.Write(ref _parsers[index], new Parser(typeof(T), columns, made));
        return made;
    }

    /// <summary>A result's parser, the type it makes and the column types it was made for (Dapper's parsers depend on them).</summary>
    private sealed class Parser(Type type, Type[] columns, Func<DbDataReader, object?> read)
    {
        public Type Type { get; } = type;

        public Func<DbDataReader, object?> Read { get; } = read;

        public bool Fits(DbDataReader reader)
        {
            if (columns.Length != reader.FieldCount)
            {
                return false;
            }

            for (var i = 0; i < columns.Length; i++)
            {
                if (columns[i] != reader.GetFieldType(i))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The command's results, read in order; each read moves on to the next result.</summary>
    public sealed class Results(StatementBatch batch, DbDataReader reader, CancellationToken cancellationToken) : IAsyncDisposable
    {
        private int _index;

        /// <summary>Every row of the next result.</summary>
        public async Task<List<T>> ReadAsync<T>()
        {
            var index = Next();
            var rows = new List<T>();
            Func<DbDataReader, object?>? parse = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                parse ??= batch.ParserFor<T>(index, reader);
                rows.Add(ConvertTo<T>(parse(reader)));
            }

            await reader.NextResultAsync(cancellationToken);
            return rows;
        }

        /// <summary>Every row of the next result, each read by <paramref name="read"/> from the reader's current row.</summary>
        public async Task<List<T>> ReadAsync<T>(Func<DbDataReader, T> read)
        {
            Next();
            var rows = await reader.ReadAllAsync(read, cancellationToken);
            await reader.NextResultAsync(cancellationToken);
            return rows;
        }

        /// <summary>The one row of the next result; none or more than one throws.</summary>
        public async Task<T> ReadSingleAsync<T>() =>
            await ReadAtMostOneAsync<T>() is (true, var row) ? row : throw new InvalidOperationException($"Result {_index - 1} of the batch returned no row.");

        /// <summary>The row of the next result, or the type's default when it returned none; more than one throws.</summary>
        public async Task<T?> ReadSingleOrDefaultAsync<T>() => (await ReadAtMostOneAsync<T>()).Row;

        private async Task<(bool Found, T Row)> ReadAtMostOneAsync<T>()
        {
            var index = Next();
            (bool, T) result = (false, default!);
            if (await reader.ReadAsync(cancellationToken))
            {
                result = (true, batch.Parse<T>(index, reader));
                if (await reader.ReadAsync(cancellationToken))
                {
                    throw new InvalidOperationException($"Result {index} of the batch returned more than one row.");
                }
            }

            await reader.NextResultAsync(cancellationToken);
            return result;
        }

        private int Next()
        {
            if (_index >= batch.Count)
            {
                throw new InvalidOperationException($"The batch has {batch.Count} results; all have been read.");
            }

            return _index++;
        }

        public ValueTask DisposeAsync() => reader.DisposeAsync();
    }
}
