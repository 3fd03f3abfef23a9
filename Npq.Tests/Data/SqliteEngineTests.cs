using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

public sealed class SqliteEngineTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "npq-engine-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task TheEngine_KeepsNoMemoryStatistics_SoNoAllocationTakesItsProcessWideLock()
    {
        using var factory = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "npq.db") }.ToString(), 30);
        await using (var writer = await factory.OpenForWriteAsync())
        {
            await writer.ExecuteAsync("CREATE TABLE t (x TEXT); INSERT INTO t VALUES (zeroblob(100000));");
        }

        await using (var reader = await factory.OpenAsync())
        {
            Assert.That(await reader.ExecuteScalarAsync<long>("SELECT length(x) FROM t"), Is.EqualTo(100000));
        }

        Assert.That(SqliteEngine.MemoryStatisticsOff, Is.True);
        // With statistics on, SQLite counts the memory its connections hold (well over 100 KB here); off, it counts none.
        Assert.That(SQLitePCL.raw.sqlite3_memory_used(), Is.EqualTo(0));
    }

    [Test]
    public async Task TheEngine_GuardsEachConnectionWithALockOfItsOwn_SoAStatementFinalizedOnAnotherThreadIsSafe()
    {
        using var factory = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "npq.db") }.ToString(), 30);
        await using var reader = await factory.OpenAsync();

        // SQLite gives a connection a lock of its own only in its serialized mode; the multi-thread mode has none.
        Assert.That(sqlite3_db_mutex(((SqliteConnection)reader).Handle!.DangerousGetHandle()), Is.Not.EqualTo(IntPtr.Zero));
    }

    [System.Runtime.InteropServices.DllImport("e_sqlite3")]
    private static extern IntPtr sqlite3_db_mutex(IntPtr db);
}
