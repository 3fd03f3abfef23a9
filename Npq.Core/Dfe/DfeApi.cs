namespace Npq.Core.Dfe;

/// <summary>Where and as whom to reach DfE's API for one provider (the token already unsealed, never logged).</summary>
public sealed record DfeEndpoint(int ProviderId, string BaseUrl, string Token);

/// <summary>An application as DfE's <c>npq-applications</c> gives it (the attributes Npq keeps).</summary>
public sealed record DfeApplicationData
{
    public required string Id { get; init; }
    public required string ParticipantId { get; init; }
    public required string CourseIdentifier { get; init; }
    public string? Cohort { get; init; }
    public string? CohortSuffix { get; init; }
    public required string FullName { get; init; }
    public string? Email { get; init; }
    public string? Trn { get; init; }
    public string? Status { get; init; }
    public string? FundingChoice { get; init; }
    public bool EligibleForFunding { get; init; }
    public bool? FundedPlace { get; init; }
    public string? IneligibleReason { get; init; }
    public string? EmployerName { get; init; }
    public string? EmploymentRole { get; init; }
    public DateTime UpdatedAt { get; init; }
}

/// <summary>One of a participant's enrolments as DfE's <c>participants/npq</c> gives it.</summary>
public sealed record DfeParticipantEnrolment(string CourseIdentifier, string? ApplicationId, string TrainingStatus);

/// <summary>A participant id DfE replaced (participants merged).</summary>
public sealed record DfeIdChange(string From, string To);

public sealed record DfeParticipantData
{
    public required string Id { get; init; }
    public IReadOnlyList<DfeParticipantEnrolment> Enrolments { get; init; } = [];
    public IReadOnlyList<DfeIdChange> IdChanges { get; init; } = [];
    public DateTime UpdatedAt { get; init; }
}

public sealed record DfeDeclarationData
{
    public required string Id { get; init; }
    public required string ParticipantId { get; init; }
    public required string CourseIdentifier { get; init; }
    public required string DeclarationType { get; init; }
    public DateTime DeclarationDate { get; init; }
    public required string State { get; init; }
    public string? StatementId { get; init; }
    public string? ClawbackStatementId { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record DfeOutcomeData(string Id, string ParticipantId, string CourseIdentifier, string State, string CompletionDate);

public sealed record DfeStatementData(string Id, string Month, string Year, string Cohort, string PaymentDate, bool Paid);

/// <summary>One of DfE's <c>errors[]</c>.</summary>
public sealed record DfeError(string Title, string Detail);

/// <summary>
/// DfE's answer to one call: the value on success; otherwise the HTTP status (0 when DfE could not be reached), its
/// errors, how long it asked to wait (429), and for a 410 the participant's new id when DfE named it.
/// </summary>
public sealed record DfeAnswer<T>(T? Value, int Status, IReadOnlyList<DfeError> Errors, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Status is >= 200 and < 300 && Value is not null;

    public static DfeAnswer<T> Ok(T value, int status = 200) => new(value, status, []);

    public static DfeAnswer<T> Failed(int status, IReadOnlyList<DfeError> errors, TimeSpan? retryAfter = null) => new(default, status, errors, retryAfter);

    public DfeAnswer<TOther> As<TOther>() => new(default, Status, Errors, RetryAfter);

    /// <summary>What to show an admin: DfE's errors as "title: detail", or the status.</summary>
    public string Describe() => Errors.Count > 0
        ? string.Join("; ", Errors.Select(e => string.IsNullOrWhiteSpace(e.Detail) ? e.Title : $"{e.Title}: {e.Detail}"))
        : Status == 0 ? "DfE could not be reached." : $"DfE answered {Status}.";
}

/// <summary>A change of training status sent to DfE (<c>defer</c>, <c>withdraw</c>, <c>resume</c>).</summary>
public enum DfeStatusChange
{
    Defer,
    Withdraw,
    Resume,
}

/// <summary>DfE's lead-provider API v3, as Npq uses it (implemented over HTTP in Npq.Web). Lists follow every page.</summary>
public interface IDfeApi
{
    Task<DfeAnswer<IReadOnlyList<DfeApplicationData>>> ListApplicationsAsync(DfeEndpoint endpoint, DateTime? updatedSince, CancellationToken cancellationToken = default);

    Task<DfeAnswer<IReadOnlyList<DfeParticipantData>>> ListParticipantsAsync(DfeEndpoint endpoint, DateTime? updatedSince, CancellationToken cancellationToken = default);

    /// <summary>The participant that replaced <paramref name="oldParticipantId"/> (<c>filter[from_participant_id]</c>), if any.</summary>
    Task<DfeAnswer<IReadOnlyList<DfeParticipantData>>> FindByFormerIdAsync(DfeEndpoint endpoint, string oldParticipantId, CancellationToken cancellationToken = default);

    Task<DfeAnswer<IReadOnlyList<DfeDeclarationData>>> ListDeclarationsAsync(DfeEndpoint endpoint, string? participantId, CancellationToken cancellationToken = default);

    Task<DfeAnswer<IReadOnlyList<DfeOutcomeData>>> ListOutcomesAsync(DfeEndpoint endpoint, CancellationToken cancellationToken = default);

    Task<DfeAnswer<IReadOnlyList<DfeStatementData>>> ListStatementsAsync(DfeEndpoint endpoint, CancellationToken cancellationToken = default);

    Task<DfeAnswer<DfeApplicationData>> AcceptApplicationAsync(DfeEndpoint endpoint, string applicationId, bool? fundedPlace, CancellationToken cancellationToken = default);

    Task<DfeAnswer<DfeApplicationData>> RejectApplicationAsync(DfeEndpoint endpoint, string applicationId, CancellationToken cancellationToken = default);

    Task<DfeAnswer<DfeParticipantData>> ChangeStatusAsync(DfeEndpoint endpoint, string participantId, DfeStatusChange change, string courseIdentifier, string? reason, CancellationToken cancellationToken = default);

    Task<DfeAnswer<DfeDeclarationData>> DeclareAsync(DfeEndpoint endpoint, string participantId, string courseIdentifier, string declarationType, DateTime declarationDate, bool? hasPassed, CancellationToken cancellationToken = default);

    Task<DfeAnswer<DfeDeclarationData>> VoidDeclarationAsync(DfeEndpoint endpoint, string declarationId, CancellationToken cancellationToken = default);

    Task<DfeAnswer<DfeOutcomeData>> SendOutcomeAsync(DfeEndpoint endpoint, string participantId, string courseIdentifier, string state, DateOnly completionDate, CancellationToken cancellationToken = default);
}

/// <summary>Seals and unseals the bearer token (Data Protection, in Npq.Web).</summary>
public interface IDfeTokenProtector
{
    string Protect(string token);

    /// <summary>The token, or null when it cannot be unsealed (keys lost): the admin must enter it again.</summary>
    string? Unprotect(string protectedToken);
}
