using Microsoft.AspNetCore.Mvc;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// Moderators of a cohort's space (its facilitators and its provider's admins): the queue of reported posts, hiding a
/// post with a reason, dismissing reports, locking, pinning and moving threads. Anyone else gets 404 for what they
/// cannot read and 403 for what they read but may not moderate.
/// </summary>
[Route("discussions")]
public sealed class ModerationController(DiscussionReading reading, DiscussionModeration moderation, DiscussionsAccess access) : Controller
{
    [HttpGet("{cohortId:int}/moderation")]
    public async Task<IActionResult> Queue(int cohortId, CancellationToken cancellationToken)
    {
        if (await reading.FindCohortAsync(cohortId, cancellationToken) is not { } cohort || await access.ViewerAsync(User, cohortId, null) is not { } viewer)
        {
            return NotFound();
        }

        if (!viewer.IsModerator)
        {
            return Forbid();
        }

        ViewData["Message"] = TempData["Message"] as string;
        return View(await moderation.QueueAsync(cohort, viewer, cancellationToken));
    }

    /// <summary>The moderation queue of a course-wide space: its cohorts' facilitators and the provider's admins; 404 while it is off.</summary>
    [HttpGet("courses/{courseId:int}/moderation")]
    public async Task<IActionResult> CourseQueue(int courseId, CancellationToken cancellationToken)
    {
        if (await reading.FindCourseSpaceAsync(courseId, cancellationToken) is not { } space || await access.ViewerAsync(User, 0, null, courseId) is not { } viewer)
        {
            return NotFound();
        }

        if (!viewer.IsModerator)
        {
            return Forbid();
        }

        ViewData["Message"] = TempData["Message"] as string;
        return View(nameof(Queue), await moderation.QueueAsync(space, viewer, cancellationToken));
    }

    [HttpPost("posts/{postId:int}/hide")]
    public async Task<IActionResult> Hide(int postId, [FromForm] string? reason, [FromForm] string? returnTo, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        var result = await moderation.HideAsync(f.Post, f.Viewer, reason, Ip, cancellationToken);
        if (result.Outcome == PostingOutcome.NotAllowed)
        {
            return Forbid();
        }

        if (result.Outcome != PostingOutcome.Done)
        {
            return await RefusedAsync(f.Post, f.Viewer, $"hide-reason-{postId}", "The post is not hidden: " + string.Join(" ", result.Problems.Values), returnTo, cancellationToken);
        }

        TempData["Message"] = "The post is hidden; its author sees your reason.";
        return Back(f.Post, returnTo);
    }

    [HttpPost("posts/{postId:int}/dismiss")]
    public async Task<IActionResult> Dismiss(int postId, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        if (!await moderation.DismissAsync(f.Post, f.Viewer, Ip, cancellationToken))
        {
            return Forbid();
        }

        TempData["Message"] = "The reports are dismissed; the post stays.";
        return Redirect(SpacePaths.Of(f.Post.CohortId, f.Post.CourseSpaceId) + "/moderation");
    }

    [HttpPost("threads/{threadId:int}/lock")]
    public Task<IActionResult> Lock(int threadId, [FromForm] bool locked, CancellationToken cancellationToken) =>
        OnThreadAsync(threadId, (t, v) => moderation.LockAsync(t, v, locked, Ip, cancellationToken), locked ? "The thread is locked." : "The thread is open again.", cancellationToken);

    [HttpPost("threads/{threadId:int}/pin")]
    public Task<IActionResult> Pin(int threadId, [FromForm] bool pinned, CancellationToken cancellationToken) =>
        OnThreadAsync(threadId, (t, v) => moderation.PinAsync(t, v, pinned, Ip, cancellationToken), pinned ? "The thread is pinned." : "The thread is unpinned.", cancellationToken);

    [HttpPost("threads/{threadId:int}/move")]
    public Task<IActionResult> Move(int threadId, [FromForm] int topicId, CancellationToken cancellationToken) =>
        OnThreadAsync(threadId, (t, v) => moderation.MoveAsync(t, v, topicId, Ip, cancellationToken), "The thread is moved.", cancellationToken);

    private string? Ip => HttpContext.Connection.RemoteIpAddress?.ToString();

    private async Task<IActionResult> OnThreadAsync(int threadId, Func<ThreadHeader, Viewer, Task<bool>> action, string message, CancellationToken cancellationToken)
    {
        if (await reading.FindThreadAsync(threadId, cancellationToken) is not { } thread
            || await access.ViewerAsync(User, thread.CohortId, thread.StudyGroupId, thread.CourseSpaceId) is not { } viewer)
        {
            return NotFound();
        }

        if (!viewer.IsModerator)
        {
            return Forbid();
        }

        if (!await action(thread, viewer))
        {
            return BadRequest();
        }

        TempData["Message"] = message;
        return Redirect($"/discussions/threads/{threadId}");
    }

    private IActionResult Back(PostContext post, string? returnTo) =>
        returnTo == "queue" ? Redirect(SpacePaths.Of(post.CohortId, post.CourseSpaceId) + "/moderation") : Redirect($"/discussions/posts/{post.PostId}");

    /// <summary>The page the moderator came from again, with what was wrong beside the reason's field, answering 400.</summary>
    private async Task<IActionResult> RefusedAsync(PostContext post, Viewer viewer, string field, string message, string? returnTo, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(field, message);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        var cohort = (await reading.FindSpaceAsync(post.CohortId, post.CourseSpaceId, cancellationToken))!;
        if (returnTo == "queue")
        {
            return View(nameof(Queue), await moderation.QueueAsync(cohort, viewer, cancellationToken));
        }

        var thread = (await reading.FindThreadAsync(post.ThreadId, cancellationToken))!;
        var page = await reading.PageOfAsync(post, cancellationToken);
        return View("Thread", new ThreadView(await reading.ThreadAsync(cohort, thread, viewer, page, null, cancellationToken)));
    }

    private async Task<(PostContext Post, Viewer Viewer)?> PostAsync(int postId, CancellationToken cancellationToken)
    {
        if (await reading.FindPostAsync(postId, cancellationToken) is not { } post || await access.ViewerAsync(User, post.CohortId, post.StudyGroupId, post.CourseSpaceId) is not { } viewer)
        {
            return null;
        }

        return (post, viewer);
    }
}
