using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Changes;
using Npq.Core.Notifications;

namespace Npq.Core.Discussions;

/// <summary>
/// Writing in a space: threads and replies (checked, rate limited by the posts in the database so the limit holds
/// across web instances, mentions and announcements notified), edits (the author within the edit window, a moderator
/// at any time; the earlier text kept), deleting one's own post, helpful marks and a thread's answer. The space's
/// access is checked before these are called; what only some readers may do is checked here.
/// </summary>
public sealed class DiscussionPosting(
    IDiscussionRepository discussions, INotifier notifier, IWriteTogether together, TimeProvider time, ILogger<DiscussionPosting> logger, IOptions<DiscussionOptions>? options = null)
{
    private readonly int _postsPerMinute = options?.Value.Limit ?? PostingRules.PostsPerMinute;

    public async Task<PostingResult> StartThreadAsync(Topic topic, Viewer viewer, string? title, string? body, CancellationToken cancellationToken = default)
    {
        if (!PostingRules.MayPost(viewer, topic.Kind))
        {
            return PostingResult.NotAllowed;
        }

        var problems = PostingRules.CheckTitle(title).Concat(PostingRules.CheckBody(body)).ToDictionary(p => p.Key, p => p.Value);
        if (problems.Count > 0)
        {
            return PostingResult.Invalid(problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (await IsLimitedAsync(viewer, now, cancellationToken))
        {
            return PostingResult.Limited(PostingRules.BodyField, _postsPerMinute);
        }

        // A post that tells someone (an announcement, a mention) commits with its notifications and their mail; one that
        // tells no one is a single write, with no unit around it.
        var (threadId, postId) = topic.Kind == TopicKind.Announcements || Mentions.MayMention(body)
            ? await together.RunAsync(ct => StartAndTellAsync(topic, viewer, title!, body!, now, ct), cancellationToken)
            : await StartAndTellAsync(topic, viewer, title!, body!, now, cancellationToken);
        return PostingResult.Done(threadId, postId);
    }

    private async Task<(int ThreadId, int PostId)> StartAndTellAsync(Topic topic, Viewer viewer, string title, string body, DateTime now, CancellationToken cancellationToken)
    {
        var (threadId, postId) = await discussions.AddThreadAsync(new NewThread(topic.Id, viewer.UserId, title.Trim(), body.Trim(), now), cancellationToken);
        logger.LogInformation("Thread {ThreadId} started in topic {TopicId} by {UserId}", threadId, topic.Id, viewer.UserId);
        var readers = await discussions.ReadersOfAsync(topic.CohortId, topic.CourseSpaceId, topic.StudyGroupId, cancellationToken);
        var link = $"/discussions/posts/{postId}";
        var told = new HashSet<int> { viewer.UserId };
        if (topic.Kind == TopicKind.Announcements)
        {
            foreach (var reader in readers.Where(r => told.Add(r.UserId)))
            {
                await notifier.NotifyAsync(reader.UserId, "announcement", "Announcement: " + title.Trim(), link, cancellationToken);
            }
        }

        await NotifyMentionsAsync(body, readers, told, "You were mentioned in " + title.Trim(), link, cancellationToken);
        return (threadId, postId);
    }

    public async Task<PostingResult> ReplyAsync(ThreadHeader thread, Viewer viewer, string? body, int? quotedPostId, CancellationToken cancellationToken = default)
    {
        if (!PostingRules.MayPost(viewer, thread.TopicKind, thread.IsLocked))
        {
            return PostingResult.NotAllowed;
        }

        var problems = PostingRules.CheckBody(body);
        if (problems.Count > 0)
        {
            return PostingResult.Invalid(problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (await IsLimitedAsync(viewer, now, cancellationToken))
        {
            return PostingResult.Limited(PostingRules.BodyField, _postsPerMinute);
        }

        var quoted = quotedPostId is { } q && await discussions.GetPostAsync(q, cancellationToken) is { } post && post.ThreadId == thread.Id ? q : (int?)null;
        var postId = Mentions.MayMention(body)
            ? await together.RunAsync(ct => ReplyAndTellAsync(thread, viewer, body!, quoted, now, ct), cancellationToken)
            : await ReplyAndTellAsync(thread, viewer, body!, quoted, now, cancellationToken);
        return PostingResult.Done(thread.Id, postId);
    }

    /// <summary>Adds the reply and tells whom it mentions (inside a unit of writes when it may mention anyone).</summary>
    private async Task<int> ReplyAndTellAsync(ThreadHeader thread, Viewer viewer, string body, int? quoted, DateTime now, CancellationToken cancellationToken)
    {
        var postId = await discussions.AddReplyAsync(new NewReply(thread.Id, viewer.UserId, body.Trim(), quoted, now), cancellationToken);
        logger.LogInformation("Reply {PostId} to thread {ThreadId} by {UserId}", postId, thread.Id, viewer.UserId);
        if (Mentions.MayMention(body))
        {
            var readers = await discussions.ReadersOfAsync(thread.CohortId, thread.CourseSpaceId, thread.StudyGroupId, cancellationToken);
            await NotifyMentionsAsync(body, readers, [viewer.UserId], "You were mentioned in " + thread.Title, $"/discussions/posts/{postId}", cancellationToken);
        }

        return postId;
    }

    /// <summary>Whether the viewer may edit the post now (the author within the edit window, a moderator at any time).</summary>
    public bool MayEdit(PostContext post, Viewer viewer) =>
        (viewer.UserId == post.AuthorUserId || viewer.IsModerator) && (post.HiddenUtc is null || viewer.IsModerator)
        && PostingRules.MayEdit(viewer, post.AuthorUserId, post.CreatedUtc, post.DeletedUtc, time.GetUtcNow().UtcDateTime);

    /// <summary>Replaces a post's text: its author within the edit window, or a moderator. The earlier text is kept for moderators.</summary>
    public async Task<PostingResult> EditAsync(PostContext post, Viewer viewer, string? body, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (!MayEdit(post, viewer))
        {
            return PostingResult.NotAllowed;
        }

        var problems = PostingRules.CheckBody(body);
        if (problems.Count > 0)
        {
            return PostingResult.Invalid(problems);
        }

        await discussions.EditAsync(post.PostId, body!.Trim(), viewer.UserId, now, cancellationToken);
        logger.LogInformation("Post {PostId} edited by {UserId}", post.PostId, viewer.UserId);
        return PostingResult.Done(post.ThreadId, post.PostId);
    }

    /// <summary>The author deletes their own post; it stays in the thread as "deleted by its author".</summary>
    public async Task<bool> DeleteAsync(PostContext post, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (post.AuthorUserId != viewer.UserId || post.DeletedUtc is not null)
        {
            return false;
        }

        await discussions.DeleteAsync(post.PostId, time.GetUtcNow().UtcDateTime, cancellationToken);
        logger.LogInformation("Post {PostId} deleted by its author {UserId}", post.PostId, viewer.UserId);
        return true;
    }

    /// <summary>Marks or unmarks a post helpful; nobody marks their own.</summary>
    public async Task<bool> ToggleHelpfulAsync(PostContext post, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if (post.AuthorUserId == viewer.UserId || post.DeletedUtc is not null)
        {
            return false;
        }

        await discussions.ToggleHelpfulAsync(post.PostId, viewer.UserId, cancellationToken);
        return true;
    }

    /// <summary>The thread's starter or a moderator marks a reply as the answer (or, marking it again, takes the mark back).</summary>
    public async Task<bool> MarkAnswerAsync(PostContext post, Viewer viewer, CancellationToken cancellationToken = default)
    {
        if ((post.ThreadAuthorUserId != viewer.UserId && !viewer.IsModerator) || post.PostId == post.FirstPostId || post.DeletedUtc is not null)
        {
            return false;
        }

        var thread = await discussions.GetThreadAsync(post.ThreadId, cancellationToken);
        await discussions.SetAnswerAsync(post.ThreadId, thread?.AnswerPostId == post.PostId ? null : post.PostId, cancellationToken);
        logger.LogInformation("Answer of thread {ThreadId} set by {UserId}", post.ThreadId, viewer.UserId);
        return true;
    }

    private async Task<bool> IsLimitedAsync(Viewer viewer, DateTime now, CancellationToken cancellationToken)
    {
        // This post counts in the person's window; the posts before it in the window decide.
        var posts = await discussions.CountPostInWindowAsync(viewer.UserId, now, PostingRules.RateWindow, cancellationToken);
        if (PostingRules.IsRateLimited(posts - 1, _postsPerMinute))
        {
            logger.LogInformation("Posting by {UserId} held back by the rate limit", viewer.UserId);
            return true;
        }

        return false;
    }

    private async Task NotifyMentionsAsync(string? body, IReadOnlyList<SpaceReader> readers, HashSet<int> told, string title, string link, CancellationToken cancellationToken)
    {
        foreach (var person in Mentions.Find(body, readers).Where(p => told.Add(p.UserId)))
        {
            await notifier.NotifyAsync(person.UserId, "mention", title, link, cancellationToken);
        }
    }
}
