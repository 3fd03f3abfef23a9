using System.Text;
using System.Text.RegularExpressions;

namespace Npq.Core.Discussions;

/// <summary>
/// @mentions in a post: <c>@[Name](id)</c> (what the autocomplete writes) or <c>@Display Name</c> typed by hand.
/// Only people who can read the space are ever matched, so nobody else is notified.
/// </summary>
public static partial class Mentions
{
    [GeneratedRegex(@"@\[(?<name>[^\]\r\n]{1,100})\]\((?<id>\d{1,9})\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Explicit();

    /// <summary>Whether the text could mention anyone at all (it has an "@"): when not, <see cref="Find"/> finds no one.</summary>
    public static bool MayMention([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text) => !string.IsNullOrEmpty(text) && text.Contains('@', StringComparison.Ordinal);

    /// <summary>The readers the text mentions (each once), in the order of <paramref name="readers"/>.</summary>
    public static IReadOnlyList<SpaceReader> Find(string? text, IReadOnlyList<SpaceReader> readers)
    {
        if (!MayMention(text))
        {
            return [];
        }

        var ids = new HashSet<int>();
        foreach (Match match in Explicit().Matches(text))
        {
            if (int.TryParse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                ids.Add(id);
            }
        }

        // "@Ben Carter" names Ben Carter, not also a reader called Ben: at each "@" only the longest name that follows counts.
        var plain = Explicit().Replace(text, " ");
        var longestAt = new Dictionary<int, SpaceReader>();
        foreach (var reader in readers)
        {
            foreach (var at in NamedAt(plain, reader.DisplayName))
            {
                if (!longestAt.TryGetValue(at, out var other) || other.DisplayName.Length < reader.DisplayName.Length)
                {
                    longestAt[at] = reader;
                }
            }
        }

        var named = longestAt.Values.Select(r => r.UserId).ToHashSet();
        return readers.Where(r => ids.Contains(r.UserId) || named.Contains(r.UserId)).DistinctBy(r => r.UserId).ToList();
    }

    /// <summary>
    /// The text as it is rendered: each <c>@[Name](id)</c> becomes <c>@Name</c> in bold, the name's markdown escaped,
    /// so a mention cannot carry a link or markup of its own. The result still goes through the safe pipeline.
    /// </summary>
    public static string ForRendering(string? text) =>
        string.IsNullOrEmpty(text) ? "" : Explicit().Replace(text, m => "**@" + EscapeMarkdown(m.Groups["name"].Value) + "**");

    /// <summary>Where "@" followed by the name (any case, ending at a word boundary) starts in the text.</summary>
    private static IEnumerable<int> NamedAt(string text, string displayName)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            yield break;
        }

        var at = 0;
        while ((at = text.IndexOf("@" + displayName, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var end = at + 1 + displayName.Length;
            if (end >= text.Length || !char.IsLetterOrDigit(text[end]))
            {
                yield return at;
            }

            at = end;
        }
    }

    private static string EscapeMarkdown(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("\\`*_{}[]()#+-.!<>|~".Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
