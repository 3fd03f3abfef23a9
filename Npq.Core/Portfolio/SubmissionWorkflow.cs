using Npq.Core.Time;

namespace Npq.Core.Portfolio;

/// <summary>What someone asks to happen to an attempt.</summary>
public enum SubmissionTrigger
{
    /// <summary>The candidate (or an admin for them) saves their work without handing it in.</summary>
    SaveDraft,

    /// <summary>The work is handed in.</summary>
    Submit,

    /// <summary>A mentor or admin opens a new attempt.</summary>
    Reopen,

    /// <summary>Marking records a fail; a new attempt opens automatically while attempts remain.</summary>
    RecordFail,

    /// <summary>Marking records a pass.</summary>
    RecordPass,
}

/// <summary>The facts a transition is judged on besides the state.</summary>
public sealed record SubmissionContext
{
    public required DateTime NowUtc { get; init; }
    public required string CohortZone { get; init; }
    public required TaskDates Dates { get; init; }
    public DateOnly? ExtensionDueOn { get; init; }
    public int Attempt { get; init; } = 1;
    public int MaxAttempts { get; init; } = 1;
    public int WordLimit { get; init; }
    public int WordCount { get; init; }
    public bool HasResult { get; init; }
}

/// <summary>The answer to "may this happen?": the state it leads to, or why not.</summary>
public sealed record TransitionDecision(bool Allowed, SubmissionState State, bool OpensNewAttempt, string? Refusal)
{
    public static TransitionDecision Allow(SubmissionState state, bool opensNewAttempt = false) => new(true, state, opensNewAttempt, null);

    public static TransitionDecision Refuse(SubmissionState state, string reason) => new(false, state, false, reason);
}

/// <summary>
/// The one place that decides how an attempt changes state: new → draft → submitted; submitted → reopened (with a new
/// attempt) by a mentor or admin, or automatically after a fail, while attempts remain. Nothing else changes
/// <see cref="Submission.State"/>.
/// </summary>
public static class SubmissionWorkflow
{
    public static TransitionDecision Decide(SubmissionState state, SubmissionTrigger trigger, SubmissionContext context) => (state, trigger) switch
    {
        (SubmissionState.New or SubmissionState.Draft, SubmissionTrigger.SaveDraft) => WithinWindow(context, SubmissionState.Draft, state),
        (SubmissionState.New or SubmissionState.Draft, SubmissionTrigger.Submit) => CheckSubmit(state, context),
        (SubmissionState.Submitted, SubmissionTrigger.Reopen) => CheckReopen(context),
        (SubmissionState.Submitted, SubmissionTrigger.RecordFail) when context.HasResult =>
            TransitionDecision.Refuse(state, "This attempt already has a result."),
        (SubmissionState.Submitted, SubmissionTrigger.RecordFail) => context.Attempt < context.MaxAttempts
            ? TransitionDecision.Allow(SubmissionState.Reopened, opensNewAttempt: true)
            : TransitionDecision.Allow(SubmissionState.Submitted),
        (SubmissionState.Submitted, SubmissionTrigger.RecordPass) when context.HasResult =>
            TransitionDecision.Refuse(state, "This attempt already has a result."),
        (SubmissionState.Submitted, SubmissionTrigger.RecordPass) => TransitionDecision.Allow(SubmissionState.Submitted),
        (SubmissionState.Submitted, SubmissionTrigger.SaveDraft or SubmissionTrigger.Submit) =>
            TransitionDecision.Refuse(state, "This attempt has been submitted and can no longer be changed."),
        (SubmissionState.Reopened, _) =>
            TransitionDecision.Refuse(state, "This attempt is closed; a later attempt carries on."),
        (SubmissionState.New or SubmissionState.Draft, SubmissionTrigger.Reopen) =>
            TransitionDecision.Refuse(state, "Only a submitted attempt can be reopened."),
        (SubmissionState.New or SubmissionState.Draft, SubmissionTrigger.RecordFail or SubmissionTrigger.RecordPass) =>
            TransitionDecision.Refuse(state, "Only a submitted attempt can have a result."),
        _ => TransitionDecision.Refuse(state, "That change is not possible."),
    };

