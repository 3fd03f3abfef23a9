namespace Npq.Core.Reporting;

/// <summary>
/// Whose candidates a report may hold: a provider admin sees their provider's enrolments, a headteacher their
/// school's candidates, a mentor their mentees. A scope with nothing set holds nobody (deny by default).
/// </summary>
public sealed record ReportScope
{
    public int? ProviderId { get; init; }
    public int? SchoolId { get; init; }
    public int? MentorUserId { get; init; }

    public static ReportScope Nobody { get; } = new();

    public bool IsEmpty => ProviderId is null && SchoolId is null && MentorUserId is null;

    public static ReportScope ForProvider(int providerId) => new() { ProviderId = providerId };

    public static ReportScope ForSchool(int schoolId) => new() { SchoolId = schoolId };

    public static ReportScope ForMentor(int mentorUserId) => new() { MentorUserId = mentorUserId };

    /// <summary>A short, id-only description for logs and the audit trail.</summary>
    public string Describe() =>
        ProviderId is { } p ? $"provider:{p}" : SchoolId is { } s ? $"school:{s}" : MentorUserId is { } m ? $"mentor:{m}" : "nobody";
}
