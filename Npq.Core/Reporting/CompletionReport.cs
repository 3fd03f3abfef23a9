using Npq.Core.Enrolment;
using Npq.Core.Portfolio;

namespace Npq.Core.Reporting;

/// <summary>The columns the completion report can be sorted by.</summary>
public enum CompletionSort
{
    Candidate,
    School,
    Cohort,
    Status,
    Mentor,
    Attendance,
    Coverage,
    Submitted,
    Rating,
    Materials,
}

/// <summary>Which enrolments the completion report shows; every field is optional.</summary>
public sealed record CompletionFilter
{
    public int? CourseId { get; init; }
    public int? CohortId { get; init; }
    public int? DeliveryPartnerId { get; init; }
    public TrainingStatus? Status { get; init; }
    public CompletionSort Sort { get; init; } = CompletionSort.Candidate;
    public bool Descending { get; init; }
}

/// <summary>
/// One enrolment's line in the completion report. Percentages are whole numbers, null when nothing has counted yet
/// (no session has ended; the course has no framework).
/// </summary>
public sealed record CompletionRow
{
    public int EnrolmentId { get; init; }
    public int CandidateUserId { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public string? SchoolName { get; init; }
    public string? DfeParticipantId { get; init; }
    public string? DfeApplicationId { get; init; }
    public string CourseIdentifier { get; init; } = string.Empty;
    public int CohortId { get; init; }
    public string CohortName { get; init; } = string.Empty;
    public string DfeCohort { get; init; } = string.Empty;
    public string? DeliveryPartnerName { get; init; }
    public TrainingStatus TrainingStatus { get; init; }
    public string? MentorName { get; init; }
    public int SessionsCounted { get; init; }
    public int SessionsAttended { get; init; }
    public int StatementsCovered { get; init; }
    public int StatementsTotal { get; init; }
    public int TasksSet { get; init; }
    public int TasksSubmitted { get; init; }
    public int TasksOnTime { get; init; }
    public int TasksOverdue { get; init; }
    public bool FinalSubmitted { get; init; }
    public ProgressRating? LatestRating { get; init; }
    /// <summary>The sum of the area ratings (NotStarted 0 … Secure 3) in the latest progress update; -1 without one.</summary>
    public int LatestRatingSum { get; init; } = -1;

    /// <summary>The same sum for the update before it; -1 without one.</summary>
    public int PreviousRatingSum { get; init; } = -1;
    public OutcomeState? Outcome { get; init; }
    public DateOnly? CompletionDate { get; init; }

    /// <summary>Published items of the course's materials the candidate has completed.</summary>
    public int MaterialsCompleted { get; init; }

    /// <summary>Published items of the course's materials.</summary>
    public int MaterialsTotal { get; init; }

    /// <summary>Attended ÷ counted sessions (excused ones left out), rounded down, as on the attendance page.</summary>
    public int? AttendancePercent => SessionsCounted == 0 ? null : SessionsAttended * 100 / SessionsCounted;

    /// <summary>Statements with evidence ÷ statements in the course's framework, rounded to a whole percent.</summary>
    public int? CoveragePercent => StatementsTotal == 0 ? null : (int)Math.Round(100.0 * Math.Min(StatementsCovered, StatementsTotal) / StatementsTotal);

    /// <summary>Completed ÷ published items of the course's materials, rounded down (100 only when all are done); null when none is published.</summary>
    public int? MaterialsPercent => MaterialsTotal == 0 ? null : Math.Min(MaterialsCompleted, MaterialsTotal) * 100 / MaterialsTotal;

    /// <summary>True when the last two progress updates exist and the later is no better than the earlier.</summary>
    public bool RatingsNotMoving => LatestRatingSum >= 0 && PreviousRatingSum >= 0 && LatestRatingSum <= PreviousRatingSum;

    public CompletionRow WithOutcome(FinalOutcome? outcome) =>
        outcome is null ? this : this with { Outcome = outcome.State, CompletionDate = outcome.CompletionDate };
}

/// <summary>Which of each row's fields a page of the report reads.</summary>
public enum CompletionColumns
{
    /// <summary>Every field, as an export writes them.</summary>
    All,

    /// <summary>
    /// What the report's table shows (<c>CompletionTableHtml</c>) and no more: a row read as stored leaves the
    /// candidate's and cohort's ids, the course identifier, the DfE application id, the delivery partner, whether the
    /// final assessment was submitted and the two rating sums at their defaults. A field the table starts to show is
    /// added to the columns read (<c>CompletionReportSql.StoredColumns</c>).
    /// </summary>
    Table,
}

/// <summary>One page of the on-screen report.</summary>
public sealed record CompletionPage(IReadOnlyList<CompletionRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The completion report's data: one set-based query, paged for the screen or streamed for exports.</summary>
public interface ICompletionReportQueries
{
    /// <summary>A page of the filtered report, clamped to the pages there are, each row with the fields <paramref name="columns"/> names.</summary>
    Task<CompletionPage> GetPageAsync(ReportScope scope, CompletionFilter filter, int page, int pageSize, DateTime nowUtc,
        CompletionColumns columns = CompletionColumns.All, CancellationToken cancellationToken = default);

    Task<int> CountAsync(ReportScope scope, CompletionFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Every row, read from an open data reader as the caller consumes them (never all in memory).</summary>
    IAsyncEnumerable<CompletionRow> StreamAsync(ReportScope scope, CompletionFilter filter, DateTime nowUtc, CancellationToken cancellationToken = default);
}
