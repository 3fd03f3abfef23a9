namespace Npq.Core.Reporting;

/// <summary>A line of the declarations review: one enrolment of the cohort and what is known about it.</summary>
public sealed record DeclarationCandidate
{
    public int EnrolmentId { get; init; }
    public int CandidateUserId { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public string? DfeParticipantId { get; init; }
    public string? DfeApplicationId { get; init; }
    public string CourseIdentifier { get; init; } = string.Empty;
    public string? DeliveryPartnerName { get; init; }
    public required EnrolmentFacts Facts { get; init; }
}

/// <summary>Declarations made, voided, and the engagement facts the rules derive them from.</summary>
public interface IDeclarationRepository
{
    /// <summary>The enrolments of a cohort with their engagement facts (outcome left empty for the caller to add).</summary>
    Task<IReadOnlyList<DeclarationCandidate>> GetCohortFactsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeclarationRecord>> GetForCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>Records a declaration as made; false when a live declaration of that type already exists.</summary>
    Task<bool> DeclareAsync(DeclarationRecord record, CancellationToken cancellationToken = default);

    /// <summary>Voids a live declaration; false when it is unknown, already voided, or changed since it was read.</summary>
    Task<bool> VoidAsync(int declarationId, int expectedVersion, int voidedByUserId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<DeclarationRecord?> FindAsync(int declarationId, CancellationToken cancellationToken = default);

    /// <summary>The provider that runs the enrolment's cohort, for authorisation.</summary>
    Task<int?> ProviderOfEnrolmentAsync(int enrolmentId, CancellationToken cancellationToken = default);
}
