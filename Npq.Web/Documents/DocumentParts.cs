using Npq.Web.Documents.Layout;

namespace Npq.Web.Documents;

/// <summary>Components every Npq PDF shares: the running header and the footer with page numbers.</summary>
public static class DocumentParts
{
    /// <summary>Draws the running header (left and right texts over a rule) and the footer ("Page 2 of 5").</summary>
    public static void HeaderAndFooter(PageCanvas canvas, int page, int pages, string headerLeft, string headerRight, string footer)
    {
        var headerY = Typography.MarginTop - 26;
        canvas.DrawText(headerLeft, Typography.MarginLeft, headerY, bold: true, size: Typography.SmallSize, colour: Typography.Muted);
        canvas.DrawText(headerRight, Typography.PageWidth - Typography.MarginRight, headerY, size: Typography.SmallSize, colour: Typography.Muted, align: SkiaSharp.SKTextAlign.Right);
        canvas.DrawLine(Typography.MarginLeft, headerY + 6, Typography.PageWidth - Typography.MarginRight, headerY + 6, Typography.Line, 0.6f);

        var footerY = Typography.PageHeight - Typography.MarginBottom + 30;
        canvas.DrawLine(Typography.MarginLeft, footerY - 14, Typography.PageWidth - Typography.MarginRight, footerY - 14, Typography.Line, 0.6f);
        canvas.DrawText(footer, Typography.MarginLeft, footerY, size: Typography.SmallSize, colour: Typography.Muted);
        canvas.DrawText($"Page {page} of {pages}", Typography.PageWidth - Typography.MarginRight, footerY, size: Typography.SmallSize, colour: Typography.Muted, align: SkiaSharp.SKTextAlign.Right);
    }
}
