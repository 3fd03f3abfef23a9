namespace Npq.Core.Discussions;

/// <summary>Words the discussion pages show for posts that are not shown as written.</summary>
public static class DiscussionText
{
    public const string FormerParticipant = "Former participant";

    /// <summary>Shown beside a post in a course-wide space whose author is a facilitator or admin rather than a cohort's candidate.</summary>
    public const string CourseTeam = "course team";
    public const string Removed = "removed";
    public const string DeletedByAuthor = "Deleted by its author.";
    public const string HiddenByModerator = "Hidden by a moderator.";
}

/// <summary>
/// The rules of posting, pure so they are tested alone: how long a title and a body may be, how long an author may
/// edit (<see cref="EditWindow"/>), how often a person may post (<see cref="PostsPerMinute"/> in the minute that opens
/// with their first post after the last minute closed, counted in the database so it holds across web instances), and
/// who may post where.
/// </summary>
public static class PostingRules
{
    public const int TitleMaxLength = 150;
    public const int BodyMaxLength = 10_000;
    public const int ReasonMaxLength = 500;
    public const int PostsPerMinute = 5;
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    public const string TitleField = "title";
    public const string BodyField = "body";
    public const string ReasonField = "reason";

    public static string RateLimited => RateLimitedAt(PostsPerMinute);

    /// <summary>The rate limit's message for a limit of <paramref name="postsPerMinute"/>.</summary>
    public static string RateLimitedAt(int postsPerMinute) =>
        $"You have posted {postsPerMinute} times in the last minute. Wait a minute and post again: what you wrote is still here.";

    /// <summary>The problems with a thread's title, keyed by field; none when it is fine.</summary>
    public static IReadOnlyDictionary<string, string> CheckTitle(string? title)
    {
        var trimmed = title?.Trim() ?? "";
        return trimmed.Length == 0 ? One(TitleField, "Enter a title for the thread.")
            : trimmed.Length > TitleMaxLength ? One(TitleField, $"Keep the title to {TitleMaxLength} characters or fewer (it has {trimmed.Length}).")
            : None;
    }

    /// <summary>The problems with a post's text; none when it is fine.</summary>
    public static IReadOnlyDictionary<string, string> CheckBody(string? body)
    {
        var trimmed = body?.Trim() ?? "";
        return trimmed.Length == 0 ? One(BodyField, "Write something to post.")
            : trimmed.Length > BodyMaxLength ? One(BodyField, $"Keep a post to {BodyMaxLength:N0} characters or fewer (it has {trimmed.Length:N0}).")
            : None;
    }

    /// <summary>The problems with a reason (for a report or for hiding a post).</summary>
    public static IReadOnlyDictionary<string, string> CheckReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        return trimmed.Length == 0 ? One(ReasonField, "Say why.")
            : trimmed.Length > ReasonMaxLength ? One(ReasonField, $"Keep the reason to {ReasonMaxLength} characters or fewer.")
            : None;
    }

    /// <summary>True when the person has used up their posts for their current minute (<paramref name="postsInLastMinute"/> before this one).</summary>
    public static bool IsRateLimited(int postsInLastMinute, int postsPerMinute = PostsPerMinute) => postsInLastMinute >= postsPerMinute;

    /// <summary>
    /// Whether the viewer may edit a post now: its author within <see cref="EditWindow"/> of posting, a moderator at
    /// any time; never a deleted post.
    /// </summary>
    public static bool MayEdit(Viewer viewer, int authorUserId, DateTime createdUtc, DateTime? deletedUtc, DateTime nowUtc) =>
        deletedUtc is null && (viewer.IsModerator || (viewer.UserId == authorUserId && nowUtc - createdUtc <= EditWindow));

    /// <summary>Whether the viewer may post in a topic: announcements only for moderators; a locked thread only for moderators.</summary>
    public static bool MayPost(Viewer viewer, TopicKind kind, bool threadLocked = false) =>
        viewer.IsModerator || (kind != TopicKind.Announcements && !threadLocked);

    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    private static Dictionary<string, string> One(string field, string message) => new() { [field] = message };
}
