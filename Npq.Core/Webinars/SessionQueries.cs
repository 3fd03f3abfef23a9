using System.Text;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;

namespace Npq.Core.Webinars;

/// <summary>How far a person reaches a cohort's sessions (decided by the web's authorisation handler).</summary>
public enum CohortAccess
{
    None,

    /// <summary>See, join and download the sessions.</summary>
    View,

    /// <summary>Also schedule, edit, cancel, keep the register and import attendance.</summary>
    Manage,
}

/// <summary>A session with its cohort, its facilitator's name and whether the viewer runs it.</summary>
public sealed record SessionListing(WebinarSession Session, SessionCohort Cohort, string? FacilitatorName, bool CanManage);

/// <summary>
/// A person's sessions across their cohorts: upcoming (soonest first), the 20 most recent past ones, the cohorts
/// they run, and for a candidate their own attendance per cohort.
/// </summary>
public sealed record SessionsOverview(
    IReadOnlyList<SessionListing> Upcoming,
    IReadOnlyList<SessionListing> Past,
    IReadOnlyList<SessionCohort> ManagedCohorts,
    IReadOnlyList<(string CohortName, AttendanceSummary Summary)> Attendance,
    string? ViewerZone,
    DateTime NowUtc);

/// <summary>One cohort's sessions, with the viewer's zone.</summary>
public sealed record CohortSessionList(IReadOnlyList<SessionListing> Sessions, string? ViewerZone, DateTime NowUtc);

/// <summary>What the session pages read: cohorts, sessions with their facilitators' names, the viewer's zone, .ics files.</summary>
public sealed class SessionQueries(
    IWebinarRepository webinars,
    IAttendanceQueries attendance,
    IUserTimeZones timeZones,
    IFrameworkCatalog frameworks,
    TimeProvider time)
{
    public const int PastShown = 20;

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// The sessions page of a person: the sessions of every cohort they reach (<paramref name="accessTo"/> says how
    /// far), with a candidate's own attendance when <paramref name="isCandidate"/>.
    /// </summary>
    public async Task<SessionsOverview> OverviewAsync(
        int userId, bool isProviderAdmin, bool isCandidate, Func<int, Task<CohortAccess>> accessTo, CancellationToken cancellationToken = default)
    {
        var cohorts = await webinars.GetCohortsForUserAsync(userId, isProviderAdmin, cancellationToken);
        var listed = new List<SessionListing>();
        var managed = new List<SessionCohort>();
        foreach (var cohort in cohorts)
        {
            var access = await accessTo(cohort.Id);
            if (access == CohortAccess.None)
            {
                continue;
            }

            if (access == CohortAccess.Manage)
            {
                managed.Add(cohort);
            }

            listed.AddRange(await ListAsync(cohort, access == CohortAccess.Manage, cancellationToken));
        }

        var now = Now;
        var own = isCandidate
            ? (await attendance.GetAttendanceForCandidateAsync(userId, cancellationToken))
                .Select(a => (cohorts.FirstOrDefault(c => c.Id == a.CohortId)?.Name ?? string.Empty, a)).ToList()
            : [];
        return new SessionsOverview(
            listed.Where(v => !v.Session.HasEnded(now)).OrderBy(v => v.Session.StartUtc).ToList(),
            listed.Where(v => v.Session.HasEnded(now)).OrderByDescending(v => v.Session.StartUtc).Take(PastShown).ToList(),
            managed,
            own,
            await timeZones.ZoneOfAsync(userId, cancellationToken),
            now);
    }

    public Task<SessionCohort?> CohortAsync(int cohortId, CancellationToken cancellationToken = default) =>
        webinars.GetCohortAsync(cohortId, cancellationToken);

    /// <summary>A cohort's sessions for its page, in the viewer's zone.</summary>
    public async Task<CohortSessionList> CohortSessionsAsync(
        SessionCohort cohort, bool canManage, int viewerUserId, CancellationToken cancellationToken = default) =>
        new(await ListAsync(cohort, canManage, cancellationToken), await timeZones.ZoneOfAsync(viewerUserId, cancellationToken), Now);

    /// <summary>Whether any session (even a cancelled one) was ever scheduled for the cohort.</summary>
    public async Task<bool> HasSessionsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        (await webinars.GetSessionsForCohortAsync(cohortId, cancellationToken)).Count > 0;

    public Task<WebinarSession?> SessionAsync(int sessionId, CancellationToken cancellationToken = default) =>
        webinars.GetSessionAsync(sessionId, cancellationToken);

    /// <summary>
    /// A session with its cohort and, when <paramref name="withFacilitatorName"/>, its facilitator's name (one more
    /// query; the attendance pages do not show it).
    /// </summary>
    public async Task<SessionListing> ListingAsync(WebinarSession session, bool canManage, CancellationToken cancellationToken = default, bool withFacilitatorName = true)
    {
        var cohort = (await webinars.GetCohortAsync(session.CohortId, cancellationToken))!;
        var name = withFacilitatorName ? Name(await FacilitatorNamesAsync(cohort.Id, cancellationToken), session.FacilitatorUserId) : null;
        return new SessionListing(session, cohort, name, canManage);
    }

    public Task<string?> ViewerZoneAsync(int userId, CancellationToken cancellationToken = default) =>
        timeZones.ZoneOfAsync(userId, cancellationToken);

    public DateTime NowUtc => Now;

    /// <summary>The framework areas of the cohort's course, by slug.</summary>
    public IReadOnlyList<(string Slug, string Title)> AreasOf(SessionCohort cohort) => WebinarScheduling.AreasOf(frameworks, cohort);

    /// <summary>One session as an .ics file (UTF-8) for a calendar; <paramref name="siteUrl"/> is the site's scheme and host.</summary>
    public byte[] Ics(SessionListing listing, string siteUrl) =>
        Encoding.UTF8.GetBytes(IcsWriter.Write(listing.Session.Title, [CalendarEvents.From(listing.Session, listing.Cohort, siteUrl)], Now));

    private async Task<IReadOnlyList<SessionListing>> ListAsync(SessionCohort cohort, bool canManage, CancellationToken cancellationToken)
    {
        var names = await FacilitatorNamesAsync(cohort.Id, cancellationToken);
        return (await webinars.GetSessionsForCohortAsync(cohort.Id, cancellationToken))
            .Select(s => new SessionListing(s, cohort, Name(names, s.FacilitatorUserId), canManage)).ToList();
    }

    private async Task<IReadOnlyDictionary<int, string>> FacilitatorNamesAsync(int cohortId, CancellationToken cancellationToken) =>
        (await webinars.GetPossibleFacilitatorsAsync(cohortId, cancellationToken)).ToDictionary(m => m.UserId, m => m.DisplayName);

    private static string? Name(IReadOnlyDictionary<int, string> names, int? userId) =>
        userId is not null && names.TryGetValue(userId.Value, out var name) ? name : null;
}
