using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Auditing;

namespace Npq.Core.Reporting;

/// <summary>One page of the completion report as its viewer sees it: the rows, the filter choices, whose they are.</summary>
public sealed record CompletionReportPage(CompletionPage Page, ReportFilterChoices Choices, string ScopeLabel, int BackgroundThresholdRows);

/// <summary>
/// How an export of the completion report starts: queued in the background (its token names the progress page), or
/// now, with the rows to write as they are read.
/// </summary>
public sealed record CompletionExportStart
{
    public string? QueuedToken { get; private init; }
    public IAsyncEnumerable<CompletionRow>? Rows { get; private init; }
    public DateTime NowUtc { get; private init; }

    public static CompletionExportStart Queued(string token, DateTime nowUtc) => new() { QueuedToken = token, NowUtc = nowUtc };

    public static CompletionExportStart Now(IAsyncEnumerable<CompletionRow> rows, DateTime nowUtc) => new() { Rows = rows, NowUtc = nowUtc };
}

/// <summary>
/// The completion report: on screen for admins (their provider), headteachers (their school) and mentors (their
/// mentees), and exported, in the background when it is long. Every export is audited.
/// </summary>
public sealed class CompletionReporting(
    ICompletionReportQueries report,
    IReportLookups lookups,
    IReportExportRepository exports,
    IExportJobs queue,
    IAuditLog audit,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<CompletionReporting> logger)
{
    /// <summary>The name background exports of this report carry.</summary>
    public const string Report = "completion";

    /// <summary>How many cohorts the cohort filter lists at most (the newest; the course filter narrows the list).</summary>
    public const int CohortChoicesLimit = 50;

    /// <summary>
    /// A page of the filtered report (clamped to the pages there are) with the fields its table shows, and the scope's
    /// choices to filter by.
    /// </summary>
    public async Task<CompletionReportPage> GetPageAsync(ReportScope scope, CompletionFilter filter, int page, CancellationToken cancellationToken = default)
    {
        var choices = await lookups.GetFilterChoicesAsync(scope, filter.CourseId, filter.CohortId, CohortChoicesLimit, cancellationToken);
        var pageSize = Math.Clamp(options.Value.PageSize, 5, 500);
        var rows = await report.GetPageAsync(scope, filter, page, pageSize, time.GetUtcNow().UtcDateTime, CompletionColumns.Table, cancellationToken);
        return new CompletionReportPage(rows, choices, await ScopeLabelAsync(scope, cancellationToken), options.Value.BackgroundThresholdRows);
    }

    /// <summary>
    /// Starts an export of the filtered report. Up to the background threshold the rows stream straight back; beyond it
    /// (or when asked) an export is queued for the background worker.
    /// </summary>
    public async Task<CompletionExportStart> StartExportAsync(ReportScope scope, CompletionFilter filter, ExportFormat format, bool background, ReportActor actor, CancellationToken cancellationToken = default)
    {
        var rows = await report.CountAsync(scope, filter, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (background || rows > options.Value.BackgroundThresholdRows)
        {
            var token = ExportTokens.New();
            var id = await exports.CreateAsync(new ReportExport
            {
                Token = token,
                RequestedByUserId = actor.UserId,
                Report = Report,
                Format = format,
                Query = new ExportRequest(scope, filter).Serialise(),
                CreatedUtc = now,
            }, cancellationToken);
            await audit.RecordAsync(time, actor, "report.export-queued", $"export:{id}", $"completion {format} {scope.Describe()} rows={rows}", cancellationToken);
            logger.LogInformation("User {UserId} queued export {ExportId} of {Rows} rows", actor.UserId, id, rows);
            await queue.EnqueueAsync(id, cancellationToken);
            return CompletionExportStart.Queued(token, now);
        }

        await audit.RecordAsync(time, actor, "report.exported", "report:completion", $"{format} {scope.Describe()} rows={rows}", cancellationToken);
        logger.LogInformation("User {UserId} exported the completion report ({Rows} rows, {Format})", actor.UserId, rows, format);
        return CompletionExportStart.Now(report.StreamAsync(scope, filter, now, cancellationToken), now);
    }

    /// <summary>Whose candidates the report holds, in words.</summary>
    public async Task<string> ScopeLabelAsync(ReportScope scope, CancellationToken cancellationToken = default)
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
}
