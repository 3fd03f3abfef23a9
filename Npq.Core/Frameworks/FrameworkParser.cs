using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Npq.Core.Text;

namespace Npq.Core.Frameworks;

/// <summary>A file of framework content as read from disk: its name and its markdown.</summary>
public sealed record ContentFile(string Name, string Markdown);

/// <summary>Something wrong with framework content, pointing at the file and line an editor must fix.</summary>
public sealed record ContentProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed record FrameworkParseResult(Framework Framework, IReadOnlyList<ContentProblem> Problems);

/// <summary>
/// Parses a framework folder: <c>index.md</c> (code and title) and one markdown file per area.
/// Structure comes from the Markdig syntax tree; each statement's id is the <c>{#id}</c> written at the end
/// of its line.
/// </summary>
public static partial class FrameworkParser
{
    public const string IndexFile = "index.md";
    public const string KnownGapsFile = "KNOWN-GAPS.md";

    [GeneratedRegex(@"\s*\{#(?<id>[^}\s]*)\}\s*$")]
    private static partial Regex TrailingId();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ValidId();

    [GeneratedRegex(@"`(?<id>[a-z0-9-]+)`")]
    private static partial Regex BacktickedId();

    public static FrameworkParseResult Parse(string code, IEnumerable<ContentFile> files)
    {
        var problems = new List<ContentProblem>();
        var title = code.ToUpperInvariant();
        var acknowledgedGaps = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var areas = new List<Area>();

        var fileList = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        foreach (var file in fileList.Where(f => f.Name.Equals(KnownGapsFile, StringComparison.OrdinalIgnoreCase)))
        {
            acknowledgedGaps.UnionWith(ReadAcknowledgedGaps(file.Markdown));
        }

        foreach (var file in fileList)
        {
            if (file.Name.Equals(IndexFile, StringComparison.OrdinalIgnoreCase))
            {
                var (meta, _, _) = SplitFrontMatter(file.Markdown);
                title = meta.GetValueOrDefault("title") ?? title;
                continue;
            }

            if (file.Name.Equals(KnownGapsFile, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            areas.Add(ParseArea(file, acknowledgedGaps, problems));
        }

        areas.Sort((a, b) => a.Order.CompareTo(b.Order));
        var framework = new Framework(code, title, areas);
        Check(framework, acknowledgedGaps, problems);
        return new FrameworkParseResult(framework, problems);
    }

    /// <summary>
    /// Ids an editor has listed under "Gaps kept as in the source" in KNOWN-GAPS.md, as the first cell of a
    /// table row or as a bullet naming the id in backticks.
    /// </summary>
    private static IEnumerable<string> ReadAcknowledgedGaps(string markdown)
    {
        var inGaps = false;
        foreach (var raw in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inGaps = line.Contains("kept", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (!inGaps)
            {
                continue;
            }

            if (line.StartsWith('|'))
            {
                var cell = line.Split('|', StringSplitOptions.TrimEntries)[1].Trim('`');
                if (ValidId().IsMatch(cell))
                {
                    yield return cell;
                }
            }
            else if (line.StartsWith('-') && BacktickedId().Match(line) is { Success: true } match)
            {
                yield return match.Groups["id"].Value;
            }
        }
    }

    private static Area ParseArea(ContentFile file, IReadOnlySet<string> acknowledgedGaps, List<ContentProblem> problems)
    {
        var (meta, body, bodyLineOffset) = SplitFrontMatter(file.Markdown);
        var slug = meta.GetValueOrDefault("slug") ?? Path.GetFileNameWithoutExtension(file.Name);
        var areaTitle = meta.GetValueOrDefault("title");
        if (string.IsNullOrWhiteSpace(areaTitle))
        {
            problems.Add(new ContentProblem(file.Name, 1, "the front matter has no title"));
            areaTitle = slug;
        }

        if (!int.TryParse(meta.GetValueOrDefault("order"), out var order))
        {
            problems.Add(new ContentProblem(file.Name, 1, "the front matter has no numeric order"));
        }

        var learnThat = new List<Statement>();
        var learnHow = new List<(Statement Heading, List<Statement> Bullets)>();
        var section = Section.None;
        var document = Markdown.Parse(body, SafeMarkdown.SharedPipeline);

        foreach (var block in document)
        {
            var line = block.Line + 1 + bodyLineOffset;
            switch (block)
            {
                case HeadingBlock { Level: 1 }:
                    break;
                case HeadingBlock { Level: 2 } h2:
                    var sectionTitle = Slice(body, h2).TrimStart('#').Trim();
                    section = sectionTitle.StartsWith("Learn that", StringComparison.OrdinalIgnoreCase) ? Section.LearnThat
                        : sectionTitle.StartsWith("Learn how", StringComparison.OrdinalIgnoreCase) ? Section.LearnHow
                        : Section.None;
                    if (section == Section.None)
                    {
                        problems.Add(new ContentProblem(file.Name, line, $"unknown section \"{sectionTitle}\": use \"## Learn that…\" or \"## Learn how to…\""));
                    }

                    break;
                case HeadingBlock { Level: 3 } h3 when section == Section.LearnHow:
                    var headingText = Slice(body, h3).TrimStart('#').Trim();
                    var heading = MakeStatement(file, line, headingText, StatementKind.LearnHow, (learnHow.Count + 1).ToString(), slug, null, acknowledgedGaps, problems);
                    learnHow.Add((heading, new List<Statement>()));
                    break;
                case ListBlock { IsOrdered: true } ordered when section == Section.LearnThat:
                    foreach (var item in ordered.OfType<ListItemBlock>())
                    {
                        var number = item.Order.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        learnThat.Add(MakeStatement(file, item.Line + 1 + bodyLineOffset, ItemText(body, item), StatementKind.LearnThat, number, slug, null, acknowledgedGaps, problems));
                    }

                    break;
                case ListBlock { IsOrdered: false } bullets when section == Section.LearnHow && learnHow.Count > 0:
                    var current = learnHow[^1];
                    foreach (var item in bullets.OfType<ListItemBlock>())
                    {
                        var letter = ((char)('a' + current.Bullets.Count)).ToString();
                        current.Bullets.Add(MakeStatement(file, item.Line + 1 + bodyLineOffset, ItemText(body, item), StatementKind.LearnHowBullet, letter, slug, current.Heading.Id, acknowledgedGaps, problems));
                    }

                    break;
                default:
                    problems.Add(new ContentProblem(file.Name, line, "content outside a statement list would not be shown: put it in a \"Learn that…\" list or under a \"Learn how to…\" heading"));
                    break;
            }
        }

        var how = learnHow.Select(h => h.Heading with { Children = h.Bullets }).ToList();
        return new Area(slug, areaTitle, order, learnThat, how);
    }

    private static Statement MakeStatement(ContentFile file, int line, string raw, StatementKind kind, string number, string areaSlug, string? parentId, IReadOnlySet<string> acknowledgedGaps, List<ContentProblem> problems)
    {
        var text = raw.ReplaceLineEndings(" ").Trim();
        var match = TrailingId().Match(text);
        var id = string.Empty;
        if (match.Success)
        {
            id = match.Groups["id"].Value;
            text = text[..match.Index].Trim();
        }

        if (id.Length == 0)
        {
            problems.Add(new ContentProblem(file.Name, line, "statement has no id: end the line with {#area-lt-1} or similar"));
            id = $"{areaSlug}-missing-{line}";
        }
        else if (!ValidId().IsMatch(id))
        {
            problems.Add(new ContentProblem(file.Name, line, $"id \"{id}\" must be lower-case letters, digits and hyphens"));
        }

        if (text.Length == 0)
        {
            problems.Add(new ContentProblem(file.Name, line, $"statement {id} is empty"));
        }

        // A statement kept cut mid-sentence may have lost its closing bracket with the rest of the sentence.
        foreach (var message in MarkupProblems(text, allowOpenBrackets: acknowledgedGaps.Contains(id)))
        {
            problems.Add(new ContentProblem(file.Name, line, $"statement {id}: {message}"));
        }

        return new Statement(id, kind, number, SafeMarkdown.ToPlainText(text), SafeMarkdown.ToInlineHtml(text), areaSlug, parentId, []);
    }

    /// <summary>Markup an editor opened and did not close, or HTML that would not be rendered.</summary>
    internal static IEnumerable<string> MarkupProblems(string text, bool allowOpenBrackets = false)
    {
        if (text.Count(c => c == '`') % 2 != 0)
        {
            yield return "unbalanced ` (code)";
        }

        var withoutCode = Regex.Replace(text, "`[^`]*`", string.Empty);
        if (Regex.Matches(withoutCode, @"\*\*").Count % 2 != 0)
        {
            yield return "unbalanced ** (bold)";
        }

        if (Regex.Replace(withoutCode, @"\*\*", string.Empty).Count(c => c == '*') % 2 != 0)
        {
            yield return "unbalanced * (emphasis)";
        }

        if (withoutCode.Count(c => c == '[') != withoutCode.Count(c => c == ']'))
        {
            yield return "unbalanced [ ]";
        }

        var open = withoutCode.Count(c => c == '(');
        var close = withoutCode.Count(c => c == ')');
        if (open < close || (open > close && !allowOpenBrackets))
        {
            yield return "unbalanced ( )";
        }

        if (withoutCode.Contains('{') || withoutCode.Contains('}'))
        {
            yield return "stray { or }: an id belongs only at the end of the line";
        }

        if (Regex.IsMatch(withoutCode, @"<[a-zA-Z/!]"))
        {
            yield return "raw HTML is not rendered: use markdown";
        }
    }

    private static void Check(Framework framework, HashSet<string> acknowledgedGaps, List<ContentProblem> problems)
    {
        foreach (var area in framework.Areas)
        {
            if (area.LearnThat.Count == 0 && area.LearnHow.Count == 0)
            {
                problems.Add(new ContentProblem(area.Slug, 1, $"area \"{area.Title}\" has no statements"));
            }

            foreach (var heading in area.LearnHow.Where(h => h.Children.Count == 0))
            {
                problems.Add(new ContentProblem(area.Slug, 1, $"\"Learn how to…\" heading {heading.Id} has no bullets"));
            }

            foreach (var statement in area.AllStatements)
            {
                if (statement.Text.Length > 0 && !EndsLikeASentence(statement.Text) && !acknowledgedGaps.Contains(statement.Id))
                {
                    problems.Add(new ContentProblem(area.Slug, 1, $"statement {statement.Id} looks cut mid-sentence (\"…{Tail(statement.Text)}\"): restore it or list it under \"Gaps kept as in the source\" in {KnownGapsFile}"));
                }
            }
        }

        foreach (var duplicate in framework.AllStatements.GroupBy(s => s.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add(new ContentProblem(duplicate.First().AreaSlug, 1, $"id {duplicate.Key} is used {duplicate.Count()} times"));
        }

        foreach (var duplicate in framework.Areas.GroupBy(a => a.Slug, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            problems.Add(new ContentProblem(duplicate.Key, 1, $"area slug {duplicate.Key} is used {duplicate.Count()} times"));
        }
    }

    private static bool EndsLikeASentence(string text) => text.TrimEnd().LastOrDefault() is '.' or ':' or ';' or '?' or '!' or ')' or '”' or '’' or '"';

    private static string Tail(string text) => text.Length <= 40 ? text : text[^40..];

    private static string Slice(string source, Block block) => source.Substring(block.Span.Start, block.Span.Length);

    private static string ItemText(string source, ListItemBlock item)
    {
        var paragraphs = item.OfType<ParagraphBlock>().ToList();
        if (paragraphs.Count == 0)
        {
            return string.Empty;
        }

        var first = paragraphs[0];
        var last = paragraphs[^1];
        return source.Substring(first.Span.Start, last.Span.End - first.Span.Start + 1);
    }

    /// <summary>Splits "---\nkey: value\n---" from the body; returns the body's line offset in the file.</summary>
    internal static (Dictionary<string, string> Meta, string Body, int LineOffset) SplitFrontMatter(string markdown)
    {
        var meta = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var text = markdown.ReplaceLineEndings("\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return (meta, text, 0);
        }

        var end = text.IndexOf("\n---", 4, StringComparison.Ordinal);
        if (end < 0)
        {
            return (meta, text, 0);
        }

        foreach (var line in text[4..end].Split('\n'))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                meta[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var bodyStart = text.IndexOf('\n', end + 1);
        bodyStart = bodyStart < 0 ? text.Length : bodyStart + 1;
        var offset = text[..bodyStart].Count(c => c == '\n');
        return (meta, text[bodyStart..], offset);
    }

    private enum Section
    {
        None,
        LearnThat,
        LearnHow,
    }
}
