using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Changes;
using Npq.Core.Notifications;
using Npq.Core.Validation;

namespace Npq.Core.Enrolment;

/// <summary>An application with the cohort it is for.</summary>
public sealed record ApplicationCase(ApplicationView Application, CohortSummary Cohort);

/// <summary>One page of the provider's inbox, how many match in all, and its cohorts to filter by.</summary>
public sealed record InboxPage(IReadOnlyList<ApplicationView> Applications, int Total, CohortChoices Cohorts)
{
    /// <summary>More applications match than were counted: <see cref="Total"/> is the count's limit.</summary>
    public bool MoreThanTotal { get; init; }
}

/// <summary>What became of a decision: its outcome, the field problem that stopped it, and the places taken when the cohort was full.</summary>
public sealed record Decision(DecisionOutcome Outcome, FieldProblem? Problem = null, int? EnrolledNow = null)
{
    public static Decision Invalid(string field, string message) => new(DecisionOutcome.Invalid, new FieldProblem(field, message));
}

/// <summary>
/// Makes an application's move in storage. The one way <c>Applications.Status</c> changes: the move must be one
/// <see cref="ApplicationWorkflow"/> allows, and the repository's update is guarded by the statuses it may come from.
/// Nobody is told here: <see cref="ApplicationReview"/> does that for an admin's decision.
/// </summary>
public sealed class ApplicationMoves(IApplicationRepository applications)
{
    public async Task<DecisionOutcome> ApplyAsync(int applicationId, ApplicationMove move, int actorUserId, DateTime nowUtc, int? mentorUserId = null, CancellationToken cancellationToken = default)
    {
        if (!move.Allowed)
        {
            return DecisionOutcome.AlreadyDecided;
        }

        return move.To switch
        {
            ApplicationStatus.Accepted => await applications.AcceptIntoCohortAsync(applicationId, actorUserId, mentorUserId, nowUtc, cancellationToken),
            ApplicationStatus.WaitingList => await applications.MoveToWaitingListAsync(applicationId, actorUserId, nowUtc, cancellationToken),
            ApplicationStatus.Rejected => await applications.RejectAsync(applicationId, move.Reason!, actorUserId, nowUtc, cancellationToken),
            ApplicationStatus.Withdrawn => await applications.WithdrawAsync(applicationId, actorUserId, nowUtc, cancellationToken),
            _ => throw new InvalidOperationException($"No application moves to {move.To}."),
        };
    }
}

