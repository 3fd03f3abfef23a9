using Npq.Core.Reporting;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>A choice in a filter drop-down.</summary>
public sealed record FilterChoice(string Value, string Label);

/// <summary>The completion report page.</summary>
public sealed record CompletionPageModel
{
    public required CompletionQuery Query { get; init; }
    public required CompletionPage Page { get; init; }
    public required string ScopeLabel { get; init; }
    public IReadOnlyList<FilterChoice> Courses { get; init; } = [];
    public IReadOnlyList<FilterChoice> Cohorts { get; init; } = [];

    /// <summary>True when the cohort filter lists only the newest of the cohorts (choosing a course narrows it).</summary>
    public bool MoreCohorts { get; init; }
    public IReadOnlyList<FilterChoice> Partners { get; init; } = [];
    public int BackgroundThresholdRows { get; init; }
}

/// <summary>One background export, as its owner sees it.</summary>
public sealed record ExportStatusModel
{
    public required ReportExport Export { get; init; }
    public DateTime NowUtc { get; init; }
}

/// <summary>What the status endpoint returns to the progress bar's script.</summary>
public sealed record ExportStatusJson(string Status, int Percent, int RowsWritten, int RowsTotal, string? DownloadUrl);

/// <summary>The completion table: rows, and the query to build sort links from (none on the printable page).</summary>
public sealed record CompletionTableModel(IReadOnlyList<CompletionRow> Rows, CompletionQuery? Query, string BasePath = "/reports/completion");
