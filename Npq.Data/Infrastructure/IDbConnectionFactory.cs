using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Npq.Data.Infrastructure;

/// <summary>Opens a connection to the configured database: one per operation, disposed by the caller.</summary>
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

/// <summary>SQLite: a file with WAL journaling, foreign keys on and a busy timeout, through a pooled connection.</summary>
public sealed class SqliteConnectionFactory : IDbConnectionFactory
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    // Pooled connections keep their native handle, and PRAGMAs are per handle: set them once per handle, not on
    // every open (two extra statements on every request's every query otherwise).
    // Foreign keys are set here too rather than in the connection string, which would run its PRAGMA on every open.
    private static readonly object Configured = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _configured = new();
    private readonly SemaphoreSlim _writers = new(1, 1);

    public SqliteConnectionFactory(string connectionString, int commandTimeoutSeconds)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
            DefaultTimeout = commandTimeoutSeconds,
        };
        _connectionString = builder.ToString();
        _busyTimeoutMs = commandTimeoutSeconds * 1000;
    }

    public ISqlDialect Dialect { get; } = new SqliteDialect();

    public string ConnectionString => _connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await ConfigureAsync(connection, cancellationToken);
        return connection;
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
        // checkpoints instead of on every commit, which is what lets SQLite take hundreds of writes a second.
        command.CommandText = $"PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        _configured.AddOrUpdate(handle, Configured);
    }

    /// <summary>A connection that gives the writer's turn back when it is closed or disposed (once).</summary>
    private sealed class WriterConnection(string connectionString, SemaphoreSlim writers) : SqliteConnection(connectionString)
    {
        private int _released;

        public override void Close()
        {
            base.Close();
            Release();
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Release();
        }

        private void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                writers.Release();
            }
        }
    }

    public async Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default)
    {
        await _writers.WaitAsync(cancellationToken);
        // From here the connection owns the turn: disposing it (here on failure, or by the caller) gives it back once.
        var connection = new WriterConnection(_connectionString, _writers);
        try
        {
            await ConfigureAsync(connection, cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
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
}

/// <summary>SQL Server (or Azure SQL) through Microsoft.Data.SqlClient.</summary>
public sealed class SqlServerConnectionFactory(string connectionString) : IDbConnectionFactory
{
    public ISqlDialect Dialect { get; } = new SqlServerDialect();

    public string ConnectionString => connectionString;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>SQL Server locks rows, not the database: writers need no queue of their own.</summary>
    public Task<DbConnection> OpenForWriteAsync(CancellationToken cancellationToken = default) => OpenAsync(cancellationToken);
}
