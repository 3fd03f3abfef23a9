using System.Globalization;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Npq.Core.Text;

/// <summary>Where a framework statement named in markdown points, and the words shown on hover and focus.</summary>
public sealed record StatementLink(string Href, string Text);

/// <summary>Finds a framework statement by its stable id (as written in content/, e.g. <c>sc-lt-1</c>), or null when there is none.</summary>
public delegate StatementLink? StatementResolver(string id);

/// <summary>
/// <c>[[statement-id]]</c> in markdown: a link to the statement on its framework page, followed by the statement's
/// text in a tooltip the link is described by (aria-describedby), shown on hover and on keyboard focus by the site's
/// CSS. Ids nobody resolves (an unknown id, or text rendered without a resolver) stay as the plain text typed.
/// </summary>
public sealed class StatementLinkExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.InlineParsers.Contains<StatementLinkParser>())
        {
            pipeline.InlineParsers.InsertBefore<LinkInlineParser>(new StatementLinkParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html && !html.ObjectRenderers.Contains<StatementLinkRenderer>())
        {
            html.ObjectRenderers.InsertBefore<LinkInlineRenderer>(new StatementLinkRenderer());
        }
    }
}

/// <summary>A <c>[[id]]</c> as parsed; <see cref="Link"/> and <see cref="TipId"/> are filled in when the id is known.</summary>
public sealed class StatementLinkInline : LeafInline
{
    public string StatementId { get; init; } = "";

    public StatementLink? Link { get; set; }

    public string? TipId { get; set; }
}

/// <summary>Reads <c>[[id]]</c>: letters, digits, dots, dashes and underscores, at most 60.</summary>
public sealed class StatementLinkParser : InlineParser
{
    public const int MaxIdLength = 60;

    public StatementLinkParser()
    {
        OpeningCharacters = ['['];
    }

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        if (slice.PeekCharExtra(1) != '[')
        {
            return false;
        }

        var start = slice.Start;
        var text = slice.Text;
        var i = start + 2;
        while (i <= slice.End && i - start - 2 < MaxIdLength && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '.' or '_'))
        {
            i++;
        }

        var length = i - start - 2;
        // "[[text]](url)" is a link whose text has brackets, not a statement.
        if (length == 0 || i + 1 > slice.End || text[i] != ']' || text[i + 1] != ']' || (i + 2 <= slice.End && text[i + 2] == '('))
        {
            return false;
        }

        processor.Inline = new StatementLinkInline
        {
            StatementId = text.Substring(start + 2, length),
            Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(i + 1)),
            Line = line,
            Column = column,
        };
        slice.Start = i + 2;
        return true;
    }
}

/// <summary>Writes a known statement as its link and tooltip (every piece of text encoded); an unknown one as the text typed.</summary>
public sealed class StatementLinkRenderer : HtmlObjectRenderer<StatementLinkInline>
{
    protected override void Write(HtmlRenderer renderer, StatementLinkInline inline)
    {
        if (inline.Link is not { } link || inline.TipId is null || !renderer.EnableHtmlForInline)
        {
            renderer.WriteEscape("[[" + inline.StatementId + "]]");
            return;
        }

        renderer.Write("<a href=\"").WriteEscapeUrl(link.Href).Write("\" class=\"" + SafeMarkdown.StatementLinkClass + "\" aria-describedby=\"").WriteEscape(inline.TipId).Write("\">")
            .WriteEscape(inline.StatementId).Write("</a>")
            .Write("<span class=\"" + SafeMarkdown.StatementTipClass + "\" role=\"tooltip\" id=\"").WriteEscape(inline.TipId).Write("\">").WriteEscape(link.Text).Write("</span>");
    }
}

internal static class StatementLinks
{
    /// <summary>Resolves every <c>[[id]]</c> of the document; ids of tooltips are <paramref name="idPrefix"/>-st-1, -st-2, … so they are unique on a page.</summary>
    public static void Resolve(MarkdownDocument document, StatementResolver? resolver, string idPrefix)
    {
        if (resolver is null)
        {
            return;
        }

        var n = 0;
        foreach (var inline in document.Descendants<StatementLinkInline>())
        {
            if (resolver(inline.StatementId) is { } link && SafeMarkdown.IsSafeUrl(link.Href))
            {
                inline.Link = link;
                inline.TipId = $"{idPrefix}-st-{(++n).ToString(CultureInfo.InvariantCulture)}";
            }
        }
    }
}
