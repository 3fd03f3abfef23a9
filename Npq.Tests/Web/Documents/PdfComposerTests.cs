using System.Text;
using Npq.Web.Documents;
using Npq.Web.Documents.Layout;
using UglyToad.PdfPig;

namespace Npq.Tests.Web.Documents;

/// <summary>The PDF engine read back with PdfPig: real text, numbered pages, long text never lost.</summary>
public sealed class PdfComposerTests
{
    private static byte[] Render(IEnumerable<Block> blocks, string title = "Test document")
    {
        var composer = new PdfComposer().Compose(blocks);
        using var stream = new MemoryStream();
        composer.Write(stream, new PdfMetadata(title, "Npq tests", "Subject", new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc)),
            (canvas, page, pages) => DocumentParts.HeaderAndFooter(canvas, page, pages, "Npq", "Header right", "Footer text"));
        return stream.ToArray();
    }

    [Test]
    public void Write_TextWithPoundsAccentsAndCurlyQuotes_IsSelectableText()
    {
        var pdf = Render([new Heading("Fees and café", 1), new Paragraph("The fee is £1,550 (€1,800) for the ‘international’ cohort — “naïve” résumé.")]);

        using var document = PdfDocument.Open(pdf);
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        Assert.That(text, Does.Contain("£1,550"));
        Assert.That(text, Does.Contain("€1,800"));
        Assert.That(text, Does.Contain("café"));
        Assert.That(text, Does.Contain("‘international’"));
        Assert.That(text, Does.Contain("“naïve”"));
        Assert.That(document.Information.Title, Is.EqualTo("Test document"));
        Assert.That(document.Information.Author, Is.EqualTo("Npq tests"));
    }

    [Test]
    public void Write_TextBeyondLatin1_IsEmbeddedAndSelectableToo()
    {
        // Latin-1 text is embedded from a subset shared by every document; anything else gets a subset of its own.
        var pdf = Render([new Heading("Łukasz Dvořák", 2), new Paragraph("Ελληνικά, русский текст and ✓ beside plain café text.")]);

        using var document = PdfDocument.Open(pdf);
        var text = document.GetPage(1).Text;
        Assert.That(text, Does.Contain("Łukasz Dvořák"));
        Assert.That(text, Does.Contain("Ελληνικά, русский текст and ✓ beside plain café text."));
    }

    [Test]
    public void Write_TenThousandWords_PaginatesWithoutLosingAWordAndNumbersEveryPage()
    {
        var words = Enumerable.Range(1, 10_000).Select(i => $"w{i}").ToList();
        var paragraphs = words.Chunk(150).Select(chunk => (Block)new Paragraph(string.Join(' ', chunk)));

        var pdf = Render(paragraphs);

        using var document = PdfDocument.Open(pdf);
        Assert.That(document.NumberOfPages, Is.GreaterThan(10));
        var found = new HashSet<string>();
        foreach (var page in document.GetPages())
        {
            var pageWords = page.GetWords().Select(w => w.Text).ToList();
            Assert.That(page.Text, Does.Contain($"Page {page.Number} of {document.NumberOfPages}"));
            Assert.That(page.Text, Does.Contain("Footer text"));
            found.UnionWith(pageWords.Where(w => w.StartsWith('w')));
        }

        Assert.That(words.Except(found), Is.Empty, "every word of the answer is in the PDF");
    }

    [Test]
    public void Wrap_OverlongWord_IsSplitNotLost()
    {
        var url = "https://example.org/" + new string('a', 400);

        var lines = PdfComposer.Wrap([new Run(url)], 200, Typography.BodySize);

        Assert.That(lines.Count, Is.GreaterThan(2));
        Assert.That(string.Concat(lines.SelectMany(l => l.Select(part => part.Text))), Is.EqualTo(url));
    }

    [Test]
    public void Wrap_MixedStyles_OneStringPerRunOnEachLine_NoWordLost_EveryLineFits()
    {
        var bold = new Run("high expectations", Bold: true);
        Run[] runs =
        [
            new("Leaders set clear "),
            bold,
            new(" for every pupil, then check them in lessons, in books and in conversations with pupils every half term."),
        ];

        var lines = PdfComposer.Wrap(runs, 200, Typography.BodySize);

        var words = string.Join(' ', lines.Select(l => string.Concat(l.Select(part => part.Text)))).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(words, Is.EqualTo(string.Concat(runs.Select(r => r.Text)).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.That(lines, Has.Count.GreaterThan(3));
        using var regular = new SkiaSharp.SKFont(Typography.Regular, Typography.BodySize);
        using var heavy = new SkiaSharp.SKFont(Typography.Bold, Typography.BodySize);
        foreach (var line in lines)
        {
            Assert.That(line.Select(part => part.Run).Distinct().Count(), Is.EqualTo(line.Count), "a run's words on one line are one string");
            var last = line[^1];
            Assert.That(last.Offset + (ReferenceEquals(last.Run, bold) ? heavy : regular).MeasureText(last.Text), Is.LessThanOrEqualTo(200.01f));
        }
    }

    [Test]
    public void Write_Sentence_CopiesWithItsSpaces()
    {
        var pdf = Render([new Paragraph("Leaders set clear expectations for every pupil.")]);

        using var document = PdfDocument.Open(pdf);
        Assert.That(document.GetPage(1).Text, Does.Contain("Leaders set clear expectations for every pupil."));
    }

    [Test]
    public void MarkdownBlocks_HeadingsListsEmphasis_BecomeStyledBlocks_AndHtmlStaysLiteral()
    {
        var blocks = MarkdownBlocks.From("## Context\n\nA **bold** and *soft* claim.\n\n1. First\n2. Second\n\n- a <img src=http://127.0.0.1:1/x> b");

        Assert.That(blocks.OfType<Heading>().Single().Text, Is.EqualTo("Context"));
        var paragraph = blocks.OfType<Paragraph>().First();
        Assert.That(paragraph.Runs.Single(r => r.Text == "bold").Bold, Is.True);
        Assert.That(paragraph.Runs.Single(r => r.Text == "soft").Italic, Is.True);
        Assert.That(blocks.OfType<Paragraph>().Select(p => p.Marker), Does.Contain("1.").And.Contain("2.").And.Contain("•"));
        var pdf = Render(blocks);
        using var document = PdfDocument.Open(pdf);
        Assert.That(document.GetPage(1).Text, Does.Contain("<img src=http://127.0.0.1:1/x>"));
    }
}
