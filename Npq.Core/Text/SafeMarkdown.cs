using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Npq.Core.Text;

/// <summary>
/// The one way Npq turns markdown into HTML, for framework content and for everything users write.
/// Raw HTML is not rendered, links and images keep only http, https, mailto and relative targets,
/// and the output passes an HTML sanitiser as a second line of defence.
/// </summary>
public static class SafeMarkdown
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>The class of a link to a framework statement, and of the tooltip holding its text.</summary>
    public const string StatementLinkClass = "statement-link";

    public const string StatementTipClass = "statement-tip";

    /// <summary>Immutable and thread-safe, so built once and shared.</summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UsePipeTables()
        .Use<StatementLinkExtension>()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static MarkdownPipeline SharedPipeline => Pipeline;

    /// <summary>Renders markdown to sanitised HTML; <c>[[statement-id]]</c> stays the text typed.</summary>
    public static string ToHtml(string? markdown) => ToHtml(markdown, null, "md");

    /// <summary>
    /// Renders markdown to sanitised HTML, with <c>[[statement-id]]</c> a link to the statement and its text in a
    /// tooltip when <paramref name="statements"/> knows the id (see <see cref="StatementLinkExtension"/>). Tooltips'
    /// ids start with <paramref name="idPrefix"/>, which must be unique on the page.
    /// </summary>
    public static string ToHtml(string? markdown, StatementResolver? statements, string idPrefix)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var document = Markdown.Parse(markdown, Pipeline);
        NeutraliseUnsafeLinks(document);
        StatementLinks.Resolve(document, statements, idPrefix);
        return Sanitizer.Sanitize(Render(document, plain: false));
    }

    /// <summary>Renders one line of markdown without the surrounding paragraph.</summary>
    public static string ToInlineHtml(string? markdown)
    {
        var html = ToHtml(markdown).Trim();
        if (html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal)
            && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0)
        {
            html = html[3..^4];
        }

        return html;
    }

    /// <summary>The text a reader sees, without markup.</summary>
    public static string ToPlainText(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        return Render(Markdown.Parse(markdown, Pipeline), plain: true).Trim();
    }

    // Renderers kept per thread, one writing HTML and one plain text (as Markdown.ToPlainText does): building one and
    // setting the pipeline's extensions up on it cost more than rendering a short comment, and a page renders one for
    // each post, comment or excerpt it shows. A renderer is taken off its thread while in use, so one left halfway by
    // an exception is dropped, not reused.
    [ThreadStatic]
    private static KeptRenderer? KeptHtml;

    [ThreadStatic]
    private static KeptRenderer? KeptPlainText;

    private static string Render(MarkdownDocument document, bool plain)
    {
        ref var kept = ref plain ? ref KeptPlainText : ref KeptHtml;
        var renderer = kept ?? new KeptRenderer(plain);
        kept = null;
        var text = renderer.Render(document);
        kept = renderer;
        return text;
    }

    /// <summary>A renderer of the pipeline (plain text: every tag and escape turned off) writing to a buffer it empties after each document.</summary>
    private sealed class KeptRenderer
    {
        private readonly StringWriter _writer = new();
        private readonly Markdig.Renderers.HtmlRenderer _renderer;

        public KeptRenderer(bool plain)
        {
            _renderer = plain
                ? new Markdig.Renderers.HtmlRenderer(_writer) { EnableHtmlForBlock = false, EnableHtmlForInline = false, EnableHtmlEscape = false }
                : new Markdig.Renderers.HtmlRenderer(_writer);
            Pipeline.Setup(_renderer);
        }

        public string Render(MarkdownDocument document)
        {
            var buffer = _writer.GetStringBuilder();
            buffer.Clear();
            _renderer.Render(document);
            _writer.Flush();
            var text = buffer.ToString();
            buffer.Clear();
            if (buffer.Capacity > 16 * 1024)
            {
                buffer.Capacity = 1024; // one long text does not keep its buffer on the thread
            }

            return text;
        }
    }

    /// <summary>True when a link target may be rendered: http, https, mailto, or relative.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so judge the
        // URL as a browser would read it.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var colon = compact.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }

        var firstSeparator = compact.IndexOfAny(['/', '?', '#']);
        if (firstSeparator >= 0 && firstSeparator < colon)
        {
            return true; // relative: the colon sits in the path or query
        }

        var scheme = compact[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    private static void NeutraliseUnsafeLinks(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!IsSafeUrl(autolink.Url))
            {
                autolink.Url = "#";
            }
        }
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "hr", "em", "strong", "del", "ins", "mark", "sub", "sup", "code", "pre", "blockquote",
                "ul", "ol", "li", "a", "img", "h1", "h2", "h3", "h4", "h5", "h6",
                "table", "thead", "tbody", "tr", "th", "td", "span",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "href", "src", "alt", "title", "start", "align",
            },
            AllowedSchemes = new HashSet<string>(AllowedSchemes, StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "src" },
        };
        var sanitizer = new HtmlSanitizer(options);
        // Only the statement links' own markup (StatementLinkRenderer) keeps classes, ids, a role or a description:
        // markdown cannot write attributes (raw HTML is off), and this drops them from anything else.
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element)
            {
                return;
            }

            if (element.TagName == "A")
            {
                element.SetAttribute("rel", "nofollow noopener noreferrer");
            }

            var isLink = element.TagName == "A" && element.ClassList.Contains(StatementLinkClass);
            var isTip = element.TagName == "SPAN" && element.ClassList.Contains(StatementTipClass);
            if (!isLink && !isTip)
            {
                foreach (var name in new[] { "class", "id", "role", "aria-describedby" })
                {
                    element.RemoveAttribute(name);
                }
            }
            else if (isTip && element.GetAttribute("role") != "tooltip")
            {
                element.SetAttribute("role", "tooltip");
            }
        };
        sanitizer.AllowedAttributes.Add("rel");
        foreach (var name in new[] { "class", "id", "role", "aria-describedby" })
        {
            sanitizer.AllowedAttributes.Add(name);
        }
        return sanitizer;
    }
}
