using Npq.Core.Accounts;
using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;

namespace Npq.Core.Materials;

/// <summary>Items' files, videos and captions, the images pages show, and the course's editors.</summary>
public sealed partial class ProgrammeAuthoring
{
    /// <summary>The address a page's markdown uses for an image.</summary>
    public static string AssetPath(int assetId) => $"/materials/assets/{assetId}";

    /// <summary>The largest file accepted for the purpose.</summary>
    public long MaxBytes(UploadPurpose purpose) => MaterialUploads.MaxBytes(purpose, storage.Value, uploadOptions.Value);

    /// <summary>
    /// Attaches a file to a file item, a video or its captions to a video item, replacing what it had, when the
    /// content is what its name says and no larger than allowed. Guarded by the item's Version.
    /// </summary>
    public async Task<AuthoringResult> AttachAsync(
        MaterialsCourse course, MaterialItem item, UploadPurpose purpose, MaterialUpload? upload, int version, Author author, CancellationToken cancellationToken = default)
    {
        var field = purpose == UploadPurpose.Captions ? "Captions" : "File";
        var fits = (item.Kind, purpose) is (ItemKind.File, UploadPurpose.Document) or (ItemKind.Video, UploadPurpose.Video) or (ItemKind.Video, UploadPurpose.Captions);
        if (!fits)
        {
            return AuthoringResult.Refused(field, $"A {KindName(item.Kind)} does not take this kind of file.");
        }

        var (stored, type, error) = await StoreAsync(purpose, upload, cancellationToken);
        if (stored is null)
        {
            logger.LogWarning("Upload to item {ItemId} refused for user {UserId}", item.Id, author.UserId);
            return AuthoringResult.Refused(field, error!);
        }

        var changed = purpose == UploadPurpose.Captions
            ? item with { CaptionsStoredName = stored, UpdatedUtc = Now }
            : item with
            {
                FileStoredName = stored, FileName = SafeFileName(upload!.FileName), FileContentType = type!.ContentType, FileBytes = upload.Length, UpdatedUtc = Now,
            };
        if (!await programmes.UpdateItemAsync(changed, version, cancellationToken))
        {
            await files.DeleteAsync(stored, cancellationToken);
            return AuthoringResult.Lost(ItemConflictMessage);
        }

        var replaced = purpose == UploadPurpose.Captions ? item.CaptionsStoredName : item.FileStoredName;
        if (replaced is not null)
        {
            await files.DeleteAsync(replaced, cancellationToken);
        }

        await AuditAsync($"materials.item.{purpose.ToString().ToLowerInvariant()}-uploaded", author, course.CourseId, $"item:{item.Id}", cancellationToken);
        logger.LogInformation("User {UserId} uploaded a {Purpose} to item {ItemId}", author.UserId, purpose, item.Id);
        return AuthoringResult.Ok(item.Id);
    }

    /// <summary>Adds a PNG or JPEG image the course's pages may show; the result's Id is the asset's.</summary>
    public async Task<AuthoringResult> AddImageAsync(MaterialsCourse course, MaterialUpload? upload, Author author, CancellationToken cancellationToken = default)
    {
        var (stored, type, error) = await StoreAsync(UploadPurpose.Image, upload, cancellationToken);
        if (stored is null)
        {
            logger.LogWarning("Image upload to course {CourseId} refused for user {UserId}", course.CourseId, author.UserId);
            return AuthoringResult.Refused("Image", error!);
        }

        var id = await programmes.AddAssetAsync(new MaterialAsset(0, course.CourseId, stored, SafeFileName(upload!.FileName), type!.ContentType, upload.Length, author.UserId, Now), cancellationToken);
        await AuditAsync("materials.image.uploaded", author, course.CourseId, $"asset:{id}", cancellationToken);
        logger.LogInformation("User {UserId} added image {AssetId} to course {CourseId}", author.UserId, id, course.CourseId);
        return AuthoringResult.Ok(id);
    }

    /// <summary>An image of the course, with its content, or null when it is not the course's or the store lost it.</summary>
    public async Task<(MaterialAsset Asset, Stream Content)?> OpenImageAsync(int courseId, int assetId, CancellationToken cancellationToken = default)
    {
        var asset = await programmes.GetAssetAsync(assetId, cancellationToken);
        if (asset is null || asset.CourseId != courseId || await files.OpenReadAsync(asset.StoredName, cancellationToken) is not { } content)
        {
            return null;
        }

        return (asset, content);
    }

