using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Npq.Data.Infrastructure;
using Npq.Data.Migrations;

namespace Npq.Tests.Data;

/// <summary>A throw-away database for one test fixture.</summary>
public interface ITestDatabase
{
    Task<IDbConnectionFactory> CreateAsync();

    Task DestroyAsync();
}

/// <summary>
/// One repository test body for every provider (Dapper's MultiMapTests&lt;TProvider&gt; style): a contract class
/// carries <c>[TestFixture(typeof(SqliteTestDatabase))]</c> and <c>[TestFixture(typeof(SqlServerTestDatabase))]</c>.
/// SQL Server runs only when NPQ_TEST_SQLSERVER holds a connection string, and is skipped with that reason otherwise.
/// </summary>
public abstract class DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private readonly TDatabase _database = new();

    protected IDbConnectionFactory Db { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task CreateDatabase()
    {
        DapperSetup.Configure();
        Db = await _database.CreateAsync();
        await new DatabaseMigrator(Db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
    }

    [OneTimeTearDown]
    public Task DropDatabase()
    {
        (Db as IDisposable)?.Dispose();
        return _database.DestroyAsync();
    }
}

public sealed class SqliteTestDatabase : ITestDatabase
{
    private string _path = string.Empty;

    public Task<IDbConnectionFactory> CreateAsync()
    {
        _path = Path.Combine(Path.GetTempPath(), $"npq-repo-{Guid.NewGuid():N}.db");
        return Task.FromResult<IDbConnectionFactory>(new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = _path }.ToString(), 30));
    }

    public Task DestroyAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return Task.CompletedTask;
    }
}

public sealed class SqlServerTestDatabase : ITestDatabase
{
    public const string Variable = "NPQ_TEST_SQLSERVER";
    private string _database = string.Empty;
    private string _master = string.Empty;

    public Task<IDbConnectionFactory> CreateAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            Assert.Ignore($"SQL Server tests are skipped: set {Variable} to a connection string to run them.");
        }

        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(configured);
        _master = builder.ConnectionString;
        _database = $"npq_test_{Guid.NewGuid():N}";
        builder.InitialCatalog = _database;
        return Task.FromResult<IDbConnectionFactory>(new SqlServerConnectionFactory(builder.ConnectionString));
    }

    public async Task DestroyAsync()
    {
        if (_database.Length == 0)
        {
            return;
        }

        Microsoft.Data.SqlClient.SqlConnection.ClearAllPools();
        await using var connection = new Microsoft.Data.SqlClient.SqlConnection(_master);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"ALTER DATABASE [{_database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{_database}];";
        await command.ExecuteNonQueryAsync();
    }
}
