using AngleSharp.Dom;
using Npq.Core.Portfolio;
using Npq.Data.Portfolio;

namespace Npq.Tests.Web.Portfolio;

/// <summary>Everything people write (evidence, feedback, progress updates) reaches pages only through SafeMarkdown.</summary>
public sealed class UserTextSafetyTests : PortfolioFixture
{
    public static readonly string[] Corpus =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">raw html link</a>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[click](&#x6A;avascript:alert(1))",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[click](DATA:text/html,<script>alert(1)</script>)",
        "[click](vbscript:msgbox(1))",
        "[click](VbScRiPt:msgbox(1))",
        "![img](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">styled</div>",
        "<a href=\"#\" onclick=\"alert(1)\" onmouseover=alert(1)>hover</a>",
        "<form action=\"https://evil.example\"><input name=x></form>",
        "[ok](https://example.com/safe) and <mailto:someone@example.com>",
    ];

    public static string CorpusMarkdown => string.Join("\n\n", Corpus);

    internal static void AssertNothingExecutable(IDocument page, string where)
    {
        var userText = page.QuerySelectorAll(".user-text").ToList();
        Assert.That(userText, Is.Not.Empty, where);
        foreach (var block in userText)
        {
            Assert.That(block.QuerySelectorAll("script, iframe, svg, form, input, style, object, embed"), Is.Empty, where);
            foreach (var element in block.QuerySelectorAll("*"))
            {
                foreach (var attribute in element.Attributes)
                {
                    Assert.That(attribute.Name, Does.Not.StartWith("on"), $"{where}: {element.OuterHtml}");
                    Assert.That(attribute.Name, Is.Not.EqualTo("style"), where);
                    if (attribute.Name is "href" or "src")
                    {
                        var compact = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                        Assert.That(compact, Does.Not.StartWith("javascript:").And.Not.StartWith("data:").And.Not.StartWith("vbscript:"), $"{where}: {element.OuterHtml}");
                    }
                }
            }
        }

        Assert.That(page.QuerySelectorAll("main script"), Is.Empty, where);
    }

    [Test]
    public async Task Corpus_InEvidenceFeedbackAndProgress_RendersNothingExecutable()
    {
        var amira = await IdOf(Amira);
        var now = DateTime.UtcNow;
        var id = await Service<EvidenceRepository>().CreateAsync(new EvidenceItem
        {
            CandidateUserId = amira, Title = "<script>alert('title')</script>", EvidenceDate = DateOnly.FromDateTime(now), Reflection = CorpusMarkdown,
            IsDraft = false, CreatedUtc = now, UpdatedUtc = now,
        }, amira);
        await Service<FeedbackRepository>().AddAsync(new FeedbackComment { CandidateUserId = amira, EvidenceId = id, AuthorUserId = await IdOf(Mentor), Body = CorpusMarkdown, CreatedUtc = now });
        var cohort = await CohortOf(Amira);
        await Service<ProgressRepository>().CreateAsync(new ProgressUpdate
        {
            CandidateUserId = amira, CohortId = cohort, MentorUserId = await IdOf(Mentor), Narrative = CorpusMarkdown, NextSteps = CorpusMarkdown, CreatedUtc = now, UpdatedUtc = now,
        });

        foreach (var (email, url) in new[] { (Amira, $"/evidence/{id}"), (Mentor, $"/evidence/{id}"), (Amira, "/progress") })
        {
            var page = await Html.ReadAsync(await Factory.ClientFor(email).GetAsync(url));
            AssertNothingExecutable(page, url);
            Assert.That(page.QuerySelectorAll(".user-text a[href='https://example.com/safe']"), Is.Not.Empty, "safe links survive");
        }

        var evidencePage = await Html.ReadAsync(await Factory.ClientFor(Amira).GetAsync($"/evidence/{id}"));
        Assert.That(evidencePage.QuerySelector("h1").Text(), Is.EqualTo("<script>alert('title')</script>"), "a title is text, shown literally");
        var dashboard = await Html.ReadAsync(await Factory.ClientFor(Amira).GetAsync("/"));
        Assert.That(dashboard.QuerySelectorAll("main script"), Is.Empty);
    }
}
