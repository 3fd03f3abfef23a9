using AngleSharp.Dom;
using Npq.Core.Text;

namespace Npq.Tests.Core.Text;

/// <summary>An XSS corpus through the one markdown pipeline: nothing executable may come out.</summary>
public sealed class SafeMarkdownTests
{
    public static readonly string[] XssCorpus =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](vbscript:msgbox(1))",
        "[click](VBScript:msgbox(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![img](javascript:alert(1))",
        "![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "[x](  javascript:alert(1)  )",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "<iframe src=javascript:alert(1)></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<a href=x onmouseover=alert(1)>x</a>",
        "`<script>alert(1)</script>`",
        "<details open ontoggle=alert(1)>",
        "<form action=javascript:alert(1)><button>x</button></form>",
    ];

    [TestCaseSource(nameof(XssCorpus))]
    public void ToHtml_XssCorpus_LeavesNothingExecutable(string markdown)
    {
        var document = Html.Parse(SafeMarkdown.ToHtml(markdown));

        foreach (var element in document.All)
        {
            Assert.That(element.LocalName, Is.Not.AnyOf("script", "iframe", "object", "embed", "svg", "form", "style", "details"), markdown);
            foreach (var attribute in element.Attributes)
            {
                Assert.That(attribute.Name, Does.Not.StartWith("on"), markdown);
                Assert.That(attribute.Name, Is.Not.EqualTo("style"), markdown);
                if (attribute.Name is "href" or "src")
                {
                    var value = attribute.Value.Trim().ToLowerInvariant();
                    Assert.That(value, Does.Not.StartWith("javascript:").And.Not.StartWith("vbscript:").And.Not.StartWith("data:"), markdown);
                }
            }
        }
    }

    [Test]
    public void ToHtml_OrdinaryMarkdown_KeepsHeadingsListsEmphasisAndSafeLinks()
    {
        var html = SafeMarkdown.ToHtml("## Plan\n\n- *one*\n- **two**\n\n[DfE](https://www.gov.uk) and [mail](mailto:a@b.example) and [rel](/frameworks)");
        var document = Html.Parse(html);

        Assert.Multiple(() =>
        {
            Assert.That(document.QuerySelector("h2").Text(), Is.EqualTo("Plan"));
            Assert.That(document.QuerySelectorAll("li"), Has.Length.EqualTo(2));
            Assert.That(document.QuerySelector("em").Text(), Is.EqualTo("one"));
            Assert.That(document.QuerySelector("strong").Text(), Is.EqualTo("two"));
            Assert.That(document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")),
                Is.EqualTo(new[] { "https://www.gov.uk", "mailto:a@b.example", "/frameworks" }));
            Assert.That(document.QuerySelector("a")!.GetAttribute("rel"), Does.Contain("noopener"));
        });
    }

    [TestCase("https://example.org", true)]
    [TestCase("mailto:x@example.org", true)]
    [TestCase("/relative/path", true)]
    [TestCase("page?a=b:c", true)]
    [TestCase("javascript:alert(1)", false)]
    [TestCase(" JAVASCRIPT:alert(1)", false)]
    [TestCase("java\nscript:alert(1)", false)]
    [TestCase("data:text/html,x", false)]
    [TestCase("vbscript:x", false)]
    public void IsSafeUrl_Judges_AsABrowserWould(string url, bool safe) =>
        Assert.That(SafeMarkdown.IsSafeUrl(url), Is.EqualTo(safe));
}
