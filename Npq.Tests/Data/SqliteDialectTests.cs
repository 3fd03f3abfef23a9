using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;
using SQLitePCL;

namespace Npq.Tests.Data;

/// <summary>
/// SQLite's dialect as the engine runs it: a paged statement, kept compiled by a read connection, must stay compiled
/// when its page is bound again, or every paged list is parsed and planned on every request.
/// </summary>
public sealed class SqliteDialectTests
{
    private const int Reprepared = 5; // SQLITE_STMTSTATUS_REPREPARE

    private readonly SqliteDialect _dialect = new();
    private SqliteConnection _connection = null!;

    [SetUp]
    public void Open()
    {
        SqliteEngine.Configure();
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE People (Id INTEGER PRIMARY KEY, Team INTEGER NOT NULL, Name TEXT NOT NULL);
            CREATE INDEX IX_People_Team ON People (Team, Name);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
            INSERT INTO People (Id, Team, Name) SELECT i, i % 2, printf('Person %02d', i) FROM n;
            ANALYZE;
            """;
        command.ExecuteNonQuery();
    }

    [TearDown]
    public void Close() => _connection.Dispose();

    [Test]
    public void ATextLiteral_HasItsQuotesDoubled_AndSqliteReadsItBackAsWritten()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT " + _dialect.TextLiteral("o'clock') OR ('1' = '1") + ", " + _dialect.TextLiteral("été");

        using var reader = command.ExecuteReader();
        Assert.That(reader.Read(), Is.True);
        Assert.That((reader.GetString(0), reader.GetString(1)), Is.EqualTo(("o'clock') OR ('1' = '1", "été")));
        Assert.That(new SqlServerDialect().TextLiteral("o'clock"), Is.EqualTo("N'o''clock'"), "SQL Server's as Unicode text");
    }

    [Test]
    public void APage_BoundAgainForAnotherPage_IsNotCompiledAgain_AndReadsThatPage()
    {
        var sql = "SELECT Name FROM People WHERE Team = @team ORDER BY Name" + _dialect.Page;

        var (pages, reprepared) = Run(sql, [(1, 0, 5), (1, 5, 5), (0, 25, 3)]);

        Assert.Multiple(() =>
        {
            Assert.That(pages[0], Is.EqualTo(new[] { "Person 01", "Person 03", "Person 05", "Person 07", "Person 09" }));
            Assert.That(pages[1], Is.EqualTo(new[] { "Person 11", "Person 13", "Person 15", "Person 17", "Person 19" }));
            Assert.That(pages[2], Is.EqualTo(new[] { "Person 52", "Person 54", "Person 56" }));
            Assert.That(reprepared, Is.Zero, "the statement was compiled again when its page was bound");
        });
    }

    [Test]
    public void ACountThatStops_BoundAgain_IsNotCompiledAgain_AndStopsAtItsLimit()
    {
        var sql = _dialect.CountUpTo("FROM People WHERE Team = @team", "@Take");

        var (counts, reprepared) = Run(sql, [(1, 0, 10), (1, 0, 100), (0, 0, 7)]);

        Assert.Multiple(() =>
        {
            Assert.That(counts.Select(c => c.Single()), Is.EqualTo(new[] { "10", "30", "7" }));
            Assert.That(reprepared, Is.Zero, "the count was compiled again when its limit was bound");
        });
    }

    [Test]
    public void TheEngine_CompilesABareLimitParameterAgainOnEveryBinding_WhichIsWhatThePlusAvoids()
    {
        // The engine's behaviour the dialect works around: should a later SQLite stop doing this, the plus can go.
        var (_, reprepared) = Run("SELECT Name FROM People WHERE Team = @team ORDER BY Name LIMIT @Take OFFSET @Skip", [(1, 0, 5), (1, 5, 5)]);

        Assert.That(reprepared, Is.EqualTo(2));
    }

    /// <summary>Runs one prepared statement once per binding (team, skip, take), as a kept statement is run, and says
    /// what each run read and how often SQLite compiled the statement again.</summary>
    private (List<string[]> Runs, int Reprepared) Run(string sql, (int Team, int Skip, int Take)[] bindings)
    {
        var db = _connection.Handle!;
        Assert.That(raw.sqlite3_prepare_v2(db, sql, out sqlite3_stmt statement), Is.EqualTo(raw.SQLITE_OK), raw.sqlite3_errmsg(db).utf8_to_string());
        using (statement)
        {
            var runs = new List<string[]>();
            foreach (var (team, skip, take) in bindings)
            {
                Bind(statement, "@team", team);
                Bind(statement, "@Skip", skip);
                Bind(statement, "@Take", take);
                var rows = new List<string>();
                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                    rows.Add(raw.sqlite3_column_text(statement, 0).utf8_to_string());
                }

                runs.Add([.. rows]);
                raw.sqlite3_reset(statement);
                raw.sqlite3_clear_bindings(statement);
            }

            return (runs, raw.sqlite3_stmt_status(statement, Reprepared, 0));
        }
    }

    /// <summary>Binds the parameter when the statement has it (a stopping count has no @Skip).</summary>
    private static void Bind(sqlite3_stmt statement, string name, int value)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, name);
        if (index > 0)
        {
            raw.sqlite3_bind_int(statement, index, value);
        }
    }
}
