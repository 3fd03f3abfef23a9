using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Npq.Core.Portfolio;

namespace Npq.Web.Features.Portfolio.Evidence;

/// <summary>
/// The squares of one area's row of the coverage heat map, written as one piece of HTML. A framework has hundreds of
/// statements and the heat map is on the candidate's home: written square by square through Razor's attribute
/// writer, the squares were a tenth of the page's cost.
/// </summary>
public static class HeatMapCells
{
    public static IHtmlContent For(AreaCoverage area)
    {
        var html = new StringBuilder(area.Statements.Count * 56);
        foreach (var s in area.Statements)
        {
            html.Append("<span class=\"heat heat-").Append(CoverageReport.Level(s.EvidenceCount))
                .Append("\" title=\"").Append(HtmlEncoder.Default.Encode(s.Statement.Number)).Append(": ").Append(s.EvidenceCount)
                .Append("\"></span>");
        }

        return new HtmlString(html.ToString());
    }
}
