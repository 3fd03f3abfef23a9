using Markdig;
using Npq.Core.Text;

namespace Npq.Tests.Core.Text;

/// <summary>Plain text from markdown, as excerpts of comments and updates show it, on a renderer kept per thread.</summary>
public sealed class SafeMarkdownPlainTextTests
{
    private static readonly string[] Corpus =
    [
        "**Well done** on [your plan](https://example.org/plan), see `notes`",
        "# Heading\n\nA paragraph with _emphasis_ and ~~strike~~.\n\n- one\n- two\n\n1. first\n2. second",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "> quoted\n\n```\ncode block\n```",
        "See [[npqsl-culture-lt-1]] and <https://example.org>",
        "a < b & c > d \"quoted\"",
        "<script>alert(1)</script> stays text",
        "line one  \nline two",
    ];

    [Test]
    public void EachText_ComesOut_AsMarkdigsOwnPlainText_OfThePipeline_InAnyOrder()
    {
        var expected = Corpus.Select(md => Markdown.ToPlainText(md, SafeMarkdown.SharedPipeline).Trim()).ToList();

        Assert.That(Corpus.Select(SafeMarkdown.ToPlainText), Is.EqualTo(expected));
        Assert.That(Corpus.Reverse().Select(SafeMarkdown.ToPlainText), Is.EqualTo(Enumerable.Reverse(expected)));
    }

    [Test]
    public void Markup_IsDropped_AndWhatHtmlWouldEscape_StaysAsTyped()
    {
        Assert.That(SafeMarkdown.ToPlainText("**Well done** on [your plan](https://example.org/plan)"), Is.EqualTo("Well done on your plan"));
        Assert.That(SafeMarkdown.ToPlainText("a < b & c"), Is.EqualTo("a < b & c"));
        Assert.That(SafeMarkdown.ToPlainText("  \n "), Is.Empty);
        Assert.That(SafeMarkdown.ToPlainText(null), Is.Empty);
    }

    [Test]
    public void A_LongText_ThenAShortOne_LeavesNothingOfTheFirst()
    {
        var longText = string.Join("\n\n", Enumerable.Range(1, 2000).Select(i => $"Paragraph {i} of a long reflection."));

        Assert.That(SafeMarkdown.ToPlainText(longText), Does.StartWith("Paragraph 1 of").And.EndWith("Paragraph 2000 of a long reflection."));
        Assert.That(SafeMarkdown.ToPlainText("Short."), Is.EqualTo("Short."));
    }

    [Test]
    public void Threads_RenderAtOnce_EachGettingItsOwnText()
    {
        var results = new string[400];

        Parallel.For(0, results.Length, i => results[i] = SafeMarkdown.ToPlainText($"Comment **{i}** for [candidate {i}](/c/{i})"));

        Assert.That(results, Is.EqualTo(Enumerable.Range(0, results.Length).Select(i => $"Comment {i} for candidate {i}")));
    }
}
