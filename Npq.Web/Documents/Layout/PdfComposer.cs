using System.Text;
using SkiaSharp;

namespace Npq.Web.Documents.Layout;

/// <summary>Title, author and subject written into the PDF's document information.</summary>
public sealed record PdfMetadata(string Title, string Author, string Subject, DateTime CreatedUtc);

/// <summary>
/// Flows blocks over A4 pages and writes them with SkiaSharp's PDF backend. Two passes: the layout first, recorded
/// as <see cref="PageCanvas"/> pages, so each footer can say "Page 2 of 5" and the fonts are embedded as subsets of
/// the glyphs used; then the drawing. Text is real text (selectable, searchable), never an image.
/// </summary>
public sealed class PdfComposer
{
    private readonly List<PageCanvas> _pages = [];

    // Fonts for measuring are made once per document, and each distinct word is measured once.
    private readonly TextMeasure _measure = new();
    private float _y;

    private float Bottom => Typography.PageHeight - Typography.MarginBottom;

    /// <summary>Lays out the blocks; call once, then <see cref="Write"/>.</summary>
    public PdfComposer Compose(IEnumerable<Block> blocks)
    {
        NewPage();
        var list = blocks.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            switch (list[i])
            {
                case Heading heading:
                    // Keep a heading with at least three lines of what follows.
                    var size = Typography.HeadingSize(heading.Level);
                    if (_y + (size * 2.2f) + (Typography.BodySize * Typography.LineSpacing * 3) > Bottom && _y > Typography.MarginTop + 1)
                    {
                        NewPage();
                    }

                    _y += heading.Level <= 2 ? size * 0.8f : size * 0.5f;
                    Flow([new Run(heading.Text, Bold: true, Colour: heading.Level <= 2 ? Typography.Brand : Typography.Ink, Size: size)], 0, null, size);
                    _y += size * 0.35f;
                    break;
                case Paragraph paragraph:
                    Flow(paragraph.Runs, paragraph.Indent, paragraph.Marker, paragraph.Size ?? Typography.BodySize);
                    _y += (paragraph.Size ?? Typography.BodySize) * 0.55f;
                    break;
                case Facts table:
                    foreach (var row in table.Rows)
                    {
                        var top = _y;
                        Flow([new Run(row.Key, Bold: true, Colour: Typography.Muted)], 0, null, Typography.BodySize, table.LabelWidth - 8);
                        var afterLabel = _y;
                        var page = _pages.Count;
                        _y = top;
                        Flow([new Run(row.Value)], table.LabelWidth, null, Typography.BodySize);
                        if (_pages.Count == page)
                        {
                            _y = Math.Max(_y, afterLabel);
                        }

                        _y += 4;
                    }

                    break;
                case Spacer spacer:
                    _y += spacer.Height;
                    if (_y > Bottom)
                    {
                        NewPage();
                    }

                    break;
                case Rule:
                    var ruleY = _y + 4;
                    Current.DrawLine(Typography.MarginLeft, ruleY, Typography.PageWidth - Typography.MarginRight, ruleY, Typography.Line, 0.8f);
                    _y += 12;
                    break;
                case PageBreak:
                    if (_y > Typography.MarginTop + 1)
                    {
                        NewPage();
                    }

                    break;
                case Panel panel:
                    DrawPanel(panel);
                    break;
            }
        }

