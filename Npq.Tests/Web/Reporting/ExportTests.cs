using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Npq.Web.Infrastructure.Exports;

namespace Npq.Tests.Web.Reporting;

public sealed class ExportTests
{
    public sealed record Row(string Name, DateOnly Completed, int Score);

    private static async IAsyncEnumerable<Row> Rows()
    {
        yield return new Row("=HYPERLINK(\"http://evil.example\",\"click\")", new DateOnly(2026, 7, 1), 3);
        yield return new Row("Zoë O’Brien", new DateOnly(2026, 7, 2), 4);
        yield return new Row("+44 20 7946 0000", new DateOnly(2026, 7, 3), 5);
        await Task.CompletedTask;
    }

    [TestCase("=1+1", "'=1+1")]
    [TestCase("+1", "'+1")]
    [TestCase("-1", "'-1")]
    [TestCase("@SUM(A1)", "'@SUM(A1)")]
    [TestCase("\tx", "'\tx")]
    [TestCase("\rx", "'\rx")]
    [TestCase("Plain", "Plain")]
    [TestCase("", "")]
    public void Neutralise_FormulaTriggers_GetAnApostrophe(string value, string expected) =>
        Assert.That(SpreadsheetSafety.Neutralise(value), Is.EqualTo(expected));

    [Test]
    public async Task Csv_ReadBack_HasBomIsoDatesAndInertFormulas()
    {
        using var stream = new MemoryStream();
        await CsvExport.WriteAsync(stream, Rows());
        var bytes = stream.ToArray();

        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        using var reader = new CsvReader(new StreamReader(new MemoryStream(bytes), Encoding.UTF8), CultureInfo.InvariantCulture);
        var read = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.That(read[0]["Name"], Is.EqualTo("'=HYPERLINK(\"http://evil.example\",\"click\")"));
        Assert.That(read[1]["Name"], Is.EqualTo("Zoë O’Brien"));
        Assert.That(read[2]["Name"], Is.EqualTo("'+44 20 7946 0000"));
        Assert.That(read[0]["Completed"], Is.EqualTo("2026-07-01"));
    }

    [Test]
    public async Task Xlsx_OpenedByTheOpenXmlSdk_HasHeadersNumbersAndInertText()
    {
        using var stream = new MemoryStream();
        await XlsxExport.WriteAsync(stream, "Report",
            [new XlsxColumn<Row>("Name", r => r.Name), new XlsxColumn<Row>("Completed", r => r.Completed), new XlsxColumn<Row>("Score", r => r.Score)],
            Rows());

        stream.Position = 0;
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        static string Text(Cell c) => c.InlineString?.InnerText ?? c.CellValue?.Text ?? string.Empty;

        Assert.That(rows, Has.Count.EqualTo(4));
        Assert.That(rows[0].Elements<Cell>().Select(Text), Is.EqualTo(new[] { "Name", "Completed", "Score" }));
        var formula = rows[1].Elements<Cell>().First();
        Assert.That(Text(formula), Does.StartWith("=HYPERLINK"), "the text as typed, no visible apostrophe");
        Assert.That(formula.DataType!.Value, Is.EqualTo(CellValues.InlineString));
        var format = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)formula.StyleIndex!.Value);
        Assert.That(format.QuotePrefix?.Value, Is.True, "Excel's quote-prefix style keeps it text");
        Assert.That(rows[2].Elements<Cell>().First().StyleIndex, Is.Null, "ordinary text has no prefix");
        Assert.That(rows[1].Elements<Cell>().Last().DataType!.Value, Is.EqualTo(CellValues.Number));
        Assert.That(Text(rows[2].Elements<Cell>().ElementAt(1)), Is.EqualTo("2026-07-02"));
        Assert.That(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().Single().Name!.Value, Is.EqualTo("Report"));
    }
}
