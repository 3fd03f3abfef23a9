using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>
/// The completion report: on screen for admins (their provider), headteachers (their school) and mentors (their
/// mentees), and exported as CSV or Excel, in the background when it is long. Every export is audited.
/// </summary>
[Authorize(Roles = $"{Roles.ProviderAdmin},{Roles.Headteacher},{Roles.Mentor}")]
[Route("reports")]
public sealed class ReportsController(
    ICompletionReportQueries report,
    IReportLookups lookups,
    IReportExportRepository exports,
    ViewerScope scopes,
    ExportQueue queue,
    ExportFiles files,
    IAuditLog audit,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<ReportsController> logger) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => RedirectToAction(nameof(Completion));

    [HttpGet("completion")]
    public async Task<IActionResult> Completion(CancellationToken cancellationToken)
    {
        var query = CompletionQuery.Parse(Request.Query);
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var cohorts = await lookups.GetCohortsAsync(scope, cancellationToken);
        var pageSize = Math.Clamp(options.Value.PageSize, 5, 500);
        var page = await report.GetPageAsync(scope, query.ToFilter(), query.Page, pageSize, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (query.Page > page.PageCount)
        {
            query = query with { Page = page.Page, Problems = [.. query.Problems, $"There are only {page.PageCount} page(s), so the last one is shown."] };
        }

        return View(new CompletionPageModel
        {
            Query = query,
            Page = page,
            ScopeLabel = await ScopeLabelAsync(scope, cancellationToken),
            Courses = cohorts.DistinctBy(c => c.CourseId).Select(c => new FilterChoice(c.CourseId.ToString(), c.CourseName)).ToList(),
            Cohorts = cohorts.Select(c => new FilterChoice(c.CohortId.ToString(), c.CohortName)).ToList(),
            Partners = cohorts.Where(c => c.DeliveryPartnerId is not null).DistinctBy(c => c.DeliveryPartnerId)
                .Select(c => new FilterChoice(c.DeliveryPartnerId!.Value.ToString(), c.DeliveryPartnerName ?? string.Empty)).ToList(),
            BackgroundThresholdRows = options.Value.BackgroundThresholdRows,
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
        var filter = query.ToFilter();
        var userId = User.GetUserId();
        var rows = await report.CountAsync(scope, filter, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        if (background || rows > options.Value.BackgroundThresholdRows)
        {
            var token = ExportFiles.NewName();
            var id = await exports.CreateAsync(new ReportExport
            {
                Token = token,
                RequestedByUserId = userId,
                Report = CompletionExport.Report,
                Format = format,
                Query = new ExportRequest(scope, filter).Serialise(),
                CreatedUtc = now,
            }, cancellationToken);
            await AuditAsync("report.export-queued", $"export:{id}", $"completion {format} {scope.Describe()} rows={rows}", cancellationToken);
            logger.LogInformation("User {UserId} queued export {ExportId} of {Rows} rows", userId, id, rows);
            queue.Enqueue(id);
            return RedirectToAction(nameof(ExportStatus), new { token });
        }

        await AuditAsync("report.exported", "report:completion", $"{format} {scope.Describe()} rows={rows}", cancellationToken);
        logger.LogInformation("User {UserId} exported the completion report ({Rows} rows, {Format})", userId, rows, format);
        var stream = report.StreamAsync(scope, filter, now, cancellationToken);
        var fileName = CompletionExport.FileName(format, now);
        if (format == ExportFormat.Xlsx)
        {
            // The package needs a seekable stream: a temporary file, deleted when the response has been sent.
            var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await CompletionExport.WriteAsync(format, temp, stream, cancellationToken);
            temp.Position = 0;
            return File(temp, CompletionExport.ContentType(format), fileName);
        }

        Response.ContentType = CompletionExport.ContentType(format);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await CompletionExport.WriteAsync(format, Response.Body, stream, cancellationToken);
        return new EmptyResult();
    }

    [HttpGet("exports")]
    public async Task<IActionResult> Exports(CancellationToken cancellationToken) =>
        View(await exports.ListForUserAsync(User.GetUserId(), cancellationToken));

    [HttpGet("exports/{token}")]
    public async Task<IActionResult> ExportStatus(string token, CancellationToken cancellationToken)
    {
        var export = await exports.FindForUserAsync(token, User.GetUserId(), cancellationToken);
        return export is null ? NotFound() : View(new ExportStatusModel { Export = export, NowUtc = time.GetUtcNow().UtcDateTime });
    }

    [HttpGet("exports/{token}/status")]
    public async Task<IActionResult> ExportStatusJson(string token, CancellationToken cancellationToken)
    {
        var export = await exports.FindForUserAsync(token, User.GetUserId(), cancellationToken);
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
        var export = await exports.FindForUserAsync(token, User.GetUserId(), cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (export is not { Status: Core.Reporting.ExportStatus.Ready, StoredName: { } storedName } || export.ExpiresUtc <= now)
        {
            return NotFound();
        }

        var path = files.PathFor(storedName);
        if (!System.IO.File.Exists(path))
        {
            return NotFound();
        }

        await AuditAsync("report.export-downloaded", $"export:{export.Id}", $"completion {export.Format}", cancellationToken);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return File(stream, CompletionExport.ContentType(export.Format), CompletionExport.FileName(export.Format, export.CreatedUtc));
    }

    private async Task<string> ScopeLabelAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        if (scope.ProviderId is not null)
        {
            return "Every candidate of your provider";
        }

        if (scope.SchoolId is { } schoolId)
        {
            return $"Candidates from {await lookups.GetSchoolNameAsync(schoolId, cancellationToken)}";
        }

        return scope.MentorUserId is not null ? "Your mentees" : "Nobody: your account is not linked to a provider, school or mentees";
    }

    private Task AuditAsync(string action, string subject, string detail, CancellationToken cancellationToken) =>
        audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = time.GetUtcNow().UtcDateTime,
            ActorUserId = User.GetUserId(),
            Action = action,
            Subject = subject,
            Detail = detail,
            IpAddress = HttpContext.Connection.RemoteIpAddress?.ToString(),
        }, cancellationToken);
}
