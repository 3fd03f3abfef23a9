using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Npq.Web.Infrastructure.Exports;

/// <summary>A column of an Excel export: its header and how to read a row's value.</summary>
public sealed record XlsxColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Writes an .xlsx with the Open XML SDK's forward-only writer, row by row, so 10,000 rows never sit in memory.
/// Text cells are inline strings; one that would start a formula keeps its text and carries Excel's quote-prefix
/// style (cell format 1), so Excel shows it as typed and never runs it; numbers stay numbers; dates are ISO text.
/// The package is written to a seekable stream (a temporary file for large exports).
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The cell format with Excel's quote prefix: text that starts like a formula stays text.</summary>
    public const uint QuotePrefixStyle = 1;

    public static async Task WriteAsync<T>(Stream seekableOutput, string sheetName, IReadOnlyList<XlsxColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        using var document = SpreadsheetDocument.Create(seekableOutput, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();

        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, columns.Select(c => (object?)c.Header));
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                WriteRow(writer, columns.Select(c => c.Value(row)));
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        using (var writer = OpenXmlWriter.Create(workbookPart))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            writer.WriteElement(new Sheet { Name = sheetName, SheetId = 1, Id = workbookPart.GetIdOfPart(sheetPart) });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    writer.WriteElement(new Cell());
                    break;
                case int or long or decimal or double or float:
                    writer.WriteElement(new Cell
                    {
                        DataType = CellValues.Number,
                        CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!),
                    });
                    break;
                default:
                    var text = value switch
                    {
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                        bool b => b ? "yes" : "no",
                        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
                    };
                    var cell = new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }) };
                    if (SpreadsheetSafety.StartsLikeAFormula(text))
                    {
                        cell.StyleIndex = QuotePrefixStyle;
                    }

                    writer.WriteElement(cell);
                    break;
            }
        }

        writer.WriteEndElement();
    }

    /// <summary>The least stylesheet Excel accepts, with cell format 0 (default) and 1 (quote prefix).</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellStyleFormats(new CellFormat()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { QuotePrefix = true, ApplyAlignment = false }) { Count = 2 });
}
