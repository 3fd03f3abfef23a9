using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Npq.Core.Text;

namespace Npq.Web.Documents.Layout;

/// <summary>
/// Turns user markdown into PDF blocks: headings, paragraphs, lists (nested), emphasis, code and quotes.
/// Raw HTML is never interpreted (it arrives as literal text) and no image or link is ever fetched.
/// </summary>
public static class MarkdownBlocks
{
    public static IReadOnlyList<Block> From(string? markdown)
    {
        var blocks = new List<Block>();
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return blocks;
        }

        var document = Markdown.Parse(markdown, SafeMarkdown.SharedPipeline);
        AddBlocks(blocks, document, 0);
        return blocks;
    }

    private static void AddBlocks(List<Block> output, ContainerBlock container, float indent)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case Markdig.Syntax.HeadingBlock heading:
                    output.Add(new Heading(PlainText(heading.Inline), Math.Min(heading.Level + 1, 4)));
                    break;
                case Markdig.Syntax.ParagraphBlock paragraph:
                    output.Add(new Paragraph(Runs(paragraph.Inline), indent));
                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var marker = list.IsOrdered ? $"{number++}." : "•";
                        var firstParagraph = true;
                        foreach (var child in item)
                        {
                            if (child is Markdig.Syntax.ParagraphBlock itemParagraph)
                            {
                                output.Add(new Paragraph(Runs(itemParagraph.Inline), indent + 18, firstParagraph ? marker : null));
                                firstParagraph = false;
                            }
                            else if (child is ContainerBlock nested)
                            {
                                AddBlocks(output, nested is ListBlock ? WrapList(nested) : nested, indent + 18);
                            }
                        }
                    }

                    break;
                case QuoteBlock quote:
                    AddBlocks(output, quote, indent + 14);
                    break;
                case FencedCodeBlock or CodeBlock:
                    var code = string.Join("\n", ((LeafBlock)block).Lines.Lines.Take(((LeafBlock)block).Lines.Count).Select(l => l.ToString()));
                    output.Add(new Paragraph([new Run(code, Size: 9.5f)], indent + 8));
                    break;
                case ThematicBreakBlock:
                    output.Add(new Rule());
                    break;
                case Markdig.Extensions.Tables.Table table:
                    foreach (var row in table.OfType<Markdig.Extensions.Tables.TableRow>())
                    {
                        var cells = row.OfType<Markdig.Extensions.Tables.TableCell>()
                            .Select(c => string.Join(" ", c.OfType<Markdig.Syntax.ParagraphBlock>().Select(p => PlainText(p.Inline))));
                        output.Add(new Paragraph([new Run(string.Join("  |  ", cells), Bold: row.IsHeader)], indent));
                    }

                    break;
                case LeafBlock leaf:
                    output.Add(new Paragraph([new Run(leaf.Lines.ToString())], indent));
                    break;
                case ContainerBlock other:
                    AddBlocks(output, other, indent);
                    break;
            }
        }
    }

    private static ContainerBlock WrapList(ContainerBlock list)
    {
        var wrapper = new MarkdownDocument();
        list.Parent?.Remove(list);
        wrapper.Add(list);
        return wrapper;
    }

    private static List<Run> Runs(ContainerInline? inline)
    {
        var runs = new List<Run>();
        if (inline is not null)
        {
            Collect(inline, false, false, runs);
        }

        return runs.Count == 0 ? [new Run(string.Empty)] : runs;
    }

    private static void Collect(Inline inline, bool bold, bool italic, List<Run> runs)
    {
        switch (inline)
        {
            case LiteralInline literal:
                runs.Add(new Run(literal.Content.ToString(), bold, italic));
                break;
            case EmphasisInline emphasis:
                var strong = emphasis.DelimiterCount >= 2;
                foreach (var child in emphasis)
                {
                    Collect(child, bold || strong, italic || !strong, runs);
                }

                break;
            case CodeInline code:
                runs.Add(new Run(code.Content, bold, italic));
                break;
            case LineBreakInline:
                runs.Add(new Run("\n", bold, italic));
                break;
            case HtmlInline html:
                runs.Add(new Run(html.Tag, bold, italic));
                break;
            case HtmlEntityInline entity:
                runs.Add(new Run(entity.Transcoded.ToString(), bold, italic));
                break;
            case AutolinkInline autolink:
                runs.Add(new Run(autolink.Url, bold, italic));
                break;
            case LinkInline link:
                foreach (var child in link)
                {
                    Collect(child, bold, italic, runs);
                }

                if (!link.IsImage && !string.IsNullOrEmpty(link.Url))
                {
                    runs.Add(new Run($" ({link.Url})", bold, italic, Typography.Muted));
                }

                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    Collect(child, bold, italic, runs);
                }

                break;
        }
    }

    private static string PlainText(ContainerInline? inline)
    {
        var runs = Runs(inline);
        return string.Concat(runs.Select(r => r.Text));
    }
}
