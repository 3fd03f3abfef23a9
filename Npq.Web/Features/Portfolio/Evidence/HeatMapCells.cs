using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>
/// The squares of one area's row of the coverage heat map. A framework has hundreds of statements and the heat map is
/// on the candidate's home: written square by square through Razor's attribute writer, the squares were a tenth of
/// the page's cost, and built as one string first they were a third of what the page allocated. They are written
/// straight to the response when the page is, each from markup made once per statement of the framework (issue 23:
/// encoding each statement's number and writing a square in five pieces was 4 % of the candidate's home).
/// </summary>
public static class HeatMapCells
{
    /// <summary>Each area's squares as markup, made the first time the area is shown (the frameworks are read once, at start).</summary>
    private static readonly ConditionalWeakTable<Area, Squares[]> ByArea = [];

    public static IHtmlContent For(AreaCoverage area) =>
        new Cells(area.Statements, ByArea.GetValue(area.Area, a => [.. a.AllStatements.Select(Squares.Of)]));

    /// <summary>A statement's whole square for no, one and two pieces of evidence, and the start of the square for three or more.</summary>
    private sealed record Squares(Statement Statement, string[] Whole, string ThreeOrMore)
    {
        public static Squares Of(Statement statement)
        {
            var number = HtmlEncoder.Default.Encode(statement.Number);
            return new Squares(statement, [.. Enumerable.Range(0, 3).Select(count => $"{Openings[count]}{number}: {count}{Closing}")], $"{Openings[3]}{number}: ");
        }
    }

    private static readonly string[] Openings = [.. Enumerable.Range(0, 4).Select(level => $"<span class=\"heat heat-{level}\" title=\"")];

    private const string Closing = "\"></span>";

    private sealed class Cells(IReadOnlyList<StatementCoverage> statements, Squares[] squares) : IHtmlContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder)
        {
            Span<char> digits = stackalloc char[11];
            for (var i = 0; i < statements.Count; i++)
            {
                var (statement, count) = (statements[i].Statement, statements[i].EvidenceCount);
                var made = i < squares.Length && ReferenceEquals(squares[i].Statement, statement) ? squares[i] : null;
                if (made is null)
                {
                    // Not the area's statements in the framework's order (no page shows them otherwise): written as they come.
                    writer.Write(Openings[CoverageReport.Level(count)]);
                    encoder.Encode(writer, statement.Number);
                    writer.Write(": ");
                }
                else if (CoverageReport.Level(count) < 3)
                {
                    writer.Write(made.Whole[CoverageReport.Level(count)]);
                    continue;
                }
                else
                {
                    writer.Write(made.ThreeOrMore);
                }

                count.TryFormat(digits, out var length, provider: System.Globalization.CultureInfo.InvariantCulture);
                writer.Write(digits[..length]);
                writer.Write(Closing);
            }
        }
    }
}
