using Microsoft.AspNetCore.Mvc;
using Npq.Core.Materials;
using Npq.Core.Text;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Materials.Authoring;

/// <summary>
/// A programme's items for their authors: the form per kind with a preview that saves nothing, publishing and moving
/// back to draft, reordering, deleting, and uploading files, videos, captions and page images.
/// </summary>
[Route("courses/{courseId:int}/programme")]
public sealed class ItemAuthoringController(ProgrammeAuthoring authoring, MaterialsAccess access) : Controller
{
    private const long UploadLimit = 1024L * 1024 * 1024;

    private Author Author => new(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString());

    [HttpGet("modules/{moduleId:int}/items/new")]
    public async Task<IActionResult> New(int courseId, int moduleId, [FromQuery] ItemKind kind, CancellationToken cancellationToken)
    {
        var (course, module, denied) = await ModuleAsync(courseId, moduleId, cancellationToken);
        return denied ?? (Enum.IsDefined(kind) ? View("Item", Page(course!, module!, kind, null, new ItemForm())) : NotFound());
    }

    [HttpPost("modules/{moduleId:int}/items/new")]
    public async Task<IActionResult> New(int courseId, int moduleId, [FromQuery] ItemKind kind, ItemForm form, [FromForm] string? action, CancellationToken cancellationToken)
    {
        var (course, module, denied) = await ModuleAsync(courseId, moduleId, cancellationToken);
        if (denied is not null || !Enum.IsDefined(kind))
        {
            return denied ?? NotFound();
        }

        if (action == "preview")
        {
            return Preview(Page(course!, module!, kind, null, form));
        }

        var result = await authoring.CreateItemAsync(course!, module!, kind, form.ToDraft(), Author, cancellationToken);
        if (!result.Done)
        {
            return Refused(Page(course!, module!, kind, null, form), result);
        }

        TempData["Notice"] = $"{AuthoringText.Kind(kind)} “{form.Title!.Trim()}” added as a draft.";
        return Redirect($"/courses/{courseId}/programme/items/{result.Id}");
    }

    [HttpGet("items/{itemId:int}")]
    public async Task<IActionResult> Item(int courseId, int itemId, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        return denied ?? View(Page(found!.Value.Course, found.Value.Module, found.Value.Item.Kind, found.Value.Item, ItemForm.From(found.Value.Item)));
    }

    [HttpPost("items/{itemId:int}")]
    public async Task<IActionResult> Item(int courseId, int itemId, ItemForm form, [FromForm] string? action, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var (course, module, item) = found!.Value;
        var page = Page(course, module, item.Kind, item, form);
        if (action == "preview")
        {
            return Preview(page);
        }

        var result = await authoring.UpdateItemAsync(course, item, form.ToDraft(), Author, cancellationToken);
        if (!result.Done)
        {
            return Refused(page, result);
        }

        TempData["Notice"] = item.IsPublished ? "Saved. Candidates see the change; their progress is kept." : "Saved.";
        return Redirect($"/courses/{courseId}/programme/items/{itemId}");
    }

    [HttpPost("items/{itemId:int}/publish")]
    public Task<IActionResult> Publish(int courseId, int itemId, [FromForm] int version, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, itemId, (c, i) => authoring.PublishAsync(c, i, version, Author, cancellationToken), "Published: candidates see it once its module opens for them.", cancellationToken);

    [HttpPost("items/{itemId:int}/unpublish")]
    public Task<IActionResult> Unpublish(int courseId, int itemId, [FromForm] int version, CancellationToken cancellationToken) =>
        ChangeAsync(courseId, itemId, (c, i) => authoring.UnpublishAsync(c, i, version, Author, cancellationToken), "Moved back to draft: candidates no longer see it; their progress is kept.", cancellationToken);

