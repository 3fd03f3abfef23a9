namespace Npq.Core.Enrolment;

/// <summary>DfE's reason codes for a deferral and a withdrawal (lead-provider API v3).</summary>
public static class DfeReasons
{
    public static readonly IReadOnlyList<string> Deferral =
    [
        "bereavement", "long-term-sickness", "parental-leave", "career-break", "other",
    ];

    /// <summary>As the v3 contract lists them (including its "quality-of-programme-structure-not-suitable." with the stop).</summary>
    public static readonly IReadOnlyList<string> Withdrawal =
    [
        "insufficient-capacity-to-undertake-programme",
        "personal-reason-health-or-pregnancy-related",
        "personal-reason-moving-school",
        "personal-reason-other",
        "insufficient-capacity",
        "change-in-developmental-or-personal-priorities",
        "change-in-school-circumstances",
        "change-in-school-leadership",
        "quality-of-programme-structure-not-suitable.",
        "quality-of-programme-content-not-suitable",
        "quality-of-programme-facilitation-not-effective",
        "quality-of-programme-accessibility",
        "quality-of-programme-other",
        "programme-not-appropriate-for-role-and-cpd-needs",
        "started-in-error",
        "expected-commitment-unclear",
        "assessment-requirements-not-met",
        "change-in-career",
        "disengaged-and-unresponsive",
        "non-payment-of-invoice",
        "other",
    ];

    /// <summary>"long-term-sickness" → "Long term sickness".</summary>
    public static string Label(string code)
    {
        var words = code.TrimEnd('.').Replace('-', ' ');
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];
    }
}

/// <summary>The outcome of asking for a status change: allowed, or refused with the reason.</summary>
public sealed record StatusChange(bool Allowed, TrainingStatus From, TrainingStatus To, string? Reason, string? Refusal)
{
    public static StatusChange Refuse(TrainingStatus from, TrainingStatus to, string why) => new(false, from, to, null, why);
}

/// <summary>
/// Which training-status changes are allowed. Active → deferred (a deferral reason), withdrawn (a withdrawal
/// reason) or completed; deferred → active (resuming) or withdrawn. Withdrawn and completed are final.
/// </summary>
public static class TrainingStatusMachine
{
    public static StatusChange Change(TrainingStatus from, TrainingStatus to, string? reason)
    {
        if (from == to)
        {
            return StatusChange.Refuse(from, to, $"The enrolment is already {from.ToString().ToLowerInvariant()}.");
        }

        if (from is TrainingStatus.Withdrawn or TrainingStatus.Completed)
        {
            return StatusChange.Refuse(from, to, $"A {from.ToString().ToLowerInvariant()} enrolment cannot change status.");
        }

        switch (to)
        {
            case TrainingStatus.Deferred when from == TrainingStatus.Active:
                return DfeReasons.Deferral.Contains(reason)
                    ? new(true, from, to, reason, null)
                    : StatusChange.Refuse(from, to, "Choose one of DfE's deferral reasons.");
            case TrainingStatus.Deferred:
                return StatusChange.Refuse(from, to, "Only an active enrolment can be deferred.");
            case TrainingStatus.Withdrawn:
                return DfeReasons.Withdrawal.Contains(reason)
                    ? new(true, from, to, reason, null)
                    : StatusChange.Refuse(from, to, "Choose one of DfE's withdrawal reasons.");
            case TrainingStatus.Active:
                // Only a deferred enrolment gets here: resuming needs no reason.
                return new(true, from, to, null, null);
            case TrainingStatus.Completed when from == TrainingStatus.Active:
                return new(true, from, to, null, null);
            case TrainingStatus.Completed:
                return StatusChange.Refuse(from, to, "A deferred enrolment must resume before it can be completed.");
            default:
                return StatusChange.Refuse(from, to, "That change is not allowed.");
        }
    }

    /// <summary>The statuses an enrolment may move to next.</summary>
    public static IReadOnlyList<TrainingStatus> Next(TrainingStatus from) => from switch
    {
        TrainingStatus.Active => [TrainingStatus.Deferred, TrainingStatus.Withdrawn, TrainingStatus.Completed],
        TrainingStatus.Deferred => [TrainingStatus.Active, TrainingStatus.Withdrawn],
        _ => [],
    };
}

/// <summary>One entry of an enrolment's history: the state after a change, when, by whom.</summary>
public sealed record EnrolmentHistoryEntry
{
    public long Id { get; init; }
    public int EnrolmentId { get; init; }
    public DateTime ChangedUtc { get; init; }
    public int? ChangedByUserId { get; init; }
    public string? ChangedByName { get; init; }
    public required string Change { get; init; }
    public TrainingStatus TrainingStatus { get; init; }
    public string? StatusReason { get; init; }
    public int CohortId { get; init; }
    public string? CohortName { get; init; }
    public string CohortTimeZone { get; init; } = "UTC";
    public int? MentorUserId { get; init; }
    public string? MentorName { get; init; }
}
