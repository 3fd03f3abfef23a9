namespace Npq.Core.Webinars;

/// <summary>Whether a session still happens.</summary>
public enum SessionStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>How often a new series repeats.</summary>
public enum Recurrence
{
    Once,
    Weekly,
    Fortnightly,
}

/// <summary>
/// A session as a list shows it: what, when, where, whether it still happens, and its links. <see cref="WebinarSession"/>
/// is the whole session; the sessions page reads only this (issue 23: the agenda, areas and bookkeeping columns it
/// never shows were most of what each row cost).
/// </summary>
public record SessionSummary
{
    public int Id { get; init; }
    public int CohortId { get; init; }
    public required string Title { get; init; }
    public DateTime StartUtc { get; init; }
    public int DurationMinutes { get; init; }
    public int? FacilitatorUserId { get; init; }
    public string? JoinUrl { get; init; }
    public string? Venue { get; init; }
    public SessionStatus Status { get; init; } = SessionStatus.Scheduled;
    public string? RecordingUrl { get; init; }

    public DateTime EndUtc => StartUtc.AddMinutes(DurationMinutes);

    public bool IsFaceToFace => !string.IsNullOrWhiteSpace(Venue);

    public bool IsCancelled => Status == SessionStatus.Cancelled;

    /// <summary>True once the session has finished (recordings may be added, attendance counts).</summary>
    public bool HasEnded(DateTime nowUtc) => nowUtc >= EndUtc;

    /// <summary>
    /// The join button works from <paramref name="opensMinutesBefore"/> minutes before the start until the end,
    /// for online sessions that are not cancelled.
    /// </summary>
    public bool CanJoin(DateTime nowUtc, int opensMinutesBefore) =>
        !IsCancelled && !IsFaceToFace && JoinUrl is not null
        && nowUtc >= StartUtc.AddMinutes(-opensMinutesBefore) && nowUtc < EndUtc;
}

/// <summary>
/// One webinar or face-to-face event of a cohort, whole. Online sessions carry a join link, face-to-face ones a venue.
/// <see cref="Sequence"/> rises on every change so calendar apps replace their copy (RFC 5545).
/// </summary>
public sealed record WebinarSession : SessionSummary
{
    public string? SeriesId { get; init; }
    public string AgendaMarkdown { get; init; } = string.Empty;
    public int Capacity { get; init; }

    /// <summary>Framework area slugs the session covers, comma separated in storage.</summary>
    public IReadOnlyList<string> FrameworkAreas { get; init; } = [];
    public int Sequence { get; init; }
    public int Version { get; init; } = 1;
    public DateTime CreatedUtc { get; init; }
    public DateTime UpdatedUtc { get; init; }
}

/// <summary>A session as a list reads it, with its facilitator's name (null for none).</summary>
public sealed record ListedSession(SessionSummary Session, string? FacilitatorName)
{
    /// <summary>The session's cohort, when the read that found the session joined it (a provider's sessions; null otherwise).</summary>
    public SessionCohort? Cohort { get; init; }
}

/// <summary>
/// Which of a person's sessions lists: those running now and then those to start, soonest first; or those that have
/// ended, latest first.
/// </summary>
public enum SessionList
{
    Upcoming,
    Past,
}

/// <summary>
/// A page of a sessions list, and how many sessions the list holds as far as they were counted; null when the page
/// ended short of a full one, which itself says how many there are.
/// </summary>
public sealed record SessionListPage(IReadOnlyList<ListedSession> Sessions, int? Counted);

/// <summary>A cohort a person reaches and how: admin of its provider, facilitator (mentors someone on it or runs one of its sessions), enrolled.</summary>
public sealed record CohortReach(SessionCohort Cohort, bool IsAdmin, bool IsFacilitator, bool IsEnrolled);

/// <summary>A person's own cohorts with their standing on each, and for a provider admin the provider they belong to (null otherwise, or for none).</summary>
public sealed record PersonReach(int? ProviderId, IReadOnlyList<CohortReach> Cohorts);

/// <summary>The cohort facts sessions and attendance rules need.</summary>
public sealed record SessionCohort
{
    public int Id { get; init; }
    public required string Name { get; init; }
    public required string TimeZone { get; init; }
    public int ProviderId { get; init; }
    public string? FrameworkCode { get; init; }
    public string DeliveryModel { get; init; } = "Online";

    /// <summary>A session counts as attended at this share of its minutes or more (default 75%).</summary>
    public int AttendanceThresholdPercent { get; init; } = 75;
}
