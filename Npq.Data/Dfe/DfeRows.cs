using Npq.Core.Dfe;

namespace Npq.Data.Dfe;

/// <summary>
/// Rows read into settable properties, then into Core's records: SQLite gives every integer as Int64, which Dapper
/// does not put into positional records.
/// </summary>
internal static class DfeRows
{
    internal sealed class Connection
    {
        public int ProviderId { get; set; }
        public string BaseUrl { get; set; } = "";
        public string? ProtectedToken { get; set; }
        public bool Enabled { get; set; }
        public DateTime? ApplicationsSyncedUtc { get; set; }
        public DateTime? ParticipantsSyncedUtc { get; set; }
        public DateTime? LastPullUtc { get; set; }
        public string? LastPullProblem { get; set; }
        public DateTime UpdatedUtc { get; set; }

        public DfeConnection ToRecord() => new()
        {
            ProviderId = ProviderId, BaseUrl = BaseUrl, ProtectedToken = ProtectedToken, Enabled = Enabled, ApplicationsSyncedUtc = ApplicationsSyncedUtc,
            ParticipantsSyncedUtc = ParticipantsSyncedUtc, LastPullUtc = LastPullUtc, LastPullProblem = LastPullProblem, UpdatedUtc = UpdatedUtc,
        };
    }

    internal sealed class Job
    {
        public long Id { get; set; }
        public int ProviderId { get; set; }
        public string Kind { get; set; } = "";
        public string IdempotencyKey { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Payload { get; set; } = "{}";
        public string State { get; set; } = "";
        public int Attempts { get; set; }
        public DateTime NextAttemptUtc { get; set; }
        public string? ClaimedBy { get; set; }
        public DateTime? ClaimedUntilUtc { get; set; }
        public int? LastStatus { get; set; }
        public string? LastError { get; set; }
        public string? Result { get; set; }
        public DateTime CreatedUtc { get; set; }
        public DateTime? CompletedUtc { get; set; }

        public DfeJob ToRecord() => new()
        {
            Id = Id, ProviderId = ProviderId, Kind = Enum.Parse<DfeJobKind>(Kind), IdempotencyKey = IdempotencyKey, Subject = Subject,
            Payload = DfePush.Deserialize(Payload), State = Enum.Parse<DfeJobState>(State), Attempts = Attempts, NextAttemptUtc = NextAttemptUtc,
            ClaimedBy = ClaimedBy, ClaimedUntilUtc = ClaimedUntilUtc, LastStatus = LastStatus, LastError = LastError, Result = Result,
            CreatedUtc = CreatedUtc, CompletedUtc = CompletedUtc,
        };
    }

    internal sealed class PulledApplication
    {
        public string DfeApplicationId { get; set; } = "";
        public string ParticipantId { get; set; } = "";
        public string CourseIdentifier { get; set; } = "";
        public string? Cohort { get; set; }
        public string FullName { get; set; } = "";
        public string? Status { get; set; }
        public string? FundingChoice { get; set; }
        public bool EligibleForFunding { get; set; }
        public bool? FundedPlace { get; set; }
        public string? IneligibleReason { get; set; }
        public DateTime UpdatedAt { get; set; }
        public int? NpqApplicationId { get; set; }
        public string? NpqStatus { get; set; }
        public bool? NpqEligible { get; set; }
        public string? NpqEligibilityReason { get; set; }
        public string? Problem { get; set; }

        public DfePulledApplication ToRecord() => new()
        {
            DfeApplicationId = DfeApplicationId, ParticipantId = ParticipantId, CourseIdentifier = CourseIdentifier, Cohort = Cohort, FullName = FullName,
            Status = Status, FundingChoice = FundingChoice, EligibleForFunding = EligibleForFunding, FundedPlace = FundedPlace, IneligibleReason = IneligibleReason,
            UpdatedAt = UpdatedAt, NpqApplicationId = NpqApplicationId, NpqStatus = NpqStatus, NpqEligible = NpqEligible, NpqEligibilityReason = NpqEligibilityReason,
            Problem = Problem,
        };
    }

    internal sealed class Cohort
    {
        public int CohortId { get; set; }
        public string Name { get; set; } = "";
        public string CourseIdentifier { get; set; } = "";
        public int StartYear { get; set; }
        public string Suffix { get; set; } = "";
        public string TimeZone { get; set; } = "";
    }

    internal sealed class Enrolment
    {
        public string ParticipantId { get; set; } = "";
        public string CourseIdentifier { get; set; } = "";
        public string TrainingStatus { get; set; } = "";
        public DateTime UpdatedAt { get; set; }
    }

    internal sealed class Declaration
    {
        public string Id { get; set; } = "";
        public string ParticipantId { get; set; } = "";
        public string CourseIdentifier { get; set; } = "";
        public string DeclarationType { get; set; } = "";
        public DateTime DeclarationDate { get; set; }
        public string State { get; set; } = "";
        public string? StatementId { get; set; }
        public string? ClawbackStatementId { get; set; }
        public DateTime UpdatedAt { get; set; }

        public DfeDeclarationData ToRecord() => new()
        {
            Id = Id, ParticipantId = ParticipantId, CourseIdentifier = CourseIdentifier, DeclarationType = DeclarationType, DeclarationDate = DeclarationDate,
            State = State, StatementId = StatementId, ClawbackStatementId = ClawbackStatementId, UpdatedAt = UpdatedAt,
        };
    }

    internal sealed class Outcome
    {
        public string Id { get; set; } = "";
        public string ParticipantId { get; set; } = "";
        public string CourseIdentifier { get; set; } = "";
        public string State { get; set; } = "";
        public string CompletionDate { get; set; } = "";
    }

    internal sealed class Statement
    {
        public string Id { get; set; } = "";
        public string Month { get; set; } = "";
        public string Year { get; set; } = "";
        public string Cohort { get; set; } = "";
        public string PaymentDate { get; set; } = "";
        public bool Paid { get; set; }
    }

    internal sealed class Link
    {
        public int EnrolmentId { get; set; }
        public int NpqApplicationId { get; set; }
        public string CandidateName { get; set; } = "";
        public string? ParticipantId { get; set; }
        public string? DfeApplicationId { get; set; }
        public string CourseIdentifier { get; set; } = "";
        public string TrainingStatus { get; set; } = "";
        public string? StatusReason { get; set; }
    }

    internal sealed class LinkedApplication
    {
        public int NpqApplicationId { get; set; }
        public int CohortId { get; set; }
        public string DfeApplicationId { get; set; } = "";
        public string Status { get; set; } = "";
    }
}
