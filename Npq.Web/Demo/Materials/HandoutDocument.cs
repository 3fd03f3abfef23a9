using Npq.Web.Documents;
using Npq.Web.Documents.Layout;
using SkiaSharp;

namespace Npq.Web.Demo.Materials;

/// <summary>A demo module's one-page handout: its title, summary, reflection prompt and the statements it teaches.</summary>
public sealed class HandoutDocument(DemoModule module, string providerName, IReadOnlyList<string> statementTexts, DateTime createdUtc) : PdfDocumentBase
{
    public override string FileName => $"{module.Area}-handout.pdf";

    protected override void Write(SKWStream output)
    {
        var blocks = new List<Block>
        {
            new Heading(module.Title, 1),
            new Paragraph(module.Summary, italic: true),
            new Spacer(8),
            new Heading("Before the session", 2),
            new Paragraph("Read the module's page, watch the introduction and note one question to bring to your cohort."),
            new Spacer(6),
            new Heading("Reflect", 2),
            new Paragraph(module.Reflection),
            new Spacer(6),
            new Heading("What this module teaches", 2),
        };
        blocks.AddRange(statementTexts.Select(text => new Paragraph([new Run(text)], Indent: 14, Marker: "•")));
        new PdfComposer().Compose(blocks).Write(
            output,
            new PdfMetadata($"{module.Title} – handout", providerName, module.Summary, createdUtc),
            (canvas, page, pages) => DocumentParts.HeaderAndFooter(canvas, page, pages, "Module handout", module.Title, $"{providerName} · for candidates of the course"));
    }
}
