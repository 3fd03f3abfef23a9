using Dapper;

namespace Npq.Tests.Data;

// How a reader's commands bind the parameters Dapper gives them.
public sealed partial class SqliteConnectionFactoryTests
{
    [Test]
    public async Task AReader_BindsBareNames_ToTheAtNamesOfEveryStatement_AndNamesGivenWithAPrefix_AsGiven()
    {
        using var factory = await WithTableAsync(Factory());
        await using var reader = await factory.OpenAsync();
        await reader.ExecuteAsync("INSERT INTO T (X, D) VALUES (1, 'one'), (2, 'two'), (3, 'three')");

        using (var grid = await reader.QueryMultipleAsync("SELECT D FROM T WHERE X = @x; SELECT COUNT(*) FROM T WHERE X >= @x AND D <> @d", new { x = 2, d = "three" }))
        {
            Assert.That(await grid.ReadSingleAsync<string>(), Is.EqualTo("two"));
            Assert.That(await grid.ReadSingleAsync<long>(), Is.EqualTo(1L), "the second statement is bound too");
        }

        var prefixed = new DynamicParameters();
        prefixed.Add("$x", 3);
        Assert.That(await reader.QuerySingleAsync<string>("SELECT D FROM T WHERE X = $x", prefixed), Is.EqualTo("three"));
        Assert.That(await reader.QuerySingleAsync<string>("SELECT D FROM T WHERE X = @x", new Dictionary<string, object> { ["@x"] = 1 }), Is.EqualTo("one"));
    }
}
