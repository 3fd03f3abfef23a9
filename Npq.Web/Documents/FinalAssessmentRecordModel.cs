namespace Npq.Web.Documents;

/// <summary>Everything the final assessment record shows; built by the assessment feature from released data.</summary>
public sealed record FinalAssessmentRecordModel
{
    public required string CandidateName { get; init; }
    public string? CandidateReference { get; init; }
    public required string CourseName { get; init; }
    public required string CourseCode { get; init; }
    public required string CohortName { get; init; }
    public required string ProviderName { get; init; }
    public required string TaskTitle { get; init; }
    public DateOnly WindowOpens { get; init; }
    public DateOnly WindowCloses { get; init; }
    public string CohortTimeZone { get; init; } = "Europe/London";
    public DateTime? SubmittedUtc { get; init; }
    public int Attempt { get; init; } = 1;
    public int WordCount { get; init; }
    public int WordLimit { get; init; }

    /// <summary>"Passed", "Failed", or a workflow state such as "Not yet released".</summary>
    public required string Outcome { get; init; }
    public DateOnly? CompletionDate { get; init; }
    public string SubmissionMarkdown { get; init; } = string.Empty;
    public IReadOnlyList<EvidenceIndexEntry> Evidence { get; init; } = [];
    public IReadOnlyList<CriterionJudgement> Criteria { get; init; } = [];
    public MarkingSummary? Marking { get; init; }
    public MarkingSummary? Moderation { get; init; }
    public DateTime? ReleasedUtc { get; init; }
    public string? ReleasedBy { get; init; }
    public DateTime GeneratedUtc { get; init; }
}

public sealed record EvidenceIndexEntry(string Title, DateOnly Date, IReadOnlyList<string> StatementIds);

public sealed record CriterionJudgement(string Criterion, IReadOnlyList<string> StatementIds, bool Met, string Comment, bool? ModeratorMet = null, string? ModeratorComment = null);

/// <summary>Who judged, what they proposed, when, and their overall comment.</summary>
public sealed record MarkingSummary(string AssessorName, string Outcome, DateTime AtUtc, string? Comment);

/// <summary>The certificate of completion for a passed candidate.</summary>
public sealed record CertificateModel
{
    public required string CandidateName { get; init; }
    public required string CourseName { get; init; }
    public required string CourseCode { get; init; }
    public required string ProviderName { get; init; }
    public required DateOnly CompletionDate { get; init; }
    public required string CertificateNumber { get; init; }

    /// <summary>A note such as "Carries 30 Master's credits through university partners" (NPQSL), or null.</summary>
    public string? CreditNote { get; init; }
    public DateTime GeneratedUtc { get; init; }
}
