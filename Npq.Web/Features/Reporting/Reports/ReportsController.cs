using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Reporting;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>
/// The completion report: on screen for admins (their provider), headteachers (their school) and mentors (their
/// mentees), and exported as CSV or Excel, in the background when it is long (<see cref="CompletionReporting"/>,
/// <see cref="BackgroundExports"/>). Every export is audited.
/// </summary>
[Authorize(Roles = ReportingPermissions.ReportReaders)]
[Route("reports")]
public sealed class ReportsController(
    CompletionReporting reporting,
    BackgroundExports exports,
    ViewerScope scopes,
    TimeProvider time) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => RedirectToAction(nameof(Completion));

    [HttpGet("completion")]
    public async Task<IActionResult> Completion(CancellationToken cancellationToken)
    {
        var query = CompletionQuery.Parse(Request.Query);
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var report = await reporting.GetPageAsync(scope, query.ToFilter(), query.Page, cancellationToken);
        var page = report.Page;
        if (query.Page > page.PageCount)
        {
            query = query with { Page = page.Page, Problems = [.. query.Problems, $"There are only {page.PageCount} page(s), so the last one is shown."] };
        }

        var choices = report.Choices;
        return View(new CompletionPageModel
        {
            Query = query,
            Page = page,
            ScopeLabel = report.ScopeLabel,
            Courses = choices.Courses.Select(c => new FilterChoice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name)).ToList(),
            Cohorts = choices.Cohorts.Select(c => new FilterChoice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name)).ToList(),
            MoreCohorts = choices.MoreCohorts,
            Partners = choices.Partners.Select(c => new FilterChoice(c.Id.ToString(CultureInfo.InvariantCulture), c.Name)).ToList(),
            BackgroundThresholdRows = report.BackgroundThresholdRows,
        });
    }

    /// <summary>
    /// Exports the filtered report. Up to the background threshold the file streams straight back; beyond it an
    /// export is queued and the person is taken to its progress page.
    /// </summary>
    [HttpPost("completion/export")]
    public async Task<IActionResult> Export(CancellationToken cancellationToken)
    {
        var form = await Request.ReadFormAsync(cancellationToken);
        var query = CompletionQuery.Parse(form);
        var format = string.Equals(form["format"], "xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Xlsx : ExportFormat.Csv;
        var background = string.Equals(form["background"], "true", StringComparison.OrdinalIgnoreCase);
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var start = await reporting.StartExportAsync(scope, query.ToFilter(), format, background, this.Actor(), cancellationToken);
        if (start.QueuedToken is { } token)
        {
            return RedirectToAction(nameof(ExportStatus), new { token });
        }

        var fileName = CompletionExport.FileName(format, start.NowUtc);
        if (format == ExportFormat.Xlsx)
        {
            // The package needs a seekable stream: a temporary file, deleted when the response has been sent.
            var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await CompletionExport.WriteAsync(format, temp, start.Rows!, cancellationToken);
            temp.Position = 0;
            return File(temp, CompletionExport.ContentType(format), fileName);
        }

        Response.ContentType = CompletionExport.ContentType(format);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await CompletionExport.WriteAsync(format, Response.Body, start.Rows!, cancellationToken);
        return new EmptyResult();
    }

    [HttpGet("exports")]
    public async Task<IActionResult> Exports(CancellationToken cancellationToken) =>
        View(await exports.ListAsync(User.GetUserId(), cancellationToken));

    [HttpGet("exports/{token}")]
    public async Task<IActionResult> ExportStatus(string token, CancellationToken cancellationToken)
    {
        var export = await exports.FindAsync(token, User.GetUserId(), cancellationToken);
        return export is null ? NotFound() : View(new ExportStatusModel { Export = export, NowUtc = time.GetUtcNow().UtcDateTime });
    }

    [HttpGet("exports/{token}/status")]
    public async Task<IActionResult> ExportStatusJson(string token, CancellationToken cancellationToken)
    {
        var export = await exports.FindAsync(token, User.GetUserId(), cancellationToken);
        if (export is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        var download = export.Status == Core.Reporting.ExportStatus.Ready ? Url.Action(nameof(Download), new { token }) : null;
        return Json(new ExportStatusJson(export.Status.ToString(), export.Percent, export.RowsWritten, export.RowsTotal, download));
    }

    [HttpGet("exports/{token}/download")]
    public async Task<IActionResult> Download(string token, CancellationToken cancellationToken)
    {
        var download = await exports.OpenDownloadAsync(token, this.Actor(), cancellationToken);
        if (download is null)
        {
            return NotFound();
        }

        var export = download.Export;
        return File(download.Content, CompletionExport.ContentType(export.Format), CompletionExport.FileName(export.Format, export.CreatedUtc));
    }
}
