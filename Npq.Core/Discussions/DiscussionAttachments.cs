using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Files;

namespace Npq.Core.Discussions;

/// <summary>A file attached to a post, as listed under it: its name (shown escaped), type and size.</summary>
public sealed record PostAttachment
{
    public int Id { get; init; }
    public int PostId { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }

    public string SizeText => UploadCheck.FormatSize(SizeBytes);

    /// <summary>The kind of file in words ("PDF", "Word", ...).</summary>
    public string TypeName => UploadCheck.Types.FirstOrDefault(t => t.ContentType == ContentType)?.Name ?? "File";
}

/// <summary>An attachment with where its post lives and the post's state: what a download checks.</summary>
public sealed record AttachmentContext
{
    public int Id { get; init; }
    public int PostId { get; init; }
    public int ThreadId { get; init; }
    public string StoredName { get; init; } = "";
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long SizeBytes { get; init; }

    /// <summary>The cohort whose space the post is in; 0 in a course-wide space (see <see cref="CourseSpaceId"/>).</summary>
    public int CohortId { get; init; }

    /// <summary>The course whose course-wide space the post is in; null for a cohort's.</summary>
    public int? CourseSpaceId { get; init; }

    public int? StudyGroupId { get; init; }
    public DateTime? DeletedUtc { get; init; }
    public DateTime? HiddenUtc { get; init; }
}

/// <summary>A file checked and kept, to be recorded against a post.</summary>
public sealed record NewAttachment(int PostId, int UploadedByUserId, string StoredName, string FileName, string ContentType, long SizeBytes, DateTime NowUtc);

/// <summary>A file as it arrives with a thread or reply: the name its sender gave it (never trusted), its length and content.</summary>
public sealed record AttachmentUpload(string FileName, long Length, Stream Content);

/// <summary>Posts' attachments (implemented in Npq.Data).</summary>
public interface IDiscussionAttachmentRepository
{
    Task<int> AddAsync(NewAttachment attachment, CancellationToken cancellationToken = default);

    /// <summary>The attachment with its post's space and state, or null when there is none.</summary>
    Task<AttachmentContext?> GetAsync(int attachmentId, CancellationToken cancellationToken = default);

    /// <summary>The attachments of these posts, in the order they were attached.</summary>
    Task<IReadOnlyList<PostAttachment>> ForPostsAsync(IReadOnlyCollection<int> postIds, CancellationToken cancellationToken = default);
}

/// <summary>Uploads that passed every check, held in memory until the post they go with is written.</summary>
public sealed class CheckedUploads : IDisposable
{
    internal CheckedUploads(IReadOnlyList<(string FileName, AllowedFileType Type, MemoryStream Content)> files, string? error)
    {
        Files = files;
        Error = error;
    }

    internal IReadOnlyList<(string FileName, AllowedFileType Type, MemoryStream Content)> Files { get; }

    /// <summary>Why the uploads were refused (nothing is kept then), or null.</summary>
    public string? Error { get; }

    public int Count => Files.Count;

    public void Dispose()
    {
        foreach (var file in Files)
        {
            file.Content.Dispose();
        }
    }
}

/// <summary>
/// Files attached to threads and replies: the same checks as evidence files (<see cref="UploadCheck"/>: a type we
/// accept, no larger than <c>Storage:MaxFileBytes</c>, content matching the name), at most <see cref="MaxPerPost"/> a
/// post, kept in the <see cref="IFileStore"/> under a generated name (the sender's name is only shown, cleaned). A
/// download is for people who can read the post's space now; never for a deleted post, nor a hidden one but for moderators.
/// </summary>
public sealed class DiscussionAttachments(
    IDiscussionAttachmentRepository attachments, IFileStore files, IOptions<StorageOptions> storage, TimeProvider time, ILogger<DiscussionAttachments> logger)
{
    public const int MaxPerPost = 3;
    public const string Field = "attachments";

    /// <summary>The accept attribute of the file input.</summary>
    public static string Accept => UploadCheck.AcceptAttribute;

    public long MaxBytes => storage.Value.MaxFileBytes;

    /// <summary>Checks every upload by its content before anything is written; a refusal names the file and why.</summary>
    public async Task<CheckedUploads> CheckAsync(IReadOnlyList<AttachmentUpload> uploads, CancellationToken cancellationToken = default)
    {
        var sent = uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName)).ToList();
        if (sent.Count > MaxPerPost)
        {
            return new CheckedUploads([], $"Attach at most {MaxPerPost} files to a post (you chose {sent.Count}).");
        }

        var accepted = new List<(string, AllowedFileType, MemoryStream)>();
        foreach (var upload in sent)
        {
            var buffer = new MemoryStream();
            if (upload.Length <= MaxBytes)
            {
                await upload.Content.CopyToAsync(buffer, cancellationToken);
            }

            var (type, problem) = UploadCheck.Check(upload.FileName, upload.Length, buffer, MaxBytes);
            if (type is null)
            {
                await buffer.DisposeAsync();
                foreach (var (_, _, kept) in accepted)
                {
                    await kept.DisposeAsync();
                }

                logger.LogWarning("A discussion attachment was refused by its content or size");
                return new CheckedUploads([], problem);
            }

            accepted.Add((SafeFileName(upload.FileName), type, buffer));
        }

        return new CheckedUploads(accepted, null);
    }

    /// <summary>Keeps checked files in the store and records them against the post.</summary>
    public async Task AttachAsync(int postId, int userId, CheckedUploads uploads, CancellationToken cancellationToken = default)
    {
        if (uploads.Error is not null)
        {
            throw new InvalidOperationException("Refused uploads are not attached.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (fileName, type, content) in uploads.Files)
        {
            content.Position = 0;
            var stored = await files.SaveAsync(content, cancellationToken);
            var id = await attachments.AddAsync(new NewAttachment(postId, userId, stored, fileName, type.ContentType, content.Length, now), cancellationToken);
            logger.LogInformation("Attachment {AttachmentId} added to post {PostId} by {UserId}", id, postId, userId);
        }
    }

    public Task<AttachmentContext?> FindAsync(int attachmentId, CancellationToken cancellationToken = default) => attachments.GetAsync(attachmentId, cancellationToken);

    /// <summary>Whether a reader of the space may download it: never from a deleted post; from a hidden one only moderators.</summary>
    public static bool MayDownload(AttachmentContext attachment, Viewer viewer) =>
        attachment.DeletedUtc is null && (attachment.HiddenUtc is null || viewer.IsModerator);

    /// <summary>The file's content, or null (and an error in the log) when the store has lost it.</summary>
    public async Task<Stream?> OpenAsync(AttachmentContext attachment, CancellationToken cancellationToken = default)
    {
        var stream = await files.OpenReadAsync(attachment.StoredName, cancellationToken);
        if (stream is null)
        {
            logger.LogError("Stored file of discussion attachment {AttachmentId} is missing from the file store", attachment.Id);
        }

        return stream;
    }

    /// <summary>The name shown and offered for download: no folders, quotes or control characters, at most 200 characters.</summary>
    public static string SafeFileName(string? name)
    {
        var justName = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var cleaned = new string(justName.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not '\\').ToArray()).Trim();
        return cleaned.Length == 0 ? "file" : cleaned[..Math.Min(cleaned.Length, 200)];
    }
}