        return this;
    }

    public int PageCount => _pages.Count;

    /// <summary>Draws every page, with the header and footer the document gives, into the stream.</summary>
    public void Write(Stream output, PdfMetadata metadata, Action<PageCanvas, int, int> headerAndFooter)
    {
        using var managed = new SKManagedWStream(output);
        Write(managed, metadata, headerAndFooter);
    }

    /// <summary>Draws every page, with the header and footer the document gives, into a Skia stream.</summary>
    public void Write(SKWStream output, PdfMetadata metadata, Action<PageCanvas, int, int> headerAndFooter)
    {
        var pdfMetadata = new SKDocumentPdfMetadata
        {
            Title = metadata.Title,
            Author = metadata.Author,
            Subject = metadata.Subject,
            Creator = "Npq",
            Producer = "Npq (SkiaSharp PDF)",
            Creation = metadata.CreatedUtc,
            Modified = metadata.CreatedUtc,
            RasterDpi = 150,
        };
        _measure.Dispose();
        for (var i = 0; i < _pages.Count; i++)
        {
            headerAndFooter(_pages[i], i + 1, _pages.Count);
        }

        PdfPages.Write(output, pdfMetadata, _pages, Typography.PageWidth, Typography.PageHeight);
    }

    private PageCanvas Current => _pages[^1];

    private void NewPage()
    {
        _pages.Add(new PageCanvas());
        _y = Typography.MarginTop;
    }

    private void DrawPanel(Panel panel)
    {
        var titleSize = 13f;
        var lines = Wrap([new Run(panel.Text)], Typography.ContentWidth - 24, Typography.BodySize, _measure);
        var height = 16 + (titleSize * 1.5f) + (lines.Count * Typography.BodySize * Typography.LineSpacing) + 8;
        if (_y + height > Bottom)
        {
            NewPage();
        }

        var top = _y;
        var colour = panel.Colour;
        var rect = new SKRect(Typography.MarginLeft, top, Typography.PageWidth - Typography.MarginRight, top + height);
        Current.FillRect(rect, colour.WithAlpha(28));
        Current.StrokeRect(rect, colour, 1.5f);
        _y = top + 12;
        Flow([new Run(panel.Title, Bold: true, Colour: colour, Size: titleSize)], 12, null, titleSize);
        Flow([new Run(panel.Text)], 12, null, Typography.BodySize);
        _y = top + height + 10;
    }

    /// <summary>Wraps runs into lines that fit, then places them, starting new pages as needed.</summary>
    private void Flow(IReadOnlyList<Run> runs, float indent, string? marker, float size, float? width = null)
    {
        var available = (width ?? (Typography.ContentWidth - indent));
        var lineHeight = size * Typography.LineSpacing;
        var lines = Wrap(runs, available, size, _measure);
        var first = true;
        foreach (var line in lines)
        {
            if (_y + lineHeight > Bottom)
            {
                NewPage();
            }

            var baseline = _y + (size * 1.05f);
            var x = Typography.MarginLeft + indent;
            if (first && marker is not null)
            {
                Current.DrawText(marker, x - 14, baseline, size: size);
            }

            foreach (var (text, run, offset) in line)
            {
                // Drawn at the run's own size, body size when it has none.
                Current.DrawText(text, x + offset, baseline, run.Bold, run.Italic, run.Size ?? Typography.BodySize, run.Colour ?? Typography.Ink);
            }

            _y += lineHeight;
            first = false;
        }
    }

    /// <summary>
    /// Greedy line filling over words, keeping each run's style. A word wider than the line is split by characters
    /// so nothing is ever lost off the edge. Explicit line breaks ("\n") are kept.
    /// </summary>
    internal static List<List<(string Text, Run Run, float Offset)>> Wrap(IReadOnlyList<Run> runs, float width, float defaultSize)
    {
        using var measure = new TextMeasure();
        return Wrap(runs, width, defaultSize, measure);
    }

    /// <summary>
    /// <see cref="Wrap(IReadOnlyList{Run}, float, float)"/> with the document's measurer. Linear: each word is
    /// measured once (and repeated words not at all), and the words of one run on one line are gathered into one
    /// string whose end is tracked as it grows rather than measured again.
    /// </summary>
    internal static List<List<(string Text, Run Run, float Offset)>> Wrap(IReadOnlyList<Run> runs, float width, float defaultSize, TextMeasure measure)
    {
        var line = new List<(string Text, Run Run, float Offset)>();
        var lines = new List<List<(string Text, Run Run, float Offset)>> { line };
        var x = 0f;

        // The last segment of the line stays open (its text in a builder) while words of its run join it.
        var open = new StringBuilder();
        Run? openRun = null;
        var openOffset = 0f;
        var openEnd = 0f;

        void Close()
        {
            if (openRun is not null)
            {
                line.Add((open.ToString(), openRun, openOffset));
                open.Clear();
                openRun = null;
            }
        }

        void Open(string text, Run run, float offset, float end)
        {
            Close();
            open.Append(text);
            openRun = run;
            openOffset = offset;
            openEnd = end;
        }

        void NewLine()
        {
            Close();
            line = [];
            lines.Add(line);
            x = 0;
        }

        foreach (var run in runs)
        {
            var font = measure.Font(run.Bold, run.Italic, run.Size ?? defaultSize);
            var spaceWidth = measure.Width(font, " ");
            var paragraphs = run.Text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
            for (var p = 0; p < paragraphs.Length; p++)
            {
                if (p > 0)
                {
                    NewLine();
                }

                var words = paragraphs[p].Split(' ');
                for (var w = 0; w < words.Length; w++)
                {
                    var word = words[w];
                    if (word.Length == 0)
                    {
                        if (x > 0)
                        {
                            x += spaceWidth;
                        }

                        continue;
                    }

                    var wordWidth = measure.Width(font, word);
                    if (x > 0 && x + wordWidth > width)
                    {
                        NewLine();
                    }

                    while (wordWidth > width)
                    {
                        // Split an over-long word (a URL, say) at the last character that fits.
                        var fit = LastFit(font, word, width - x);
                        Open(word[..fit], run, x, x);
                        NewLine();
                        word = word[fit..];
                        wordWidth = font.MeasureText(word);
                    }

                    // Words of one run on one line are drawn as one string, spaces included, so the PDF's
                    // text copies and searches as a sentence rather than glued-together words.
                    if (openRun is not null && ReferenceEquals(openRun, run) && x > 0)
                    {
                        var spaces = Math.Max(1, (int)Math.Round((x - openEnd) / spaceWidth));
                        open.Append(' ', spaces).Append(word);
                        openEnd = x + wordWidth;
                    }
                    else if (openRun is not null && x > 0 && x - openEnd >= spaceWidth * 0.5f)
                    {
                        // A new style after a space: carry the space in the text too, drawn where it was measured.
                        Open(" " + word, run, x - spaceWidth, x + wordWidth);
                    }
                    else
                    {
                        Open(word, run, x, x + wordWidth);
                    }

                    x += wordWidth;
                    if (w < words.Length - 1)
                    {
                        x += spaceWidth;
                    }
                }
            }
        }

        Close();
        if (lines.Count > 1 && lines[^1].Count == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    /// <summary>
    /// The longest prefix (at least one character, at most all but one) no wider than <paramref name="available"/>,
    /// or one character when none fits. Prefix widths only grow, so a binary search finds it.
    /// </summary>
    private static int LastFit(SKFont font, string word, float available)
    {
        if (word.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            // A surrogate pair cut in half measures as a missing glyph, so widths need not grow: look one by one.
            var fit = word.Length - 1;
            while (fit > 1 && font.MeasureText(word.AsSpan(0, fit)) > available)
            {
                fit--;
            }

            return fit;
        }

        int low = 1, high = word.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (font.MeasureText(word.AsSpan(0, middle)) <= available)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}

/// <summary>
/// Measures text for one document: a font per face and size, made once, and each distinct word measured once per
/// font (an answer repeats its words a lot).
/// </summary>
internal sealed class TextMeasure : IDisposable
{
    private readonly Dictionary<(int Face, float Size), SKFont> _fonts = [];
    private readonly Dictionary<SKFont, Dictionary<string, float>> _widths = [];

    public SKFont Font(bool bold, bool italic, float size)
    {
        var key = (Typography.FaceIndex(bold, italic), size);
        if (!_fonts.TryGetValue(key, out var font))
        {
            font = new SKFont(Typography.Face(bold, italic), size);
            _fonts[key] = font;
            _widths[font] = new Dictionary<string, float>(StringComparer.Ordinal);
        }

        return font;
    }

    public float Width(SKFont font, string text)
    {
        var widths = _widths[font];
        if (!widths.TryGetValue(text, out var width))
        {
            width = font.MeasureText(text);
            widths[text] = width;
        }

        return width;
    }

    public void Dispose()
    {
        foreach (var font in _fonts.Values)
        {
            font.Dispose();
        }

        _fonts.Clear();
        _widths.Clear();
    }
}
