using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Changes;

namespace Npq.Core.Enrolment;

/// <summary>An enrolment as the provider manages it: where it may go next, the cohorts it may resume in, the mentors, its history.</summary>
public sealed record EnrolmentDetail(
    EnrolmentView Enrolment,
    IReadOnlyList<TrainingStatus> NextStatuses,
    IReadOnlyList<CohortSummary> ResumeTargets,
    IReadOnlyList<CohortPerson> Mentors,
    IReadOnlyList<EnrolmentHistoryEntry> History);

/// <summary>A candidate's enrolments with one provider, and every change to them.</summary>
public sealed record CandidateHistory(string CandidateName, int CandidateId, IReadOnlyList<EnrolmentView> Enrolments, IReadOnlyList<EnrolmentHistoryEntry> History);

/// <summary>
/// What a provider does to an enrolment once it is made: training-status changes (only those
/// <see cref="TrainingStatusMachine"/> allows, guarded by the enrolment's Version), resuming in the same or a later
/// cohort of the course, and its mentor. Outcomes: Done, Invalid (with the field's problem), AlreadyDecided (someone
/// changed it since it was read), CohortFull, AlreadyEnrolled.
/// </summary>
public sealed class EnrolmentManagement(
    IEnrolmentLifecycleRepository enrolments,
    ICohortRepository cohorts,
    IUserRepository users,
    ProviderMentors mentors,
    IEnumerable<IRecordChangeListener> listeners,
    TimeProvider time,
    ILogger<EnrolmentManagement> logger)
{
    /// <summary>The enrolment, when it is on one of the provider's cohorts (null otherwise, as for a missing one).</summary>
    public async Task<EnrolmentView?> FindAsync(int providerId, int enrolmentId, CancellationToken cancellationToken = default) =>
        await enrolments.GetAsync(enrolmentId, cancellationToken) is { } found && found.ProviderId == providerId ? found : null;

    /// <summary>
    /// The enrolment's page: the cohorts it may resume in are read only when it is deferred (the only time the page
    /// offers them), and the mentor list is the enrolment's own mentor; any other of the provider's mentors is named by
    /// email (<see cref="MentorByEmailAsync"/>), so the page never lists the provider's every mentor.
    /// </summary>
    public async Task<EnrolmentDetail> DetailAsync(EnrolmentView enrolment, CancellationToken cancellationToken = default) => new(
        enrolment,
        TrainingStatusMachine.Next(enrolment.Enrolment.TrainingStatus),
        enrolment.Enrolment.TrainingStatus == TrainingStatus.Deferred ? await ResumeTargetsAsync(enrolment, cancellationToken) : [],
        enrolment.Enrolment.MentorUserId is { } current ? await mentors.AmongAsync(enrolment.ProviderId, [current], cancellationToken) : [],
        (await enrolments.GetHistoryForCandidateAsync(enrolment.Enrolment.CandidateUserId, cancellationToken)).Where(h => h.EnrolmentId == enrolment.Enrolment.Id).ToList());

    /// <summary>Moves the enrolment to <paramref name="to"/> (null when none was chosen) with DfE's reason where one is needed.</summary>
    public async Task<Decision> ChangeStatusAsync(EnrolmentView enrolment, int version, TrainingStatus? to, string? reason, ActingUser actor, CancellationToken cancellationToken = default)
    {
        if (to is not { } target)
        {
            return Decision.Invalid("status", "Choose the new status.");
        }

        var change = TrainingStatusMachine.Change(enrolment.Enrolment.TrainingStatus, target, string.IsNullOrWhiteSpace(reason) ? null : reason);
        if (!change.Allowed)
        {
            return Decision.Invalid(target is TrainingStatus.Deferred or TrainingStatus.Withdrawn ? "reason" : "status", change.Refusal!);
        }

        if (!await enrolments.ChangeStatusAsync(enrolment.Enrolment.Id, version, change, actor.UserId, time.GetUtcNow().UtcDateTime, cancellationToken))
        {
            return new Decision(DecisionOutcome.AlreadyDecided);
        }

        logger.LogInformation("Enrolment {EnrolmentId} status {From} → {To} by {UserId}", enrolment.Enrolment.Id, change.From, change.To, actor.UserId);
        await StatusChangedAsync(enrolment, enrolment.Enrolment.CohortId, cancellationToken);
        return new Decision(DecisionOutcome.Done);
    }

    /// <summary>Resumes a deferred enrolment in its own cohort, or moves it into a later cohort of the course that has a place.</summary>
    public async Task<Decision> ResumeAsync(EnrolmentView enrolment, int version, int? cohortId, ActingUser actor, CancellationToken cancellationToken = default)
    {
        var targets = await ResumeTargetsAsync(enrolment, cancellationToken);
        var resume = TrainingStatusMachine.Change(enrolment.Enrolment.TrainingStatus, TrainingStatus.Active, null);
        if (!resume.Allowed)
        {
            return Decision.Invalid("cohortId", "Only a deferred enrolment can resume.");
        }

        if (cohortId is not { } target || targets.All(t => t.Cohort.Id != target))
        {
            return Decision.Invalid("cohortId", "Choose the cohort to resume in.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var id = enrolment.Enrolment.Id;
        if (target == enrolment.Enrolment.CohortId)
        {
            if (!await enrolments.ChangeStatusAsync(id, version, resume, actor.UserId, now, cancellationToken))
            {
                return new Decision(DecisionOutcome.AlreadyDecided);
            }

            await StatusChangedAsync(enrolment, target, cancellationToken);
            return new Decision(DecisionOutcome.Done);
        }

        var outcome = await enrolments.ResumeIntoCohortAsync(id, version, target, actor.UserId, now, cancellationToken);
        if (outcome == DecisionOutcome.Done)
        {
            logger.LogInformation("Enrolment {EnrolmentId} resumed in cohort {CohortId} by {UserId}", id, target, actor.UserId);
            await StatusChangedAsync(enrolment, target, cancellationToken);
        }

        return new Decision(outcome);
    }

    /// <summary>The provider's active mentor with this email address (the page's "another mentor" field), or null.</summary>
    public Task<int?> MentorByEmailAsync(EnrolmentView enrolment, string email, CancellationToken cancellationToken = default) =>
        mentors.FindByEmailAsync(enrolment.ProviderId, email, cancellationToken);

    /// <summary>Assigns (or, with null, removes) the enrolment's mentor, one of the provider's.</summary>
    public async Task<Decision> AssignMentorAsync(EnrolmentView enrolment, int? mentorUserId, ActingUser actor, CancellationToken cancellationToken = default)
    {
        if (mentorUserId is { } m && !await mentors.IsMentorAsync(enrolment.ProviderId, m, cancellationToken))
        {
            return Decision.Invalid("mentorUserId", "Choose a mentor from the list.");
        }

        await enrolments.AssignMentorAsync(enrolment.Enrolment.CohortId, [enrolment.Enrolment.Id], mentorUserId, actor.UserId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return new Decision(DecisionOutcome.Done);
    }

    /// <summary>The candidate's enrolments with the provider and their history; null when there is no such person.</summary>
    public async Task<CandidateHistory?> HistoryAsync(int providerId, int candidateId, CancellationToken cancellationToken = default)
    {
        if (await users.FindByIdAsync(candidateId, cancellationToken) is not { } candidate)
        {
            return null;
        }

        var ours = (await enrolments.GetForCandidateAsync(candidateId, cancellationToken)).Where(e => e.ProviderId == providerId).ToList();
        var ids = ours.Select(e => e.Enrolment.Id).ToHashSet();
        var history = (await enrolments.GetHistoryForCandidateAsync(candidateId, cancellationToken)).Where(h => ids.Contains(h.EnrolmentId)).ToList();
        return new CandidateHistory(candidate.DisplayName, candidateId, ours, history);
    }

    private Task StatusChangedAsync(EnrolmentView enrolment, int cohortId, CancellationToken cancellationToken) =>
        listeners.PublishAsync(new RecordChange(RecordChangeKind.TrainingStatusChanged, cohortId) { ProviderId = enrolment.ProviderId, EnrolmentIds = [enrolment.Enrolment.Id] }, logger, cancellationToken);

    /// <summary>How many cohorts a deferred enrolment is offered to resume in: its own and the soonest later ones of its course.</summary>
    public const int ResumeTargetsShown = 25;

    /// <summary>
    /// The same cohort, or a later cohort of the same course, to resume in: its own and the <see cref="ResumeTargetsShown"/>
    /// soonest (read for that cohort's course only, not every cohort of the provider with its counts).
    /// </summary>
    private async Task<IReadOnlyList<CohortSummary>> ResumeTargetsAsync(EnrolmentView enrolment, CancellationToken cancellationToken)
    {
        var all = await cohorts.GetResumeTargetsAsync(enrolment.Enrolment.CohortId, ResumeTargetsShown, cancellationToken);
        var current = all.FirstOrDefault(c => c.Cohort.Id == enrolment.Enrolment.CohortId);
        return current is null
            ? []
            : all.Where(c => c.Cohort.CourseId == current.Cohort.CourseId && (c.Cohort.Id == current.Cohort.Id || c.Cohort.StartDate > current.Cohort.StartDate)).ToList();
    }
}
