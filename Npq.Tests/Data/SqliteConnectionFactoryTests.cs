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
        var factory = Factory();
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
        var factory = Factory();
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
        await using var stillWorks = await Factory().OpenForWriteAsync();
        Assert.That(stillWorks.State, Is.EqualTo(System.Data.ConnectionState.Open));
    }
}