/// <summary>
/// A provider admin's review of applications: the inbox, then accepting (into the cohort), the waiting list,
/// rejecting or withdrawing. A decision that is made is logged, audited and sent to the applicant.
/// </summary>
public sealed class ApplicationReview(
    IApplicationRepository applications,
    ICohortRepository cohorts,
    ApplicationMoves moves,
    ProviderMentors mentors,
    IAuditLog audit,
    INotifier notifier,
    IWriteTogether together,
    IEnumerable<IRecordChangeListener> listeners,
    TimeProvider time,
    ILogger<ApplicationReview> logger)
{
    /// <summary>How many cohorts the inbox's cohort filter lists at most (the newest, and the one chosen).</summary>
    public const int CohortChoicesLimit = 50;

    /// <summary>
    /// One page of the inbox (<paramref name="skip"/>, <paramref name="take"/>); a page past the end gives the first
    /// page (FromStart), so a stale or hand-edited address still shows the list.
    /// </summary>
    public async Task<(InboxPage Page, bool FromStart)> InboxPageAsync(
        int providerId, ApplicationFilter filter, bool newestFirst, int skip, int take, CancellationToken cancellationToken = default)
    {
        var (total, more, rows) = await applications.GetInboxPageAsync(providerId, filter, newestFirst, skip, take, cancellationToken);
        var fromStart = skip > 0 && rows.Count == 0;
        if (fromStart)
        {
            (total, more, rows) = await applications.GetInboxPageAsync(providerId, filter, newestFirst, 0, take, cancellationToken);
        }

        // The cohort filter needs names only: the places, waiting and pending counts of the cohorts are not read. It
        // lists the newest (and the one chosen): a provider's cohorts add up over the years; a cohort's own page links
        // to its applications.
        var choices = await cohorts.GetChoicesAsync(providerId, filter.CohortId, CohortChoicesLimit, cancellationToken);
        return (new InboxPage(rows, total, choices) { MoreThanTotal = more }, fromStart);
    }

    /// <summary>The application and its cohort, when both belong to the provider (null otherwise, as for a missing one).</summary>
    public async Task<ApplicationCase?> FindAsync(int providerId, int applicationId, CancellationToken cancellationToken = default)
    {
        var application = await applications.GetAsync(applicationId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var cohort = await cohorts.GetSummaryAsync(application.Application.CohortId, cancellationToken);
        return cohort is null || cohort.Course.ProviderId != providerId ? null : new ApplicationCase(application, cohort);
    }

    /// <summary>
    /// The mentors the accept form lists: the cohort's facilitators who are the provider's active mentors (never the
    /// provider's every mentor); any other of its mentors is named by email (<see cref="MentorByEmailAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<CohortPerson>> MentorsAsync(ApplicationCase found, CancellationToken cancellationToken = default) =>
        await mentors.AmongAsync(found.Cohort.Course.ProviderId, (await cohorts.GetExtrasAsync(found.Cohort.Cohort.Id, cancellationToken)).FacilitatorUserIds, cancellationToken);

    /// <summary>The provider's active mentor with this email address (the accept form's "another mentor" field), or null.</summary>
    public Task<int?> MentorByEmailAsync(ApplicationCase found, string email, CancellationToken cancellationToken = default) =>
        mentors.FindByEmailAsync(found.Cohort.Course.ProviderId, email, cancellationToken);

    public async Task<Decision> AcceptAsync(ApplicationCase found, int? mentorUserId, ActingUser actor, CancellationToken cancellationToken = default)
    {
        if (mentorUserId is { } mentor && !await mentors.IsMentorAsync(found.Cohort.Course.ProviderId, mentor, cancellationToken))
        {
            return Decision.Invalid("mentorUserId", "Choose a mentor from the list.");
        }

        return await DecideAsync(found, ApplicationStatus.Accepted, null, mentorUserId, actor, cancellationToken);
    }

    public Task<Decision> MoveToWaitingListAsync(ApplicationCase found, ActingUser actor, CancellationToken cancellationToken = default) =>
        DecideAsync(found, ApplicationStatus.WaitingList, null, null, actor, cancellationToken);

    /// <summary>Rejects with the reason (trimmed) the applicant reads; an empty or over-long reason is a problem on the <c>reason</c> field.</summary>
    public Task<Decision> RejectAsync(ApplicationCase found, string? reason, ActingUser actor, CancellationToken cancellationToken = default)
    {
        if (ApplicationWorkflow.ReasonProblem(reason?.Trim()) is { } problem)
        {
            return Task.FromResult(Decision.Invalid("reason", problem));
        }

        return DecideAsync(found, ApplicationStatus.Rejected, reason, null, actor, cancellationToken);
    }

    public Task<Decision> WithdrawAsync(ApplicationCase found, ActingUser actor, CancellationToken cancellationToken = default) =>
        DecideAsync(found, ApplicationStatus.Withdrawn, null, null, actor, cancellationToken);

    private async Task<Decision> DecideAsync(
        ApplicationCase found, ApplicationStatus to, string? reason, int? mentorUserId, ActingUser actor, CancellationToken cancellationToken)
    {
        var application = found.Application.Application;
        var move = ApplicationWorkflow.Move(application.Status, to, reason);
        // The decision, its audit line and the applicant's notification (and its mail) commit together; the record-change
        // listeners (DfE) hear of it once it has.
        var outcome = await together.RunAsync(async ct =>
        {
            var applied = await moves.ApplyAsync(application.Id, move, actor.UserId, time.GetUtcNow().UtcDateTime, mentorUserId, ct);
            if (applied == DecisionOutcome.Done)
            {
                await TellAsync(found.Application, ApplicationWorkflow.Done(to), actor, ct);
            }

            return applied;
        }, cancellationToken);
        switch (outcome)
        {
            case DecisionOutcome.Done:
                if (to is ApplicationStatus.Accepted or ApplicationStatus.Rejected)
                {
                    await listeners.PublishAsync(new RecordChange(to == ApplicationStatus.Accepted ? RecordChangeKind.ApplicationAccepted : RecordChangeKind.ApplicationRejected, found.Cohort.Cohort.Id)
                    {
                        ProviderId = found.Cohort.Course.ProviderId, ApplicationId = application.Id, DfeApplicationId = application.DfeApplicationId,
                    }, logger, cancellationToken);
                }

                return new Decision(outcome);
            case DecisionOutcome.CohortFull:
                var now = await cohorts.GetSummaryAsync(found.Cohort.Cohort.Id, cancellationToken);
                return new Decision(outcome, EnrolledNow: now?.Enrolled ?? found.Cohort.Enrolled);
            default:
                return new Decision(outcome);
        }
    }

    private async Task TellAsync(ApplicationView application, string done, ActingUser actor, CancellationToken cancellationToken)
    {
        var id = application.Application.Id;
        logger.LogInformation("Application {ApplicationId} {Decision} by {UserId}", id, done, actor.UserId);
        await audit.WriteAsync(new AuditEntry
        {
            OccurredUtc = time.GetUtcNow().UtcDateTime, ActorUserId = actor.UserId, Action = "application.decision", Subject = $"application:{id}", Detail = done,
            IpAddress = actor.IpAddress,
        }, cancellationToken);
        await notifier.NotifyAsync(application.Application.ApplicantUserId, "application-decision",
            $"Your application for {application.CourseName} was {done}", $"/my/applications/{id}", cancellationToken);
    }
}
