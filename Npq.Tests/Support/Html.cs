using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Npq.Tests.Support;

/// <summary>Parses responses as a browser would, so tests assert on what a person sees.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IDocument> ReadAsync(HttpResponseMessage response) =>
        Parser.ParseDocument(await response.Content.ReadAsStringAsync());

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static string Text(this IElement? element) => (element?.TextContent ?? string.Empty).Trim();
}
