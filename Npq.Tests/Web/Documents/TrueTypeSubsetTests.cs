using Npq.Web.Documents;
using Npq.Web.Documents.Layout;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Npq.Tests.Web.Documents;

/// <summary>The font subsets embedded in PDFs: the glyphs a document uses keep their outlines and every glyph its advance.</summary>
public sealed class TrueTypeSubsetTests
{
    private static SKTypeface Subset(string text)
    {
        var file = Typography.File(Typography.FaceIndex(bold: false, italic: false));
        var bytes = file.Program.Subset(file.Typeface.GetGlyphs(text));
        using var data = SKData.CreateCopy(bytes);
        return SKTypeface.FromData(data) ?? throw new AssertionException("the subset does not load");
    }

    [Test]
    public void Subset_KeepsOutlinesOfUsedGlyphsAndOfWhatTheyAreBuiltFrom_AndEmptiesTheRest()
    {
        // é and ǻ are composite glyphs: their outlines come from other glyphs (e, a, ring, acute), which must come too.
        using var subset = Subset("é€ǻ");
        using var font = new SKFont(subset, 20);
        using var full = new SKFont(Typography.Regular, 20);

        foreach (var kept in "é€ǻ")
        {
            using var path = font.GetGlyphPath(font.GetGlyph(kept));
            using var original = full.GetGlyphPath(full.GetGlyph(kept));
            Assert.That(path.Bounds, Is.EqualTo(original.Bounds), $"{kept} is drawn as in the full font");
        }

        using var dropped = font.GetGlyphPath(font.GetGlyph('Ω'));
        Assert.That(dropped.IsEmpty, Is.True, "a glyph the document does not use has no outline");
    }

    [Test]
    public void Subset_KeepsGlyphIdsAndAdvances_SoTheTextItDrawsMeasuresAsWithTheFullFont()
    {
        const string text = "Leaders £1,550 — Ω “naïve” résumé";
        using var subset = Subset(text);

        using var font = new SKFont(subset, Typography.BodySize);
        using var full = new SKFont(Typography.Regular, Typography.BodySize);

        Assert.That(subset.GetGlyphs("every glyph id: Zoë"), Is.EqualTo(Typography.Regular.GetGlyphs("every glyph id: Zoë")));
        Assert.That(font.MeasureText(text), Is.EqualTo(full.MeasureText(text)));
        Assert.That(subset.FamilyName, Is.EqualTo(Typography.Regular.FamilyName));
    }

    [Test]
    public void Record_EmbedsSubsetsNotWholeFonts_AndStaysReadable()
    {
        using var stream = new MemoryStream();
        new FinalAssessmentRecordDocument(AssessmentDocumentsTests.Record("## Plan\n\nA *short* answer with **bold** words, £ and €.")).WriteTo(stream);

        // Each DejaVu face is about 700 KB; embedded whole, three of them made every record over 1 MB.
        Assert.That(stream.Length, Is.LessThan(250_000));
        using var document = PdfDocument.Open(stream.ToArray());
        var text = string.Join("\n", document.GetPages().Select(p => p.Text));
        Assert.That(text, Does.Contain("A short answer with bold words, £ and €."));
    }
}
