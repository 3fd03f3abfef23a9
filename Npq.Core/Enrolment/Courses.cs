namespace Npq.Core.Enrolment;

/// <summary>How a cohort meets.</summary>
public enum DeliveryModel
{
    Online,
    Blended,
    FaceToFace,
}

/// <summary>A course as DfE knows it, with the provider's name and price.</summary>
public sealed record Course
{
    public int Id { get; init; }
    public int ProviderId { get; init; }
    public required string Identifier { get; init; }
    public required string ShortCode { get; init; }
    public required string Name { get; init; }
    public string? FrameworkCode { get; init; }
    public int PricePence { get; init; }
    public bool IsLeadership { get; init; }
    public bool HasAssessment { get; init; } = true;
}

/// <summary>A group of candidates who study a course together, in one time zone.</summary>
public sealed record Cohort
{
    public int Id { get; init; }
    public int CourseId { get; init; }
    public int? DeliveryPartnerId { get; init; }
    public required string Name { get; init; }
    public int StartYear { get; init; }
    public string Suffix { get; init; } = string.Empty;
    public DateOnly StartDate { get; init; }
    public DateOnly EndDate { get; init; }
    public DeliveryModel DeliveryModel { get; init; }
    public bool IsInternational { get; init; }
    public required string TimeZone { get; init; }
    public int Capacity { get; init; }
    public int Version { get; init; } = 1;

    /// <summary>Whether the public cohorts page offers this cohort to applicants.</summary>
    public bool OpenForApplications { get; init; } = true;

    /// <summary>DfE's cohort identifier: the start year and an optional suffix ("2026", "2026a").</summary>
    public string DfeCohort => $"{StartYear}{Suffix}";
}

/// <summary>The NPQs DfE funds, with their identifiers and short codes.</summary>
public static class NpqCourses
{
    public sealed record Definition(string Identifier, string ShortCode, string Name, bool IsLeadership, bool HasAssessment);

    public static readonly IReadOnlyList<Definition> All =
    [
        new("npq-senior-leadership", "NPQSL", "Senior Leadership", true, true),
        new("npq-headship", "NPQH", "Headship", true, true),
        new("npq-executive-leadership", "NPQEL", "Executive Leadership", true, true),
        new("npq-early-years-leadership", "NPQEYL", "Early Years Leadership", true, true),
        new("npq-leading-teaching", "NPQLT", "Leading Teaching", false, true),
        new("npq-leading-behaviour-culture", "NPQLBC", "Leading Behaviour and Culture", false, true),
        new("npq-leading-teaching-development", "NPQLTD", "Leading Teacher Development", false, true),
        new("npq-leading-literacy", "NPQLL", "Leading Literacy", false, true),
        new("npq-leading-primary-mathematics", "NPQLPM", "Leading Primary Mathematics", false, true),
        new("npq-senco", "NPQSENCO", "Special Educational Needs Co-ordinator", false, true),
        new("npq-early-headship-coaching-offer", "EHCO", "Early Headship Coaching Offer", false, false),
    ];

    public static Definition? Find(string identifier) =>
        All.FirstOrDefault(d => d.Identifier.Equals(identifier, StringComparison.OrdinalIgnoreCase));
}
