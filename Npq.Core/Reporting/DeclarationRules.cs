using Npq.Core.Enrolment;
using Npq.Core.Reporting;

namespace Npq.Core.Reporting;

/// <summary>What Npq knows about one enrolment's engagement, the input to the declaration rules.</summary>
public sealed record EnrolmentFacts
{
    public int EnrolmentId { get; init; }
    public string CourseIdentifier { get; init; } = string.Empty;
    public bool IsLeadership { get; init; }
    public bool HasAssessment { get; init; } = true;
    public TrainingStatus TrainingStatus { get; init; }

    /// <summary>Sessions the cohort has scheduled (not cancelled), past and future.</summary>
    public int SessionsScheduled { get; init; }

    /// <summary>Start times of the sessions the candidate attended, by the attendance rules.</summary>
    public IReadOnlyList<DateTime> AttendedSessionsUtc { get; init; } = [];

    /// <summary>When the candidate first recorded (non-draft) evidence, if ever.</summary>
    public DateTime? FirstEvidenceUtc { get; init; }

    /// <summary>When each task the candidate submitted was first submitted.</summary>
    public IReadOnlyList<DateTime> TaskSubmissionsUtc { get; init; } = [];

    /// <summary>The released final outcome, if any.</summary>
    public FinalOutcome? Outcome { get; init; }
}

/// <summary>
/// The engagement a retained declaration needs: a share of the cohort's scheduled sessions attended and a number of
/// tasks submitted. Leadership courses declare retained-1 at a third and retained-2 at two thirds of the sessions;
/// specialist courses (and EHCO) have one retained declaration, at half.
/// </summary>
public sealed record RetentionThreshold(DeclarationType Type, int SessionsPercent, int TasksSubmitted);

/// <summary>
/// The rules that turn an enrolment's facts into the declarations a provider would make to DfE, per course type.
/// Each declaration is dated at the event that completed its condition, so the date never moves as later facts
/// arrive.
/// </summary>
public static class DeclarationRules
{
    public const string EarlyHeadshipCoachingOffer = "npq-early-headship-coaching-offer";

    public static IReadOnlyList<RetentionThreshold> ThresholdsFor(EnrolmentFacts facts) =>
        facts.IsLeadership
            ? [new(DeclarationType.Retained1, 33, 1), new(DeclarationType.Retained2, 66, 2)]
            : [new(DeclarationType.Retained1, 50, 1)];

    /// <summary>The declarations the facts justify, in DfE's order.</summary>
    public static IReadOnlyList<DerivedDeclaration> Derive(EnrolmentFacts facts)
    {
        var result = new List<DerivedDeclaration>();
        var attended = facts.AttendedSessionsUtc.Order().ToList();
        var submitted = facts.TaskSubmissionsUtc.Order().ToList();

        // Started: the first session attended or the first evidence recorded, whichever came first.
        DateTime? start = null;
        string? why = null;
        if (attended.Count > 0)
        {
            start = attended[0];
            why = "First session attended";
        }

        if (facts.FirstEvidenceUtc is { } evidence && (start is null || evidence < start))
        {
            start = evidence;
            why = "First evidence recorded";
        }

        if (start is null)
        {
            return result;
        }

        result.Add(new DerivedDeclaration(DeclarationType.Started, start.Value, why!));

        foreach (var threshold in ThresholdsFor(facts))
        {
            var sessionsNeeded = SessionsNeeded(facts.SessionsScheduled, threshold.SessionsPercent);
            if (sessionsNeeded == 0 || attended.Count < sessionsNeeded || submitted.Count < threshold.TasksSubmitted)
            {
                break;
            }

            var sessionsReached = attended[sessionsNeeded - 1];
            var tasksReached = threshold.TasksSubmitted == 0 ? sessionsReached : submitted[threshold.TasksSubmitted - 1];
            var when = sessionsReached > tasksReached ? sessionsReached : tasksReached;
            if (when < start.Value)
            {
                when = start.Value;
            }

            result.Add(new DerivedDeclaration(
                threshold.Type,
                when,
                $"{sessionsNeeded} of {facts.SessionsScheduled} sessions attended ({threshold.SessionsPercent}%) and {threshold.TasksSubmitted} task(s) submitted"));
        }

        if (facts.Outcome is { } outcome)
        {
            // DfE records a completed declaration whatever the result; has_passed carries pass or fail.
            var completedAt = outcome.ReleasedUtc < start.Value ? start.Value : outcome.ReleasedUtc;
            result.Add(new DerivedDeclaration(
                DeclarationType.Completed,
                completedAt,
                $"Final assessment outcome ({(outcome.State == OutcomeState.Passed ? "passed" : "failed")}) released"));
        }
        else if (!facts.HasAssessment && facts.TrainingStatus == TrainingStatus.Completed && attended.Count > 0)
        {
            // A course without an assessment (EHCO) completes when the provider marks the training completed.
            result.Add(new DerivedDeclaration(DeclarationType.Completed, attended[^1], "Training completed (course without a final assessment)"));
        }

        return result;
    }

    /// <summary>Sessions needed to reach a percentage of those scheduled, rounded up; 0 when none are scheduled.</summary>
    public static int SessionsNeeded(int scheduled, int percent) =>
        scheduled <= 0 ? 0 : Math.Max(1, (scheduled * percent + 99) / 100);
}
