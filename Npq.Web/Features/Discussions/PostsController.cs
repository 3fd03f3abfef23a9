using Microsoft.AspNetCore.Mvc;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Caching;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// What a reader does to one post: edit (the author within 30 minutes, a moderator at any time), delete their own,
/// mark it helpful, mark it the thread's answer, report it. A post in a space the person may not read answers 404.
/// </summary>
[Route("discussions/posts/{postId:int}")]
public sealed class PostsController(DiscussionReading reading, DiscussionPosting posting, DiscussionModeration moderation, DiscussionsAccess access) : Controller
{
    [HttpGet("edit")]
    public async Task<IActionResult> Edit(int postId, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        return posting.MayEdit(f.Post, f.Viewer)
            ? View(new EditView(postId, f.Post.ThreadId, f.Post.Body, f.Viewer.IsModerator))
            : Forbid();
    }

    [HttpPost("edit")]
    public async Task<IActionResult> Edit(int postId, [FromForm] string? body, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        var result = await posting.EditAsync(f.Post, f.Viewer, body, cancellationToken);
        switch (result.Outcome)
        {
            case PostingOutcome.Done:
                return await BackToPostAsync(f.Post, "Your changes are saved.", cancellationToken);
            case PostingOutcome.NotAllowed:
                return Forbid();
            default:
                foreach (var (field, message) in result.Problems)
                {
                    ModelState.AddModelError(field, message);
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(new EditView(postId, f.Post.ThreadId, body ?? "", f.Viewer.IsModerator));
        }
    }

    [HttpPost("delete")]
    public async Task<IActionResult> Delete(int postId, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        return await posting.DeleteAsync(f.Post, f.Viewer, cancellationToken)
            ? await BackToPostAsync(f.Post, "Your post is deleted. The thread shows where it was.", cancellationToken)
            : Forbid();
    }

    [HttpPost("helpful")]
    public async Task<IActionResult> Helpful(int postId, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        return await posting.ToggleHelpfulAsync(f.Post, f.Viewer, cancellationToken) ? await BackToPostAsync(f.Post, null, cancellationToken) : Forbid();
    }

    [HttpPost("answer")]
    public async Task<IActionResult> Answer(int postId, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        return await posting.MarkAnswerAsync(f.Post, f.Viewer, cancellationToken) ? await BackToPostAsync(f.Post, null, cancellationToken) : Forbid();
    }

    [HttpPost("report")]
    public async Task<IActionResult> Report(int postId, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        if (await PostAsync(postId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        var result = await moderation.ReportAsync(f.Post, f.Viewer, reason, cancellationToken);
        if (result.Outcome == PostingOutcome.Done)
        {
            return await BackToPostAsync(f.Post, "Thank you: the post is reported to the cohort's facilitators.", cancellationToken);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var thread = (await reading.FindThreadAsync(f.Post.ThreadId, cancellationToken))!;
        var cohort = (await reading.FindSpaceAsync(f.Post.CohortId, f.Post.CourseSpaceId, cancellationToken))!;
        var page = await reading.PageOfAsync(f.Post, cancellationToken);
        ModelState.AddModelError($"reason-{postId}", string.Join(" ", result.Problems.Values));
        return View("Thread", new ThreadView(await reading.ThreadAsync(cohort, thread, f.Viewer, page, null, cancellationToken)));
    }

    private async Task<IActionResult> BackToPostAsync(PostContext post, string? message, CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            TempData["Message"] = message;
        }

        var page = await reading.PageOfAsync(post, cancellationToken);
        return Redirect($"/discussions/threads/{post.ThreadId}?page={page}#post-{post.PostId}");
    }

    private async Task<(PostContext Post, Viewer Viewer)?> PostAsync(int postId, CancellationToken cancellationToken)
    {
        if (await reading.FindPostAsync(postId, cancellationToken) is not { } post || await access.ViewerAsync(User, post.CohortId, post.StudyGroupId, post.CourseSpaceId) is not { } viewer)
        {
            return null;
        }

        // Whatever is done to the post shows on its thread's pages and its topic's list (edited, deleted, answered).
        CandidatePageGenerations.Touches(HttpContext, CandidatePageGenerations.Key("threadId", post.ThreadId));
        CandidatePageGenerations.TouchesSoon(HttpContext, CandidatePageGenerations.Key("topicId", post.TopicId));
        return (post, viewer);
    }
}
