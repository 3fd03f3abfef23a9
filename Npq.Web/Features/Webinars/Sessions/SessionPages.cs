using Npq.Core.Webinars;
using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>The scheduling/edit page: the form, the cohort and the choices.</summary>
public sealed record SessionFormPage(
    SessionCohort Cohort,
    SessionDraft Form,
    IReadOnlyList<RosterMember> Facilitators,
    IReadOnlyList<(string Slug, string Title)> Areas,
    int? SessionId,
    string? Conflict = null)
{
    /// <summary>The "another facilitator (email address)" field.</summary>
    public const string FacilitatorEmailField = "facilitatorEmail";

    public bool IsEdit => SessionId is not null;
}

/// <summary>
/// The "my sessions" page: a page of the upcoming sessions across the person's cohorts (<paramref name="MayRunCohorts"/>:
/// the person's roles may run a cohort, so the "Cohorts you run" tab is offered).
/// </summary>
public sealed record SessionsIndexPage(
    IReadOnlyList<SessionCard> Upcoming,
    string? ViewerZone,
    DateTime NowUtc,
    int JoinOpensMinutesBefore,
    bool MayRunCohorts)
{
    /// <summary>The candidate's own attendance per cohort (empty for other roles).</summary>
    public IReadOnlyList<(string CohortName, AttendanceSummary Summary)> Attendance { get; init; } = [];

    /// <summary>The page of upcoming sessions shown.</summary>
    public required PageLinks Pager { get; init; }
}

/// <summary>A page of the past sessions across the person's cohorts, the latest first.</summary>
public sealed record PastSessionsPage(IReadOnlyList<SessionCard> Sessions, string? ViewerZone, DateTime NowUtc, int JoinOpensMinutesBefore, bool MayRunCohorts)
{
    public required PageLinks Pager { get; init; }
}

/// <summary>A page of the cohorts the person runs.</summary>
public sealed record RunCohortsPage(IReadOnlyList<SessionCohort> Cohorts, string? ViewerZone)
{
    public required PageLinks Pager { get; init; }
}

/// <summary>A page of one cohort's sessions in start order, with the cohort's attendance rule.</summary>
public sealed record CohortSessionsPage(SessionCohort Cohort, IReadOnlyList<ListedSession> Sessions, bool CanManage, bool CanChangeRule, string? ViewerZone, DateTime NowUtc)
{
    public required PageLinks Pager { get; init; }

    /// <summary>Whether the page shown is the one the address without a page opens at (the cohort's next session's).</summary>
    public bool AtNextSession { get; init; }
}

/// <summary>One session's page.</summary>
public sealed record SessionPage(
    SessionListing View,
    string? ViewerZone,
    DateTime NowUtc,
    int JoinOpensMinutesBefore,
    IReadOnlyList<(string Slug, string Title)> Areas,
    string? FrameworkCode,
    string? Message = null);
