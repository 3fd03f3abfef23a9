namespace Npq.Core.Enrolment;

/// <summary>The teaching qualifications that open the door to an NPQ.</summary>
public enum TeachingQualification
{
    None,
    Qts,
    Qtls,
    Level5OrHigher,
    InternationalEquivalent,
}

/// <summary>Who pays for the course, in DfE's vocabulary (<c>funding_choice</c>).</summary>
public enum FundingRoute
{
    School,
    Trust,
    Self,
    Another,
    Employer,
}

/// <summary>Where an application stands. DfE knows pending, accepted and rejected; the rest are the provider's.</summary>
public enum ApplicationStatus
{
    Pending,
    Accepted,
    WaitingList,
    Rejected,
    Withdrawn,
}

/// <summary>A person's application to join a cohort, with the price quoted when they submitted it.</summary>
public sealed record Application
{
    public int Id { get; init; }
    public int CohortId { get; init; }
    public int ApplicantUserId { get; init; }
    public required string SchoolName { get; init; }
    public required string Role { get; init; }
    public TeachingQualification Qualification { get; init; }
    public DateOnly? QualificationGainedOn { get; init; }
    public int YearsTeachingSince { get; init; }
    public FundingRoute FundingRoute { get; init; }
    public string? DfeParticipantId { get; init; }
    public string? DfeApplicationId { get; init; }
    public string? Trn { get; init; }
    public bool IsEligible { get; init; }
    public string? EligibilityReason { get; init; }
    public int PriceNetPence { get; init; }
    public int VatPence { get; init; }
    public int PriceTotalPence { get; init; }
    public ApplicationStatus Status { get; init; } = ApplicationStatus.Pending;
    public string? RejectionReason { get; init; }
    public DateTime SubmittedUtc { get; init; }
    public DateTime? DecidedUtc { get; init; }
    public int? DecidedByUserId { get; init; }
    public int Version { get; init; } = 1;
}

/// <summary>Labels people read for the codes above.</summary>
public static class ApplicationText
{
    public static string Label(this TeachingQualification q) => q switch
    {
        TeachingQualification.Qts => "Qualified teacher status (QTS)",
        TeachingQualification.Qtls => "Qualified teacher learning and skills (QTLS)",
        TeachingQualification.Level5OrHigher => "A Level 5 or higher qualification",
        TeachingQualification.InternationalEquivalent => "An international equivalent",
        _ => "None of these",
    };

    public static string Label(this FundingRoute route) => route switch
    {
        FundingRoute.School => "My school",
        FundingRoute.Trust => "My trust",
        FundingRoute.Self => "I am paying myself",
        FundingRoute.Another => "Another body",
        FundingRoute.Employer => "My employer (not a school or trust)",
        _ => route.ToString(),
    };

    /// <summary>DfE's <c>funding_choice</c> code.</summary>
    public static string DfeCode(this FundingRoute route) => route.ToString().ToLowerInvariant();

    public static string Label(this ApplicationStatus status) => status switch
    {
        ApplicationStatus.Pending => "Waiting for a decision",
        ApplicationStatus.Accepted => "Accepted",
        ApplicationStatus.WaitingList => "On the waiting list",
        ApplicationStatus.Rejected => "Not accepted",
        ApplicationStatus.Withdrawn => "Withdrawn",
        _ => status.ToString(),
    };
}
