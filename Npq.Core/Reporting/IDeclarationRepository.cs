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

/// <summary>A cohort's enrolments (the review's lines) and how many of them have no DfE participant id.</summary>
public sealed record CohortDeclarationCounts(int Candidates, int WithoutParticipantId);

/// <summary>
/// How many of a cohort's enrolments have a started and a retained-1 declaration, each either justified by the rules or
/// already recorded (live): the cohort dashboard's funnel, as its review's lines would count them.
/// </summary>
public sealed record CohortEngagementCounts(int Started, int Retained);

/// <summary>Declarations made, voided, and the engagement facts the rules derive them from.</summary>
public interface IDeclarationRepository
{
    /// <summary>The enrolments of a cohort with their engagement facts (outcome left empty for the caller to add).</summary>
    Task<IReadOnlyList<DeclarationCandidate>> GetCohortFactsAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the cohort's enrolments in the review's order (candidate's name, then enrolment id) with their
    /// engagement facts, read for that page's enrolments only.
    /// </summary>
    Task<IReadOnlyList<DeclarationCandidate>> GetCohortFactsPageAsync(int cohortId, DateTime nowUtc, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>How many enrolments the cohort has, and how many of them have no DfE participant id.</summary>
    Task<CohortDeclarationCounts> CountCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Counted in SQL for the whole cohort at <paramref name="nowUtc"/>: enrolments with a started declaration (a session
    /// attended, evidence recorded since enrolling, or a live one) and with retained-1 (the sessions and tasks the rules
    /// ask for, or a live one); the numbers <see cref="DeclarationRules"/> give over the cohort's review, without its lines.
    /// </summary>
    Task<CohortEngagementCounts> CountEngagementAsync(int cohortId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Where the enrolment stands in the review's order (0 for the first); null when it is not one of the cohort's.</summary>
    Task<int?> GetPositionAsync(int cohortId, int enrolmentId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DeclarationRecord>> GetForCohortAsync(int cohortId, CancellationToken cancellationToken = default);

    /// <summary>The declarations (live and voided) of these enrolments, as <see cref="GetForCohortAsync"/> orders them.</summary>
    Task<IReadOnlyList<DeclarationRecord>> GetForEnrolmentsAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default);

    /// <summary>Records a declaration as made; false when a live declaration of that type already exists.</summary>
    Task<bool> DeclareAsync(DeclarationRecord record, CancellationToken cancellationToken = default);

    /// <summary>Voids a live declaration; false when it is unknown, already voided, or changed since it was read.</summary>
    Task<bool> VoidAsync(int declarationId, int expectedVersion, int voidedByUserId, string reason, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<DeclarationRecord?> FindAsync(int declarationId, CancellationToken cancellationToken = default);

    /// <summary>The provider that runs the enrolment's cohort, for authorisation.</summary>
    Task<int?> ProviderOfEnrolmentAsync(int enrolmentId, CancellationToken cancellationToken = default);
}