    [HttpPost("items/{itemId:int}/file")]
    [RequestSizeLimit(UploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
    public Task<IActionResult> File(int courseId, int itemId, IFormFile? file, [FromForm] int version, CancellationToken cancellationToken) =>
        UploadAsync(courseId, itemId, file, version, null, cancellationToken);

    [HttpPost("items/{itemId:int}/captions")]
    [RequestSizeLimit(16 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 16 * 1024 * 1024)]
    public Task<IActionResult> Captions(int courseId, int itemId, IFormFile? file, [FromForm] int version, CancellationToken cancellationToken) =>
        UploadAsync(courseId, itemId, file, version, UploadPurpose.Captions, cancellationToken);

    [HttpPost("items/{itemId:int}/image")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 64 * 1024 * 1024)]
    public async Task<IActionResult> Image(int courseId, int itemId, IFormFile? image, [FromForm] string? alt, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        await using var content = image?.OpenReadStream();
        var upload = image is null ? null : new MaterialUpload(image.FileName, image.Length, content!);
        var result = await authoring.AddImageAsync(found!.Value.Course, upload, Author, cancellationToken);
        if (!result.Done)
        {
            TempData["Problem"] = result.Problems[0].Message;
        }
        else
        {
            var text = string.IsNullOrWhiteSpace(alt) ? "Describe the image" : alt.Replace("]", "", StringComparison.Ordinal).Trim();
            TempData["Snippet"] = $"![{text}]({ProgrammeAuthoring.AssetPath(result.Id!.Value)})";
        }

        return Redirect($"/courses/{courseId}/programme/items/{itemId}#images");
    }

    [HttpGet("items/{itemId:int}/download/{which}")]
    public async Task<IActionResult> Download(int courseId, int itemId, string which, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var item = found!.Value.Item;
        var stream = await authoring.OpenItemFileAsync(item, captions: which == "captions", cancellationToken);
        if (stream is null)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return base.File(stream, "application/octet-stream", which == "captions" ? "captions.vtt" : item.FileName ?? "file", enableRangeProcessing: true);
    }

    [HttpPost("items/{itemId:int}/move")]
    public async Task<IActionResult> Move(int courseId, int itemId, [FromForm] MoveDirection direction, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        await authoring.MoveItemAsync(found!.Value.Course, found.Value.Item, direction, Author, cancellationToken);
        TempData["Notice"] = $"“{found.Value.Item.Title}” moved {direction.ToString().ToLowerInvariant()}.";
        TempData["Moved"] = $"item-{itemId}";
        TempData["MovedDirection"] = direction.ToString();
        return Redirect($"/courses/{courseId}/programme"); // no fragment: a target element would cancel the moved button's autofocus
    }

    [HttpPost("items/{itemId:int}/delete")]
    public async Task<IActionResult> Delete(int courseId, int itemId, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var result = await authoring.DeleteItemAsync(found!.Value.Course, found.Value.Item, Author, cancellationToken);
        if (!result.Done)
        {
            TempData["Problem"] = result.Problems[0].Message;
            return Redirect($"/courses/{courseId}/programme/items/{itemId}");
        }

        TempData["Notice"] = $"“{found.Value.Item.Title}” deleted.";
        return Redirect($"/courses/{courseId}/programme#module-{found.Value.Module.Id}");
    }

    private async Task<IActionResult> UploadAsync(int courseId, int itemId, IFormFile? file, int version, UploadPurpose? purpose, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var (course, _, item) = found!.Value;
        await using var content = file?.OpenReadStream();
        var upload = file is null ? null : new MaterialUpload(file.FileName, file.Length, content!);
        var kind = purpose ?? (item.Kind == ItemKind.Video ? UploadPurpose.Video : UploadPurpose.Document);
        var result = await authoring.AttachAsync(course, item, kind, upload, version, Author, cancellationToken);
        return result.Done ? Done("Uploaded.") : Refused(Page(course, found.Value.Module, item.Kind, item, ItemForm.From(item)), result);

        IActionResult Done(string message)
        {
            TempData["Notice"] = message;
            return Redirect($"/courses/{courseId}/programme/items/{itemId}#files");
        }
    }

    private async Task<IActionResult> ChangeAsync(int courseId, int itemId, Func<MaterialsCourse, MaterialItem, Task<AuthoringResult>> change, string notice, CancellationToken cancellationToken)
    {
        var (found, denied) = await ItemAsync(courseId, itemId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var (course, module, item) = found!.Value;
        var result = await change(course, item);
        if (!result.Done)
        {
            return Refused(Page(course, module, item.Kind, item, ItemForm.From(item)), result);
        }

        TempData["Notice"] = notice;
        return Redirect($"/courses/{courseId}/programme/items/{itemId}");
    }

    private ViewResult Preview(ItemEditPage page) => View("Item", page with
    {
        PreviewHtml = SafeMarkdown.ToHtml(page.Form.Body), PreviewQuestions = page.Kind == ItemKind.KnowledgeCheck ? page.Form.ToQuestions() : null,
    });

    private ViewResult Refused(ItemEditPage page, AuthoringResult result)
    {
        ModelState.AddProblems(result.Problems);
        Response.StatusCode = result.Conflict is null ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return View("Item", page with { Conflict = result.Conflict });
    }

    private ItemEditPage Page(MaterialsCourse course, MaterialModule module, ItemKind kind, MaterialItem? item, ItemForm form) =>
        new(course, module, kind, item, form, authoring.FrameworkOf(course))
        {
            MaxDocumentBytes = authoring.MaxBytes(UploadPurpose.Document), MaxVideoBytes = authoring.MaxBytes(UploadPurpose.Video),
        };

    private async Task<(MaterialsCourse? Course, MaterialModule? Module, IActionResult? Denied)> ModuleAsync(int courseId, int moduleId, CancellationToken cancellationToken)
    {
        var course = await authoring.CourseAsync(courseId, cancellationToken);
        if (course is null)
        {
            return (null, null, NotFound());
        }

        if (!await access.MayEditAsync(User, courseId))
        {
            return (null, null, Forbid());
        }

        var module = await authoring.ModuleAsync(courseId, moduleId, cancellationToken);
        return module is null ? (null, null, NotFound()) : (course, module, null);
    }

    private async Task<((MaterialsCourse Course, MaterialModule Module, MaterialItem Item)?, IActionResult?)> ItemAsync(int courseId, int itemId, CancellationToken cancellationToken)
    {
        var course = await authoring.CourseAsync(courseId, cancellationToken);
        if (course is null)
        {
            return (null, NotFound());
        }

        if (!await access.MayEditAsync(User, courseId))
        {
            return (null, Forbid());
        }

        var item = await authoring.ItemAsync(courseId, itemId, cancellationToken);
        var module = item is null ? null : await authoring.ModuleAsync(courseId, item.ModuleId, cancellationToken);
        return item is null || module is null ? (null, NotFound()) : ((course, module, item), null);
    }
}
