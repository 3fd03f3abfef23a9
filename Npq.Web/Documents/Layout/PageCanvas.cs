using SkiaSharp;

namespace Npq.Web.Documents.Layout;

/// <summary>
/// One page's drawing, recorded rather than drawn: every string is known before the PDF is written, so each face
/// is embedded as a subset of exactly the glyphs the document uses (see <see cref="PdfPages"/>).
/// </summary>
public sealed class PageCanvas
{
    internal List<PageOp> Ops { get; } = [];

    public void DrawText(string text, float x, float baseline, bool bold = false, bool italic = false, float size = Typography.BodySize,
        SKColor? colour = null, SKTextAlign align = SKTextAlign.Left) =>
        Ops.Add(new TextOp(text, x, baseline, Typography.FaceIndex(bold, italic), size, colour ?? Typography.Ink, align));

    public void DrawLine(float x0, float y0, float x1, float y1, SKColor colour, float width) =>
        Ops.Add(new LineOp(x0, y0, x1, y1, colour, width));

    public void FillRect(SKRect rect, SKColor colour) => Ops.Add(new RectOp(rect, colour, 0, Stroke: false));

    public void StrokeRect(SKRect rect, SKColor colour, float width) => Ops.Add(new RectOp(rect, colour, width, Stroke: true));
}

internal abstract record PageOp;

internal sealed record TextOp(string Text, float X, float Baseline, int Face, float Size, SKColor Colour, SKTextAlign Align) : PageOp;

internal sealed record LineOp(float X0, float Y0, float X1, float Y1, SKColor Colour, float Width) : PageOp;

internal sealed record RectOp(SKRect Rect, SKColor Colour, float Width, bool Stroke) : PageOp;

/// <summary>Writes recorded pages as a PDF with SkiaSharp, embedding per face only the glyphs the pages draw.</summary>
public static class PdfPages
{
    public static void Write(Stream output, SKDocumentPdfMetadata metadata, IReadOnlyList<PageCanvas> pages, float width, float height)
    {
        using var managed = new SKManagedWStream(output);
        Write(managed, metadata, pages, width, height);
    }

    /// <summary>Writes into a Skia stream: into an <see cref="SKDynamicMemoryWStream"/>, Skia never calls back into .NET.</summary>
    public static void Write(SKWStream output, SKDocumentPdfMetadata metadata, IReadOnlyList<PageCanvas> pages, float width, float height)
    {
        var faces = new SKTypeface?[4];
        var owned = new bool[4];
        var fonts = new Dictionary<(int Face, float Size), SKFont>();
        try
        {
            var used = UsedCodePoints(pages);
            for (var f = 0; f < faces.Length; f++)
            {
                if (used[f] is { } codePoints)
                {
                    var file = Typography.File(f);
                    owned[f] = !codePoints.All(Typography.IsCommon);
                    faces[f] = owned[f] ? file.Subset(codePoints) : file.CommonSubset;
                }
            }

            using var paint = new SKPaint { IsAntialias = true };
            using var document = SKDocument.CreatePdf(output, metadata);
            foreach (var page in pages)
            {
                using var canvas = document.BeginPage(width, height);
                foreach (var op in page.Ops)
                {
                    switch (op)
                    {
                        case TextOp text:
                            if (!fonts.TryGetValue((text.Face, text.Size), out var font))
                            {
                                font = new SKFont(faces[text.Face], text.Size);
                                fonts[(text.Face, text.Size)] = font;
                            }

                            Set(paint, text.Colour, 0, stroke: false);
                            canvas.DrawText(text.Text, text.X, text.Baseline, text.Align, font, paint);
                            break;
                        case LineOp line:
                            Set(paint, line.Colour, line.Width, stroke: false);
                            canvas.DrawLine(line.X0, line.Y0, line.X1, line.Y1, paint);
                            break;
                        case RectOp rect:
                            Set(paint, rect.Colour, rect.Width, rect.Stroke);
                            canvas.DrawRect(rect.Rect, paint);
                            break;
                    }
                }

                document.EndPage();
            }

            document.Close();
        }
        finally
        {
            foreach (var font in fonts.Values)
            {
                font.Dispose();
            }

            for (var f = 0; f < faces.Length; f++)
            {
                if (owned[f])
                {
                    faces[f]?.Dispose();
                }
            }
        }
    }

    private static void Set(SKPaint paint, SKColor colour, float strokeWidth, bool stroke)
    {
        paint.Color = colour;
        paint.StrokeWidth = strokeWidth;
        paint.IsStroke = stroke;
    }

    /// <summary>Per face (null when unused), every code point its text draws.</summary>
    private static HashSet<int>?[] UsedCodePoints(IReadOnlyList<PageCanvas> pages)
    {
        var used = new HashSet<int>?[4];
        foreach (var page in pages)
        {
            foreach (var op in page.Ops)
            {
                if (op is TextOp text)
                {
                    var set = used[text.Face] ??= [];
                    foreach (var rune in text.Text.EnumerateRunes())
                    {
                        set.Add(rune.Value);
                    }
                }
            }
        }

        return used;
    }
}
