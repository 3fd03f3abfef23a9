using Npq.Core.Text;

namespace Npq.Tests.Core.Text;

/// <summary><c>[[statement-id]]</c> through the one safe markdown pipeline: a link and a tooltip for known ids, plain text otherwise, never markup from the statement.</summary>
public sealed class StatementLinkMarkdownTests
{
    private static StatementLink? Known(string id) => id.ToLowerInvariant() switch
    {
        "sc-lt-1" => new StatementLink("/frameworks/npqsl/school-culture#sc-lt-1", "High-quality teaching has a long-term positive effect."),
        "evil-1" => new StatementLink("/frameworks/npqsl/evil#evil-1", "<script>alert(1)</script><img src=x onerror=alert(2)> \" onmouseover=\"x"),
        "js-1" => new StatementLink("javascript:alert(1)", "Looks fine"),
        _ => null,
    };

    [Test]
    public void KnownId_RendersALinkToTheStatement_DescribedByItsText()
    {
        var document = Html.Parse(SafeMarkdown.ToHtml("See [[sc-lt-1]] and **more**.", Known, "post-7"));
        var link = document.QuerySelector("a.statement-link")!;
        var tip = document.QuerySelector("span.statement-tip")!;

        Assert.Multiple(() =>
        {
            Assert.That(link.GetAttribute("href"), Is.EqualTo("/frameworks/npqsl/school-culture#sc-lt-1"));
            Assert.That(link.TextContent, Is.EqualTo("sc-lt-1"));
            Assert.That(link.GetAttribute("aria-describedby"), Is.EqualTo("post-7-st-1"));
            Assert.That(tip.Id, Is.EqualTo("post-7-st-1"));
            Assert.That(tip.GetAttribute("role"), Is.EqualTo("tooltip"));
            Assert.That(tip.TextContent, Is.EqualTo("High-quality teaching has a long-term positive effect."));
            Assert.That(document.QuerySelector("strong")!.TextContent, Is.EqualTo("more"));
        });
    }

    [Test]
    public void TwoLinks_GetTheirOwnTooltipIds()
    {
        var document = Html.Parse(SafeMarkdown.ToHtml("[[sc-lt-1]] then [[SC-LT-1]]", Known, "post-8"));

        Assert.That(document.QuerySelectorAll("a.statement-link").Select(a => a.GetAttribute("aria-describedby")), Is.EqualTo(new[] { "post-8-st-1", "post-8-st-2" }));
        Assert.That(document.QuerySelectorAll("span.statement-tip").Select(s => s.Id), Is.EqualTo(new[] { "post-8-st-1", "post-8-st-2" }));
    }

    [Test]
    public void UnknownIds_NoResolver_AndUnsafeTargets_StayPlainText()
    {
        var unknown = SafeMarkdown.ToHtml("About [[no-such-id]].", Known, "p");
        var noResolver = SafeMarkdown.ToHtml("About [[sc-lt-1]].");
        var unsafeTarget = SafeMarkdown.ToHtml("About [[js-1]].", Known, "p");

        Assert.Multiple(() =>
        {
            Assert.That(unknown, Is.EqualTo("<p>About [[no-such-id]].</p>\n"));
            Assert.That(noResolver, Is.EqualTo("<p>About [[sc-lt-1]].</p>\n"));
            Assert.That(unsafeTarget, Does.Not.Contain("<a").And.Not.Contain("javascript"));
        });
    }

    [Test]
    public void StatementText_WithMarkup_IsText_NeverElementsOrAttributes()
    {
        var html = SafeMarkdown.ToHtml("[[evil-1]]", Known, "post-9");
        var document = Html.Parse(html);

        Assert.Multiple(() =>
        {
            Assert.That(document.QuerySelectorAll("script, img"), Is.Empty);
            Assert.That(document.QuerySelectorAll("[onmouseover], [onerror]"), Is.Empty);
            Assert.That(document.QuerySelector("span.statement-tip")!.TextContent, Does.StartWith("<script>alert(1)</script>"));
        });
    }

    [Test]
    public void UserMarkdown_CannotForgeTheTooltipsClassesIdsOrRoles()
    {
        var html = SafeMarkdown.ToHtml("<span class=\"statement-tip\" id=\"x\" role=\"tooltip\">fake</span> [a](/b){.statement-link} [[text]](/c)", Known, "p");
        var document = Html.Parse(html);

        Assert.Multiple(() =>
        {
            Assert.That(document.QuerySelectorAll(".statement-tip, .statement-link, [role], [id], [aria-describedby]"), Is.Empty);
            Assert.That(document.QuerySelector("a[href='/c']")!.TextContent, Is.EqualTo("[text]"), "a link whose text has brackets is still a link");
        });
    }
}
