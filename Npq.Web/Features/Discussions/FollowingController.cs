using Microsoft.AspNetCore.Mvc;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// Following a topic or a thread (a form button on their pages) and the person's "Discussion emails" choice. Following
/// checks the space like every other discussion page: a topic or thread the person may not read answers 404.
/// </summary>
[Route("discussions")]
public sealed class FollowingController(DiscussionReading reading, DiscussionFollowing following, DiscussionsAccess access) : Controller
{
    [HttpPost("topics/{topicId:int}/follow")]
    public async Task<IActionResult> FollowTopic(int topicId, [FromForm] bool follow, CancellationToken cancellationToken)
    {
        if (await reading.FindTopicAsync(topicId, cancellationToken) is not { } topic
            || await access.ViewerAsync(User, topic.CohortId, topic.StudyGroupId, topic.CourseSpaceId) is not { } viewer)
        {
            return NotFound();
        }

        await following.SetFollowingAsync(viewer, FollowKind.Topic, topicId, follow, cancellationToken);
        return Redirect($"/discussions/topics/{topicId}");
    }

    [HttpPost("threads/{threadId:int}/follow")]
    public async Task<IActionResult> FollowThread(int threadId, [FromForm] bool follow, CancellationToken cancellationToken)
    {
        if (await reading.FindThreadAsync(threadId, cancellationToken) is not { } thread
            || await access.ViewerAsync(User, thread.CohortId, thread.StudyGroupId, thread.CourseSpaceId) is not { } viewer)
        {
            return NotFound();
        }

        await following.SetFollowingAsync(viewer, FollowKind.Thread, threadId, follow, cancellationToken);
        TempData["Message"] = follow ? "You follow this thread: you will be told of new replies." : "You no longer follow this thread.";
        return Redirect($"/discussions/threads/{threadId}");
    }

    [HttpGet("emails")]
    public async Task<IActionResult> Emails(CancellationToken cancellationToken)
    {
        var (preference, zone) = await following.PreferenceAsync(User.GetUserId(), cancellationToken);
        return View(new DiscussionEmailsView(preference, zone, TempData["Message"] as string));
    }

    [HttpPost("emails")]
    public async Task<IActionResult> SaveEmails([FromForm] string? frequency, [FromForm] string? localTime, [FromForm] string? weekday, CancellationToken cancellationToken)
    {
        var userId = User.GetUserId();
        var problems = await following.SavePreferenceAsync(userId, frequency, localTime, weekday, cancellationToken);
        if (problems.Count == 0)
        {
            TempData["Message"] = "Your discussion email choice is saved.";
            return Redirect("/discussions/emails");
        }

        foreach (var (field, message) in problems)
        {
            ModelState.AddModelError(field, message);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var (preference, zone) = await following.PreferenceAsync(userId, cancellationToken);
        return View(nameof(Emails), new DiscussionEmailsView(preference, zone, null, frequency, localTime, weekday));
    }
}

/// <summary>The "Discussion emails" page: the saved choice, or what was typed when it could not be saved.</summary>
public sealed record DiscussionEmailsView(DigestPreference Preference, string? Zone, string? Message, string? Frequency = null, string? LocalTime = null, string? Weekday = null)
{
    public string ShownFrequency => Frequency ?? Preference.Frequency.ToString();
    public string ShownTime => LocalTime ?? Preference.LocalTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    public string ShownWeekday => Weekday ?? Preference.Weekday.ToString();
}

/// <summary>The "Following" button on a topic's or a thread's page, labelled with its state.</summary>
public sealed class FollowButtonViewComponent(DiscussionFollowing following) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(FollowKind kind, int targetId, Viewer viewer)
    {
        var on = await following.IsFollowingAsync(viewer, kind, targetId);
        return View("~/Features/Discussions/_FollowButton.cshtml", new FollowButtonView(kind, targetId, on));
    }
}

public sealed record FollowButtonView(FollowKind Kind, int TargetId, bool Following)
{
    public string Action => Kind == FollowKind.Topic ? $"/discussions/topics/{TargetId}/follow" : $"/discussions/threads/{TargetId}/follow";
    public string What => Kind == FollowKind.Topic ? "topic" : "thread";
}
