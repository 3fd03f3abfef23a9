namespace Npq.Core.Dfe;

/// <summary>A provider's connection to DfE as stored: the token sealed, never in clear.</summary>
public sealed record DfeConnection
{
    public int ProviderId { get; init; }
    public string BaseUrl { get; init; } = string.Empty;
    public string? ProtectedToken { get; init; }
    public bool Enabled { get; init; }
    public DateTime? ApplicationsSyncedUtc { get; init; }
    public DateTime? ParticipantsSyncedUtc { get; init; }
    public DateTime? LastPullUtc { get; init; }
    public string? LastPullProblem { get; init; }
    public DateTime UpdatedUtc { get; init; }

    public bool HasToken => !string.IsNullOrEmpty(ProtectedToken);
}

/// <summary>What a push job does.</summary>
public enum DfeJobKind
{
    AcceptApplication,
    RejectApplication,
    Defer,
    Withdraw,
    Resume,
    Declare,
    VoidDeclaration,
    SendOutcome,
}

public enum DfeJobState
{
    /// <summary>Waiting for its next attempt (<see cref="DfeJob.NextAttemptUtc"/>).</summary>
    Pending,

    /// <summary>Claimed by a worker until <see cref="DfeJob.ClaimedUntilUtc"/>; a claim that ran out is taken again.</summary>
    Running,

    /// <summary>DfE accepted it.</summary>
    Done,

    /// <summary>DfE refused it (its errors are kept) or it ran out of attempts: an admin looks at it.</summary>
    Failed,
}

/// <summary>What a push is about; only the fields its kind needs are set.</summary>
public sealed record DfeJobPayload
{
    public string? DfeApplicationId { get; init; }
    public int? NpqApplicationId { get; init; }
    public string? ParticipantId { get; init; }
    public string? CourseIdentifier { get; init; }
    public string? Reason { get; init; }
    public int? EnrolmentId { get; init; }
    public int? DeclarationId { get; init; }
    public string? DeclarationType { get; init; }
    public DateTime? DeclarationDate { get; init; }
    public bool? HasPassed { get; init; }
    public string? DfeDeclarationId { get; init; }
    public string? OutcomeState { get; init; }
    public DateOnly? CompletionDate { get; init; }
}

/// <summary>A push to DfE in the outbox.</summary>
public sealed record DfeJob
{
    public long Id { get; init; }
    public int ProviderId { get; init; }
    public DfeJobKind Kind { get; init; }
    public string IdempotencyKey { get; init; } = string.Empty;

    /// <summary>What it is about, for people ("enrolment:12", "declaration:7").</summary>
    public string Subject { get; init; } = string.Empty;

    public DfeJobPayload Payload { get; init; } = new();
    public DfeJobState State { get; init; }
    public int Attempts { get; init; }
    public DateTime NextAttemptUtc { get; init; }
    public string? ClaimedBy { get; init; }
    public DateTime? ClaimedUntilUtc { get; init; }
    public int? LastStatus { get; init; }
    public string? LastError { get; init; }
    public string? Result { get; init; }
    public DateTime CreatedUtc { get; init; }
    public DateTime? CompletedUtc { get; init; }
}

/// <summary>An application pulled from DfE with where it landed in Npq (or why it could not).</summary>
public sealed record DfePulledApplication
{
    public string DfeApplicationId { get; init; } = string.Empty;
    public string ParticipantId { get; init; } = string.Empty;
    public string CourseIdentifier { get; init; } = string.Empty;
    public string? Cohort { get; init; }
    public string FullName { get; init; } = string.Empty;
    public string? Status { get; init; }
    public string? FundingChoice { get; init; }
    public bool EligibleForFunding { get; init; }
    public bool? FundedPlace { get; init; }
    public string? IneligibleReason { get; init; }
    public DateTime UpdatedAt { get; init; }
    public int? NpqApplicationId { get; init; }
    public string? NpqStatus { get; init; }
    public bool? NpqEligible { get; init; }
    public string? NpqEligibilityReason { get; init; }
    public string? Problem { get; init; }
}

/// <summary>An application in Npq that carries a DfE application id, with Npq's decision.</summary>
public sealed record DfeLinkedApplication(int NpqApplicationId, int CohortId, string DfeApplicationId, string Status);

/// <summary>An enrolment of a cohort with its DfE ids and training status, for the reconcile page.</summary>
public sealed record DfeEnrolmentLink
{
    public int EnrolmentId { get; init; }
    public int NpqApplicationId { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public string? ParticipantId { get; init; }
    public string? DfeApplicationId { get; init; }
    public string CourseIdentifier { get; init; } = string.Empty;
    public string TrainingStatus { get; init; } = string.Empty;
    public string? StatusReason { get; init; }
}

/// <summary>A cohort of the provider, with DfE's name for it ("2026b").</summary>
public sealed record DfeCohort(int CohortId, string Name, string CourseIdentifier, int StartYear, string Suffix, string TimeZone);

/// <summary>What a pull changed.</summary>
public sealed record DfePullSummary(int ApplicationsSeen, int ApplicationsLanded, int ParticipantsSeen, int IdsChanged, int DeclarationsSeen, string? Problem);
