namespace Npq.Core.Reporting;

/// <summary>Settings under <c>Reports</c> in configuration.</summary>
public sealed class ReportsOptions
{
    /// <summary>How long a finished export stays available to download.</summary>
    public int KeepHours { get; set; } = 24;

    /// <summary>Exports of more rows than this run in the background; smaller ones download at once.</summary>
    public int BackgroundThresholdRows { get; set; } = 2000;

    /// <summary>Rows per page on screen.</summary>
    public int PageSize { get; set; } = 25;

    /// <summary>How often the completion figures kept per enrolment are filled again (0 switches the job off: the report
    /// then computes every row live, exact but slower).</summary>
    public int FiguresEverySeconds { get; set; } = 15;

    /// <summary>Enrolments computed and stored together by the figures job.</summary>
    public int FiguresBatchSize { get; set; } = 250;

    /// <summary>Batches the figures job runs at most on one turn.</summary>
    public int FiguresBatchesPerRun { get; set; } = 20;
}

/// <summary>Settings under <c>Dashboards</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>Attendance under this percentage puts a candidate on the at-risk list.</summary>
    public int AtRiskAttendancePercent { get; set; } = 75;

    /// <summary>
    /// Materials completed this many percentage points or more below the median of the cohort's active candidates
    /// (those whose course has published materials) puts a candidate on the at-risk list.
    /// </summary>
    public int AtRiskMaterialsGapPoints { get; set; } = 25;
}
