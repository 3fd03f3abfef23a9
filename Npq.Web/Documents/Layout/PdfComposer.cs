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
        var lines = Wrap([new Run(panel.Text)], Typography.ContentWidth - 24, Typography.BodySize);
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
        var lines = Wrap(runs, available, size);
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
        var lines = new List<List<(string, Run, float)>> { new() };
        var x = 0f;
        var fonts = new Dictionary<(bool, bool, float), SKFont>();
        try
        {
            SKFont FontFor(Run run)
            {
                var key = (run.Bold, run.Italic, run.Size ?? defaultSize);
                if (!fonts.TryGetValue(key, out var font))
                {
                    font = new SKFont(Typography.Face(run.Bold, run.Italic), key.Item3);
                    fonts[key] = font;
                }

                return font;
            }

            foreach (var run in runs)
            {
                var font = FontFor(run);
                var spaceWidth = font.MeasureText(" ");
                var paragraphs = run.Text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
                for (var p = 0; p < paragraphs.Length; p++)
                {
                    if (p > 0)
                    {
                        lines.Add([]);
                        x = 0;
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

                        var wordWidth = font.MeasureText(word);
                        if (x > 0 && x + wordWidth > width)
                        {
                            lines.Add([]);
                            x = 0;
                        }

                        while (wordWidth > width)
                        {
                            // Split an over-long word (a URL, say) at the last character that fits.
                            var fit = word.Length - 1;
                            while (fit > 1 && font.MeasureText(word[..fit]) > width - x)
                            {
                                fit--;
                            }

                            lines[^1].Add((word[..fit], run, x));
                            lines.Add([]);
                            x = 0;
                            word = word[fit..];
                            wordWidth = font.MeasureText(word);
                        }

                        // Words of one run on one line are drawn as one string, spaces included, so the PDF's
                        // text copies and searches as a sentence rather than glued-together words.
                        var line = lines[^1];
                        if (line.Count > 0 && ReferenceEquals(line[^1].Item2, run) && x > 0)
                        {
                            var previous = line[^1];
                            var gap = x - (previous.Item3 + font.MeasureText(previous.Item1));
                            var spaces = Math.Max(1, (int)Math.Round(gap / spaceWidth));
                            line[^1] = (previous.Item1 + new string(' ', spaces) + word, run, previous.Item3);
                        }
                        else if (line.Count > 0 && x > 0
                            && x - (line[^1].Item3 + FontFor(line[^1].Item2).MeasureText(line[^1].Item1)) >= spaceWidth * 0.5f)
                        {
                            // A new style after a space: carry the space in the text too, drawn where it was measured.
                            line.Add((" " + word, run, x - spaceWidth));
                        }
                        else
                        {
                            line.Add((word, run, x));
                        }

                        x += wordWidth;
                        if (w < words.Length - 1)
                        {
                            x += spaceWidth;
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var font in fonts.Values)
            {
                font.Dispose();
            }
        }

        if (lines.Count > 1 && lines[^1].Count == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}
