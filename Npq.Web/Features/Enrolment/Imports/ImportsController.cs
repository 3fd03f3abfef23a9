using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Enrolment.Imports;

/// <summary>
/// Bulk import of applications or enrolments from CSV: upload, see every row with its problems, and only when no row
/// has one, import them all in one transaction.
/// </summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/imports")]
public sealed class ImportsController(EnrolmentImports imports, ViewerScope scope) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(new ImportIndexViewModel(null));

    [HttpGet("template/{kind}")]
    public IActionResult Template(string kind)
    {
        if (!ImportFormat.TryKind(kind, out var k))
        {
            return NotFound();
        }

        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in ImportFormat.Columns[k])
            {
                csv.WriteField(CsvCells.Neutralise(column));
            }

            csv.NextRecord();
            foreach (var value in ImportFormat.Example[k])
            {
                csv.WriteField(CsvCells.Neutralise(value));
            }

            csv.NextRecord();
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(builder.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", $"npq-{k.ToString().ToLowerInvariant()}-template.csv");
    }

    [HttpPost("preview")]
    [RequestSizeLimit(ImportParser.MaxBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = ImportParser.MaxBytes + 64 * 1024)]
    public async Task<IActionResult> Preview(string? kind, IFormFile? file, CancellationToken cancellationToken)
    {
        if (!ImportFormat.TryKind(kind, out var k))
        {
            ModelState.AddModelError("kind", "Choose what the file holds: applications or enrolments.");
        }

        string? text = null;
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", "Choose a CSV file to upload.");
        }
        else if (file.Length > ImportParser.MaxBytes)
        {
            ModelState.AddModelError("file", $"The file is {file.Length / 1024:N0} KB: the largest allowed is {ImportParser.MaxBytes / 1024:N0} KB.");
        }
        else if (!Path.GetExtension(file.FileName).Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("file", "The file must be a .csv file (in Excel: Save As, CSV UTF-8).");
        }
        else
        {
            using var memory = new MemoryStream();
            await file.CopyToAsync(memory, cancellationToken);
            text = ImportParser.ReadText(memory.ToArray());
            if (text is null)
            {
                ModelState.AddModelError("file", "The file is not CSV text in UTF-8: in Excel use Save As, CSV UTF-8.");
            }
        }

        if (!ModelState.IsValid || text is null)
        {
            return View(nameof(Index), new ImportIndexViewModel(kind));
        }

        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        var preview = await imports.PreviewAsync(providerId, k, text, cancellationToken);
        return View("Preview", new ImportPreviewViewModel(preview, Convert.ToBase64String(Encoding.UTF8.GetBytes(text)), null));
    }

    [HttpPost("confirm")]
    [RequestSizeLimit(3 * ImportParser.MaxBytes)]
    public async Task<IActionResult> Confirm(string? kind, string? content, CancellationToken cancellationToken)
    {
        string? text = null;
        try
        {
            text = content is null ? null : ImportParser.ReadText(Convert.FromBase64String(content));
        }
        catch (FormatException)
        {
            text = null;
        }

        if (!ImportFormat.TryKind(kind, out var k) || text is null || text.Length > ImportParser.MaxBytes)
        {
            TempData["Problem"] = "The import could not be read back: upload the file again.";
            return RedirectToAction(nameof(Index));
        }

        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return Forbid();
        }

        // Never trust the earlier preview: every row is checked again against the data as it is now.
        var outcome = await imports.ImportAsync(providerId, k, text, new ActingUser(User.GetUserId(), HttpContext.Connection.RemoteIpAddress?.ToString()), cancellationToken);
        if (!outcome.Preview.IsValid)
        {
            return View("Preview", new ImportPreviewViewModel(outcome.Preview, content!, "Something changed since the preview: nothing was imported. Fix the rows below and upload the file again."));
        }

        if (outcome.FullCohortId is { } full)
        {
            return View("Preview", new ImportPreviewViewModel(outcome.Preview, content!, $"Cohort {full} filled up while you were importing: nothing was imported."));
        }

        TempData["Notice"] = $"Imported {outcome.Imported} {(k == ImportKind.Applications ? "applications" : "enrolments")}.";
        return k == ImportKind.Applications ? Redirect("/admin/applications") : Redirect("/admin/cohorts");
    }
}

public sealed record ImportIndexViewModel(string? Kind);

public sealed record ImportPreviewViewModel(ImportPreview Preview, string Content, string? Problem);
