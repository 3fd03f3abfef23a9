using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Auditing;
using Npq.Data.Accounts;
using Npq.Data.Enrolment;
using Npq.Web.Features.Enrolment.CohortAdmin;
using Npq.Web.Infrastructure;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Enrolment.Imports;

/// <summary>
/// Bulk import of applications or enrolments from CSV: upload, see every row with its problems, and only when no row
/// has one, import them all in one transaction.
/// </summary>
[Authorize(Roles = Roles.ProviderAdmin)]
[Route("admin/imports")]
public sealed class ImportsController(
    ImportParser parser,
    IImportRepository imports,
    ICohortRepository cohorts,
    IEnrolmentLifecycleRepository enrolments,
    IUserRepository users,
    ViewerScope scope,
    IOptions<FeeOptions> fees,
    IAuditLog audit,
    TimeProvider time,
    ILogger<ImportsController> logger) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(new ImportIndexViewModel(null));

    [HttpGet("template/{kind}")]
    public IActionResult Template(string kind)
    {
        if (!Enum.TryParse<ImportKind>(kind, ignoreCase: true, out var k) || !Enum.IsDefined(k) || int.TryParse(kind, out _))
        {
            return NotFound();
        }

        var builder = new StringBuilder();
        using (var writer = new StringWriter(builder, CultureInfo.InvariantCulture))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in ImportParser.Columns[k])
            {
                csv.WriteField(CsvCells.Neutralise(column));
            }

            csv.NextRecord();
            foreach (var value in ImportParser.Example[k])
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
        if (!TryKind(kind, out var k))
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

        var preview = await PreviewAsync(text, k, cancellationToken);
        if (preview is null)
        {
            return Forbid();
        }

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

        if (!TryKind(kind, out var k) || text is null || text.Length > ImportParser.MaxBytes)
        {
            TempData["Problem"] = "The import could not be read back: upload the file again.";
            return RedirectToAction(nameof(Index));
        }

        // Never trust the earlier preview: check every row again against the data as it is now.
        var preview = await PreviewAsync(text, k, cancellationToken);
        if (preview is null)
        {
            return Forbid();
        }

        if (!preview.IsValid)
        {
            return View("Preview", new ImportPreviewViewModel(preview, content!, "Something changed since the preview: nothing was imported. Fix the rows below and upload the file again."));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var actor = User.GetUserId();
        int count;
        if (k == ImportKind.Applications)
        {
            count = await imports.ImportApplicationsAsync(preview.Applications, now, cancellationToken);
        }
        else
        {
            var full = await imports.ImportEnrolmentsAsync(preview.Enrolments, actor, now, cancellationToken);
            if (full is not null)
            {
                return View("Preview", new ImportPreviewViewModel(preview, content!, $"Cohort {full} filled up while you were importing: nothing was imported."));
            }

            count = preview.Enrolments.Count;
        }

        logger.LogInformation("Import of {Count} {Kind} by {UserId}", count, k, actor);
        await audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = now, ActorUserId = actor, Action = "import." + k.ToString().ToLowerInvariant(), Detail = $"{count} rows",
            IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken);
        TempData["Notice"] = $"Imported {count} {(k == ImportKind.Applications ? "applications" : "enrolments")}.";
        return k == ImportKind.Applications ? Redirect("/admin/applications") : Redirect("/admin/cohorts");
    }

    private static bool TryKind(string? kind, out ImportKind value) =>
        Enum.TryParse(kind, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(kind, out _);

    private async Task<ImportPreview?> PreviewAsync(string text, ImportKind kind, CancellationToken cancellationToken)
    {
        if (await scope.ProviderIdAsync(User, cancellationToken) is not { } providerId)
        {
            return null;
        }

        var summaries = await cohorts.GetSummariesAsync(providerId, cancellationToken);
        var enrolled = new HashSet<(int, string)>();
        if (kind == ImportKind.Enrolments)
        {
            foreach (var cohort in summaries)
            {
                foreach (var e in await enrolments.GetForCohortAsync(cohort.Cohort.Id, cancellationToken))
                {
                    enrolled.Add((cohort.Cohort.Id, e.CandidateEmail.ToUpperInvariant()));
                }
            }
        }

        var mentors = (await users.GetUsersInRoleAsync(Roles.Mentor, cancellationToken))
            .Where(u => u.ProviderId == providerId && u.IsActive)
            .ToDictionary(u => u.NormalizedEmail, u => u.Id);
        var context = new ImportContext(providerId, summaries.ToDictionary(c => c.Cohort.Id), mentors, enrolled, fees.Value.VatRate, time.GetUtcNow().UtcDateTime);
        return parser.Parse(text, kind, context);
    }
}

public sealed record ImportIndexViewModel(string? Kind);

public sealed record ImportPreviewViewModel(ImportPreview Preview, string Content, string? Problem);
