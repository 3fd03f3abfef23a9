using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Npq.Data.Infrastructure;

/// <summary>
/// A command on a <see cref="ReaderConnection"/>: it gathers its SQL, parameters and transaction, and runs them on the
/// connection's kept statement for that SQL (compiled once per connection), or on a command of its own when that
/// statement is busy or no more are kept. Disposing it unbinds the parameters and frees the statement.
/// <para>
/// A command of several statements (a page's reads sent together) that its caller runs outside any transaction reads
/// in one transaction of its own, ended when the command is: in autocommit each statement would take and drop
/// SQLite's read locks (two system calls) and look at the write-ahead log afresh, and the statements would read
/// different moments of the database if a write came between them.
/// </para>
/// </summary>
[SuppressMessage("Security", "CA2100", Justification = "Runs the SQL its caller gave, exactly as the command it stands for.")]
internal sealed class KeptReadCommand(ReaderConnection connection) : DbCommand
{
    private readonly ParameterList _parameters = new();
    private SqliteCommand? _running;
    private bool _own;
    private string _text = string.Empty;
    private DbTransaction? _transaction = connection.CurrentTransaction;
    private bool _together;

    [AllowNull]
    public override string CommandText
    {
        get => _text;
        set => _text = value ?? string.Empty;
    }

    public override int CommandTimeout { get; set; } = connection.DefaultTimeout;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs SQL text only.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (!ReferenceEquals(value, connection))
            {
                throw new NotSupportedException("A kept command stays on its connection.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set => _transaction = value;
    }

    public override void Cancel() => _running?.Cancel();

    public override void Prepare()
    {
        // Kept statements are compiled on their first run and kept.
    }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    public override int ExecuteNonQuery() => Start().ExecuteNonQuery();

    public override object? ExecuteScalar() => Start().ExecuteScalar();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Reading(Start().ExecuteReader(behavior));

    // The asynchronous forms go to the SQLite command's own, so a cancelled request cancels its statement as before.
    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Start().ExecuteNonQueryAsync(cancellationToken);

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Start().ExecuteScalarAsync(cancellationToken);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken) =>
        Reading(await Start().ExecuteReaderAsync(behavior, cancellationToken));

    private SqliteDataReader Reading(SqliteDataReader reader)
    {

        if (!_own && _running is { } running)
        {
            connection.Reading(running, reader, this);
        }

        return reader;
    }

    /// <summary>The connection took its kept statement back (its reader was closed and this command never disposed):
    /// this command no longer runs on it, so disposing it later leaves the statement to whoever runs it next.</summary>
    internal void Detach(SqliteCommand command)
    {
        if (ReferenceEquals(_running, command))
        {
            _running = null;
            EndTogether();
        }
    }

    /// <summary>More than one statement: a semicolon with more SQL after it (one inside a text literal only costs a
    /// transaction the command did not need).</summary>
    internal static bool ReadsSeveral(string sql)
    {
        var end = sql.IndexOf(';');
        return end >= 0 && !sql.AsSpan(end + 1).TrimStart(" \t\r\n;").IsEmpty;
    }

    /// <summary>Ends the transaction this command began for its statements.</summary>
    private void EndTogether()
    {
        if (_together)
        {
            _together = false;
            connection.EndTogether();
        }
    }

    private SqliteCommand Start()
    {
        // Run again (or with other SQL): the statement of the run before is given back first; SQLite itself refuses
        // to rerun a statement whose reader is still open.
        Release();
        var command = connection.Take(_text);
        _own = command is null;
        command ??= connection.CreateCommand();
        _running = command;
        if (_own)
        {
            command.CommandText = _text;
        }

        command.CommandTimeout = CommandTimeout;
        _together = _transaction is null && ReadsSeveral(_text) && connection.BeginTogether();
        command.Transaction = (SqliteTransaction?)_transaction;
        command.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters)
        {
            // Dapper names parameters bare ("id") and the SQL writes "@id". Microsoft.Data.Sqlite looks a bare name
            // up as written and then under each of its three prefixes, for every statement of the command, building
            // each prefixed name and its UTF-8 copy afresh: named as the SQL writes it, the name is found at once.
            if (parameter.ParameterName is [not ('@' or '$' or ':'), ..] bare)
            {
                parameter.ParameterName = "@" + bare;
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    private void Release()
    {
        if (_running is not { } running)
        {
            return;
        }

        _running = null;
        if (_own)
        {
            running.Dispose();
        }
        else
        {
            connection.Return(running);
        }

        EndTogether();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }

        base.Dispose(disposing);
    }

    private sealed class ParameterList : SqliteParameterCollection;
}
