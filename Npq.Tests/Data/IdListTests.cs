using Dapper;
using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data;

/// <summary>
/// Lists of values in SQL: written as one parameter each by Npq itself (<see cref="IdList.Parameters{T}"/>), not left
/// to Dapper's search of the SQL on every run; the rows read are the ones Dapper's "IN @list" reads.
/// </summary>
public sealed class IdListTests
{
    private SqliteConnection _connection = null!;

    [SetUp]
    public void Open()
    {
        SqliteEngine.Configure();
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        _connection.Execute("""
            CREATE TABLE People (Id INTEGER PRIMARY KEY, Name TEXT NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
            INSERT INTO People (Id, Name) SELECT i, printf('Person %02d', i) FROM n;
            """);
    }

    [TearDown]
    public void Close() => _connection.Dispose();

    [Test]
    public void Parameters_NameEachValue_InTheListsOrder()
    {
        var parameters = new DynamicParameters();

        var text = IdList.Parameters("ids", new[] { 7, 3, 12 }, parameters);

        Assert.That(text, Is.EqualTo("(@ids0, @ids1, @ids2)"));
        Assert.That(parameters.ParameterNames, Is.EqualTo(new[] { "ids0", "ids1", "ids2" }));
        Assert.That(parameters.Get<int>("ids1"), Is.EqualTo(3));
    }

    [TestCase(new int[0])]
    [TestCase(new[] { 5 })]
    [TestCase(new[] { 40, 1, 17, 99 })]
    public void AList_ReadsTheRowsDappersOwnExpansionReads_InAndNotIn(int[] ids)
    {
        var parameters = new DynamicParameters();
        var list = IdList.Parameters("ids", ids, parameters);

        var ours = _connection.Query<long>($"SELECT Id FROM People WHERE Id IN {list} ORDER BY Id", parameters).ToList();
        var oursNot = _connection.Query<long>($"SELECT Id FROM People WHERE Id NOT IN {list} ORDER BY Id", parameters).ToList();
        var dappers = _connection.Query<long>("SELECT Id FROM People WHERE Id IN @ids ORDER BY Id", new { ids }).ToList();
        var dappersNot = _connection.Query<long>("SELECT Id FROM People WHERE Id NOT IN @ids ORDER BY Id", new { ids }).ToList();

        Assert.That(ours, Is.EqualTo(dappers));
        Assert.That(oursNot, Is.EqualTo(dappersNot));
        Assert.That(ours.Count + oursNot.Count, Is.EqualTo(40));
    }

    [Test]
    public void In_AFewIds_GoAsParameters_ManyAsOneJsonArray()
    {
        var few = new DynamicParameters();
        var many = new DynamicParameters();

        var fewText = IdList.In(new SqliteDialect(), "p.Id", "ids", [2, 4], few);
        var manyText = IdList.In(new SqliteDialect(), "p.Id", "ids", Enumerable.Range(1, IdList.MostAsParameters + 1).ToList(), many);

        Assert.That(fewText, Is.EqualTo("p.Id IN (@ids0, @ids1)"));
        Assert.That(few.ParameterNames, Is.EqualTo(new[] { "ids0", "ids1" }));
        Assert.That(many.ParameterNames, Is.EqualTo(new[] { "ids" }));
        Assert.That(_connection.Query<long>($"SELECT p.Id FROM People p WHERE {manyText} ORDER BY p.Id", many), Is.EqualTo(Enumerable.Range(1, 17).Select(i => (long)i)));
    }
}
