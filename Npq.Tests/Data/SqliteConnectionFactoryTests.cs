using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

public sealed class SqliteConnectionFactoryTests
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
}
