using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>
/// The squares of one area's row of the coverage heat map. A framework has hundreds of statements and the heat map is
/// on the candidate's home: written square by square through Razor's attribute writer, the squares were a tenth of
/// the page's cost, and built as one string first they were a third of what the page allocated. They are written
/// straight to the response when the page is.
/// </summary>
public static class HeatMapCells
{
    private static readonly string[] Openings = [.. Enumerable.Range(0, 4).Select(level => $"<span class=\"heat heat-{level}\" title=\"")];

    public static IHtmlContent For(AreaCoverage area) => new Cells(area.Statements);

    private sealed class Cells(IReadOnlyList<StatementCoverage> statements) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            Span<char> digits = stackalloc char[11];
            for (var i = 0; i < statements.Count; i++)
            {
                var s = statements[i];
                writer.Write(Openings[CoverageReport.Level(s.EvidenceCount)]);
                encoder.Encode(writer, s.Statement.Number);
                writer.Write(": ");
                s.EvidenceCount.TryFormat(digits, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
                writer.Write(digits[..length]);
                writer.Write("\"></span>");
            }
        }
    }
}
