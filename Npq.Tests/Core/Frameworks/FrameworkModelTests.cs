using Npq.Core.Frameworks;

namespace Npq.Tests.Core.Frameworks;

public sealed class FrameworkModelTests
{
    private static Statement S(string id, params Statement[] children) => new(id, children.Length > 0 ? StatementKind.LearnHow : StatementKind.LearnThat, id, id, id, "a", null, children);

    [Test]
    public void AnArea_ListsItsStatements_InReadingOrder_EachHeadingBeforeItsBullets()
    {
        var area = new Area("a", "A", 1, [S("lt-1"), S("lt-2")], [S("lh-1", S("lh-1a"), S("lh-1b")), S("lh-2")]);

        Assert.That(area.AllStatements.Select(s => s.Id), Is.EqualTo(new[] { "lt-1", "lt-2", "lh-1", "lh-1a", "lh-1b", "lh-2" }));
    }

    [Test]
    public void AFramework_ListsEachStatementIdOnce_InAnyCase_InReadingOrder()
    {
        var framework = new Framework("x", "X", [new Area("a", "A", 1, [S("lt-1"), S("LT-2")], []), new Area("b", "B", 2, [S("lt-2"), S("lt-3")], [])]);

        Assert.That(framework.StatementIds, Is.EqualTo(new[] { "lt-1", "LT-2", "lt-3" }));
        Assert.That(framework.FindStatement("Lt-2")!.Id, Is.EqualTo("LT-2"), "the first of the ids that differ only in case is the one found");
    }
}
