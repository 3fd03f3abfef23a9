using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Changes;
using Npq.Core.Notifications;
using Npq.Core.Time;

namespace Npq.Core.Discussions;

/// <summary>Where links in discussion emails point (the site's public address).</summary>
public sealed class DiscussionEmailOptions
{
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
}

/// <summary>
/// Following topics and threads: subscribing (the space's access is checked before these are called), telling
/// followers of a new post (in the app, and by email straight away for those who chose Immediately), re-checking at
/// that moment that each follower still reads the space (a withdrawn candidate, someone moved out of a study group is
/// skipped); and each person's discussion email choice.
/// </summary>
public sealed class DiscussionFollowing(
    IDiscussionFollowRepository follows,
    IDiscussionRepository discussions,
    INotificationRepository notifications,
    DiscussionMail mail,
    IUserTimeZones timeZones,
    IWriteTogether together,
    TimeProvider time,
    ILogger<DiscussionFollowing> logger)
{
    public Task<bool> IsFollowingAsync(Viewer viewer, FollowKind kind, int targetId, CancellationToken cancellationToken = default) =>
        follows.IsFollowingAsync(viewer.UserId, kind, targetId, cancellationToken);

    public async Task SetFollowingAsync(Viewer viewer, FollowKind kind, int targetId, bool follow, CancellationToken cancellationToken = default)
    {
        if (follow)
        {
            await follows.FollowAsync(viewer.UserId, kind, targetId, time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        else
        {
            await follows.UnfollowAsync(viewer.UserId, kind, targetId, cancellationToken);
        }

        logger.LogInformation("User {UserId} {Action} {Kind} {TargetId}", viewer.UserId, follow ? "follows" : "stopped following", kind, targetId);
    }

    /// <summary>
    /// After a post: its author follows the thread (starting or replying subscribes you), and every other follower of
    /// the thread or its topic who still reads the space is told in the app, and by email now if they chose Immediately.
    /// Returns whom it told.
    /// </summary>
    public async Task<IReadOnlyList<int>> PostedAsync(ThreadHeader thread, int postId, int authorUserId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await TellFollowersAsync(thread, postId, authorUserId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The post is saved; failing to tell its followers must not make the author think it was lost.
            logger.LogError(ex, "Followers of thread {ThreadId} were not told of post {PostId}", thread.Id, postId);
            return [];
        }
    }

    private async Task<IReadOnlyList<int>> TellFollowersAsync(ThreadHeader thread, int postId, int authorUserId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var following = await follows.GetFollowersAsync(thread.Id, thread.TopicId, cancellationToken);
        if (!following.OfTheThread.Contains(authorUserId))
        {
            await follows.FollowAsync(authorUserId, FollowKind.Thread, thread.Id, now, cancellationToken);
        }

        var told = new List<int>();
        var followers = following.UserIds.Where(id => id != authorUserId).ToList();
        if (followers.Count == 0)
        {
            return told;
        }

        // The followers' notifications and their mail commit together, after the post (which stands whatever happens
        // here); a post nobody else follows opens no unit.
        await together.RunAsync(async ct =>
        {
            // Who may read the space now, in one query (the space's readers), rather than each follower's standing in turn.
            var readers = (await discussions.ReadersOfAsync(thread.CohortId, thread.CourseSpaceId, thread.StudyGroupId, ct)).Select(r => r.UserId).ToHashSet();
            foreach (var userId in followers)
            {
                if (!readers.Contains(userId))
                {
                    continue;
                }

                await notifications.AddAsync(new Notification
                {
                    UserId = userId, CreatedUtc = now, Kind = "discussion-post", Title = "New post in " + thread.Title, Link = $"/discussions/posts/{postId}",
                }, ct);
                told.Add(userId);
            }

            if (told.Count > 0 && await follows.GetFollowedPostAsync(postId, ct) is { } post)
            {
                foreach (var userId in await follows.GetImmediateAsync(told, ct))
                {
                    await mail.SendAsync(userId, "New post in " + Shorten(thread.Title, 80), [post], ct);
                }
            }
        }, cancellationToken);

        logger.LogInformation("Post {PostId} told {Count} followers", postId, told.Count);
        return told;
    }

    /// <summary>The person's choice (Off at 18:00 on Mondays until they choose), and their zone.</summary>
    public async Task<(DigestPreference Preference, string? Zone)> PreferenceAsync(int userId, CancellationToken cancellationToken = default) =>
        (await follows.GetPreferenceAsync(userId, cancellationToken) ?? DigestPreference.Default(userId), await timeZones.ZoneOfAsync(userId, cancellationToken));

    /// <summary>
    /// Saves the person's choice from the form's text; the problems by field when something is not understood. A
    /// digest starting now only covers posts from now on; a digest already running keeps what it has not yet sent.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> SavePreferenceAsync(int userId, string? frequency, string? localTime, string? weekday, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string>();
        if (!Enum.TryParse<DigestFrequency>(frequency, ignoreCase: false, out var f) || !Enum.IsDefined(f) || int.TryParse(frequency, out _))
        {
            problems["frequency"] = "Choose how often you want discussion emails.";
        }

        if (!TimeOnly.TryParseExact(localTime?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            problems["localTime"] = "Enter the time as hours and minutes, for example 18:00.";
        }

        if (!Enum.TryParse<DayOfWeek>(weekday, ignoreCase: false, out var day) || !Enum.IsDefined(day) || int.TryParse(weekday, out _))
        {
            problems["weekday"] = "Choose the day for a weekly email.";
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (earlier, zone) = await PreferenceAsync(userId, cancellationToken);
        var wasDigest = earlier.Frequency is DigestFrequency.Daily or DigestFrequency.Weekly;
        var isDigest = f is DigestFrequency.Daily or DigestFrequency.Weekly;
        var watermark = wasDigest && isDigest ? earlier.LastPostId : await follows.GetMaxPostIdAsync(cancellationToken);
        await follows.SavePreferenceAsync(new DigestPreference
        {
            UserId = userId, Frequency = f, LocalTime = at, Weekday = day,
            NextDigestUtc = DigestSchedule.Next(f, at, day, zone, now), LastDigestUtc = earlier.LastDigestUtc, LastPostId = watermark,
        }, now, cancellationToken);
        logger.LogInformation("User {UserId} chose discussion emails {Frequency}", userId, f);
        return problems;
    }

    internal static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

/// <summary>
/// Daily and weekly digests, run by a clustered job every few minutes: each due person is claimed with an atomic
/// update of their next time and watermark (so two instances never mail the same digest), then gets ONE mail with the
/// new posts in what they follow since the last one, each linking straight to the post on its page. A post the person
/// can no longer read (withdrawn, another study group, hidden, deleted) is left out.
/// </summary>
public sealed class DiscussionDigests(
    IDiscussionFollowRepository follows, IDiscussionRepository discussions, DiscussionMail mail, IWriteTogether together, TimeProvider time, ILogger<DiscussionDigests> logger)
{
    public const int MaxPostsPerDigest = 100;

    /// <summary>Sends every digest due now; returns how many mails were queued.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var sent = 0;
        for (var round = 0; round < 50; round++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var due = await follows.GetDueAsync(now, 100, cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            var upto = await follows.GetMaxPostIdAsync(cancellationToken);
            var claimedAny = false;
            foreach (var d in due)
            {
                var p = d.Preference;
                var next = DigestSchedule.Next(p.Frequency, p.LocalTime, p.Weekday, d.TimeZone, now) ?? now.AddDays(1);
                // The claim (the person's next time and watermark) and their digest's outbox mail commit together: a
                // digest is never marked sent without its mail. A failure undoes this person's only; the next run retries.
                DigestRun run;
                try
                {
                    run = await together.RunAsync(ct => DigestAsync(d, next, upto, now, ct), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The discussion digest of user {UserId} could not be queued; it is tried again on the next run", p.UserId);
                    continue;
                }

                claimedAny |= run != DigestRun.NotClaimed;
                if (run == DigestRun.Sent)
                {
                    sent++;
                }
            }

            if (!claimedAny)
            {
                break;
            }
        }

        return sent;
    }

    private enum DigestRun
    {
        NotClaimed,
        Nothing,
        Sent,
    }

    private async Task<DigestRun> DigestAsync(DueDigest due, DateTime next, int upto, DateTime now, CancellationToken cancellationToken)
    {
        var p = due.Preference;
        if (!await follows.ClaimDigestAsync(p.UserId, p.NextDigestUtc!.Value, next, upto, now, cancellationToken))
        {
            return DigestRun.NotClaimed;
        }

        var posts = await ReadableAsync(p.UserId, await follows.GetNewPostsAsync(p.UserId, p.LastPostId, upto, MaxPostsPerDigest, cancellationToken), cancellationToken);
        if (posts.Count == 0)
        {
            return DigestRun.Nothing;
        }

        var subject = posts.Count == 1 ? "1 new post in discussions you follow" : $"{posts.Count} new posts in discussions you follow";
        if (!await mail.SendAsync(p.UserId, subject, posts, cancellationToken))
        {
            return DigestRun.Nothing;
        }

        logger.LogInformation("Discussion digest for user {UserId}: {Count} posts", p.UserId, posts.Count);
        return DigestRun.Sent;
    }

    private async Task<IReadOnlyList<FollowedPost>> ReadableAsync(int userId, IReadOnlyList<FollowedPost> posts, CancellationToken cancellationToken)
    {
        var standings = new Dictionary<(int, int?), Standing>();
        var readable = new List<FollowedPost>();
        foreach (var post in posts)
        {
            if (!standings.TryGetValue((post.CohortId, post.CourseSpaceId), out var standing))
            {
                standing = standings[(post.CohortId, post.CourseSpaceId)] = await discussions.StandingInAsync(post.CohortId, post.CourseSpaceId, userId, cancellationToken);
            }

            if (standing.CanRead(post.StudyGroupId))
            {
                readable.Add(post);
            }
        }

        return readable;
    }
}

/// <summary>Writes a discussion email (plain text, each post with a link straight to it on its page) into the outbox.</summary>
public sealed class DiscussionMail(IUserRepository users, IEmailSender email, IUserTimeZones timeZones, IOptions<DiscussionEmailOptions> options)
{
    public const int ExcerptLength = 600;

    /// <summary>The link to a post: its thread's page holding it, at its anchor.</summary>
    public static string PostPath(FollowedPost post) =>
        $"/discussions/threads/{post.ThreadId}?page={post.Before / DiscussionReading.PostsPerPage + 1}#post-{post.PostId}";

    /// <summary>Queues the mail; false when the person has no active account.</summary>
    public async Task<bool> SendAsync(int userId, string subject, IReadOnlyList<FollowedPost> posts, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null || !user.IsActive || string.IsNullOrWhiteSpace(user.Email))
        {
            return false;
        }

        var zone = await timeZones.ZoneOfAsync(userId, cancellationToken);
        var text = Compose(user.DisplayName, posts, zone, options.Value.PublicBaseUrl);
        // Inside the caller's unit of writes: a failure to queue undoes what the mail reports (the claim of a digest, the
        // followers' notifications), rather than leaving it done with no mail.
        await email.SendAsync(new EmailMessage(user.Email, subject, text) { QuotedPostIds = posts.Select(p => p.PostId).ToList() }, cancellationToken);
        return true;
    }

    /// <summary>The plain text: each post's thread, author, time (in the person's zone, named), an excerpt as written, and its link.</summary>
    public static string Compose(string name, IReadOnlyList<FollowedPost> posts, string? zone, string baseUrl)
    {
        var text = new StringBuilder();
        text.Append("Hello ").Append(name).Append(",\n\n");
        text.Append(posts.Count == 1 ? "There is a new post" : $"There are {posts.Count} new posts").Append(" in discussions you follow.\n");
        foreach (var thread in posts.GroupBy(p => (p.ThreadId, p.ThreadTitle)))
        {
            text.Append("\n== ").Append(thread.Key.ThreadTitle).Append(" ==\n");
            foreach (var post in thread)
            {
                var body = post.Body.Trim();
                text.Append('\n').Append(post.AuthorErased ? DiscussionText.FormerParticipant : post.AuthorName).Append(", ").Append(ZonedTime.Format(post.CreatedUtc, zone)).Append(":\n");
                text.Append(body.Length <= ExcerptLength ? body : body[..ExcerptLength] + "…").Append('\n');
                text.Append("Reply: ").Append(baseUrl.TrimEnd('/')).Append(PostPath(post)).Append('\n');
            }
        }

        text.Append("\nChoose how often you get these emails: ").Append(baseUrl.TrimEnd('/')).Append("/discussions/emails\n");
        return text.ToString();
    }
}
