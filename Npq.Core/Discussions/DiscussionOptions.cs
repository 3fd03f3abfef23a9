namespace Npq.Core.Discussions;

/// <summary>
/// Discussion settings (<c>Discussions:*</c>): <see cref="PostsPerMinute"/>, how many threads and replies one person may
/// post in any sixty seconds (5 by default; counted in the database, so it holds across web instances).
/// </summary>
public sealed class DiscussionOptions
{
    public int PostsPerMinute { get; set; } = PostingRules.PostsPerMinute;

    /// <summary>The limit in force: at least one post a minute.</summary>
    public int Limit => Math.Max(1, PostsPerMinute);
}
