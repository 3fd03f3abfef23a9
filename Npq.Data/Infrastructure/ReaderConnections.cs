using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Npq.Data.Infrastructure;

/// <summary>
/// SQLite's read connections, kept open between uses with the statements they compiled. Microsoft.Data.Sqlite
/// compiles a command's SQL again for every new command, and closing a connection (even a pooled one) throws away
/// every statement it compiled; a page's short reads spend a good part of their time compiling. A reader lent here
/// is used by one flow at a time (as any connection is), so the statements it keeps need no locking; idle readers wait
/// in a bounded stack, the most recently used first (its pages and statements warmest).
/// </summary>
internal sealed class ReaderConnections(string connectionString, Func<SqliteConnection, CancellationToken, Task> configure) : IDisposable
{
    /// <summary>Idle readers kept open; more are opened under load and closed when given back beyond this.</summary>
    public const int MaxIdle = 16;

    private readonly ConcurrentStack<ReaderConnection> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>How many readers wait idle (for tests).</summary>
    public int IdleCount => Volatile.Read(ref _idleCount);

    public async Task<DbConnection> LendAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            if (idle.State == ConnectionState.Open)
            {
                idle.Lend();
                return idle;
            }

            idle.Shut();
        }

        var reader = new ReaderConnection(connectionString, this);
        try
        {
            await configure(reader, cancellationToken);
        }
        catch
        {
            reader.Shut();
            throw;
        }

        reader.Lend();
        return reader;
    }

    /// <summary>A reader's loan ended: kept for the next one when it is clean and there is room, closed otherwise.</summary>
    internal void GiveBack(ReaderConnection reader)
    {
        if (_disposed || !reader.IsClean() || Interlocked.Increment(ref _idleCount) > MaxIdle && Release())
        {
            reader.Shut();
            return;
        }

        _idle.Push(reader);
        if (_disposed)
        {
            CloseIdle();
        }

        bool Release()
        {
            Interlocked.Decrement(ref _idleCount);
            return true;
        }
    }

    private void CloseIdle()
    {
        while (_idle.TryPop(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            idle.Shut();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        CloseIdle();
    }
}

/// <summary>
/// A read connection that keeps its compiled statements by SQL text. Commands made through
/// <see cref="DbConnection.CreateCommand"/> (as Dapper makes them) run on the kept statement for their SQL; each
/// command brings its own parameters, which are bound afresh on every run and dropped when the command is disposed.
/// Closing or disposing gives the connection back instead of closing it.
/// </summary>
internal sealed class ReaderConnection(string connectionString, ReaderConnections owner) : LentSqliteConnection(connectionString)
{
    /// <summary>Statements kept per connection; past this the kept ones not in use are dropped and kept afresh (so SQL
    /// made on the fly, such as lists expanded into IN (...), never grows the set without bound).</summary>
    public const int MaxKept = 128;

    private readonly Dictionary<string, KeptStatement> _kept = new(StringComparer.Ordinal);

    private SqliteTransaction? _began;

    // BEGIN and COMMIT of the transactions a command of several statements reads in (KeptReadCommand), compiled once
    // per connection: begun through SqliteTransaction, each compiled, ran and finalized its SQL on every page read.
    private SQLitePCL.sqlite3_stmt? _beginTogether;
    private SQLitePCL.sqlite3_stmt? _commitTogether;

    public int KeptCount => _kept.Count;

    /// <summary>The transaction begun on this connection and not yet finished (a new command joins it, as on any
    /// SQLite connection).</summary>
    internal SqliteTransaction? CurrentTransaction => _began is { Connection: not null } began ? began : _began = null;

    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred) =>
        _began = base.BeginTransaction(isolationLevel, deferred);

    /// <summary>Begins a deferred transaction for a command's statements to read one moment in, unless one is open
    /// already (begun by the caller, or in SQL); true when begun here, to be ended by <see cref="EndTogether"/>.</summary>
    internal bool BeginTogether() =>
        CurrentTransaction is null && SQLitePCL.raw.sqlite3_get_autocommit(Handle) != 0 && Run(ref _beginTogether, "BEGIN");

    /// <summary>Ends a transaction begun by <see cref="BeginTogether"/>. A read has nothing to keep: a commit that fails is
    /// rolled back, and a connection still inside a transaction is closed when given back (<see cref="IsClean"/>).</summary>
    internal void EndTogether()
    {
        if (!Run(ref _commitTogether, "COMMIT") && SQLitePCL.raw.sqlite3_get_autocommit(Handle) == 0)
        {
            SQLitePCL.raw.sqlite3_exec(Handle, "ROLLBACK");
        }
    }

    private bool Run(ref SQLitePCL.sqlite3_stmt? statement, string sql)
    {
        if (statement is null)
        {
            if (SQLitePCL.raw.sqlite3_prepare_v2(Handle, sql, out var prepared) != SQLitePCL.raw.SQLITE_OK)
            {
                prepared.Dispose();
                return false;
            }

            statement = prepared;
        }

        var result = SQLitePCL.raw.sqlite3_step(statement);
        SQLitePCL.raw.sqlite3_reset(statement);
        return result == SQLitePCL.raw.SQLITE_DONE;
    }

    protected override DbCommand CreateDbCommand()
    {
        if (!IsLent)
        {
            throw new InvalidOperationException("This connection was given back; open another.");
        }

        return new KeptReadCommand(this);
    }

    /// <summary>The kept command for the SQL when it is free (marked in use), or null: the caller runs a command of its own.</summary>
    internal SqliteCommand? Take(string sql)
    {
        if (_kept.TryGetValue(sql, out var kept))
        {
            if (kept.InUse && !TryReclaim(kept))
            {
                return null;
            }

            kept.InUse = true;
            return kept.Command;
        }

        if (_kept.Count >= MaxKept)
        {
            foreach (var (text, stale) in _kept.Where(k => !k.Value.InUse).ToList())
            {
                stale.Command.Dispose();
                _kept.Remove(text);
            }

            if (_kept.Count >= MaxKept)
            {
                return null;
            }
        }

        var command = CreateCommand();
        command.CommandText = sql;
        _kept.Add(sql, new KeptStatement(command) { InUse = true });
        return command;
    }

    internal void Return(SqliteCommand command)
    {
        command.Parameters.Clear();
        command.Transaction = null;
        if (_kept.TryGetValue(command.CommandText, out var kept) && ReferenceEquals(kept.Command, command))
        {
            kept.InUse = false;
            kept.Reader = null;
            kept.User = null;
        }
    }

    /// <summary>The kept statement <paramref name="command"/> is being read by <paramref name="reader"/>, for
    /// <paramref name="user"/>: remembered so that the statement can be given back once the reader is closed.</summary>
    internal void Reading(SqliteCommand command, DbDataReader reader, KeptReadCommand user)
    {
        if (_kept.TryGetValue(command.CommandText, out var kept) && ReferenceEquals(kept.Command, command))
        {
            kept.Reader = reader;
            kept.User = user;
        }
    }

    /// <summary>
    /// Clean: open, no transaction left open and no kept statement still in use (a reader left undisposed). A kept
    /// statement whose reader was closed but whose command was never disposed is given back first: Dapper's wrapped
    /// reader, disposed with <c>await using</c>, closes the SQLite reader without disposing the command it wraps, and
    /// counting that as a reader left open closed the connection and threw away every statement it had compiled. (Giving
    /// it back also ends the transaction such a command began for its statements, so that is reclaimed first.)
    /// </summary>
    internal bool IsClean()
    {
        if (State != ConnectionState.Open)
        {
            return false;
        }

        foreach (var kept in _kept.Values)
        {
            if (kept.InUse)
            {
                TryReclaim(kept);
            }
        }

        return SQLitePCL.raw.sqlite3_get_autocommit(Handle) != 0 && _kept.Values.All(k => !k.InUse);
    }

    /// <summary>Gives back a kept statement in use whose reader is closed (its command never disposed); false while
    /// it is still being read.</summary>
    private bool TryReclaim(KeptStatement kept)
    {
        if (kept.Reader is not { IsClosed: true })
        {
            return false;
        }

        kept.User?.Detach(kept.Command);
        Return(kept.Command);
        return true;
    }

    /// <summary>Back to the pool; only the owner ends the connection itself (<see cref="Shut"/>).</summary>
    protected override void Returned() => owner.GiveBack(this);

    /// <summary>Closes for good: the kept statements are finalized and the handle goes back to SQLite's own pool
    /// (closing rolls back a transaction begun through <see cref="DbConnection.BeginTransaction()"/>).</summary>
    public void Shut()
    {
        Unlend();
        foreach (var kept in _kept.Values)
        {
            kept.Command.Dispose();
        }

        _kept.Clear();
        _beginTogether?.Dispose();
        _commitTogether?.Dispose();
        _beginTogether = _commitTogether = null;
        try
        {
            if (State == ConnectionState.Open && CurrentTransaction is null && SQLitePCL.raw.sqlite3_get_autocommit(Handle) == 0)
            {
                // A transaction begun in SQL: never hand a handle inside one to the pool.
                SQLitePCL.raw.sqlite3_exec(Handle, "ROLLBACK");
            }
        }
        finally
        {
            CloseForGood();
        }
    }

    private sealed class KeptStatement(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;

        public bool InUse { get; set; }

        /// <summary>The reader of the run in progress, and the command it was run for (see <see cref="IsClean"/>).</summary>
        public DbDataReader? Reader { get; set; }

        public KeptReadCommand? User { get; set; }
    }
}
