using Npq.Data.Accounts;

namespace Npq.Tests.Data.Accounts;

/// <summary>
/// The invite form's school search on SQLite (issue 23) reads a bounded number of rows whatever the number of schools:
/// the URN is a seek, a name prefix a range of IX_Schools_Name_NoCase (migration 0031) read in the results' order, and
/// names containing the query walk that index in order, stopping at the last row needed (no sort of every match).
/// </summary>
public sealed class SchoolSearchPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    private Task<List<string>> PlanAsync(string sql, object? parameters = null) => QueryPlan.OfAsync(Db, sql, parameters);

    [Test]
    public async Task ANamePrefix_IsARangeOfTheCaseIgnoringNameIndex_InOrder()
    {
        var plan = await PlanAsync(UserRepository.PrefixSql(Db.Dialect), new { prefix = Db.Dialect.EscapeLike("oak_") + "%", Skip = 0, Take = 21 });

        Assert.That(plan, Has.Some.Contains("USING INDEX IX_Schools_Name_NoCase (Name>? AND Name<?)"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN").And.None.Contains("TEMP B-TREE"), string.Join("\n", plan));
    }

    [Test]
    public async Task AUrn_IsASeek()
    {
        var plan = await PlanAsync(UserRepository.UrnSql(Db.Dialect), new { urn = "123456", Skip = 0, Take = 21 });

        Assert.That(plan, Has.Some.Contains("USING INDEX IX_Schools_Urn (Urn=?)"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("SCAN"), string.Join("\n", plan));
    }

    [Test]
    public async Task NamesContainingTheQuery_WalkTheNameIndexInOrder_WithoutSortingEveryMatch()
    {
        var plan = await PlanAsync(UserRepository.ContainsSql(Db.Dialect), new { prefix = "oak%", pattern = "oak", Skip = 0, Take = 21 });

        Assert.That(plan, Has.Some.Contains("SCAN Schools USING INDEX IX_Schools_Name_NoCase"), string.Join("\n", plan));
        Assert.That(plan, Has.None.Contains("TEMP B-TREE"), string.Join("\n", plan));
    }
}

/// <summary>The school search's three statements as SQL Server receives them, through its parser and TSqlCheck's rules.</summary>
public sealed class SchoolSearchSqlServerTests
{
    [Test]
    public void TheThreeStatements_ParseAsSqlServer_AndUseTheNameAsItsCollationOrdersIt()
    {
        var dialect = new Npq.Data.Infrastructure.SqlServerDialect();
        var bits = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        foreach (var sql in new[] { UserRepository.UrnSql(dialect), UserRepository.PrefixSql(dialect), UserRepository.ContainsSql(dialect) })
        {
            Assert.That(Npq.Tests.Data.SqlServerSql.TSqlCheck.Problems(sql, bits), Is.Empty, sql);
            Assert.That(sql, Does.Contain("ORDER BY Name, Country, Id OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY").And.Not.Contains("NOCASE"), sql);
        }
    }

    [TestCase("50%_[x]\\", "50\\%\\_\\[x]\\\\")]
    [TestCase("plain", "plain")]
    public void SqlServer_EscapesTheBracketToo(string typed, string escaped)
    {
        Assert.That(new Npq.Data.Infrastructure.SqlServerDialect().EscapeLike(typed), Is.EqualTo(escaped));
        Assert.That(new Npq.Data.Infrastructure.SqliteDialect().EscapeLike(typed), Is.EqualTo(escaped.Replace("\\[", "[", StringComparison.Ordinal)), "SQLite's LIKE has no brackets");
    }
}
