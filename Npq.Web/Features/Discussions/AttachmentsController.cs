using Microsoft.AspNetCore.Mvc;
using Npq.Core.Discussions;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// Downloads of files attached to posts: only for people who can read the post's space now (404 otherwise, as for
/// another cohort, another study group, a withdrawn candidate, a deleted post, or a hidden one for non-moderators).
/// Always a download (Content-Disposition: attachment) with nosniff, so nothing uploaded runs in the site's origin.
/// </summary>
[Route("discussions/attachments")]
public sealed class AttachmentsController(DiscussionAttachments attachments, DiscussionsAccess access) : Controller
{
    [HttpGet("{attachmentId:int}")]
    public async Task<IActionResult> Download(int attachmentId, CancellationToken cancellationToken)
    {
        if (await attachments.FindAsync(attachmentId, cancellationToken) is not { } attachment
            || await access.ViewerAsync(User, attachment.CohortId, attachment.StudyGroupId, attachment.CourseSpaceId) is not { } viewer
            || !DiscussionAttachments.MayDownload(attachment, viewer)
            || await attachments.OpenAsync(attachment, cancellationToken) is not { } stream)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(stream, "application/octet-stream", attachment.FileName);
    }
}

/// <summary>Turns the form's files into Core's uploads (the sender's names are only ever shown, cleaned).</summary>
internal static class AttachmentForm
{
    /// <summary>The request size a post with its files may have: the files at their limit and the text.</summary>
    public const long RequestLimit = (DiscussionAttachments.MaxPerPost * (long)Npq.Core.Files.StorageOptions.DefaultMaxFileBytes) + (1024 * 1024);

    public static Task<CheckedUploads> CheckAsync(this DiscussionAttachments attachments, IReadOnlyList<IFormFile>? files, CancellationToken cancellationToken) =>
        attachments.CheckAsync((files ?? []).Select(f => new AttachmentUpload(f.FileName, f.Length, f.OpenReadStream())).ToList(), cancellationToken);
}
