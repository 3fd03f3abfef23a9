using SkiaSharp;

namespace Npq.Web.Documents;

/// <summary>Components every Npq PDF shares: the running header and the footer with page numbers.</summary>
public static class DocumentParts
{
    /// <summary>Draws the running header (left and right texts over a rule) and the footer ("Page 2 of 5").</summary>
    public static void HeaderAndFooter(SKCanvas canvas, int page, int pages, string headerLeft, string headerRight, string footer)
    {
        using var small = new SKFont(Typography.Regular, Typography.SmallSize);
        using var bold = new SKFont(Typography.Bold, Typography.SmallSize);
        using var ink = new SKPaint { Color = Typography.Muted, IsAntialias = true };
        using var rule = new SKPaint { Color = Typography.Line, StrokeWidth = 0.6f, IsAntialias = true };

        var headerY = Typography.MarginTop - 26;
        canvas.DrawText(headerLeft, Typography.MarginLeft, headerY, SKTextAlign.Left, bold, ink);
        canvas.DrawText(headerRight, Typography.PageWidth - Typography.MarginRight, headerY, SKTextAlign.Right, small, ink);
        canvas.DrawLine(Typography.MarginLeft, headerY + 6, Typography.PageWidth - Typography.MarginRight, headerY + 6, rule);

        var footerY = Typography.PageHeight - Typography.MarginBottom + 30;
        canvas.DrawLine(Typography.MarginLeft, footerY - 14, Typography.PageWidth - Typography.MarginRight, footerY - 14, rule);
        canvas.DrawText(footer, Typography.MarginLeft, footerY, SKTextAlign.Left, small, ink);
        canvas.DrawText($"Page {page} of {pages}", Typography.PageWidth - Typography.MarginRight, footerY, SKTextAlign.Right, small, ink);
    }
}
