using Npq.Core.Webinars;

namespace Npq.Web.Features.Webinars.Attendance;

/// <summary>The attendance overview: your own (candidate), your mentees (mentor), your school's (headteacher).</summary>
public sealed record AttendanceIndexPage(
    IReadOnlyList<PersonAttendance> Own,
    IReadOnlyList<PersonAttendance> Mentees,
    IReadOnlyList<PersonAttendance> School,
    IReadOnlyList<SessionCohort> ManagedCohorts)
{
    /// <summary>The pages of the person's mentees.</summary>
    public Npq.Web.Features.Shared.PageLinks? MenteesPager { get; init; }

    /// <summary>The pages of the candidates from the person's school.</summary>
    public Npq.Web.Features.Shared.PageLinks? SchoolPager { get; init; }

    /// <summary>The pages of the cohorts the person runs.</summary>
    public Npq.Web.Features.Shared.PageLinks? CohortPager { get; init; }
}

/// <summary>One candidate's attendance on each of their cohorts, session by session.</summary>
public sealed record CandidateAttendancePage(string DisplayName, IReadOnlyList<(PersonAttendance Line, SessionCohort Cohort)> Cohorts, string? ViewerZone, bool IsSelf);

/// <summary>Everyone on a cohort, for its admins and facilitators.</summary>
public sealed record CohortAttendancePage(SessionCohort Cohort, IReadOnlyList<PersonAttendance> People, Npq.Web.Features.Shared.PageLinks Pages);

/// <summary>The register page.</summary>
public sealed record RegisterPage(
    SessionListing View, IReadOnlyList<RegisterLine> Lines, string? ViewerZone, bool Saved, IReadOnlyDictionary<int, string> Errors, Npq.Web.Features.Shared.PageLinks Pages);

/// <summary>The import page: the upload form, then the preview with the sealed rows to confirm.</summary>
public sealed record ImportPage(SessionListing View, string Zone, DateOrder Order, ImportPreview? Preview, string? Payload, string? Error, int? Written);

/// <summary>What a confirmed import writes, sealed with Data Protection between preview and confirm.</summary>
public sealed record ImportPayload(int SessionId, IReadOnlyList<ConfirmedRow> Rows);
