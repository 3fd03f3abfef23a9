using CsvHelper.Configuration.Attributes;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure.Exports;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>One line of the completion export. Headers are stable snake_case ids; DfE values keep DfE's spelling.</summary>
public sealed record CompletionExportRow
{
    [Name("enrolment_id")] public int EnrolmentId { get; init; }
    [Name("candidate")] public string Candidate { get; init; } = string.Empty;
    [Name("school")] public string? School { get; init; }
    [Name("participant_id")] public string? ParticipantId { get; init; }
    [Name("application_id")] public string? ApplicationId { get; init; }
    [Name("course_identifier")] public string CourseIdentifier { get; init; } = string.Empty;
    [Name("cohort")] public string Cohort { get; init; } = string.Empty;
    [Name("cohort_name")] public string CohortName { get; init; } = string.Empty;
    [Name("delivery_partner")] public string? DeliveryPartner { get; init; }
    [Name("training_status")] public string TrainingStatus { get; init; } = string.Empty;
    [Name("mentor")] public string? Mentor { get; init; }
    [Name("sessions_attended")] public int SessionsAttended { get; init; }
    [Name("sessions_counted")] public int SessionsCounted { get; init; }
    [Name("attendance_percent")] public int? AttendancePercent { get; init; }
    [Name("statements_with_evidence")] public int StatementsCovered { get; init; }
    [Name("statements_in_framework")] public int StatementsTotal { get; init; }
    [Name("evidence_coverage_percent")] public int? CoveragePercent { get; init; }
    [Name("materials_completed")] public int MaterialsCompleted { get; init; }
    [Name("materials_published")] public int MaterialsTotal { get; init; }
    [Name("materials_completed_percent")] public int? MaterialsPercent { get; init; }
    [Name("tasks_set")] public int TasksSet { get; init; }
    [Name("tasks_submitted")] public int TasksSubmitted { get; init; }
    [Name("tasks_on_time")] public int TasksOnTime { get; init; }
    [Name("tasks_overdue")] public int TasksOverdue { get; init; }
    [Name("latest_progress_rating")] public string? LatestRating { get; init; }
    [Name("outcome")] public string? Outcome { get; init; }
    [Name("completion_date")] public DateOnly? CompletionDate { get; init; }

    public static CompletionExportRow From(CompletionRow row) => new()
    {
        EnrolmentId = row.EnrolmentId,
        Candidate = row.CandidateName,
        School = row.SchoolName,
        ParticipantId = row.DfeParticipantId,
        ApplicationId = row.DfeApplicationId,
        CourseIdentifier = row.CourseIdentifier,
        Cohort = row.DfeCohort,
        CohortName = row.CohortName,
        DeliveryPartner = row.DeliveryPartnerName,
        TrainingStatus = row.TrainingStatus.ToString().ToLowerInvariant(),
        Mentor = row.MentorName,
        SessionsAttended = row.SessionsAttended,
        SessionsCounted = row.SessionsCounted,
        AttendancePercent = row.AttendancePercent,
        StatementsCovered = row.StatementsCovered,
        StatementsTotal = row.StatementsTotal,
        CoveragePercent = row.CoveragePercent,
        MaterialsCompleted = row.MaterialsCompleted,
        MaterialsTotal = row.MaterialsTotal,
        MaterialsPercent = row.MaterialsPercent,
        TasksSet = row.TasksSet,
        TasksSubmitted = row.TasksSubmitted,
        TasksOnTime = row.TasksOnTime,
        TasksOverdue = row.TasksOverdue,
        LatestRating = row.LatestRating is { } rating ? ProgressSchedule.Label(rating) : null,
        Outcome = row.Outcome?.ToString().ToLowerInvariant(),
        CompletionDate = row.CompletionDate,
    };
}

/// <summary>Writes the completion report as CSV or Excel, row by row from the stream.</summary>
public static class CompletionExport
{
    public static readonly IReadOnlyList<XlsxColumn<CompletionExportRow>> Columns =
    [
        new("enrolment_id", r => r.EnrolmentId),
        new("candidate", r => r.Candidate),
        new("school", r => r.School),
        new("participant_id", r => r.ParticipantId),
        new("application_id", r => r.ApplicationId),
        new("course_identifier", r => r.CourseIdentifier),
        new("cohort", r => r.Cohort),
        new("cohort_name", r => r.CohortName),
        new("delivery_partner", r => r.DeliveryPartner),
        new("training_status", r => r.TrainingStatus),
        new("mentor", r => r.Mentor),
        new("sessions_attended", r => r.SessionsAttended),
        new("sessions_counted", r => r.SessionsCounted),
        new("attendance_percent", r => r.AttendancePercent),
        new("statements_with_evidence", r => r.StatementsCovered),
        new("statements_in_framework", r => r.StatementsTotal),
        new("evidence_coverage_percent", r => r.CoveragePercent),
        new("materials_completed", r => r.MaterialsCompleted),
        new("materials_published", r => r.MaterialsTotal),
        new("materials_completed_percent", r => r.MaterialsPercent),
        new("tasks_set", r => r.TasksSet),
        new("tasks_submitted", r => r.TasksSubmitted),
        new("tasks_on_time", r => r.TasksOnTime),
        new("tasks_overdue", r => r.TasksOverdue),
        new("latest_progress_rating", r => r.LatestRating),
        new("outcome", r => r.Outcome),
        new("completion_date", r => r.CompletionDate),
    ];

    public static string ContentType(ExportFormat format) => format == ExportFormat.Xlsx ? XlsxExport.ContentType : "text/csv; charset=utf-8";

    public static string FileName(ExportFormat format, DateTime nowUtc) =>
        $"npq-completion-{nowUtc:yyyy-MM-dd}.{(format == ExportFormat.Xlsx ? "xlsx" : "csv")}";

    /// <summary>Writes the rows; xlsx needs a seekable stream (a file).</summary>
    public static Task WriteAsync(ExportFormat format, Stream output, IAsyncEnumerable<CompletionRow> rows, CancellationToken cancellationToken) =>
        format == ExportFormat.Xlsx
            ? XlsxExport.WriteAsync(output, "Completion", Columns, rows.Select(CompletionExportRow.From), cancellationToken)
            : CsvExport.WriteAsync(output, rows.Select(CompletionExportRow.From), cancellationToken);
}

/// <summary>The completion file shapes, as Core's background exports write them.</summary>
public sealed class CompletionExportWriter : ICompletionExportWriter
{
    public Task WriteAsync(ExportFormat format, Stream output, IAsyncEnumerable<CompletionRow> rows, CancellationToken cancellationToken) =>
        CompletionExport.WriteAsync(format, output, rows, cancellationToken);
}
