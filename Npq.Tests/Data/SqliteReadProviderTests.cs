using System.Reflection;
using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;
using SQLitePCL;

namespace Npq.Tests.Data;

/// <summary>
/// Npq's SQLite provider answers the per-row and per-value calls with the statement's pointer (no reference counting on
/// its handle): what Microsoft.Data.Sqlite and Dapper read through it must be exactly what SQLite holds, and a
/// finalized statement must still be refused rather than read.
/// </summary>
public sealed class SqliteReadProviderTests
{
    [OneTimeSetUp]
    public void Configure() => SqliteEngine.Configure();

    [Test]
    public void TheEngine_ReadsThroughNpqsProvider()
    {
        var provider = typeof(raw).GetProperty("Provider", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)!.GetValue(null);
        Assert.That(provider, Is.InstanceOf<SqliteReadProvider>());
    }

    [Test]
    public void OnlyTheShortPerValueCalls_SkipTheRuntimesSwitchToNativeMode()
    {
        // A call made without the switch holds up every collection of the process until it returns: only calls that
        // return at once may skip it. Stepping a statement can take as long as its query.
        var native = typeof(SqliteReadProvider).GetNestedType("Native", BindingFlags.NonPublic)!;
        var skipping = native.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<System.Runtime.InteropServices.SuppressGCTransitionAttribute>() is not null)
            .Select(m => m.Name).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(skipping, Does.Contain("sqlite3_column_type").And.Contain("sqlite3_column_int64").And.Contain("sqlite3_column_text")
                .And.Contain("sqlite3_column_bytes"), "the per-value reads skip the switch");
            Assert.That(skipping, Does.Not.Contain("sqlite3_step").And.Not.Contain("sqlite3_reset").And.Not.Contain("sqlite3_clear_bindings"),
                "a call that can run long keeps it");
        });
    }

    [Test]
    public void EveryKindOfValue_ReadsBackAsStored()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("CREATE TABLE v (Id INTEGER PRIMARY KEY, I INTEGER, R REAL, T TEXT, B BLOB)");
        var blob = Enumerable.Range(0, 300).Select(i => (byte)i).ToArray();
        var rows = new[]
        {
            new { Id = 1L, I = (long?)long.MaxValue, R = (double?)0.1, T = "naïve — 🙂 'quoted'", B = blob },
            new { Id = 2L, I = (long?)long.MinValue, R = (double?)-1e300, T = "", B = Array.Empty<byte>() },
            new { Id = 3L, I = (long?)null, R = (double?)null, T = (string)null!, B = (byte[])null! },
        };
        foreach (var row in rows)
        {
            connection.Execute("INSERT INTO v VALUES (@Id, @I, @R, @T, @B)", row);
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, I, R, T, B AS Bytes FROM v ORDER BY Id";
            using var reader = command.ExecuteReader();
            Assert.That(Enumerable.Range(0, reader.FieldCount).Select(reader.GetName), Is.EqualTo(new[] { "Id", "I", "R", "T", "Bytes" }));

            Assert.That(reader.Read(), Is.True);
            Assert.That(reader.GetInt64(1), Is.EqualTo(long.MaxValue));
            Assert.That(reader.GetDouble(2), Is.EqualTo(0.1));
            Assert.That(reader.GetString(3), Is.EqualTo("naïve — 🙂 'quoted'"));
            Assert.That((byte[])reader.GetValue(4), Is.EqualTo(blob));

            Assert.That(reader.Read(), Is.True);
            Assert.That(reader.GetValue(1), Is.EqualTo(long.MinValue));
            Assert.That(reader.GetValue(2), Is.EqualTo(-1e300));
            Assert.That(reader.GetValue(3), Is.EqualTo(""));
            Assert.That(reader.GetValue(4), Is.EqualTo(Array.Empty<byte>()));

            Assert.That(reader.Read(), Is.True);
            Assert.That(Enumerable.Range(1, 4).Select(reader.IsDBNull), Is.All.True);
            Assert.That(reader.Read(), Is.False);
        }

        // Dapper's typed reads, and a command run again with other values bound (reset and cleared bindings).
        for (var id = 1L; id <= 3; id++)
        {
            var read = connection.QuerySingle<(long Id, long? I, double? R, string? T)>("SELECT Id, I, R, T FROM v WHERE Id = @id", new { id });
            Assert.That(read, Is.EqualTo((rows[id - 1].Id, rows[id - 1].I, rows[id - 1].R, rows[id - 1].T)));
        }

        Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM v WHERE R > @r OR I = @i OR T IS @t", new { r = 0.0, i = (int?)null, t = (string?)null }), Is.EqualTo(2));
    }

    [Test]
    public async Task ManyConnectionsReadingAtOnce_EachReadsItsOwnValues_WhileLeftStatementsAreFinalizedByTheCollector()
    {
        var path = Path.Combine(Path.GetTempPath(), "npq-provider-" + Guid.NewGuid().ToString("N") + ".db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        try
        {
            using (var setup = new SqliteConnection(connectionString))
            {
                setup.Open();
                setup.Execute("PRAGMA journal_mode = WAL; CREATE TABLE n (Id INTEGER PRIMARY KEY, Label TEXT NOT NULL, Half REAL NOT NULL)");
                using var transaction = setup.BeginTransaction();
                for (var i = 1; i <= 2000; i++)
                {
                    setup.Execute("INSERT INTO n VALUES (@i, @label, @half)", new { i, label = "row " + i, half = i / 2.0 }, transaction);
                }

                transaction.Commit();
            }

            var readers = Enumerable.Range(0, 8).Select(reader => Task.Factory.StartNew(() =>
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                for (var round = 0; round < 10; round++)
                {
                    // A command left undisposed: its statement is finalized later by the collector, on its own thread,
                    // into this connection, while this reader may be using it.
                    var left = connection.CreateCommand();
                    left.CommandText = "SELECT COUNT(*) FROM n";
                    Assert.That(left.ExecuteScalar(), Is.EqualTo(2000L));

                    var from = 1 + ((reader * 97 + round * 31) % 1500);
                    var rows = connection.Query<(long Id, string Label, double Half)>(
                        "SELECT Id, Label, Half FROM n WHERE Id >= @from ORDER BY Id LIMIT 400", new { from }).ToList();
                    Assert.That(rows, Has.Count.EqualTo(400));
                    Assert.That(rows.Select((r, i) => r.Id == from + i && r.Label == "row " + r.Id && r.Half == r.Id / 2.0), Is.All.True);
                    if (reader == 0 && round % 3 == 1)
                    {
                        // Young collections (cheap in a test host's large heap) free the left commands' statements.
                        GC.Collect(1);
                    }
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();

            await Task.WhenAll(readers);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        finally
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Test]
    public void AFinalizedStatement_IsRefused_NotRead()
    {
        Assert.That(raw.sqlite3_open(":memory:", out var db), Is.EqualTo(raw.SQLITE_OK));
        using (db)
        {
            Assert.That(raw.sqlite3_prepare_v2(db, "SELECT 42", out var stmt), Is.EqualTo(raw.SQLITE_OK));
            Assert.That(raw.sqlite3_step(stmt), Is.EqualTo(raw.SQLITE_ROW));
            Assert.That(raw.sqlite3_column_int64(stmt, 0), Is.EqualTo(42));
            stmt.Dispose();

            Assert.Throws<ObjectDisposedException>(() => raw.sqlite3_column_int64(stmt, 0));
            Assert.Throws<ObjectDisposedException>(() => raw.sqlite3_column_text(stmt, 0));
            Assert.Throws<ObjectDisposedException>(() => raw.sqlite3_step(stmt));
        }
    }
}
