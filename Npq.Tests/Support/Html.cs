using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Npq.Tests.Support;

/// <summary>Parses responses as a browser would, so tests assert on what a person sees.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>What markup written in code (an <see cref="IHtmlContent"/>) writes, encoded as a page's is, parsed inside a <c>main</c>.</summary>
    public static IDocument Written(IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        return Parser.ParseDocument($"<main>{writer}</main>");
    }

    public static string Text(this IElement? element) => (element?.TextContent ?? string.Empty).Trim();
}
