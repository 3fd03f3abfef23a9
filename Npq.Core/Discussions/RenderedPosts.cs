using System.Collections.Concurrent;
using System.Globalization;

namespace Npq.Core.Discussions;

/// <summary>
/// A memo of posts' rendered HTML (markdown through the safe pipeline: about 0.1-0.15 ms a post, 25 a thread page),
/// keyed by the framework its statement links resolve in, the post and its exact text, so an edit is a new entry and
/// nothing can be stale. It is a cache of a pure function, not state: every instance computes the same HTML. Bounded:
/// emptied when it reaches <see cref="Limit"/> entries.
/// </summary>
internal static class RenderedPosts
{
    public const int Limit = 5_000;

    private static readonly ConcurrentDictionary<string, string> Html = new(StringComparer.Ordinal);

    public static string Render(int postId, string framework, string body, Func<string> render)
    {
        var key = string.Concat(framework, "\n", postId.ToString(CultureInfo.InvariantCulture), "\n", body);
        if (Html.TryGetValue(key, out var html))
        {
            return html;
        }

        html = render();
        if (Html.Count >= Limit)
        {
            Html.Clear();
        }

        Html[key] = html;
        return html;
    }
}
