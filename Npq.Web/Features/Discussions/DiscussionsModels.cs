using Npq.Core.Discussions;
using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Discussions;

/// <summary>A topic's page with the new-thread form as typed (kept when it was refused).</summary>
public sealed record TopicView(TopicPage Page, string? Title = null, string? Body = null, string? Message = null);

/// <summary>A thread's page with the reply form as typed (kept when it was refused) and a message after a change.</summary>
public sealed record ThreadView(ThreadPage Page, string? Body = null, string? Message = null);

/// <summary>The edit form of one post.</summary>
public sealed record EditView(int PostId, int ThreadId, string Body, bool IsModerator);

/// <summary>One post as the live-update script receives it: the HTML is already through the safe pipeline; the rest is text.</summary>
public sealed record SincePost(int Id, string Author, string When, string Html, string State)
{
    /// <summary>The post's files (names are text; the script writes them with textContent).</summary>
    public IReadOnlyList<SinceAttachment> Attachments { get; init; } = [];
}

/// <summary>A file of a post as the live-update script lists it.</summary>
public sealed record SinceAttachment(string Url, string Name, string Meta);

/// <summary>The spaces page: the spaces shown (a page of the cohorts', then the course-wide ones after the last), its pager, and how many courses the person switches spaces for.</summary>
public sealed record SpacesIndexPage(IReadOnlyList<SpaceCohort> Spaces, PageLinks Pager, int CourseSwitches);
