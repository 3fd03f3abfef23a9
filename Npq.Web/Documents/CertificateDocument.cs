using Npq.Core.Time;
using Npq.Web.Documents.Layout;
using SkiaSharp;

namespace Npq.Web.Documents;

/// <summary>A one-page certificate of completion, landscape, drawn directly (no flowing text).</summary>
public sealed class CertificateDocument(CertificateModel model) : PdfDocumentBase
{
    private const float Width = 841.89f;
    private const float Height = 595.28f;

    public override string FileName => $"certificate-{FinalAssessmentRecordDocument.Slug(model.CandidateName)}-{model.CourseCode.ToLowerInvariant()}.pdf";

    protected override void Write(SKWStream output)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Certificate of completion – {model.CandidateName} – {model.CourseCode}",
            Author = model.ProviderName,
            Subject = model.CourseName,
            Creator = "Npq",
            Producer = "Npq (SkiaSharp PDF)",
            Creation = model.GeneratedUtc,
            Modified = model.GeneratedUtc,
        };
        var page = new PageCanvas();
        page.StrokeRect(new SKRect(28, 28, Width - 28, Height - 28), Typography.Brand, 6);
        page.StrokeRect(new SKRect(40, 40, Width - 40, Height - 40), Typography.Line, 1.2f);
        Centred(page, model.ProviderName.ToUpperInvariant(), 110, bold: true, 13, Typography.Muted);
        Centred(page, "Certificate of completion", 170, bold: true, 34, Typography.Brand);
        Centred(page, "This certifies that", 225, bold: false, 14, Typography.Ink);
        Centred(page, model.CandidateName, 275, bold: true, 30, Typography.Ink);
        Centred(page, "has successfully completed the", 320, bold: false, 14, Typography.Ink);
        Centred(page, $"{model.CourseName} ({model.CourseCode})", 355, bold: true, 18, Typography.Ink);
        Centred(page, $"Completed {ZonedTime.FormatDate(model.CompletionDate)}", 395, bold: false, 13, Typography.Ink);
        if (!string.IsNullOrWhiteSpace(model.CreditNote))
        {
            page.DrawText(model.CreditNote, Width / 2, 430, italic: true, size: 12, colour: Typography.Muted, align: SKTextAlign.Center);
        }

        Centred(page, $"Certificate number {model.CertificateNumber}", 510, bold: false, 9.5f, Typography.Muted);
        PdfPages.Write(output, metadata, [page], Width, Height);
    }

    private static void Centred(PageCanvas page, string text, float baseline, bool bold, float size, SKColor colour) =>
        page.DrawText(text, Width / 2, baseline, bold, size: size, colour: colour, align: SKTextAlign.Center);
}
