using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Materials;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Materials.Authoring;

/// <summary>
/// A programme exported as a zip, and a zip imported into a course: previewed first (every problem listed, nothing
/// written), then confirmed. The zip waits in the file store between the two; the page carries its name sealed with
/// the course and the person (Data Protection, two hours), so only who previewed it can confirm it, into that course.
/// </summary>
[Route("courses/{courseId:int}/programme")]
public sealed class ProgrammeTransferController(
    ProgrammeTransfer transfer, ProgrammeAuthoring authoring, MaterialsAccess access, IDataProtectionProvider protection) : Controller
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    private const long UploadLimit = 1024L * 1024 * 1024;

    private Author Author => new(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString());

    [HttpGet("export")]
    public async Task<IActionResult> Export(int courseId, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await transfer.ExportAsync(course!, temp, Author, cancellationToken);
        temp.Position = 0;
        return File(temp, "application/zip", ProgrammeTransfer.FileNameFor(course!));
    }

    [HttpGet("import")]
    public async Task<IActionResult> Import(int courseId, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken);
        return denied ?? View(new ImportPage(course!, null));
    }

    [HttpPost("import/preview")]
    [RequestSizeLimit(UploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
    public async Task<IActionResult> Preview(int courseId, IFormFile? file, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        await using var content = file?.OpenReadStream();
        var upload = file is null ? null : new MaterialUpload(file.FileName, file.Length, content!);
        var preview = await transfer.PreviewAsync(course!, upload, Author, cancellationToken);
        if (!preview.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return View("Import", new ImportPage(course!, preview with { Token = Seal(courseId, preview.Token) }));
    }

    [HttpPost("import")]
    public async Task<IActionResult> Confirm(int courseId, [FromForm] string? token, CancellationToken cancellationToken)
    {
        var (course, denied) = await CourseAsync(courseId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var outcome = await transfer.ImportAsync(course!, Unseal(courseId, token), Author, cancellationToken);
        if (!outcome.Done)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Import", new ImportPage(course!, new ImportPreview(null, outcome.Problems, [])));
        }

        TempData["Notice"] = $"Imported {outcome.ModuleIds.Count} module{(outcome.ModuleIds.Count == 1 ? "" : "s")}. Their items are drafts: publish each when it is ready.";
        return Redirect($"/courses/{courseId}/programme" + (outcome.ModuleIds.Count > 0 ? $"#module-{outcome.ModuleIds[0]}" : ""));
    }

    [HttpPost("import/discard")]
    public async Task<IActionResult> Discard(int courseId, [FromForm] string? token, CancellationToken cancellationToken)
    {
        var (_, denied) = await CourseAsync(courseId, cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        await transfer.DiscardAsync(Unseal(courseId, token), cancellationToken);
        TempData["Notice"] = "Import cancelled: nothing was added.";
        return Redirect($"/courses/{courseId}/programme");
    }

    private async Task<(MaterialsCourse? Course, IActionResult? Denied)> CourseAsync(int courseId, CancellationToken cancellationToken)
    {
        var course = await authoring.CourseAsync(courseId, cancellationToken);
        if (course is null)
        {
            return (null, NotFound());
        }

        return await access.MayEditAsync(User, courseId) ? (course, null) : (null, Forbid());
    }

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Npq.Materials.Import").ToTimeLimitedDataProtector();

    private string? Seal(int courseId, string? token) =>
        token is null ? null : Protector.Protect($"{courseId}|{User.GetUserId()}|{token}", TokenLifetime);

    /// <summary>The stored name behind a sealed token, or null when it was sealed for another course or person, or has expired.</summary>
    private string? Unseal(int courseId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = Protector.Unprotect(token).Split('|', 3);
            return parts.Length == 3 && parts[0] == courseId.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && parts[1] == User.GetUserId().ToString(System.Globalization.CultureInfo.InvariantCulture) ? parts[2] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
