using SkiaSharp;

namespace Npq.Web.Documents.Layout;

/// <summary>Title, author and subject written into the PDF's document information.</summary>
public sealed record PdfMetadata(string Title, string Author, string Subject, DateTime CreatedUtc);

/// <summary>
/// Flows blocks over A4 pages and writes them with SkiaSharp's PDF backend. Two passes: the layout first, recorded
/// as <see cref="PageCanvas"/> pages, so each footer can say "Page 2 of 5" and the fonts are embedded as subsets of
/// the glyphs used; then the drawing. Text is real text (selectable, searchable), never an image.
/// </summary>
public sealed partial class PdfComposer
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
}
