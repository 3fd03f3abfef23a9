namespace Npq.Core.Enrolment;

/// <summary>An application with the names an inbox or the applicant's own list shows.</summary>
public sealed record ApplicationView
{
    public required Application Application { get; init; }
    public required string ApplicantName { get; init; }
    public required string ApplicantEmail { get; init; }
    public required string CohortName { get; init; }
    public required string CourseName { get; init; }
    public required string CohortTimeZone { get; init; }
    public DateOnly CohortStartDate { get; init; }
}

/// <summary>The inbox's filters; null means "any".</summary>
public sealed record ApplicationFilter
{
    public ApplicationStatus? Status { get; init; }
    public int? CohortId { get; init; }
    public bool? Eligible { get; init; }
    public FundingRoute? FundingRoute { get; init; }
}

/// <summary>What became of an admin's decision.</summary>
public enum DecisionOutcome
{
    Done,
    NotFound,
    CohortFull,
    AlreadyDecided,
    AlreadyEnrolled,

    /// <summary>Refused before anything was tried: a field of the request needs fixing.</summary>
    Invalid,
}

/// <summary>Builds an application as submitted: the entry check and the price are worked out here, once.</summary>
public static class ApplicationSubmission
{
    public static Application Complete(Application draft, int coursePricePence, decimal vatRate, DateOnly today, DateTime nowUtc)
    {
        var eligibility = Eligibility.Check(draft.Qualification, draft.QualificationGainedOn, draft.YearsTeachingSince, today);
        var price = Pricing.Quote(coursePricePence, draft.FundingRoute, vatRate);
        return draft with
        {
            IsEligible = eligibility.IsEligible,
            EligibilityReason = eligibility.Explanation,
            PriceNetPence = price.NetPence,
            VatPence = price.VatPence,
            PriceTotalPence = price.TotalPence,
            Status = ApplicationWorkflow.Initial,
            SubmittedUtc = nowUtc,
            DfeParticipantId = Opaque(draft.DfeParticipantId),
            DfeApplicationId = Opaque(draft.DfeApplicationId),
            Trn = Opaque(draft.Trn),
        };
    }

    /// <summary>DfE's ids are opaque: kept exactly as given, only surrounding spaces trimmed, empty as null.</summary>
    public static string? Opaque(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>An enrolment with the names and dates its pages show.</summary>
public sealed record EnrolmentView
{
    public required CohortEnrolment Enrolment { get; init; }
    public required string CandidateName { get; init; }
    public required string CandidateEmail { get; init; }
    public string? SchoolName { get; init; }
    public string? MentorName { get; init; }
    public required string CohortName { get; init; }
    public required string CohortTimeZone { get; init; }
    public required string CourseName { get; init; }
    public required string CourseShortCode { get; init; }
    public string? FrameworkCode { get; init; }
    public DateOnly CohortStartDate { get; init; }
    public DateOnly CohortEndDate { get; init; }
    public int ProviderId { get; init; }
}
