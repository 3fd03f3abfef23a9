namespace Npq.Tests.Web.Discussions;

/// <summary>Links to framework statements by id in posts, through the one safe pipeline, with the cohort's framework's words.</summary>
public sealed partial class DiscussionPagesTests
{
    [Test]
    public async Task StatementId_InAPost_LinksToTheStatementOnItsFrameworkPage_WithItsTextAsTheDescription()
    {
        var general = (await TopicsAsync())["General"];
        var eli = await PosterAsync("Eli");
        var thread = await StartThreadAsync(eli, general, "Expectations", "This is about [[sc-lt-1]], not [[zz-no-such-9]].");

        var page = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}"));
        var body = page.QuerySelector(".post .post-body")!;
        var link = body.QuerySelector("a.statement-link")!;
        var tip = page.GetElementById(link.GetAttribute("aria-describedby")!);
        Assert.Multiple(() =>
        {
            Assert.That(link.GetAttribute("href"), Is.EqualTo("/frameworks/npqsl/school-culture#sc-lt-1"));
            Assert.That(tip, Is.Not.Null);
            Assert.That(tip!.ClassList.Contains("statement-tip") && tip.GetAttribute("role") == "tooltip", Is.True);
            Assert.That(tip.TextContent, Does.StartWith("High-quality teaching has a long-term positive effect"));
            Assert.That(body.QuerySelectorAll("a.statement-link"), Has.Length.EqualTo(1), "an unknown id is not a link");
            Assert.That(body.TextContent, Does.Contain("[[zz-no-such-9]]"));
        });
    }
}
