using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Npq.Web.Infrastructure.Exports;

/// <summary>A column of an Excel export: its header and how to read a row's value.</summary>
public sealed record XlsxColumn<T>(string Header, Func<T, object?> Value);

/// <summary>
/// Writes an .xlsx with the Open XML SDK's forward-only writer, row by row, so 10,000 rows never sit in memory.
/// Text cells are inline strings, neutralised against formulas; numbers stay numbers; dates are ISO text.
/// The package is written to a seekable stream (a temporary file for large exports).
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task WriteAsync<T>(Stream seekableOutput, string sheetName, IReadOnlyList<XlsxColumn<T>> columns, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
    {
        using var document = SpreadsheetDocument.Create(seekableOutput, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();

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
                        _ => SpreadsheetSafety.Neutralise(Convert.ToString(value, CultureInfo.InvariantCulture)),
                    };
                    writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) });
                    break;
            }
        }

        writer.WriteEndElement();
    }
}
