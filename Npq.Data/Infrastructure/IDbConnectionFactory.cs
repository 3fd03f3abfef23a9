using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Npq.Data.Infrastructure;

/// <summary>
/// Opens a connection to the configured database: one per operation, disposed by the caller. Inside a unit of writes
/// (<see cref="WriteTogether"/>) of the same flow, both methods lend the unit's connection instead.
/// </summary>
public interface IDbConnectionFactory
{
    ISqlDialect Dialect { get; }

    /// <summary>The connection string in use (without secrets logged by callers).</summary>
    string ConnectionString { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a connection for one short write transaction. On SQLite, which takes one writer at a time, writers wait
    /// their turn here, asynchronously, until the connection is disposed, instead of sleeping in SQLite's busy
    /// handler on a thread the site needs for other requests. Use it only around the write itself.
    /// </summary>
    Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// SQLite: a file with WAL journaling, foreign keys on and a busy timeout. Reads go through read connections kept open
/// with the statements they compiled (<see cref="ReaderConnections"/>); writes through one long-lived writer connection,
/// taken in turn, which keeps the compiled statements of hot writes.
/// </summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory, IDisposable
{
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
    private readonly int _busyTimeoutMs;
    private readonly long _memoryMapBytes;
    private readonly int _pageCacheKibibytes;

    // Pooled connections keep their native handle, and PRAGMAs are per handle: set them once per handle, not on
    // every open (two extra statements on every request's every query otherwise).
    // Foreign keys are set here too rather than in the connection string, which would run its PRAGMA on every open.
    private static readonly object Configured = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = new();
    private readonly SemaphoreSlim _writers = new(1, 1);
    private WriterConnection? _writer;
    private readonly ReaderConnections _readers;
    private bool _disposed;

    static SqliteConnectionFactory() => SqliteEngine.Configure();

    /// <param name="memoryMapMegabytes">How much of the file each connection reads through memory mapping (see
    /// <see cref="DatabaseOptions.SqliteMemoryMapMegabytes"/>); 0 for none.</param>
    /// <param name="pageCacheMegabytes">Each connection's page cache at most (see
    /// <see cref="DatabaseOptions.SqlitePageCacheMegabytes"/>).</param>
    public SqliteConnectionFactory(string connectionString, int commandTimeoutSeconds, int memoryMapMegabytes = 0, int pageCacheMegabytes = DatabaseOptions.DefaultSqlitePageCacheMegabytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryMapMegabytes);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageCacheMegabytes, 1);
        _memoryMapBytes = memoryMapMegabytes * 1024L * 1024L;
        _pageCacheKibibytes = pageCacheMegabytes * 1024;
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = commandTimeoutSeconds,
        };
        _connectionString = builder.ToString();
        // The writer lives as long as the factory: closing it must really close it (rolling back anything left open),
        // not hand its handle to the pool.
        builder.Pooling = false;
        _writerConnectionString = builder.ToString();
        _busyTimeoutMs = commandTimeoutSeconds * 1000;
        _readers = new ReaderConnections(_connectionString, ConfigureAsync);
    }

    /// <summary>Read connections waiting idle, open, with their statements (for tests).</summary>
    internal int IdleReaders => _readers.IdleCount;

    public ISqlDialect Dialect { get; } = new SqliteDialect();

    public string ConnectionString => _connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (WriteTogether.TryJoin(this, out var joined))
        {
            return joined;
        }

        return await _readers.LendAsync(cancellationToken);
    }

    private async Task ConfigureAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await connection.OpenAsync(cancellationToken);
        var handle = (object?)connection.Handle;
        if (handle is null || _configured.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        // synchronous=NORMAL is per connection; in WAL mode it keeps the database consistent on a crash and syncs at
        // checkpoints instead of on every commit, which is what lets SQLite take hundreds of writes a second. The log
        // is copied back into the database every 4,000 pages (16 MB) rather than SQLite's 1,000: a save dirties the
        // same few pages as the one before it, so a longer log is fewer copies and syncs for the same writes.
        // mmap_size: 0 (the default) reads pages by system call into the connection's page cache; mapped, they are read
        // where they lie, at the price of mapping the file again after every write (DatabaseOptions).
        // cache_size (negative: in KiB) bounds the connection's page cache (DatabaseOptions.SqlitePageCacheMegabytes).
        command.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 4000; PRAGMA mmap_size = {_memoryMapBytes}; PRAGMA cache_size = -{_pageCacheKibibytes};";
        await command.ExecuteNonQueryAsync(cancellationToken);
        _configured.AddOrUpdate(handle, Configured);
    }

    /// <summary>
    /// Waits for the writer's turn, then lends the writer connection (opened on first use, and again after a failure
    /// closed it). Disposing or closing what is returned gives the turn back; the connection itself stays open, so its
    /// page cache stays warm and the statements it compiled for <see cref="WriteCommands"/> are not compiled again.
    /// </summary>
    public async Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default)
    {
        if (WriteTogether.TryJoin(this, out var joined))
        {
            // Inside a unit of writes the writer is already this flow's: waiting for the turn again would wait forever.
            return joined;
        }

        await _writers.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not { State: System.Data.ConnectionState.Open })
            {
                _writer?.Shut();
                _writer = null;
                var writer = new WriterConnection(_writerConnectionString, _writers);
                try
                {
                    await ConfigureAsync(writer, cancellationToken);
                }
                catch
                {
                    writer.Shut();
                    throw;
                }

                _writer = writer;
            }

            _writer.Lend();
            return _writer;
        }
        catch
        {
            _writers.Release();
            throw;
        }
    }

    /// <summary>WAL lets readers go on while one writer writes; it is a property of the file, set once (synchronous is
    /// per connection and set when each is first opened).</summary>
    public async Task EnableWriteAheadLogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the idle readers and the writer connection (waiting for a write in progress to finish).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _readers.Dispose();
        _writers.Wait();
        try
        {
            _disposed = true;
            _writer?.Shut();
            _writer = null;
        }
        finally
        {
            _writers.Release();
        }
    }

    /// <summary>
    /// The long-lived writer. Closing or disposing it ends the current loan and gives the turn back (once); a write
    /// left unfinished is rolled back by closing the connection for good, and the next writer opens a new one.
    /// </summary>
    private sealed class WriterConnection(string connectionString, SemaphoreSlim writers) : LentSqliteConnection(connectionString), IKeepsCommands
    {
        // The SQL of hot writes is a fixed set of constants; the bound only guards against a caller building SQL.
        private const int MaxKeptCommands = 64;
        private readonly Dictionary<string, SqliteCommand> _kept = new(StringComparer.Ordinal);

        public DbCommand? Kept(string sql)
        {
            if (_kept.TryGetValue(sql, out var command))
            {
                return command;
            }

            if (_kept.Count >= MaxKeptCommands)
            {
                return null;
            }

            command = CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            _kept.Add(sql, command);
            return command;
        }

        /// <summary>The writer's turn ends; only the factory ends the connection itself (<see cref="Shut"/>).</summary>
        protected override void Returned()
        {
            try
            {
                if (State == System.Data.ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(Handle) == 0)
                {
                    // A transaction nobody committed or rolled back: closing the (unpooled) connection rolls it back.
                    Shut();
                }
            }
            finally
            {
                writers.Release();
            }
        }

        public void Shut()
        {
            foreach (var command in _kept.Values)
            {
                command.Dispose();
            }

            _kept.Clear();
            CloseForGood();
        }
    }
}

/// <summary>SQL Server (or Azure SQL) through Microsoft.Data.SqlClient.</summary>
public sealed class SqlServerConnectionFactory(string connectionString) : IDbConnectionFactory
{
    public ISqlDialect Dialect { get; } = new SqlServerDialect();

    public string ConnectionString => connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (WriteTogether.TryJoin(this, out var joined))
        {
            return joined;
        }

        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>SQL Server locks rows, not the database: writers need no queue of their own.</summary>
    public Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default) => OpenAsync(cancellationToken);
}
