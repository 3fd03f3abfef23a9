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
/// A person's sessions across their cohorts: one page of the upcoming ones (soonest first) and how many there are,
/// the 20 most recent past ones, the cohorts they run, and for a candidate their own attendance per cohort.
/// </summary>
public sealed record SessionsOverview(
    IReadOnlyList<SessionListing> Upcoming,
    int UpcomingTotal,
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

    /// <summary>The longest a session may last (<see cref="WebinarScheduling"/>'s rule): a session that started longer ago has ended.</summary>
    public const int LongestSessionMinutes = 480;

    /// <summary>
    /// The sessions page of a person: the sessions of every cohort they reach (<paramref name="accessOf"/> says how
    /// far, from how they stand on each), one page of the upcoming ones (<paramref name="skip"/>, <paramref name="take"/>),
    /// with a candidate's own attendance when <paramref name="isCandidate"/>. A fixed number of queries whatever the
    /// number of cohorts and sessions: the cohorts with the person's standing, the sessions started in the last
    /// <see cref="LongestSessionMinutes"/> (running or just ended), one page of those still to start and their count,
    /// the most recent older ones, and the facilitators' names.
    /// </summary>
    public async Task<SessionsOverview> OverviewAsync(
        int userId, bool isProviderAdmin, bool isCandidate, Func<CohortReach, CohortAccess> accessOf, int skip, int take, CancellationToken cancellationToken = default)
    {
        var reach = await webinars.GetCohortReachAsync(userId, isProviderAdmin, cancellationToken);
        var access = reach.Select(r => (r.Cohort, Access: accessOf(r))).Where(r => r.Access != CohortAccess.None).ToList();
        var cohorts = access.ToDictionary(r => r.Cohort.Id);
        var ids = cohorts.Keys.ToList();
        var now = Now;
        var recentStart = now.AddMinutes(-LongestSessionMinutes);

        IReadOnlyList<WebinarSession> recent = [], future = [], older = [];
        var futureTotal = 0;
        if (ids.Count > 0)
        {
            recent = await webinars.GetSessionsForCohortsAsync(ids, recentStart, now, false, 0, int.MaxValue, cancellationToken);
            futureTotal = await webinars.CountSessionsForCohortsAsync(ids, now, null, cancellationToken);
        }

        // Upcoming: those running now (started in the last hours, not ended), then those still to start.
        var running = recent.Where(s => !s.HasEnded(now)).ToList();
        var upcoming = running.Skip(skip).Take(take).ToList();
        var futureSkip = Math.Max(0, skip - running.Count);
        if (ids.Count > 0 && upcoming.Count < take && futureSkip < futureTotal)
        {
            future = await webinars.GetSessionsForCohortsAsync(ids, now, null, false, futureSkip, take - upcoming.Count, cancellationToken);
        }

        upcoming.AddRange(future);

        // Past: the ended ones among the recent, then the older ones, latest first.
        var endedRecently = recent.Where(s => s.HasEnded(now)).OrderByDescending(s => s.StartUtc).ThenByDescending(s => s.Id).ToList();
        if (ids.Count > 0 && endedRecently.Count < PastShown)
        {
            older = await webinars.GetSessionsForCohortsAsync(ids, null, recentStart, true, 0, PastShown - endedRecently.Count, cancellationToken);
        }

        var past = endedRecently.Concat(older).Take(PastShown).ToList();
        var names = await NamesAsync(upcoming.Concat(past), cancellationToken);
        SessionListing Listing(WebinarSession s) => new(s, cohorts[s.CohortId].Cohort, Name(names, s.FacilitatorUserId), cohorts[s.CohortId].Access == CohortAccess.Manage);

        var own = isCandidate
            ? (await attendance.GetAttendanceForCandidateAsync(userId, cancellationToken))
                .Select(a => (reach.FirstOrDefault(c => c.Cohort.Id == a.CohortId)?.Cohort.Name ?? string.Empty, a)).ToList()
            : [];
        return new SessionsOverview(
            upcoming.Select(Listing).ToList(),
            running.Count + futureTotal,
            past.Select(Listing).ToList(),
            access.Where(r => r.Access == CohortAccess.Manage).Select(r => r.Cohort).ToList(),
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
        var name = withFacilitatorName ? Name(await NamesAsync([session], cancellationToken), session.FacilitatorUserId) : null;
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
        var sessions = await webinars.GetSessionsForCohortAsync(cohort.Id, cancellationToken);
        var names = await NamesAsync(sessions, cancellationToken);
        return sessions.Select(s => new SessionListing(s, cohort, Name(names, s.FacilitatorUserId), canManage)).ToList();
    }

    /// <summary>The names of the sessions' facilitators, in one query for only the people named.</summary>
    private async Task<IReadOnlyDictionary<int, string>> NamesAsync(IEnumerable<WebinarSession> sessions, CancellationToken cancellationToken)
    {
        var ids = sessions.Where(s => s.FacilitatorUserId is not null).Select(s => s.FacilitatorUserId!.Value).Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<int, string>()
            : (await webinars.GetFacilitatorNamesAsync(ids, cancellationToken)).ToDictionary(m => m.UserId, m => m.DisplayName);
    }

    private static string? Name(IReadOnlyDictionary<int, string> names, int? userId) =>
        userId is not null && names.TryGetValue(userId.Value, out var name) ? name : null;
}
