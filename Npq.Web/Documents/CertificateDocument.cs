using Npq.Core.Time;
using SkiaSharp;

namespace Npq.Web.Documents;

/// <summary>A one-page certificate of completion, landscape, drawn directly (no flowing text).</summary>
public sealed class CertificateDocument(CertificateModel model)
{
    private const float Width = 841.89f;
    private const float Height = 595.28f;

    public string FileName => $"certificate-{FinalAssessmentRecordDocument.Slug(model.CandidateName)}-{model.CourseCode.ToLowerInvariant()}.pdf";

    public void WriteTo(Stream output)
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
        using var stream = new SKManagedWStream(output);
        using var document = SKDocument.CreatePdf(stream, metadata);
        using var canvas = document.BeginPage(Width, Height);
        Border(canvas);
        Centred(canvas, model.ProviderName.ToUpperInvariant(), 110, Typography.Bold, 13, Typography.Muted);
        Centred(canvas, "Certificate of completion", 170, Typography.Bold, 34, Typography.Brand);
        Centred(canvas, "This certifies that", 225, Typography.Regular, 14, Typography.Ink);
        Centred(canvas, model.CandidateName, 275, Typography.Bold, 30, Typography.Ink);
        Centred(canvas, "has successfully completed the", 320, Typography.Regular, 14, Typography.Ink);
        Centred(canvas, $"{model.CourseName} ({model.CourseCode})", 355, Typography.Bold, 18, Typography.Ink);
        Centred(canvas, $"Completed {ZonedTime.FormatDate(model.CompletionDate)}", 395, Typography.Regular, 13, Typography.Ink);
        if (!string.IsNullOrWhiteSpace(model.CreditNote))
        {
            Centred(canvas, model.CreditNote, 430, Typography.Italic, 12, Typography.Muted);
        }

        Centred(canvas, $"Certificate number {model.CertificateNumber}", 510, Typography.Regular, 9.5f, Typography.Muted);
        document.EndPage();
        document.Close();
    }

    private static void Border(SKCanvas canvas)
    {
        using var outer = new SKPaint { Color = Typography.Brand, IsStroke = true, StrokeWidth = 6, IsAntialias = true };
        using var inner = new SKPaint { Color = Typography.Line, IsStroke = true, StrokeWidth = 1.2f, IsAntialias = true };
        canvas.DrawRect(new SKRect(28, 28, Width - 28, Height - 28), outer);
        canvas.DrawRect(new SKRect(40, 40, Width - 40, Height - 40), inner);
    }

    private static void Centred(SKCanvas canvas, string text, float baseline, SKTypeface face, float size, SKColor colour)
    {
        using var font = new SKFont(face, size);
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        canvas.DrawText(text, Width / 2, baseline, SKTextAlign.Center, font, paint);
    }
}
