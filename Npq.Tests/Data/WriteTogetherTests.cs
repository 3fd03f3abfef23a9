using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Changes;
using Npq.Data.Infrastructure;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Tests.Data;

/// <summary>The unit of writes on SQLite: one writer turn, repositories' own opens and transactions joining it.</summary>
public sealed class WriteTogetherTests
{
    private string _folder = null!;
    private SqliteConnectionFactory _db = null!;
    private WriteTogether _together = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        Directory.CreateDirectory(_folder = Path.Combine(Path.GetTempPath(), "npq-together-" + Guid.NewGuid().ToString("N")));
        _db = new SqliteConnectionFactory(new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "npq.db") }.ToString(), 5);
        await _db.EnableWriteAheadLogAsync();
        await using var setup = await _db.OpenAsync();
        await setup.ExecuteAsync("CREATE TABLE T (X INTEGER NOT NULL)");
        _together = new WriteTogether(_db, NullLogger<WriteTogether>.Instance);
    }

    [TearDown]
    public void RemoveDatabase()
    {
        _db.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>What a repository does: its own write connection and transaction.</summary>
    private async Task InsertAsync(int x, bool commit = true)
    {
        await using var connection = await _db.OpenForWriteAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("INSERT INTO T (X) VALUES (@x)", new { x }, transaction);
        if (commit)
        {
            await transaction.CommitAsync();
        }
    }

    private async Task<IReadOnlyList<int>> RowsAsync()
    {
        await using var connection = await _db.OpenAsync();
        return (await connection.QueryAsync<int>("SELECT X FROM T ORDER BY X")).AsList();
    }

    [Test]
    public async Task RunAsync_RepositoriesOpeningTheWriterInside_CommitTogether_AndWakeAfterwards()
    {
        IReadOnlyList<int>? seenByTheWake = null;
        var run = _together.RunAsync(async _ =>
        {
            await InsertAsync(1);
            await InsertAsync(2, commit: false); // disposed uncommitted: only this part is undone (a savepoint)
            await InsertAsync(3);
            await _together.RunAsync(async _ => await InsertAsync(4)); // a nested unit joins the outer one
            await _together.WhenCommittedAsync(async () => seenByTheWake = await RowsAsync());
            Assert.That(seenByTheWake, Is.Null, "after-commit actions wait for the commit");
            await using var reader = await _db.OpenAsync();
            return (await reader.QueryAsync<int>("SELECT X FROM T ORDER BY X")).AsList();
        });

        Assert.That(await run.WaitAsync(TimeSpan.FromSeconds(20)), Is.EqualTo(new[] { 1, 3, 4 }), "the unit reads its own writes, without waiting for itself");
        Assert.That(seenByTheWake, Is.EqualTo(new[] { 1, 3, 4 }), "the wake ran after the commit, seeing it from another connection");
        await InsertAsync(5);
        Assert.That(await RowsAsync(), Is.EqualTo(new[] { 1, 3, 4, 5 }), "the writer's turn was given back");
    }

    [Test]
    public async Task RunAsync_WhenTheWorkThrows_KeepsNothing_AndRunsNoAfterCommitAction()
    {
        var woken = false;

        Assert.ThrowsAsync<InvalidOperationException>(() => _together.RunAsync(async _ =>
        {
            await InsertAsync(1);
            await _together.WhenCommittedAsync(() =>
            {
                woken = true;
                return Task.CompletedTask;
            });
            await InsertAsync(2);
            throw new InvalidOperationException("The last write failed");
        }));

        Assert.That(await RowsAsync(), Is.Empty);
        Assert.That(woken, Is.False);
        await InsertAsync(3);
        Assert.That(await RowsAsync(), Is.EqualTo(new[] { 3 }), "the writer works again after the rollback");
    }

    [Test]
    public async Task OutsideAUnit_WritesAreTheirOwn_AndAnAfterCommitActionRunsAtOnce()
    {
        var woken = false;
        await InsertAsync(1);
        await _together.WhenCommittedAsync(() =>
        {
            woken = true;
            return Task.CompletedTask;
        });

        Assert.That(woken, Is.True);
        Assert.That(await RowsAsync(), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public void SqlServer_TransactionsTakeSavepoints_WhichTheUnitTurnsRepositoriesTransactionsInto()
    {
        // No SQL Server here: the unit needs SqlTransaction's own Save and Rollback(name) (SAVE TRANSACTION, ROLLBACK
        // TRANSACTION name), not DbTransaction's defaults, which throw; Release has no SQL Server form and stays a no-op.
        Assert.That(typeof(Microsoft.Data.SqlClient.SqlTransaction).GetMethod("Save", [typeof(string)])!.DeclaringType, Is.EqualTo(typeof(Microsoft.Data.SqlClient.SqlTransaction)));
        Assert.That(typeof(Microsoft.Data.SqlClient.SqlTransaction).GetMethod("Rollback", [typeof(string)])!.DeclaringType, Is.EqualTo(typeof(Microsoft.Data.SqlClient.SqlTransaction)));
    }

    [Test]
    public async Task TheSharedCache_InsideAUnit_KeepsNothingItLoads_AndForgetsEverywhereOnlyOnceTheUnitHasCommitted()
    {
        using var provider = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        var signals = new Mock<IInstanceSignals>();
        var cache = new SharedCache(provider.GetRequiredService<HybridCache>(), signals.Object);
        var sentInside = -1;

        await _together.RunAsync(async _ =>
        {
            await InsertAsync(1);
            cache.ForgetTag("placements");
            sentInside = signals.Invocations.Count(i => i.Method.Name == nameof(IInstanceSignals.SendAndWait));
        });
        Assert.ThrowsAsync<InvalidOperationException>(() => _together.RunAsync(async _ =>
        {
            cache.Forget("rolled-back");
            await Task.Yield();
            throw new InvalidOperationException("The change failed");
        }));

        var loads = 0;
        ValueTask<int> Load(int value, CancellationToken _)
        {
            loads++;
            return ValueTask.FromResult(value);
        }

        var insideUnit = await _together.RunAsync(async _ => await cache.GetOrLoadAsync("k", "t", TimeSpan.FromMinutes(1), 1, Load));
        var afterwards = await cache.GetOrLoadAsync("k", "t", TimeSpan.FromMinutes(1), 2, Load);

        Assert.That((insideUnit, afterwards, loads), Is.EqualTo((1, 2, 2)), "what a unit loaded (maybe its own uncommitted rows) was not kept");
        Assert.That(sentInside, Is.Zero, "other instances would reload what the unit has not committed yet");
        signals.Verify(s => s.SendAndWait(It.IsAny<string>(), "placements"), Times.Once);
        signals.Verify(s => s.SendAndWait(It.IsAny<string>(), "rolled-back"), Times.Never);
    }
}
