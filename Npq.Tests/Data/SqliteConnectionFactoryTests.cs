using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

public sealed partial class SqliteConnectionFactoryTests
{
    private string _folder = null!;

    [SetUp]
    public void MakeFolder() => Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "npq-factory-" + Guid.NewGuid().ToString("N")));

    [TearDown]
    public void RemoveFolder()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private SqliteConnectionFactory Factory(string file = "npq.db") =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, file) }.ToString(), 30);

    [Test]
    public async Task Writers_TakeTurns_AndReadersDoNotWait()
    {
        using var factory = Factory();
        await factory.EnableWriteAheadLogAsync();
        await using (var setup = await factory.OpenAsync())
        {
            await setup.ExecuteAsync("CREATE TABLE T (X INTEGER)");
        }

        var first = await factory.OpenForWriteAsync();
        var second = factory.OpenForWriteAsync();
        await using (var reader = await factory.OpenAsync())
        {
            Assert.That(await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T"), Is.Zero, "a reader opens while a writer holds its turn");
        }

        await Task.Delay(50);
        Assert.That(second.IsCompleted, Is.False, "the second writer waits for the first");
        await first.ExecuteAsync("INSERT INTO T VALUES (1)");
        await first.DisposeAsync();
        await using var next = await second.WaitAsync(TimeSpan.FromSeconds(5));
        await next.ExecuteAsync("INSERT INTO T VALUES (2)");
        Assert.That(await next.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T"), Is.EqualTo(2));
    }

    [Test]
    public async Task AWriterGivenUpWhileWaiting_DoesNotKeepTheTurn()
    {
        using var factory = Factory();
        var holder = await factory.OpenForWriteAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        Assert.That(async () => await factory.OpenForWriteAsync(cancel.Token), Throws.InstanceOf<OperationCanceledException>());
        await holder.DisposeAsync();
        await using var after = await factory.OpenForWriteAsync().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(after.State, Is.EqualTo(System.Data.ConnectionState.Open));
    }

    [Test]
    public async Task AWriterThatFailsToOpen_GivesItsTurnBackOnce()
    {
        var broken = new SqliteConnectionFactory(
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "no-such-folder", "npq.db"), Mode = SqliteOpenMode.ReadWrite }.ToString(), 30);

        for (var i = 0; i < 3; i++)
        {
            Assert.That(async () => await broken.OpenForWriteAsync().WaitAsync(TimeSpan.FromSeconds(5)), Throws.InstanceOf<SqliteException>(), $"attempt {i + 1} is refused, not left waiting");
        }

        // A turn given back twice would throw on the finalizer thread and end the process.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var working = Factory();
        await using var stillWorks = await working.OpenForWriteAsync();
        Assert.That(stillWorks.State, Is.EqualTo(System.Data.ConnectionState.Open));
    }

    private static async Task<SqliteConnectionFactory> WithTableAsync(SqliteConnectionFactory factory)
    {
        await factory.EnableWriteAheadLogAsync();
        await using var setup = await factory.OpenAsync();
        await setup.ExecuteAsync("CREATE TABLE T (X INTEGER NOT NULL UNIQUE, D TEXT NULL, I TEXT NULL)");
        return factory;
    }

    [Test]
    public async Task TheWriter_IsOneConnection_ThatKeepsItsCompiledStatements()
    {
        using var factory = await WithTableAsync(Factory());
        const string insert = "INSERT INTO T (X) VALUES (@x)";
        object first;
        await using (var writer = await factory.OpenForWriteAsync())
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await WriteCommands.ExecuteAsync(writer, transaction, insert, CancellationToken.None, ("@x", 1));
            await transaction.CommitAsync();
            first = ((IKeepsCommands)writer).Kept(insert)!;
        }

        await using (var writer = await factory.OpenForWriteAsync())
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await WriteCommands.ExecuteAsync(writer, transaction, insert, CancellationToken.None, ("@x", 2));
            await transaction.CommitAsync();
            Assert.That(((IKeepsCommands)writer).Kept(insert), Is.SameAs(first), "the second loan reuses the statement compiled by the first");
        }

        await using var reader = await factory.OpenAsync();
        Assert.That(await reader.QueryAsync<long>("SELECT X FROM T ORDER BY X"), Is.EqualTo(new long[] { 1, 2 }));
    }

    [Test]
    public async Task AWriteLeftUnfinished_IsRolledBack_AndTheNextWriterStartsClean()
    {
        using var factory = await WithTableAsync(Factory());
        var careless = await factory.OpenForWriteAsync();
        var transaction = await careless.BeginTransactionAsync();
        await WriteCommands.ExecuteAsync(careless, transaction, "INSERT INTO T (X) VALUES (@x)", CancellationToken.None, ("@x", 1));
        await careless.DisposeAsync(); // the transaction is neither committed nor disposed

        await using (var next = await factory.OpenForWriteAsync().WaitAsync(TimeSpan.FromSeconds(5)))
        await using (var clean = await next.BeginTransactionAsync())
        {
            await WriteCommands.ExecuteAsync(next, clean, "INSERT INTO T (X) VALUES (@x)", CancellationToken.None, ("@x", 2));
            await clean.CommitAsync();
        }

        await using var reader = await factory.OpenAsync();
        Assert.That(await reader.QueryAsync<long>("SELECT X FROM T"), Is.EqualTo(new long[] { 2 }), "the unfinished insert was rolled back");
    }

    [Test]
    public async Task AFailedStatement_RollsBackItsTransaction_AndTheWriterGoesOn()
    {
        using var factory = await WithTableAsync(Factory());
        const string insert = "INSERT INTO T (X) VALUES (@x)";
        await using (var writer = await factory.OpenForWriteAsync())
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await WriteCommands.ExecuteAsync(writer, transaction, insert, CancellationToken.None, ("@x", 1));
            Assert.That(async () => await WriteCommands.ExecuteAsync(writer, transaction, insert, CancellationToken.None, ("@x", 1)), Throws.InstanceOf<SqliteException>());
        }

        await using (var writer = await factory.OpenForWriteAsync().WaitAsync(TimeSpan.FromSeconds(5)))
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await WriteCommands.ExecuteAsync(writer, transaction, insert, CancellationToken.None, ("@x", 1));
            await transaction.CommitAsync();
        }

        await using var reader = await factory.OpenAsync();
        Assert.That(await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T"), Is.EqualTo(1));
    }

    [Test]
    public async Task WriteCommands_StoreDatesAndInstants_AsDapperDoes()
    {
        DapperSetup.Configure();
        using var factory = await WithTableAsync(Factory());
        var date = new DateOnly(2027, 2, 1);
        var instant = new DateTime(2026, 11, 22, 20, 30, 5, DateTimeKind.Utc).AddTicks(1234567);
        await using (var writer = await factory.OpenForWriteAsync())
        await using (var transaction = await writer.BeginTransactionAsync())
        {
            await WriteCommands.ExecuteAsync(writer, transaction, "INSERT INTO T (X, D, I) VALUES (@x, @d, @i)", CancellationToken.None, ("@x", 1), ("@d", date), ("@i", instant));
            await writer.ExecuteAsync("INSERT INTO T (X, D, I) VALUES (@x, @d, @i)", new { x = 2, d = date, i = instant }, transaction);
            await WriteCommands.ExecuteAsync(writer, transaction, "INSERT INTO T (X, D, I) VALUES (@x, @d, @i)", CancellationToken.None, ("@x", 3), ("@d", null), ("@i", null));
            await transaction.CommitAsync();
        }

        await using var reader = await factory.OpenAsync();
        var rows = (await reader.QueryAsync<(long X, string? D, string? I)>("SELECT X, D, I FROM T ORDER BY X")).ToList();
        Assert.That(rows[0].D, Is.EqualTo(rows[1].D).And.EqualTo("2027-02-01"));
        Assert.That(rows[0].I, Is.EqualTo(rows[1].I).And.EqualTo("2026-11-22 20:30:05.1234567"));
        Assert.That(rows[2].D, Is.Null);
        Assert.That(rows[2].I, Is.Null);
    }

    [Test]
    public async Task AClosedFactory_RefusesWriters()
    {
        var factory = await WithTableAsync(Factory());
        await using (var writer = await factory.OpenForWriteAsync())
        {
            await writer.ExecuteAsync("INSERT INTO T (X) VALUES (1)");
        }

        factory.Dispose();
        Assert.That(async () => await factory.OpenForWriteAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task AReader_KeepsItsStatements_EachRunReadsItsOwnParametersAndRows()
    {
        using var factory = await WithTableAsync(Factory());
        await using (var setup = await factory.OpenAsync())
        {
            await setup.ExecuteAsync("INSERT INTO T (X, D) VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }

        const string byX = "SELECT D FROM T WHERE X = @x";
        int kept;
        await using (var reader = await factory.OpenAsync())
        {
            Assert.That(await reader.QuerySingleAsync<string>(byX, new { x = 1 }), Is.EqualTo("one"));
            kept = ((ReaderConnection)reader).KeptCount;
            Assert.That(await reader.QuerySingleAsync<string>(byX, new { x = 2 }), Is.EqualTo("two"), "the kept statement is bound afresh");
            Assert.That(await reader.QueryAsync<long>("SELECT X FROM T WHERE X >= @from ORDER BY X", new { from = 2 }), Is.EqualTo(new long[] { 2, 3 }),
                "another command's SQL on the same connection reads its own rows");
            Assert.That(((ReaderConnection)reader).KeptCount, Is.EqualTo(kept + 1), "one statement kept per SQL text");
            Assert.That(async () => await reader.QuerySingleAsync<string>(byX), Throws.InvalidOperationException.With.Message.Contains("@x"),
                "a run without the parameter does not see the value bound by the run before");
        }

        Assert.That(factory.IdleReaders, Is.EqualTo(1), "the reader is kept open for the next one");
        await using (var again = await factory.OpenAsync())
        {
            Assert.That(((ReaderConnection)again).KeptCount, Is.EqualTo(kept + 1), "the next loan has the statements compiled by the first");
            // Only the first row read: the statement must still be reset, or this connection would read an old snapshot.
            Assert.That(await again.QueryFirstAsync<long>("SELECT X FROM T ORDER BY X"), Is.EqualTo(1));
            await using (var writer = await factory.OpenForWriteAsync())
            {
                await writer.ExecuteAsync("INSERT INTO T (X, D) VALUES (4, 'four')");
            }

            Assert.That(await again.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T"), Is.EqualTo(4), "a write committed since is seen");
            Assert.That(await again.QueryFirstAsync<long>("SELECT X FROM T ORDER BY X DESC"), Is.EqualTo(4));
        }
    }

    [Test]
    public async Task AReaderReadThroughDapperAndDisposedAsynchronously_IsKept_WithItsStatement()
    {
        using var factory = await WithTableAsync(Factory());
        await using (var setup = await factory.OpenAsync())
        {
            await setup.ExecuteAsync("INSERT INTO T (X, D) VALUES (1, 'one'), (2, 'two')");
        }

        const string sql = "SELECT X FROM T WHERE X >= @from ORDER BY X";
        int kept;
        await using (var connection = await factory.OpenAsync())
        {
            // Dapper's wrapped reader, disposed asynchronously, closes the SQLite reader but never disposes its command
            // (the completion report reads its rows this way).
            await using (var reader = await connection.ExecuteReaderAsync(sql, new { from = 1 }))
            {
                Assert.That(await reader.ReadAsync(), Is.True);
            }

            kept = ((ReaderConnection)connection).KeptCount;
            await using (var again = await connection.ExecuteReaderAsync(sql, new { from = 2 }))
            {
                Assert.That(await again.ReadAsync(), Is.True);
                Assert.That(again.GetInt64(0), Is.EqualTo(2), "the statement given back is bound afresh");
            }

            Assert.That(((ReaderConnection)connection).KeptCount, Is.EqualTo(kept), "the second run used the kept statement");
        }

        Assert.That(factory.IdleReaders, Is.EqualTo(1), "the connection is kept open, not closed as if a reader were left open");
        await using (var next = await factory.OpenAsync())
        {
            Assert.That(((ReaderConnection)next).KeptCount, Is.EqualTo(kept), "the next loan has the statement compiled before");
            Assert.That(await next.QueryAsync<long>(sql, new { from = 1 }), Is.EqualTo(new long[] { 1, 2 }));
        }

        // A reader still open when the connection is given back still closes the connection.
        var careless = await factory.OpenAsync();
        var open = await careless.ExecuteReaderAsync(sql, new { from = 1 });
        Assert.That(await open.ReadAsync(), Is.True);
        await careless.DisposeAsync();
        Assert.That(factory.IdleReaders, Is.Zero, "a connection with a reader still open is not lent again");
        await open.DisposeAsync();
    }

    [Test]
    public async Task AReader_RunningOneStatementTwiceAtOnce_GivesEachItsOwnRows()
    {
        using var factory = await WithTableAsync(Factory());
        await using var reader = await factory.OpenAsync();
        await reader.ExecuteAsync("INSERT INTO T (X) VALUES (1), (2), (3)");
        const string sql = "SELECT X FROM T WHERE X >= @from ORDER BY X";
        using var outer = await reader.ExecuteReaderAsync(sql, new { from = 1 });
        var seen = new List<(long Outer, long[] Inner)>();
        while (await outer.ReadAsync())
        {
            // The kept statement is busy with the outer reader: the inner run gets a command of its own.
            var inner = (await reader.QueryAsync<long>(sql, new { from = outer.GetInt64(0) + 1 })).ToArray();
            seen.Add((outer.GetInt64(0), inner));
        }

        Assert.That(seen.Select(s => s.Outer), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(seen.Select(s => s.Inner), Is.EqualTo(new[] { new long[] { 2, 3 }, [3], [] }));
    }

    [Test]
    public async Task Readers_ManyAtOnce_EachGetsItsOwnRows()
    {
        using var factory = await WithTableAsync(Factory());
        await using (var setup = await factory.OpenAsync())
        {
            await setup.ExecuteAsync("INSERT INTO T (X, D) SELECT value, 'd' || value FROM json_each('[' || (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT group_concat(i) FROM n) || ']')");
        }

        var wrong = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var x = (worker * 100 + i) % 200 + 1;
                await using var reader = await factory.OpenAsync();
                var d = await reader.QuerySingleAsync<string>("SELECT D FROM T WHERE X = @x", new { x });
                var xs = (await reader.QueryAsync<long>("SELECT X FROM T WHERE X BETWEEN @x AND @x + 2 ORDER BY X", new { x })).ToList();
                if (d != "d" + x || xs[0] != x)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })));

        Assert.That(wrong, Is.Zero, "no run read another run's rows");
        Assert.That(factory.IdleReaders, Is.InRange(1, ReaderConnections.MaxIdle), "readers are kept, up to the bound");
    }

    [Test]
    public async Task AReaderGivenBackInsideATransaction_IsNotKept_AndItsWorkIsRolledBack()
    {
        using var factory = await WithTableAsync(Factory());
        var careless = await factory.OpenAsync();
        var transaction = await careless.BeginTransactionAsync();
        await careless.ExecuteAsync("INSERT INTO T (X) VALUES (1)", transaction: transaction);
        await careless.DisposeAsync();

        Assert.That(factory.IdleReaders, Is.Zero, "a reader left inside a transaction is closed, not lent again");
        await using var next = await factory.OpenAsync();
        Assert.That(await next.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T"), Is.Zero);
        Assert.That(() => next.CreateCommand(), Throws.Nothing);
        await next.DisposeAsync();
        Assert.That(() => next.CreateCommand(), Throws.InvalidOperationException, "a connection given back makes no more commands");
    }

    [Test]
    public async Task AClosedFactory_ClosesItsIdleReaders()
    {
        var factory = await WithTableAsync(Factory());
        await using (var reader = await factory.OpenAsync())
        {
            await reader.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T");
        }

        Assert.That(factory.IdleReaders, Is.EqualTo(1));
        factory.Dispose();
        Assert.That(factory.IdleReaders, Is.Zero);
        Assert.That(async () => await factory.OpenAsync(), Throws.InstanceOf<ObjectDisposedException>());
    }
}
