using Npq.Core.Frameworks;

namespace Npq.Tests.Core.Frameworks;

public sealed class FrameworkParserTests
{
    private const string GoodArea = """
        ---
        slug: school-culture
        title: School Culture
        order: 1
        ---

        # School Culture

        ## Learn that…

        1. High-quality teaching has a *long-term* positive effect. {#sc-lt-1}
        2. Teacher expectations can affect pupil outcomes. {#sc-lt-2}

        ## Learn how to…

        ### Contribute to the school’s strategic direction, including by: {#sc-lh-1}

        - Ensuring the strategic direction sets ambitious standards. {#sc-lh-1a}
        - Understanding and promoting the strategic direction. {#sc-lh-1b}
        """;

    private static FrameworkParseResult ParseOne(string markdown, string name = "01-area.md") =>
        FrameworkParser.Parse("npqsl", [new ContentFile(name, markdown)]);

    [Test]
    public void Parse_WellFormedArea_ReadsStatementsWithTheirIds()
    {
        var result = ParseOne(GoodArea);

        Assert.That(result.Problems, Is.Empty);
        var area = result.Framework.Areas.Single();
        Assert.Multiple(() =>
        {
            Assert.That(area.Slug, Is.EqualTo("school-culture"));
            Assert.That(area.Title, Is.EqualTo("School Culture"));
            Assert.That(area.LearnThat.Select(s => s.Id), Is.EqualTo(new[] { "sc-lt-1", "sc-lt-2" }));
            Assert.That(area.LearnThat[0].Number, Is.EqualTo("1"));
            Assert.That(area.LearnThat[0].Text, Is.EqualTo("High-quality teaching has a long-term positive effect."));
            Assert.That(area.LearnThat[0].Html, Does.Contain("<em>long-term</em>"));
            Assert.That(area.LearnHow.Single().Id, Is.EqualTo("sc-lh-1"));
            Assert.That(area.LearnHow.Single().Text, Does.StartWith("Contribute to the school’s"));
            Assert.That(area.LearnHow.Single().Children.Select(c => c.Id), Is.EqualTo(new[] { "sc-lh-1a", "sc-lh-1b" }));
            Assert.That(area.LearnHow.Single().Children[0].ParentId, Is.EqualTo("sc-lh-1"));
        });
    }

    [Test]
    public void Parse_StatementsReordered_KeepTheirIds()
    {
        var reordered = GoodArea
            .Replace("1. High-quality teaching has a *long-term* positive effect. {#sc-lt-1}", "1. Teacher expectations matter a great deal. {#sc-lt-2}")
            .Replace("2. Teacher expectations can affect pupil outcomes. {#sc-lt-2}", "2. High-quality teaching has a lasting effect. {#sc-lt-1}");

        var framework = ParseOne(reordered).Framework;

        Assert.That(framework.FindStatement("sc-lt-1")!.Text, Is.EqualTo("High-quality teaching has a lasting effect."));
        Assert.That(framework.FindStatement("sc-lt-1")!.Number, Is.EqualTo("2"));
    }

    [Test]
    public void Parse_MissingId_IsAProblem()
    {
        var result = ParseOne(GoodArea.Replace(" {#sc-lt-2}", string.Empty));

        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("has no id"));
    }

    [Test]
    public void Parse_DuplicateIdAcrossFiles_IsAProblem()
    {
        var second = GoodArea.Replace("slug: school-culture", "slug: teaching").Replace("order: 1", "order: 2")
            .Replace("{#sc-lt-2}", "{#te-lt-2}").Replace("{#sc-lh-1}", "{#te-lh-1}").Replace("{#sc-lh-1a}", "{#te-lh-1a}").Replace("{#sc-lh-1b}", "{#te-lh-1b}");

        var result = FrameworkParser.Parse("npqsl", [new ContentFile("01.md", GoodArea), new ContentFile("02.md", second)]);

        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("id sc-lt-1 is used 2 times"));
    }

    [Test]
    public void Parse_EmptyStatement_IsAProblem()
    {
        var result = ParseOne(GoodArea.Replace("Teacher expectations can affect pupil outcomes. {#sc-lt-2}", "{#sc-lt-2}"));

        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("sc-lt-2 is empty"));
    }

    [Test]
    public void Parse_AreaWithNoStatements_IsAProblem()
    {
        var result = ParseOne("---\nslug: empty\ntitle: Empty\norder: 3\n---\n\n# Empty\n");

        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("has no statements"));
    }

    [TestCase("High-quality *teaching has an effect.", "unbalanced * (emphasis)")]
    [TestCase("High-quality **teaching has an effect.", "unbalanced ** (bold)")]
    [TestCase("High-quality [teaching has an effect.", "unbalanced [ ]")]
    [TestCase("High-quality (teaching has an effect.", "unbalanced ( )")]
    [TestCase("High-quality `teaching has an effect.", "unbalanced ` (code)")]
    [TestCase("High-quality <b>teaching</b> has an effect.", "raw HTML is not rendered")]
    public void Parse_UnbalancedMarkup_IsAProblem(string text, string expected)
    {
        var result = ParseOne(GoodArea.Replace("Teacher expectations can affect pupil outcomes.", text));

        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains(expected));
    }

    [Test]
    public void Parse_StatementCutMidSentence_IsAProblemUnlessListedAsAKnownGap()
    {
        var cut = GoodArea.Replace("Teacher expectations can affect pupil outcomes.", "Teacher expectations can affect pupil");
        const string gaps = "# Gaps\n\n## Gaps kept as in the source\n\n| Id | Text |\n| --- | --- |\n| sc-lt-2 | “…pupil” |\n";

        var unacknowledged = ParseOne(cut);
        var acknowledged = FrameworkParser.Parse("npqsl", [new ContentFile("01.md", cut), new ContentFile(FrameworkParser.KnownGapsFile, gaps)]);

        Assert.That(unacknowledged.Problems.Select(p => p.Message), Has.Some.Contains("sc-lt-2 looks cut mid-sentence"));
        Assert.That(acknowledged.Problems, Is.Empty);
    }

    [Test]
    public void Parse_RawHtmlAndScriptLinksInContent_AreNotRendered()
    {
        var result = ParseOne(GoodArea.Replace("Teacher expectations can affect pupil outcomes.", "See [this](javascript:alert(1)) and <script>alert(1)</script>."));

        var html = result.Framework.FindStatement("sc-lt-2")!.Html;
        Assert.That(html, Does.Not.Contain("<script"));
        Assert.That(html, Does.Not.Contain("javascript:"));
    }

    [Test]
    public void Parse_ParagraphOutsideAList_IsAProblemSoNothingIsSilentlyDropped()
    {
        var result = ParseOne(GoodArea.Replace("## Learn how to…", "A stray paragraph.\n\n## Learn how to…"));

        Assert.That(result.Problems.Select(p => p.Message), Has.Some.Contains("content outside a statement list"));
    }
}
