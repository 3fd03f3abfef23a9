using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Frameworks;
using Npq.Core.Time;
using Npq.Core.Validation;

namespace Npq.Core.Webinars;

/// <summary>
/// The outcome of a change to sessions: done (with the new sessions' ids when some were made), refused with a
/// problem per field, or lost to someone else's change (<see cref="Conflict"/>, the sentence to show).
/// </summary>
public sealed record SessionChange
{
    public bool Done { get; init; }
    public IReadOnlyList<FieldProblem> Problems { get; init; } = [];
    public string? Conflict { get; init; }
    public IReadOnlyList<int> SessionIds { get; init; } = [];

    public static SessionChange Refused(IReadOnlyList<FieldProblem> problems) => new() { Problems = problems };

    public static SessionChange Lost(string conflict) => new() { Conflict = conflict };
}

/// <summary>
/// What the scheduling form offers: a short list of the people who may facilitate (those close to the cohort, at most
/// <see cref="WebinarScheduling.MaxFacilitatorChoices"/> and whoever the form already names, by name) and the
/// framework's areas. Anyone else who may facilitate is named by email address.
/// </summary>
public sealed record SessionChoices(IReadOnlyList<RosterMember> Facilitators, IReadOnlyList<(string Slug, string Title)> Areas);

/// <summary>
/// Scheduling a cohort's sessions: a one-off or a series (each kept at its wall-clock time in the cohort's zone),
/// edits guarded by the session's Version, cancellations and recordings. Checks every draft against the rules
/// (<see cref="Check"/>), audits what it changes and logs ids only.
/// </summary>
public sealed partial class WebinarScheduling(
    IWebinarRepository webinars,
    IFrameworkCatalog frameworks,
    ProviderStaff staff,
    IAuditLog audit,
    TimeProvider time,
    ILogger<WebinarScheduling> logger)
{
    public const string EditConflictMessage = "Someone else changed this session while you were editing. Your changes are below and were not saved: open the session again to see theirs.";
    public const string CancelConflictMessage = "Someone else changed this session just now. Look again before cancelling it.";
    public const string RecordingConflictMessage = "Someone else changed this session just now. Add the recording again.";

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>How many of the people close to a cohort its session form lists as facilitators.</summary>
    public const int MaxFacilitatorChoices = 50;

    /// <summary>Who may facilitate a session: an active mentor or admin of the cohort's provider.</summary>
    public static readonly IReadOnlyList<string> FacilitatorRoles = [Roles.Mentor, Roles.ProviderAdmin];

    public const string FacilitatorByEmailRefusal = "Nobody who may facilitate has that email address: it must be an active mentor or admin of this provider.";

    /// <summary>
    /// The facilitators and framework areas a cohort's session form offers: of <paramref name="include"/> (the people
    /// the form already names: the session's facilitator, the person using the form) and the people close to the cohort
    /// (mentoring someone on it, facilitating its sessions or the cohort, the provider's admins), those who may
    /// facilitate, at most <see cref="MaxFacilitatorChoices"/> besides <paramref name="include"/>, by name.
    /// </summary>
    public async Task<SessionChoices> ChoicesAsync(SessionCohort cohort, IReadOnlyCollection<int?> include, CancellationToken cancellationToken = default)
    {
        var named = include.OfType<int>().Distinct().ToList();
        var people = await webinars.GetFacilitatorChoicesAsync(cohort.Id, named, MaxFacilitatorChoices + named.Count, cancellationToken);
        return new(people.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.UserId).ToList(), AreasOf(frameworks, cohort));
    }

    /// <summary>The person with this email address when they may facilitate the cohort's sessions (the form's "another facilitator" field), or null.</summary>
    public Task<int?> FacilitatorByEmailAsync(SessionCohort cohort, string email, CancellationToken cancellationToken = default) =>
        staff.FindByEmailAsync(cohort.ProviderId, email, FacilitatorRoles, cancellationToken);

    /// <summary>The framework areas of a cohort's course, by slug, in the framework's order (none without a framework).</summary>
    public static IReadOnlyList<(string Slug, string Title)> AreasOf(IFrameworkCatalog frameworks, SessionCohort cohort) =>
        cohort.FrameworkCode is null ? [] : frameworks.Find(cohort.FrameworkCode)?.Areas.Select(a => (a.Slug, a.Title)).ToList() ?? [];

    /// <summary>
    /// Schedules one session, or a series titled "(1 of n)", … sharing a series id. Refused, writing nothing, when the
    /// draft breaks a rule or a field could not be read (<paramref name="unreadable"/>).
    /// </summary>
    public async Task<SessionChange> ScheduleAsync(
        SessionCohort cohort, SessionDraft draft, IReadOnlySet<string> unreadable, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var refusal = await RefusalAsync(cohort, draft, unreadable, isEdit: false, [], cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = Now;
        var starts = SessionSchedule.Occurrences(draft.Date!.Value, draft.StartTime!.Value, cohort.TimeZone, draft.Recurrence, draft.Occurrences ?? 1);
        var seriesId = starts.Count > 1 ? Guid.NewGuid().ToString("N") : null;
        var sessions = starts.Select((start, i) => draft.ToSession(cohort, start) with
        {
            SeriesId = seriesId,
            Title = starts.Count > 1 ? $"{draft.Title!.Trim()} ({i + 1} of {starts.Count})" : draft.Title!.Trim(),
            CreatedUtc = now,
            UpdatedUtc = now,
        }).ToList();
        var ids = await webinars.CreateSessionsAsync(sessions, cancellationToken);
        await audit.WriteNowAsync(time, "webinar.scheduled", actorUserId, $"cohort:{cohort.Id}", $"sessions:{string.Join(',', ids)}", ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} scheduled {Count} sessions for cohort {CohortId}", actorUserId, ids.Count, cohort.Id);
        return new SessionChange { Done = true, SessionIds = ids };
    }

    /// <summary>
    /// Saves an edited session when nobody changed it since the form was opened (the draft's Version); a cancelled
    /// session can no longer be changed. Its status, series and recording stay as they are.
    /// </summary>
    public async Task<SessionChange> UpdateAsync(
        WebinarSession current, SessionCohort cohort, SessionDraft draft, IReadOnlySet<string> unreadable, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        FieldProblem[] cancelled = current.IsCancelled ? [new FieldProblem(string.Empty, CancelledMessage)] : [];
        var refusal = await RefusalAsync(cohort, draft, unreadable, isEdit: true, cancelled, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var start = ZonedTime.ToUtc(draft.Date!.Value.ToDateTime(draft.StartTime!.Value), cohort.TimeZone);
        var changed = draft.ToSession(cohort, start) with
        {
            Id = current.Id, SeriesId = current.SeriesId, Title = draft.Title!.Trim(), Status = current.Status,
            RecordingUrl = current.RecordingUrl, Version = draft.Version,
        };
        if (!await webinars.UpdateSessionAsync(changed, Now, cancellationToken))
        {
            return SessionChange.Lost(EditConflictMessage);
        }

        await audit.WriteNowAsync(time, "webinar.updated", actorUserId, $"session:{current.Id}", null, ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} updated session {SessionId}", actorUserId, current.Id);
        return new SessionChange { Done = true };
    }

    /// <summary>Cancels a session (calendars then show it as cancelled); cancelling a cancelled session does nothing.</summary>
    public async Task<SessionChange> CancelAsync(WebinarSession session, int actorUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        if (session.IsCancelled)
        {
            return new SessionChange { Done = true };
        }

        if (!await webinars.UpdateSessionAsync(session with { Status = SessionStatus.Cancelled }, Now, cancellationToken))
        {
            return SessionChange.Lost(CancelConflictMessage);
        }

        await audit.WriteNowAsync(time, "webinar.cancelled", actorUserId, $"session:{session.Id}", null, ipAddress, cancellationToken);
        logger.LogInformation("User {UserId} cancelled session {SessionId}", actorUserId, session.Id);
        return new SessionChange { Done = true };
    }

    /// <summary>Adds the recording's https link to a session that has finished.</summary>
    public async Task<SessionChange> AddRecordingAsync(WebinarSession session, string? recordingUrl, int actorUserId, CancellationToken cancellationToken = default)
    {
        const string field = "recordingUrl";
        if (!session.HasEnded(Now))
        {
            return SessionChange.Refused([new FieldProblem(field, "A recording can be added once the session has finished.")]);
        }

        if (!SessionSchedule.IsHttpsUrl(recordingUrl))
        {
            return SessionChange.Refused([new FieldProblem(field, "Enter the recording's full link, starting https://")]);
        }

        if (!await webinars.UpdateSessionAsync(session with { RecordingUrl = recordingUrl!.Trim() }, Now, cancellationToken))
        {
            return SessionChange.Lost(RecordingConflictMessage);
        }

        logger.LogInformation("User {UserId} added a recording to session {SessionId}", actorUserId, session.Id);
        return new SessionChange { Done = true };
    }

    /// <summary>
    /// Adds sessions planned outside the form (the demo's programme), exactly as given, once each obeys
    /// <see cref="Breaks"/>; returns their ids in order.
    /// </summary>
    public async Task<IReadOnlyList<int>> AddPlannedAsync(IReadOnlyList<WebinarSession> sessions, CancellationToken cancellationToken = default)
    {
        foreach (var session in sessions)
        {
            if (Breaks(session) is { } rule)
            {
                throw new ArgumentException($"A session needs {rule}.", nameof(sessions));
            }
        }

        return await webinars.CreateSessionsAsync(sessions, cancellationToken);
    }

    private async Task<SessionChange?> RefusalAsync(
        SessionCohort cohort, SessionDraft draft, IReadOnlySet<string> unreadable, bool isEdit, IReadOnlyList<FieldProblem> first, CancellationToken cancellationToken)
    {
        // The facilitator named must be someone who may facilitate: read for that one person, not the form's list.
        var facilitator = draft.FacilitatorUserId is { } id ? await staff.AmongAsync(cohort.ProviderId, [id], FacilitatorRoles, cancellationToken) : [];
        var named = facilitator.Select(u => new RosterMember(u.Id, u.DisplayName, u.Email)).ToList();
        var problems = first.Concat(Check(draft, named, AreasOf(frameworks, cohort).Select(a => a.Slug), isEdit, unreadable)).ToList();

        // A series' count is ignored (even unreadable) where it does not apply: an edit, or a one-off session.
        var relevant = unreadable.Where(f => f != nameof(SessionDraft.Occurrences) || (!isEdit && draft.Recurrence != Recurrence.Once));
        return problems.Count > 0 || relevant.Any() ? SessionChange.Refused(problems) : null;
    }
}