    /// <summary>An item's file or captions, or null when it has none or the store lost it.</summary>
    public async Task<Stream?> OpenItemFileAsync(MaterialItem item, bool captions, CancellationToken cancellationToken = default) =>
        (captions ? item.CaptionsStoredName : item.FileStoredName) is { } stored ? await files.OpenReadAsync(stored, cancellationToken) : null;

    /// <summary>An image by id alone (to find its course before deciding who may see it).</summary>
    public Task<MaterialAsset?> ImageAsync(int assetId, CancellationToken cancellationToken = default) => programmes.GetAssetAsync(assetId, cancellationToken);

    /// <summary>Who may be given editing rights: an active facilitator (Mentor) of the course's provider.</summary>
    public static readonly IReadOnlyList<string> EditorRoles = [Roles.Mentor];

    public const string EditorByEmailRefusal = "None of this provider's active facilitators (mentors) has that email address.";

    /// <summary>One page of the people with editing rights, by name; anyone else is given them by email address (<see cref="EditorByEmailAsync"/>).</summary>
    public Task<(IReadOnlyList<(int UserId, string DisplayName)> Editors, int Total)> EditorsAsync(
        int courseId, int skip, int take, CancellationToken cancellationToken = default) =>
        programmes.GetEditorsPageAsync(courseId, skip, take, cancellationToken);

    /// <summary>The active facilitator (Mentor) of the course's provider with this email address (the editors page's field), or null.</summary>
    public Task<int?> EditorByEmailAsync(MaterialsCourse course, string email, CancellationToken cancellationToken = default) =>
        staff.FindByEmailAsync(course.ProviderId, email, EditorRoles, cancellationToken);

    /// <summary>Gives or takes away editing rights; only a facilitator (Mentor) of the course's provider may be given them.</summary>
    public async Task<AuthoringResult> SetEditorAsync(MaterialsCourse course, int userId, bool isEditor, Author author, CancellationToken cancellationToken = default)
    {
        if (isEditor && !await staff.IsOneOfAsync(course.ProviderId, userId, EditorRoles, cancellationToken))
        {
            return AuthoringResult.Refused("UserId", "Choose a facilitator of this provider.");
        }

        await programmes.SetEditorAsync(course.CourseId, userId, isEditor, cancellationToken);
        await audit.WriteNowAsync(time, isEditor ? "materials.editor.added" : "materials.editor.removed", author.UserId, AuditEntry.UserSubject(userId),
            $"course:{course.CourseId}", author.IpAddress, cancellationToken);
        logger.LogInformation("User {UserId} set editor {EditorUserId} of course {CourseId} to {IsEditor}", author.UserId, userId, course.CourseId, isEditor);
        return AuthoringResult.Ok(userId);
    }

    /// <summary>A file name safe to show and to offer as a download name: no folders, no control characters, at most 200 characters.</summary>
    public static string SafeFileName(string fileName)
    {
        var name = new string(Path.GetFileName(fileName.Replace('\\', '/')).Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':')).ToArray()).Trim();
        name = name.Length == 0 ? "file" : name;
        return name.Length <= 200 ? name : name[..200];
    }

    /// <summary>Checks an upload and stores it: its stored name and type, or an error.</summary>
    private async Task<(string? Stored, Files.AllowedFileType? Type, string? Error)> StoreAsync(UploadPurpose purpose, MaterialUpload? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0 && string.IsNullOrEmpty(upload.FileName))
        {
            return (null, null, "Choose a file to upload.");
        }

        var maxBytes = MaxBytes(purpose);
        Stream content = upload.Content;
        MemoryStream? buffer = null;
        try
        {
            if (!content.CanSeek)
            {
                buffer = new MemoryStream();
                if (upload.Length <= maxBytes)
                {
                    await content.CopyToAsync(buffer, cancellationToken);
                }

                content = buffer;
            }

            var (type, error) = MaterialUploads.Check(purpose, upload.FileName, upload.Length, content, maxBytes);
            if (type is null)
            {
                return (null, null, error);
            }

            content.Position = 0;
            return (await files.SaveAsync(content, cancellationToken), type, null);
        }
        finally
        {
            if (buffer is not null)
            {
                await buffer.DisposeAsync();
            }
        }
    }
}
