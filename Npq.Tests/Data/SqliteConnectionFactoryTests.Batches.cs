using Dapper;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

/// <summary>A reader's command of several statements reads in one transaction (KeptReadCommand).</summary>
public sealed partial class SqliteConnectionFactoryTests
{
    [Test]
    public async Task AReadOfSeveralStatements_SeesOneMomentOfTheDatabase_AndLeavesTheReaderClean()
    {
        using var factory = await WithTableAsync(Factory());
        await using (var setup = await factory.OpenForWriteAsync())
        {
            await setup.ExecuteAsync("INSERT INTO T (X) VALUES (1), (2)");
        }

        const string twice = "SELECT COUNT(*) FROM T; SELECT COUNT(*) FROM T;";
        await using (var connection = await factory.OpenAsync())
        {
            await using var grid = await connection.QueryMultipleAsync(twice);
            var before = await grid.ReadSingleAsync<long>();
            await using (var writer = await factory.OpenForWriteAsync())
            {
                await writer.ExecuteAsync("INSERT INTO T (X) VALUES (3)");
            }

            Assert.That(await grid.ReadSingleAsync<long>(), Is.EqualTo(before).And.EqualTo(2),
                "the second statement reads the moment the first read, not the row written between them");
        }

        Assert.That(factory.IdleReaders, Is.EqualTo(1), "the transaction ended with the command: the reader is kept");
        await using (var next = await factory.OpenAsync())
        {
            Assert.That(SQLitePCL.raw.sqlite3_get_autocommit(((ReaderConnection)next).Handle), Is.EqualTo(1), "no transaction left open");
            await using var grid = await next.QueryMultipleAsync(twice);
            Assert.That((await grid.ReadSingleAsync<long>(), await grid.ReadSingleAsync<long>()), Is.EqualTo((3L, 3L)), "the next read sees the write");
        }
    }

    [Test]
    public async Task AReadOfSeveralStatements_ThroughDapperReaderNeverDisposed_EndsItsTransactionWhenTheReaderCloses()
    {
        using var factory = await WithTableAsync(Factory());
        await using (var connection = await factory.OpenAsync())
        {
            // Dapper's wrapped reader closes the SQLite reader but never disposes the command that began the transaction.
            await using (var reader = await connection.ExecuteReaderAsync("SELECT 1; SELECT 2;"))
            {
                Assert.That(await reader.ReadAsync(), Is.True);
            }

            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT 3"), Is.EqualTo(3));
        }

        Assert.That(factory.IdleReaders, Is.EqualTo(1), "the connection is given back clean and kept");
    }

    [Test]
    public async Task AnotherReadMadeWhileABatchIsRead_ReadsTheBatchsMoment_AndBothEnd()
    {
        using var factory = await WithTableAsync(Factory());
        await using (var setup = await factory.OpenForWriteAsync())
        {
            await setup.ExecuteAsync("INSERT INTO T (X) VALUES (1)");
        }

        await using (var connection = await factory.OpenAsync())
        {
            await using (var grid = await connection.QueryMultipleAsync("SELECT COUNT(*) FROM T; SELECT COUNT(*) FROM T;"))
            {
                Assert.That(await grid.ReadSingleAsync<long>(), Is.EqualTo(1));
                await using (var writer = await factory.OpenForWriteAsync())
                {
                    await writer.ExecuteAsync("INSERT INTO T (X) VALUES (2)");
                }

                Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T"), Is.EqualTo(1), "inside the batch's transaction");
                Assert.That(await grid.ReadSingleAsync<long>(), Is.EqualTo(1));
            }

            Assert.That(SQLitePCL.raw.sqlite3_get_autocommit(((ReaderConnection)connection).Handle), Is.EqualTo(1), "ended with the batch");
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM T"), Is.EqualTo(2), "the next read sees the write");
        }

        Assert.That(factory.IdleReaders, Is.EqualTo(1), "given back clean");
    }

    [Test]
    public async Task AReadOfSeveralStatements_InsideTheCallersTransaction_JoinsIt()
    {
        using var factory = await WithTableAsync(Factory());
        await using var connection = await factory.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var grid = await connection.QueryMultipleAsync("SELECT 1; SELECT 2;", transaction: transaction))
        {
            Assert.That((await grid.ReadSingleAsync<long>(), await grid.ReadSingleAsync<long>()), Is.EqualTo((1L, 2L)));
        }

        Assert.That(SQLitePCL.raw.sqlite3_get_autocommit(((ReaderConnection)connection).Handle), Is.Zero, "the caller's transaction is still open");
        await transaction.CommitAsync();
    }

    [Test]
    public async Task AReadOfSeveralStatements_BeginsAndCommits_OnStatementsTheConnectionCompiledOnce()
    {
        using var factory = Factory();
        SQLitePCL.sqlite3_stmt? firstBegin = null;
        for (var read = 0; read < 3; read++)
        {
            await using var connection = await factory.OpenAsync();
            if (read == 0)
            {
                // SQLitePCL lists a connection's compiled statements only when asked to before any are compiled.
                ((ReaderConnection)connection).Handle!.enable_sqlite3_next_stmt(true);
            }

            await using (var grid = await connection.QueryMultipleAsync("SELECT 1; SELECT 2;"))
            {
                Assert.That((await grid.ReadSingleAsync<long>(), await grid.ReadSingleAsync<long>()), Is.EqualTo((1L, 2L)));
            }

            var handle = ((ReaderConnection)connection).Handle!;
            var compiled = Compiled(handle);
            Assert.That(compiled.Count(s => s.Sql == "BEGIN"), Is.EqualTo(1), $"read {read + 1}: one BEGIN kept, not one per read");
            Assert.That(compiled.Count(s => s.Sql == "COMMIT"), Is.EqualTo(1), $"read {read + 1}: one COMMIT kept");
            var begin = compiled.Single(s => s.Sql == "BEGIN").Statement;
            firstBegin ??= begin;
            Assert.That(begin.DangerousGetHandle(), Is.EqualTo(firstBegin.DangerousGetHandle()), "the same compiled BEGIN on every read");
            Assert.That(SQLitePCL.raw.sqlite3_get_autocommit(handle), Is.EqualTo(1), "each read's transaction ended with it");
        }

        Assert.That(factory.IdleReaders, Is.EqualTo(1));

        static List<(string Sql, SQLitePCL.sqlite3_stmt Statement)> Compiled(SQLitePCL.sqlite3 handle)
        {
            var found = new List<(string, SQLitePCL.sqlite3_stmt)>();
            for (var statement = SQLitePCL.raw.sqlite3_next_stmt(handle, null); statement is not null && !statement.IsInvalid;
                 statement = SQLitePCL.raw.sqlite3_next_stmt(handle, statement))
            {
                found.Add((SQLitePCL.raw.sqlite3_sql(statement).utf8_to_string(), statement));
            }

            return found;
        }
    }

    [TestCase("SELECT 1", false)]
    [TestCase("SELECT 1;", false)]
    [TestCase("SELECT 1; \n ;\t", false)]
    [TestCase("SELECT 1; SELECT 2", true)]
    [TestCase("SELECT 1;\nSELECT 2;", true)]
    public void ReadsSeveral_CountsTheStatementsAfterTheFirst(string sql, bool several) =>
        Assert.That(KeptReadCommand.ReadsSeveral(sql), Is.EqualTo(several));
}
