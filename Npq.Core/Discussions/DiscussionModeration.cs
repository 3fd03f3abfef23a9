using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Changes;
using Npq.Core.Notifications;

namespace Npq.Core.Discussions;

/// <summary>
/// Reports from any reader, and what moderators (the cohort's facilitators and its provider's admins) do about them:
/// the queue, hiding a post with a reason its author is shown, dismissing reports, locking, pinning and moving a
/// thread. Every moderator's action goes into the audit log (ids only). Access is checked before these are called.
/// </summary>
public sealed class DiscussionModeration(
    IDiscussionRepository discussions,
    IDiscussionModerationRepository moderation,
    IAuditLog audit,
    INotifier notifier,
    IWriteTogether together,
    IUserTimeZones timeZones,
    TimeProvider time,
    ILogger<DiscussionModeration> logger)
{
    /// <summary>Any reader reports a post with a reason; the same person reporting again adds another report.</summary>
    public async Task<PostingResult> ReportAsync(PostContext post, Viewer viewer, string? reason, CancellationToken cancellationToken = default)
    {
        var problems = PostingRules.CheckReason(reason);
        if (problems.Count > 0)
        {
            return PostingResult.Invalid(problems);
        }

        var id = await moderation.ReportAsync(post.PostId, viewer.UserId, reason!.Trim(), time.GetUtcNow().UtcDateTime, cancellationToken);
        logger.LogInformation("Post {PostId} reported by {UserId} (report {ReportId})", post.PostId, viewer.UserId, id);
        return PostingResult.Done(post.ThreadId, post.PostId);
    }

    public async Task<ModerationPage> QueueAsync(SpaceCohort cohort, Viewer viewer, CancellationToken cancellationToken = default) =>
        new(cohort, await ReportsAsync(cohort, cancellationToken), await timeZones.ZoneOfAsync(viewer.UserId, cancellationToken));

    public async Task<int> CountOpenReportsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        (await moderation.GetOpenReportsAsync(cohortId, cancellationToken)).Count;

    /// <summary>How many open reports the space has (a cohort's, or a course-wide one's).</summary>
    public async Task<int> CountOpenReportsAsync(SpaceCohort space, CancellationToken cancellationToken = default) =>
        (await ReportsAsync(space, cancellationToken)).Count;

    private Task<IReadOnlyList<ReportLine>> ReportsAsync(SpaceCohort space, CancellationToken cancellationToken) =>
        space.IsCourseSpace ? moderation.GetCourseOpenReportsAsync(space.CourseId, cancellationToken) : moderation.GetOpenReportsAsync(space.CohortId, cancellationToken);

    /// <summary>Hides a post; its author sees the reason, everyone else "hidden by a moderator"; its reports are resolved.</summary>
    public async Task<PostingResult> HideAsync(PostContext post, Viewer viewer, string? reason, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!viewer.IsModerator)
        {
            return PostingResult.NotAllowed;
        }

        var problems = PostingRules.CheckReason(reason);
        if (problems.Count > 0)
        {
            return PostingResult.Invalid(problems);
        }

        // The hiding, its audit line and the author's notification (and its mail) commit together.
        await together.RunAsync(async ct =>
        {
            await moderation.HideAsync(post.PostId, viewer.UserId, reason!.Trim(), time.GetUtcNow().UtcDateTime, ct);
            await AuditAsync("discussions.post-hidden", viewer, "post:" + post.PostId, $"thread {post.ThreadId}", ipAddress, ct);
            await notifier.NotifyAsync(post.AuthorUserId, "post-hidden", "A moderator hid one of your posts", $"/discussions/posts/{post.PostId}", ct);
        }, cancellationToken);
        return PostingResult.Done(post.ThreadId, post.PostId);
    }

    public async Task<bool> DismissAsync(PostContext post, Viewer viewer, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!viewer.IsModerator)
        {
            return false;
        }

        await moderation.DismissReportsAsync(post.PostId, viewer.UserId, time.GetUtcNow().UtcDateTime, cancellationToken);
        await AuditAsync("discussions.reports-dismissed", viewer, "post:" + post.PostId, $"thread {post.ThreadId}", ipAddress, cancellationToken);
        return true;
    }

    public async Task<bool> LockAsync(ThreadHeader thread, Viewer viewer, bool locked, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!viewer.IsModerator)
        {
            return false;
        }

        await moderation.SetLockedAsync(thread.Id, locked, cancellationToken);
        await AuditAsync(locked ? "discussions.thread-locked" : "discussions.thread-unlocked", viewer, "thread:" + thread.Id, null, ipAddress, cancellationToken);
        return true;
    }

    public async Task<bool> PinAsync(ThreadHeader thread, Viewer viewer, bool pinned, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (!viewer.IsModerator)
        {
            return false;
        }

        await moderation.SetPinnedAsync(thread.Id, pinned, cancellationToken);
        await AuditAsync(pinned ? "discussions.thread-pinned" : "discussions.thread-unpinned", viewer, "thread:" + thread.Id, null, ipAddress, cancellationToken);
        return true;
    }

    /// <summary>Moves a thread to another topic of the same space (a cohort's topics, the same study group's, or the same course-wide space's).</summary>
    public async Task<bool> MoveAsync(ThreadHeader thread, Viewer viewer, int topicId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var target = await discussions.GetTopicAsync(topicId, cancellationToken);
        if (!viewer.IsModerator || target is null || target.CohortId != thread.CohortId || target.CourseSpaceId != thread.CourseSpaceId || target.StudyGroupId != thread.StudyGroupId || target.Id == thread.TopicId)
        {
            return false;
        }

        await moderation.MoveAsync(thread.Id, target.Id, cancellationToken);
        await AuditAsync("discussions.thread-moved", viewer, "thread:" + thread.Id, $"topic {thread.TopicId} to {target.Id}", ipAddress, cancellationToken);
        return true;
    }

    private Task AuditAsync(string action, Viewer viewer, string subject, string? detail, string? ipAddress, CancellationToken cancellationToken) =>
        audit.WriteNowAsync(time, action, viewer.UserId, subject, detail, ipAddress, cancellationToken);
}
