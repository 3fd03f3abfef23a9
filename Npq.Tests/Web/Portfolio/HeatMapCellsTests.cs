using AngleSharp.Html.Parser;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Evidence;

namespace Npq.Tests.Web.Portfolio;

public sealed class HeatMapCellsTests
{
    private static Statement S(string number) => new("s" + number, StatementKind.LearnThat, number, "Text", "", "culture", null, []);

    private static string Render(AreaCoverage area)
    {
        using var writer = new StringWriter();
        HeatMapCells.For(area).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    [Test]
    public void EachStatement_IsOneSquare_InOrder_ShadedByItsEvidence_CappedAtThree_TitledWithItsNumberAndCount()
    {
        var area = new AreaCoverage(new Area("culture", "Culture", 1, [], []),
            [new StatementCoverage(S("1.1"), 0), new StatementCoverage(S("1.2"), 1), new StatementCoverage(S("2"), 2), new StatementCoverage(S("2a"), 7)]);

        var html = Render(area);

        Assert.That(html, Is.EqualTo(
            "<span class=\"heat heat-0\" title=\"1.1: 0\"></span><span class=\"heat heat-1\" title=\"1.2: 1\"></span>"
            + "<span class=\"heat heat-2\" title=\"2: 2\"></span><span class=\"heat heat-3\" title=\"2a: 7\"></span>"));
        var squares = new HtmlParser().ParseDocument("<div>" + html + "</div>").QuerySelectorAll("span.heat");
        Assert.That(squares.Select(s => s.GetAttribute("title")), Is.EqualTo(new[] { "1.1: 0", "1.2: 1", "2: 2", "2a: 7" }));
    }

    [Test]
    public void AStatementNumber_IsEncoded_SoContentCannotOpenAnElementOrLeaveTheAttribute()
    {
        var area = new AreaCoverage(new Area("culture", "Culture", 1, [], []), [new StatementCoverage(S("1\"><script>x</script>"), 1)]);

        var html = Render(area);

        Assert.That(html, Does.Not.Contain("<script>"));
        var squares = new HtmlParser().ParseDocument("<div>" + html + "</div>").QuerySelectorAll("div > *");
        Assert.That(squares, Has.Length.EqualTo(1));
        Assert.That(squares[0].GetAttribute("title"), Is.EqualTo("1\"><script>x</script>: 1"));
    }

    [Test]
    public void AFrameworksArea_ShownAgainWithOtherCounts_IsWrittenFromItsKeptMarkup_WithEachRequestsCounts()
    {
        Statement[] statements = [S("1.1"), S("1.2"), S("2"), S("2\"<b>")];
        var area = new Area("culture", "Culture", 1, statements, []);
        AreaCoverage Counted(params int[] counts) => new(area, [.. statements.Select((s, i) => new StatementCoverage(s, counts[i]))]);

        var first = Render(Counted(0, 1, 2, 7));
        var second = Render(Counted(3, 0, 12, 1));

        Assert.That(first, Is.EqualTo(
            "<span class=\"heat heat-0\" title=\"1.1: 0\"></span><span class=\"heat heat-1\" title=\"1.2: 1\"></span>"
            + "<span class=\"heat heat-2\" title=\"2: 2\"></span><span class=\"heat heat-3\" title=\"2&quot;&lt;b&gt;: 7\"></span>"));
        var squares = new HtmlParser().ParseDocument("<div>" + second + "</div>").QuerySelectorAll("div > *");
        Assert.That(squares.Select(s => (s.ClassName, s.GetAttribute("title"))), Is.EqualTo(new[]
        {
            ("heat heat-3", "1.1: 3"), ("heat heat-0", "1.2: 0"), ("heat heat-3", "2: 12"), ("heat heat-1", "2\"<b>: 1"),
        }));
    }

    [Test]
    public void AnAreasStatements_InAnotherOrderThanTheFrameworks_AreStillEachTheirOwnSquare()
    {
        Statement[] statements = [S("1.1"), S("1.2")];
        var area = new Area("culture", "Culture", 1, statements, []);
        Render(new AreaCoverage(area, [new StatementCoverage(statements[0], 1), new StatementCoverage(statements[1], 0)]));

        var html = Render(new AreaCoverage(area, [new StatementCoverage(statements[1], 2)]));

        Assert.That(html, Is.EqualTo("<span class=\"heat heat-2\" title=\"1.2: 2\"></span>"));
    }

    [Test]
    public void AnAreaWithNoStatements_HasNoSquares() =>
        Assert.That(Render(new AreaCoverage(new Area("culture", "Culture", 1, [], []), [])), Is.Empty);
}
