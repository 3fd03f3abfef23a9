using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

/// <summary>
/// A fixed command's results read in turn with the parsers the batch keeps (<see cref="StatementBatch"/>): the values
/// Dapper's grid reader gives, on every call, whatever each result's first row brings.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class StatementBatchTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private sealed record Named
    {
        public int Id { get; init; }

        public string Name { get; init; } = string.Empty;
    }

    private static readonly StatementBatch Mixed = new("""
        SELECT @id AS Id, @name AS Name UNION ALL SELECT @id + 1, 'second';
        SELECT COUNT(*) FROM (SELECT 1 AS One UNION ALL SELECT 2) x;
        SELECT @id AS Id, @name AS Name WHERE 1 = 0;
        SELECT @id AS Number, @name AS Text;
        """, results: 4);

    [Test]
    public async Task ReadAsync_EachResultInTurn_AsTheTypesAsked_OnEveryCall()
    {
        foreach (var (id, name) in new[] { (7, "first"), (40, "again") })
        {
            await using var connection = await Db.OpenAsync();
            await using var results = await Mixed.ReadAsync(connection, new { id, name }, CancellationToken.None);

            var rows = await results.ReadAsync<Named>();
            var count = await results.ReadSingleAsync<int>();
            var none = await results.ReadSingleOrDefaultAsync<Named>();
            var tuple = await results.ReadSingleAsync<(long Number, string Text)>();

            Assert.That(rows, Is.EqualTo(new[] { new Named { Id = id, Name = name }, new Named { Id = id + 1, Name = "second" } }));
            Assert.That(count, Is.EqualTo(2), "COUNT(*) is a long on SQLite and an int on SQL Server; read as an int either way");
            Assert.That(none, Is.Null);
            Assert.That(tuple, Is.EqualTo(((long)id, name)));
        }
    }

    [Test]
    public async Task ReadSingle_NoRow_Throws()
    {
        var batch = new StatementBatch("SELECT 1 AS Id WHERE 1 = 0;", results: 1);
        await using var connection = await Db.OpenAsync();
        await using var results = await batch.ReadAsync(connection, null, CancellationToken.None);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => results.ReadSingleAsync<int>());
        Assert.That(error!.Message, Does.Contain("returned no row"));
    }

    [Test]
    public async Task ReadSingleOrDefault_TwoRows_Throws()
    {
        var batch = new StatementBatch("SELECT 1 AS Id UNION ALL SELECT 2;", results: 1);
        await using var connection = await Db.OpenAsync();
        await using var results = await batch.ReadAsync(connection, null, CancellationToken.None);

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => results.ReadSingleOrDefaultAsync<int>());
        Assert.That(error!.Message, Does.Contain("more than one row"));
    }

    [Test]
    public async Task ReadAsync_PastTheLastResult_Throws()
    {
        var batch = new StatementBatch("SELECT 1 AS Id;", results: 1);
        await using var connection = await Db.OpenAsync();
        await using var results = await batch.ReadAsync(connection, null, CancellationToken.None);
        await results.ReadAsync<int>();

        var error = Assert.ThrowsAsync<InvalidOperationException>(() => results.ReadAsync<int>());
        Assert.That(error!.Message, Does.Contain("all have been read"));
    }

    [Test]
    public async Task ReadAsync_AResultAsAnotherTypeThanBefore_Throws()
    {
        var batch = new StatementBatch("SELECT 1 AS Id, 'a' AS Name;", results: 1);
        await using (var connection = await Db.OpenAsync())
        await using (var results = await batch.ReadAsync(connection, null, CancellationToken.None))
        {
            await results.ReadAsync<Named>();
        }

        await using var again = await Db.OpenAsync();
        await using var next = await batch.ReadAsync(again, null, CancellationToken.None);
        var error = Assert.ThrowsAsync<InvalidOperationException>(() => next.ReadAsync<(int, string)>());
        Assert.That(error!.Message, Does.Contain("read as Named before"));
    }
}

/// <summary>SQLite's column types follow each row's values: a kept parser made for other types is made again.</summary>
public sealed class StatementBatchSqliteTypesTests : DatabaseFixture<SqliteTestDatabase>
{
    private sealed record Figure
    {
        public long N { get; init; }
    }

    [Test]
    public async Task ReadAsync_AColumnOfAnotherTypeThanTheFirstCallsRow_IsStillRead()
    {
        var batch = new StatementBatch("SELECT @n AS N;", results: 1);
        var read = new List<long>();
        foreach (var n in new object[] { 3L, 4.0, 5L })
        {
            await using var connection = await Db.OpenAsync();
            await using var results = await batch.ReadAsync(connection, new { n }, CancellationToken.None);
            read.Add((await results.ReadSingleAsync<Figure>()).N);
        }

        Assert.That(read, Is.EqualTo(new[] { 3L, 4L, 5L }), "a parser made for an integer column reading a real (4.0) would fail to cast it");
    }
}
