using Npq.Core.Webinars;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>Online with a join link, or face to face at a venue.</summary>
public enum SessionMode
{
    Online,
    FaceToFace,
}

/// <summary>What the scheduling and edit forms post. Dates and times are in the cohort's zone.</summary>
public sealed class SessionForm
{
    public string? Title { get; set; }
    public string? Agenda { get; set; }
    public DateOnly? Date { get; set; }
    public TimeOnly? StartTime { get; set; }
    public int? DurationMinutes { get; set; }
    public Recurrence Recurrence { get; set; } = Recurrence.Once;
    public int? Occurrences { get; set; }
    public int? FacilitatorUserId { get; set; }
    public SessionMode Mode { get; set; } = SessionMode.Online;
    public string? JoinUrl { get; set; }
    public string? Venue { get; set; }
    public int? Capacity { get; set; }
    public List<string> Areas { get; set; } = [];
    public int Version { get; set; }
}

/// <summary>The scheduling/edit page: the form, the cohort and the choices.</summary>
public sealed record SessionFormPage(
    SessionCohort Cohort,
    SessionForm Form,
    IReadOnlyList<RosterMember> Facilitators,
    IReadOnlyList<(string Slug, string Title)> Areas,
    int? SessionId,
    string? Conflict = null)
{
    public bool IsEdit => SessionId is not null;
}

/// <summary>A session with what a page needs to show it.</summary>
public sealed record SessionView(WebinarSession Session, SessionCohort Cohort, string? FacilitatorName, bool CanManage);

/// <summary>The "my sessions" page: upcoming and past sessions across the person's cohorts.</summary>
public sealed record SessionsIndexPage(
    IReadOnlyList<SessionView> Upcoming,
    IReadOnlyList<SessionView> Past,
    IReadOnlyList<SessionCohort> ManagedCohorts,
    string? ViewerZone,
    DateTime NowUtc,
    int JoinOpensMinutesBefore)
{
    /// <summary>The candidate's own attendance per cohort (empty for other roles).</summary>
    public IReadOnlyList<(string CohortName, AttendanceSummary Summary)> Attendance { get; init; } = [];
}

/// <summary>One cohort's sessions, with the cohort's attendance rule.</summary>
public sealed record CohortSessionsPage(SessionCohort Cohort, IReadOnlyList<SessionView> Sessions, bool CanManage, bool CanChangeRule, string? ViewerZone, DateTime NowUtc);

/// <summary>One session's page.</summary>
public sealed record SessionPage(
    SessionView View,
    string? ViewerZone,
    DateTime NowUtc,
    int JoinOpensMinutesBefore,
    IReadOnlyList<(string Slug, string Title)> Areas,
    string? FrameworkCode,
    string? Message = null);
