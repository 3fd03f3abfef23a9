using Microsoft.AspNetCore.Mvc;
using Npq.Core.Discussions;
using Npq.Core.Time;
using Microsoft.AspNetCore.OutputCaching;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;
using Npq.Web.Infrastructure.Caching;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// Cohorts' discussion spaces: the spaces a person reads, a space's topics, a topic's threads, a thread's pages, new
/// threads and replies, and the live updates a thread page polls for. Every thread, topic and space is checked against
/// the person through <see cref="DiscussionsAccess"/>; one they may not read answers 404, by id as by link.
/// A candidate's topic and thread pages and the live updates are kept (<see cref="CandidatePageCachePolicy.SharedName"/>)
/// until a post to that topic or thread, or any write by staff; the lookups below name what a write here changes.
/// </summary>
[Route("discussions")]
public sealed class DiscussionsController(DiscussionReading reading, DiscussionPosting posting, DiscussionModeration moderation, DiscussionsAccess access, DiscussionAttachments attachments, DiscussionFollowing following, CourseSpaces courseSpaces, CandidatePageGenerations generations) : Controller
{
    /// <summary>
    /// The spaces the person reads: a page of the cohorts' spaces (<paramref name="page"/>, <paramref name="size"/>; a
    /// provider admin reads every cohort of the provider), the course-wide spaces after the last cohort. Someone with
    /// one space and no course switches goes straight to it.
    /// </summary>
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, CancellationToken cancellationToken)
    {
        var (spaces, number, pageSize) = await Paging.ReadAsync(
            page, size, (skip, take) => reading.SpacesPageAsync(User.GetUserId(), skip, take, cancellationToken), s => s.Cohorts.Count == 0);

        var switches = await courseSpaces.SettingsAsync(User.GetUserId(), cancellationToken);
        if (spaces.CohortTotal + spaces.CourseSpaces.Count == 1 && switches.Count == 0)
        {
            return Redirect(spaces.Cohorts.Count == 1 ? spaces.Cohorts[0].Path : spaces.CourseSpaces[0].Path);
        }

        var pager = new PageLinks("/discussions", [], number, pageSize, spaces.CohortTotal, "discussion spaces");
        var shown = number >= pager.PageCount ? [.. spaces.Cohorts, .. spaces.CourseSpaces] : spaces.Cohorts;
        return View(new SpacesIndexPage(shown, pager, switches.Count));
    }

    /// <summary>A course's course-wide space (across its cohorts) while an admin has it switched on; 404 otherwise and to anyone who does not read it.</summary>
    [HttpGet("courses/{courseId:int}")]
    public async Task<IActionResult> CourseSpace(int courseId, CancellationToken cancellationToken)
    {
        if (await reading.FindCourseSpaceAsync(courseId, cancellationToken) is not { } space || await access.ViewerAsync(User, 0, null, courseId) is not { } viewer)
        {
            return NotFound();
        }

        var reports = viewer.IsModerator ? await moderation.CountOpenReportsAsync(space, cancellationToken) : 0;
        ViewData["Message"] = TempData["Message"] as string;
        return View(nameof(Space), await reading.SpaceAsync(space, viewer, reports, cancellationToken));
    }

    [HttpPost("courses/{courseId:int}/read-all")]
    public async Task<IActionResult> MarkAllCourseRead(int courseId, CancellationToken cancellationToken)
    {
        if (await reading.FindCourseSpaceAsync(courseId, cancellationToken) is not { } space || await access.ViewerAsync(User, 0, null, courseId) is not { } viewer)
        {
            return NotFound();
        }

        await reading.MarkAllReadAsync(space, viewer, cancellationToken);
        TempData["Message"] = "Everything in this space is marked as read.";
        return Redirect(space.Path);
    }

    [HttpGet("{cohortId:int}")]
    public async Task<IActionResult> Space(int cohortId, CancellationToken cancellationToken)
    {
        if (await reading.FindCohortAsync(cohortId, cancellationToken) is not { } cohort || await access.ViewerAsync(User, cohortId, null) is not { } viewer)
        {
            return NotFound();
        }

        var reports = viewer.IsModerator ? await moderation.CountOpenReportsAsync(cohortId, cancellationToken) : 0;
        ViewData["Message"] = TempData["Message"] as string;
        return View(await reading.SpaceAsync(cohort, viewer, reports, cancellationToken));
    }

    [HttpPost("{cohortId:int}/read-all")]
    public async Task<IActionResult> MarkAllRead(int cohortId, CancellationToken cancellationToken)
    {
        if (await reading.FindCohortAsync(cohortId, cancellationToken) is not { } cohort || await access.ViewerAsync(User, cohortId, null) is not { } viewer)
        {
            return NotFound();
        }

        await reading.MarkAllReadAsync(cohort, viewer, cancellationToken);
        TempData["Message"] = "Everything in this space is marked as read.";
        return Redirect($"/discussions/{cohortId}");
    }

    [HttpGet("topics/{topicId:int}")]
    [OutputCache(PolicyName = CandidatePageCachePolicy.SharedName)]
    public async Task<IActionResult> Topic(int topicId, int page = 1, CancellationToken cancellationToken = default)
    {
        var found = await TopicAsync(topicId, cancellationToken);
        if (found is not { } f)
        {
            return NotFound();
        }

        return View(new TopicView(await reading.TopicAsync(f.Cohort, f.Topic, f.Viewer, page, cancellationToken)));
    }

    [HttpPost("topics/{topicId:int}/threads")]
    [RequestSizeLimit(AttachmentForm.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = AttachmentForm.RequestLimit)]
    public async Task<IActionResult> StartThread(int topicId, [FromForm] string? title, [FromForm] string? body, [FromForm(Name = DiscussionAttachments.Field)] List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (await TopicAsync(topicId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        using var uploads = await attachments.CheckAsync(files, cancellationToken);
        var result = uploads.Error is { } refused
            ? PostingResult.Invalid(new Dictionary<string, string> { [DiscussionAttachments.Field] = refused })
            : await posting.StartThreadAsync(f.Topic, f.Viewer, title, body, cancellationToken);
        if (result.Outcome == PostingOutcome.Done)
        {
            await attachments.AttachAsync(result.PostId, f.Viewer.UserId, uploads, cancellationToken);
            await PostedAsync(result, cancellationToken);
            return Redirect($"/discussions/threads/{result.ThreadId}");
        }

        if (result.Outcome == PostingOutcome.NotAllowed)
        {
            return Forbid();
        }

        AddProblems(result);
        Response.StatusCode = result.Outcome == PostingOutcome.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        return View(nameof(Topic), new TopicView(await reading.TopicAsync(f.Cohort, f.Topic, f.Viewer, 1, cancellationToken), title, body));
    }

    [HttpGet("threads/{threadId:int}")]
    [OutputCache(PolicyName = CandidatePageCachePolicy.SharedName)]
    public async Task<IActionResult> Thread(int threadId, int page = 0, int? quote = null, CancellationToken cancellationToken = default)
    {
        if (await ThreadAsync(threadId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        var view = await reading.ThreadAsync(f.Cohort, f.Thread, f.Viewer, page, quote, cancellationToken);
        ReadMarkerMoved(view.MarkerMoved);
        return View(new ThreadView(view, view.QuoteText, TempData["Message"] as string));
    }

    /// <summary>Goes to the person's first unread post of the thread (the last one when everything is read).</summary>
    [HttpGet("threads/{threadId:int}/unread")]
    public async Task<IActionResult> FirstUnread(int threadId, CancellationToken cancellationToken)
    {
        if (await ThreadAsync(threadId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        var (page, postId) = await reading.FirstUnreadAsync(f.Thread, f.Viewer, cancellationToken);
        return Redirect($"/discussions/threads/{threadId}?page={page}#post-{postId}");
    }

    /// <summary>Goes to one post, on the page of its thread it is on (the links notifications carry).</summary>
    [HttpGet("posts/{postId:int}")]
    public async Task<IActionResult> GoToPost(int postId, CancellationToken cancellationToken)
    {
        if (await reading.FindPostAsync(postId, cancellationToken) is not { } post || await access.ViewerAsync(User, post.CohortId, post.StudyGroupId, post.CourseSpaceId) is null)
        {
            return NotFound();
        }

        var page = await reading.PageOfAsync(post, cancellationToken);
        return Redirect($"/discussions/threads/{post.ThreadId}?page={page}#post-{postId}");
    }

    /// <summary>
    /// The posts after <paramref name="after"/>, for wwwroot/js/discussions.js while a thread's last page is open. It
    /// reads the database, so it answers the same from any web instance.
    /// </summary>
    [HttpGet("threads/{threadId:int}/since")]
    [OutputCache(PolicyName = CandidatePageCachePolicy.SharedName)]
    public async Task<IActionResult> Since(int threadId, int after, CancellationToken cancellationToken)
    {
        if (await ThreadAsync(threadId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        var zone = await reading.ZoneOfAsync(f.Viewer, cancellationToken);
        var posts = await reading.SinceAsync(f.Thread, f.Viewer, after, cancellationToken, f.Cohort);
        ReadMarkerMoved(posts.Count > 0);
        Response.Headers.CacheControl = "no-store";
        return Json(new
        {
            posts = posts.Select(p => new SincePost(
                p.Post.Id, p.Post.Byline, When(p.Post.CreatedUtc, f.Cohort.TimeZone, zone), p.Html,
                p.State switch { PostState.Deleted => DiscussionText.DeletedByAuthor, PostState.Hidden when p.Html.Length == 0 => DiscussionText.HiddenByModerator, _ => "" })
            {
                Attachments = p.Attachments.Select(a => new SinceAttachment($"/discussions/attachments/{a.Id}", a.FileName, $"({a.TypeName}, {a.SizeText})")).ToList(),
            }),
        });
    }

    [HttpPost("threads/{threadId:int}/replies")]
    [RequestSizeLimit(AttachmentForm.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = AttachmentForm.RequestLimit)]
    public async Task<IActionResult> Reply(int threadId, [FromForm] string? body, [FromForm] int? quotedPostId, [FromForm(Name = DiscussionAttachments.Field)] List<IFormFile>? files, CancellationToken cancellationToken)
    {
        if (await ThreadAsync(threadId, cancellationToken) is not { } f)
        {
            return NotFound();
        }

        using var uploads = await attachments.CheckAsync(files, cancellationToken);
        var result = uploads.Error is { } refused
            ? PostingResult.Invalid(new Dictionary<string, string> { [DiscussionAttachments.Field] = refused })
            : await posting.ReplyAsync(f.Thread, f.Viewer, body, quotedPostId, cancellationToken);
        if (result.Outcome == PostingOutcome.Done)
        {
            await attachments.AttachAsync(result.PostId, f.Viewer.UserId, uploads, cancellationToken);
            await following.PostedAsync(f.Thread, result.PostId, User.GetUserId(), cancellationToken);
            var page = await reading.PageOfAsync(result.ThreadId, result.PostId, cancellationToken);
            return Redirect($"/discussions/threads/{threadId}?page={page}#post-{result.PostId}");
        }

        if (result.Outcome == PostingOutcome.NotAllowed)
        {
            return Forbid();
        }

        AddProblems(result);
        Response.StatusCode = result.Outcome == PostingOutcome.RateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        return View(nameof(Thread), new ThreadView(await reading.ThreadAsync(f.Cohort, f.Thread, f.Viewer, 0, null, cancellationToken), body));
    }

    private static string When(DateTime utc, string cohortZone, string? viewerZone)
    {
        var text = ZonedTime.Format(utc, cohortZone);
        return viewerZone is not null && ZonedTime.Name(viewerZone) != ZonedTime.Name(cohortZone) ? $"{text} ({ZonedTime.Format(utc, viewerZone)} for you)" : text;
    }

    /// <summary>The author now follows the thread; its followers are told (see <see cref="DiscussionFollowing"/>).</summary>
    /// <remarks>A reply passes the thread it was posted to straight to <see cref="DiscussionFollowing.PostedAsync"/>; a new thread is read here.</remarks>
    private async Task PostedAsync(PostingResult result, CancellationToken cancellationToken)
    {
        if (await reading.FindThreadAsync(result.ThreadId, cancellationToken) is { } thread)
        {
            await following.PostedAsync(thread, result.PostId, User.GetUserId(), cancellationToken);
        }
    }

    /// <summary>
    /// Showing posts moved the reader's read marker: their own kept pages (the unread counts of the space and topic) are
    /// built again. The page being built is filed under the generation it started in, so the next visit builds it once
    /// more and finds nothing left to mark.
    /// </summary>
    private void ReadMarkerMoved(bool moved)
    {
        if (moved && CandidatePageGenerations.IsOnlyCandidate(User))
        {
            generations.CandidateWrote(User.GetUserId());
        }
    }

    private void AddProblems(PostingResult result)
    {
        foreach (var (field, message) in result.Problems)
        {
            ModelState.AddModelError(field, message);
        }
    }

    private async Task<(SpaceCohort Cohort, Topic Topic, Viewer Viewer)?> TopicAsync(int topicId, CancellationToken cancellationToken)
    {
        if (await reading.FindTopicAsync(topicId, cancellationToken) is not { } topic
            || await access.ViewerAsync(User, topic.CohortId, topic.StudyGroupId, topic.CourseSpaceId) is not { } viewer
            || await reading.FindSpaceAsync(topic.CohortId, topic.CourseSpaceId, cancellationToken) is not { } cohort)
        {
            return null;
        }

        CandidatePageGenerations.Touches(HttpContext, CandidatePageGenerations.Key("topicId", topic.Id));
        return (cohort, topic, viewer);
    }

    private async Task<(SpaceCohort Cohort, ThreadHeader Thread, Viewer Viewer)?> ThreadAsync(int threadId, CancellationToken cancellationToken)
    {
        if (await reading.FindThreadAsync(threadId, cancellationToken) is not { } thread
            || await access.ViewerAsync(User, thread.CohortId, thread.StudyGroupId, thread.CourseSpaceId) is not { } viewer
            || await reading.FindSpaceAsync(thread.CohortId, thread.CourseSpaceId, cancellationToken) is not { } cohort)
        {
            return null;
        }

        // A reply shows at once on the thread's pages; its topic's list (replies, latest, unread) follows within a second.
        CandidatePageGenerations.Touches(HttpContext, CandidatePageGenerations.Key("threadId", thread.Id));
        CandidatePageGenerations.TouchesSoon(HttpContext, CandidatePageGenerations.Key("topicId", thread.TopicId));
        return (cohort, thread, viewer);
    }
}