    /// <summary>The last day submissions are accepted: the cut-off, or a later extension.</summary>
    public static DateOnly LastDay(TaskDates dates, DateOnly? extensionDueOn) =>
        extensionDueOn is { } extended && extended > dates.CutOffOn ? extended : dates.CutOffOn;

    /// <summary>The due date that applies to the candidate: their extension if they have one.</summary>
    public static DateOnly EffectiveDue(TaskDates dates, DateOnly? extensionDueOn) => extensionDueOn ?? dates.DueOn;

    public static bool IsOpen(SubmissionContext context) =>
        context.NowUtc >= ZonedTime.ToUtc(context.Dates.OpensOn.ToDateTime(TimeOnly.MinValue), context.CohortZone)
        && context.NowUtc < ZonedTime.EndOfDayUtc(LastDay(context.Dates, context.ExtensionDueOn), context.CohortZone);

    /// <summary>
    /// Lateness of an attempt: none when handed in by the due date (or not yet due); late when handed in (or still
    /// outstanding) after it; missing when not handed in by the last day; extended when an extension applies and has
    /// been kept (or has not yet run out).
    /// </summary>
    public static Lateness LatenessOf(DateTime? submittedUtc, SubmissionContext context)
    {
        var dueEnd = ZonedTime.EndOfDayUtc(EffectiveDue(context.Dates, context.ExtensionDueOn), context.CohortZone);
        var lastEnd = ZonedTime.EndOfDayUtc(LastDay(context.Dates, context.ExtensionDueOn), context.CohortZone);
        var onTime = context.ExtensionDueOn is null ? Lateness.None : Lateness.Extended;
        if (submittedUtc is { } submitted)
        {
            return submitted < dueEnd ? onTime : Lateness.Late;
        }

        if (context.NowUtc < dueEnd)
        {
            return onTime;
        }

        return context.NowUtc < lastEnd ? Lateness.Late : Lateness.Missing;
    }

    private static TransitionDecision WithinWindow(SubmissionContext context, SubmissionState next, SubmissionState current)
    {
        if (context.NowUtc < ZonedTime.ToUtc(context.Dates.OpensOn.ToDateTime(TimeOnly.MinValue), context.CohortZone))
        {
            return TransitionDecision.Refuse(current, $"This task opens on {ZonedTime.FormatDate(context.Dates.OpensOn)}.");
        }

        if (!IsOpen(context))
        {
            return TransitionDecision.Refuse(current, $"This task closed at the end of {ZonedTime.FormatDate(LastDay(context.Dates, context.ExtensionDueOn))}.");
        }

        return TransitionDecision.Allow(next);
    }

    private static TransitionDecision CheckSubmit(SubmissionState current, SubmissionContext context)
    {
        var window = WithinWindow(context, SubmissionState.Submitted, current);
        if (!window.Allowed)
        {
            return window;
        }

        if (context.WordCount == 0)
        {
            return TransitionDecision.Refuse(current, "Write your answer before you submit it.");
        }

        if (context.WordLimit > 0 && context.WordCount > context.WordLimit)
        {
            return TransitionDecision.Refuse(current,
                $"Your answer has {context.WordCount:N0} words; the limit is {context.WordLimit:N0}. Cut {context.WordCount - context.WordLimit:N0} words and submit again.");
        }

        return window;
    }

    private static TransitionDecision CheckReopen(SubmissionContext context) => context.Attempt < context.MaxAttempts
        ? TransitionDecision.Allow(SubmissionState.Reopened, opensNewAttempt: true)
        : TransitionDecision.Refuse(SubmissionState.Submitted, $"No attempts remain: this task allows {context.MaxAttempts}.");
}
