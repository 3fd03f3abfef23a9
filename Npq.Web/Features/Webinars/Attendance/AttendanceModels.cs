using Npq.Core.Webinars;
using Npq.Data.Webinars;
using Npq.Web.Features.Webinars.Sessions;

namespace Npq.Web.Features.Webinars.Attendance;

/// <summary>A person's attendance on one cohort, named.</summary>
public sealed record PersonAttendance(EnrolledPerson Person, AttendanceSummary Summary);

/// <summary>The attendance overview: your own (candidate), your mentees (mentor), your school's (headteacher).</summary>
public sealed record AttendanceIndexPage(
    IReadOnlyList<PersonAttendance> Own,
    IReadOnlyList<PersonAttendance> Mentees,
    IReadOnlyList<PersonAttendance> School,
    IReadOnlyList<SessionCohort> ManagedCohorts);

/// <summary>One candidate's attendance on each of their cohorts, session by session.</summary>
public sealed record CandidateAttendancePage(string DisplayName, IReadOnlyList<(PersonAttendance Line, SessionCohort Cohort)> Cohorts, string? ViewerZone, bool IsSelf);

/// <summary>Everyone on a cohort, for its admins and facilitators.</summary>
public sealed record CohortAttendancePage(SessionCohort Cohort, IReadOnlyList<PersonAttendance> People);

/// <summary>One register line.</summary>
public sealed record RegisterLine(RosterMember Member, RegisterMark? Mark, string? Note, int Minutes);

/// <summary>The register page.</summary>
public sealed record RegisterPage(SessionView View, IReadOnlyList<RegisterLine> Lines, string? ViewerZone, bool Saved, IReadOnlyDictionary<int, string> Errors);

/// <summary>The import page: the upload form, then the preview with the sealed rows to confirm.</summary>
public sealed record ImportPage(SessionView View, string Zone, DateOrder Order, ImportPreview? Preview, string? Payload, string? Error, int? Written);

/// <summary>What a confirmed import writes, sealed with Data Protection between preview and confirm.</summary>
public sealed record ImportPayload(int SessionId, IReadOnlyList<ImportPayloadRow> Rows);

public sealed record ImportPayloadRow(int UserId, DateTime JoinUtc, DateTime LeaveUtc);
