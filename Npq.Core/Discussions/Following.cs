using Npq.Core.Time;

namespace Npq.Core.Discussions;

/// <summary>What a person follows: a whole topic (every thread in it) or one thread.</summary>
public enum FollowKind
{
    Topic,
    Thread,
}

/// <summary>How often a person is emailed about new posts in what they follow.</summary>
public enum DigestFrequency
{
    Off,
    Immediately,
    Daily,
    Weekly,
}

/// <summary>A person's discussion email choice, with the digest watermark (the highest post id already mailed or skipped).</summary>
public sealed record DigestPreference
{
    public int UserId { get; init; }
    public DigestFrequency Frequency { get; init; } = DigestFrequency.Off;

    /// <summary>The local time of day the digest is sent, in the person's own zone.</summary>
    public TimeOnly LocalTime { get; init; } = new(18, 0);

    /// <summary>The day a weekly digest goes.</summary>
    public DayOfWeek Weekday { get; init; } = DayOfWeek.Monday;

    /// <summary>The next time a daily or weekly digest is due (UTC); null for Off and Immediately.</summary>
    public DateTime? NextDigestUtc { get; init; }

    public DateTime? LastDigestUtc { get; init; }

    /// <summary>Posts with an id above this one are new for the next digest.</summary>
    public int LastPostId { get; init; }

    public static DigestPreference Default(int userId) => new() { UserId = userId };
}

/// <summary>A digest that is due: the person, their zone and the preference as read (its next time is the claim's check).</summary>
public sealed record DueDigest(DigestPreference Preference, string? TimeZone);

/// <summary>A new post in something a person follows, with where it lives (to re-check that they may read it).</summary>
public sealed record FollowedPost
{
    public int PostId { get; init; }
    public int ThreadId { get; init; }
    public string ThreadTitle { get; init; } = "";

    /// <summary>The cohort whose space the post is in; 0 in a course-wide space (see <see cref="CourseSpaceId"/>).</summary>
    public int CohortId { get; init; }

    /// <summary>The course whose course-wide space the post is in; null for a cohort's.</summary>
    public int? CourseSpaceId { get; init; }
    public int? StudyGroupId { get; init; }
    public int AuthorUserId { get; init; }
    public string AuthorName { get; init; } = "";
    public bool AuthorErased { get; init; }
    public string Body { get; init; } = "";
    public DateTime CreatedUtc { get; init; }

    /// <summary>How many posts of the thread come before this one (which page holds it).</summary>
    public int Before { get; init; }
}

/// <summary>Subscriptions, digest preferences and the digest watermark (implemented in Npq.Data).</summary>
public interface IDiscussionFollowRepository
{
    /// <summary>Adds the subscription; nothing happens when it exists.</summary>
    Task FollowAsync(int userId, FollowKind kind, int targetId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task UnfollowAsync(int userId, FollowKind kind, int targetId, CancellationToken cancellationToken = default);

    Task<bool> IsFollowingAsync(int userId, FollowKind kind, int targetId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Who follows the thread or the topic it is in (each once, by id), and which of them follow the thread itself, in one
    /// read (a reply's author is among them once they have posted there).
    /// </summary>
    Task<ThreadFollowers> GetFollowersAsync(int threadId, int topicId, CancellationToken cancellationToken = default);

    /// <summary>The person's preference, or null when they never chose one.</summary>
    Task<DigestPreference?> GetPreferenceAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Writes the preference (frequency, time, weekday, next time and watermark), replacing any earlier one.</summary>
    Task SavePreferenceAsync(DigestPreference preference, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Of these people, those who chose Immediately.</summary>
    Task<IReadOnlyList<int>> GetImmediateAsync(IReadOnlyCollection<int> userIds, CancellationToken cancellationToken = default);

    /// <summary>Daily and weekly digests whose next time is at or before <paramref name="nowUtc"/>, with each person's zone.</summary>
    Task<IReadOnlyList<DueDigest>> GetDueAsync(DateTime nowUtc, int take, CancellationToken cancellationToken = default);

    /// <summary>The highest post id there is (0 when none).</summary>
    Task<int> GetMaxPostIdAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a due digest on atomically: only when its next time is still <paramref name="expectedNextUtc"/> (so of two
    /// instances one wins). True when this caller claimed it.
    /// </summary>
    Task<bool> ClaimDigestAsync(int userId, DateTime expectedNextUtc, DateTime nextUtc, int lastPostId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Posts after <paramref name="afterPostId"/> up to <paramref name="uptoPostId"/> in threads the person follows (or
    /// in topics they follow), not theirs, not deleted and not hidden, oldest first, at most <paramref name="take"/>.
    /// </summary>
    Task<IReadOnlyList<FollowedPost>> GetNewPostsAsync(int userId, int afterPostId, int uptoPostId, int take, CancellationToken cancellationToken = default);

    /// <summary>One post with its thread's place, for an immediate mail; null when it is gone.</summary>
    Task<FollowedPost?> GetFollowedPostAsync(int postId, CancellationToken cancellationToken = default);
}

/// <summary>When a digest is due next: the person's local time of day, in their zone, on the next day (or weekday) it has not yet passed.</summary>
public static class DigestSchedule
{
    /// <summary>
    /// The first instant strictly after <paramref name="afterUtc"/> at which the person's wall clock reads
    /// <paramref name="localTime"/> (on <paramref name="weekday"/> for weekly). On the day clocks go forward a time in
    /// the skipped hour moves forward by the gap; on the day they go back an ambiguous time is its first occurrence.
    /// Null for Off and Immediately.
    /// </summary>
    public static DateTime? Next(DigestFrequency frequency, TimeOnly localTime, DayOfWeek weekday, string? zone, DateTime afterUtc)
    {
        if (frequency is not (DigestFrequency.Daily or DigestFrequency.Weekly))
        {
            return null;
        }

        var day = DateOnly.FromDateTime(ZonedTime.ToLocal(afterUtc, zone)).AddDays(-1);
        for (var i = 0; i < 16; i++, day = day.AddDays(1))
        {
            if (frequency == DigestFrequency.Weekly && day.DayOfWeek != weekday)
            {
                continue;
            }

            var utc = ZonedTime.ToUtc(day.ToDateTime(localTime), zone);
            if (utc > afterUtc)
            {
                return utc;
            }
        }

        throw new InvalidOperationException("No digest time found within two weeks.");
    }
}

/// <summary>The followers of a thread or its topic, by id, and those who follow the thread itself.</summary>
public sealed record ThreadFollowers(IReadOnlyList<int> UserIds, IReadOnlySet<int> OfTheThread);
