using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Npq.Web.Features.Shared;

/// <summary>
/// The one pager every paged list uses (<c>@Html.Pager(…)</c>), written straight to the response when the page is: how
/// many are shown of how many ("more than" for a count that stopped at its limit), then, when there is more than one
/// page or more than the smallest size, a nav named after the list with plain links (keyboard and phone alike) to the
/// previous and next page, the first, the last and two either side of this one, the current page marked, and the page
/// sizes as links too, so filters and sorting in the address are kept. Every address and text is encoded with the
/// page's <see cref="HtmlEncoder"/>, as Razor does.
/// </summary>
/// <remarks>
/// Issue 23: as a Razor partial the pager cost every paged page a view found and activated for a dozen links, each of
/// its forty pieces kept in the page's buffer; written here, the admin's sessions page served 1.4 % more with the same
/// HTML (docs/notes/issue-23.md, "Thirty-eighth session").
/// </remarks>
public sealed class PagerHtml(PageLinks links) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        writer.Write("<p class=\"pager-status\" role=\"status\">");
        if (links.Total == 0)
        {
            writer.Write("None to show.");
        }
        else
        {
            writer.Write("Showing ");
            writer.Write(links.First.ToString(CultureInfo.InvariantCulture));
            writer.Write(" to ");
            writer.Write(links.Last.ToString(CultureInfo.InvariantCulture));
            writer.Write(links.MoreThanTotal ? " of more than " : " of ");
            writer.Write(links.Total.ToString("N0", CultureInfo.InvariantCulture));
            writer.Write('.');
        }

        writer.Write("</p>\n");
        if (links.PageCount <= 1 && links.Total <= links.Sizes[0])
        {
            return;
        }

        writer.Write("<nav class=\"pager paged\" aria-label=\"Pages of ");
        encoder.Encode(writer, links.Of);
        writer.Write("\">\n<ul class=\"pager-pages\">\n");
        if (links.Page > 1)
        {
            WriteLink(writer, encoder, links.Link(links.Page - 1), " rel=\"prev\">Previous<span class=\"visually-hidden\"> page</span></a></li>\n");
        }

        foreach (var n in links.Numbers())
        {
            if (n == 0)
            {
                writer.Write("<li aria-hidden=\"true\">…</li>\n");
                continue;
            }

            WriteLink(writer, encoder, links.Link(n), n == links.Page ? " aria-current=\"page\"><span class=\"visually-hidden\">Page </span>" : "><span class=\"visually-hidden\">Page </span>");
            writer.Write(n.ToString(CultureInfo.InvariantCulture));
            writer.Write("</a></li>\n");
        }

        if (links.Page < links.PageCount)
        {
            WriteLink(writer, encoder, links.Link(links.Page + 1), " rel=\"next\">Next<span class=\"visually-hidden\"> page</span></a></li>\n");
        }

        writer.Write("</ul>\n<p class=\"pager-sizes\">Per page:\n");
        foreach (var size in links.Sizes)
        {
            var text = size.ToString(CultureInfo.InvariantCulture);
            if (size == links.Size)
            {
                writer.Write("<strong aria-current=\"true\">");
                writer.Write(text);
                writer.Write("</strong>\n");
                continue;
            }

            writer.Write("<a href=\"");
            encoder.Encode(writer, links.SizeLink(size));
            writer.Write("\"><span class=\"visually-hidden\">Show </span>");
            writer.Write(text);
            writer.Write("<span class=\"visually-hidden\"> per page</span></a>\n");
        }

        writer.Write("</p>\n</nav>\n");
    }

    /// <summary>A list item's link to <paramref name="address"/>, <paramref name="rest"/> closing the tag and giving its content.</summary>
    private static void WriteLink(TextWriter writer, HtmlEncoder encoder, string address, string rest)
    {
        writer.Write("<li><a href=\"");
        encoder.Encode(writer, address);
        writer.Write('"');
        writer.Write(rest);
    }
}

/// <summary>The pager under a list: <c>@Html.Pager(Model.Pager)</c>.</summary>
public static class PagerHtmlHelper
{
    public static IHtmlContent Pager(this IHtmlHelper html, PageLinks links) => new PagerHtml(links);
}
