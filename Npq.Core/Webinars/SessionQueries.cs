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
public sealed record SessionListing(WebinarSession Session, SessionCohort Cohort, string? FacilitatorName, bool CanManage)
{
    /// <summary>The session as a card shows it (the session page shows its own card, with the join button).</summary>
    public SessionCard Card => new(Session, Cohort, FacilitatorName, CanManage);
}

/// <summary>A session as the sessions page lists it (what a card shows), with its cohort, facilitator's name and whether the viewer runs it.</summary>
public sealed record SessionCard(SessionSummary Session, SessionCohort Cohort, string? FacilitatorName, bool CanManage);

/// <summary>
/// A person's sessions page across their cohorts: one page of the upcoming ones (running first, then soonest) and how
/// many there are (<see cref="UpcomingMoreThanTotal"/>: more than <paramref name="UpcomingTotal"/>, counted only so
/// far), and for a candidate their own attendance per cohort. The past ones are a page of their own
/// (<see cref="PastSessions"/>), as are the cohorts the person runs (<see cref="RunCohorts"/>).
/// </summary>
public sealed record SessionsOverview(
    IReadOnlyList<SessionCard> Upcoming,
    int UpcomingTotal,
    IReadOnlyList<(string CohortName, AttendanceSummary Summary)> Attendance,
    string? ViewerZone,
    DateTime NowUtc)
{
    public bool UpcomingMoreThanTotal { get; init; }
}

/// <summary>One page of the cohorts a person runs (a provider admin runs every cohort of the provider), and how many they run.</summary>
public sealed record RunCohorts(IReadOnlyList<SessionCohort> Cohorts, int Total);

/// <summary>
/// One page of a person's past sessions across their cohorts, the latest first, and how many there are
/// (<see cref="MoreThanTotal"/>: more than <paramref name="Total"/>, counted only so far).
/// </summary>
public sealed record PastSessions(IReadOnlyList<SessionCard> Sessions, int Total, string? ViewerZone, DateTime NowUtc)
{
    public bool MoreThanTotal { get; init; }
}

/// <summary>
/// A page of one cohort's sessions in start order (<see cref="SessionQueries.CohortSessionsAsync"/>): the page shown, of
/// how many sessions, with the viewer's zone.
/// </summary>
public sealed record CohortSessionList(IReadOnlyList<ListedSession> Sessions, int Total, int Page, string? ViewerZone, DateTime NowUtc);

/// <summary>What the session pages read: cohorts, sessions with their facilitators' names, the viewer's zone, .ics files.</summary>
public sealed partial class SessionQueries(
    IWebinarRepository webinars,
    IAttendanceQueries attendance,
    IUserTimeZones timeZones,
    IFrameworkCatalog frameworks,
    TimeProvider time)
{
    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>The longest a session may last (<see cref="WebinarScheduling"/>'s rule): a session that started longer ago has ended.</summary>
    public const int LongestSessionMinutes = 480;

    public Task<SessionCohort?> CohortAsync(int cohortId, CancellationToken cancellationToken = default) =>
        webinars.GetCohortAsync(cohortId, cancellationToken);

    /// <summary>
    /// A page of a cohort's sessions in start order, <paramref name="size"/> a page, and how many the cohort has. With no
    /// page asked for, the page holding the cohort's first session (in start order) that has not ended, so the page
    /// opens at now: the earlier pages hold the past sessions, the later ones those to come (the last page when every
    /// session has ended). A page that is not one of the cohort's (0, past the end) shows page 1. Four statements
    /// whatever the number of sessions: their count, those started before the longest session's length ago, those
    /// started since (a few), and the page.
    /// </summary>
    public async Task<CohortSessionList> CohortSessionsAsync(
        SessionCohort cohort, int viewerUserId, int? page, int size, CancellationToken cancellationToken = default)
    {
        var now = Now;
        int[] ids = [cohort.Id];
        var total = await webinars.CountSessionsForCohortsAsync(ids, null, null, cancellationToken);
        var pages = Math.Max(1, (total + size - 1) / size);
        var number = page switch
        {
            { } asked when asked >= 1 && asked <= pages => asked,
            { } => 1,
            null when total == 0 => 1,
            null => Math.Min(pages, (await FirstNotEndedAsync(ids, now, cancellationToken) / size) + 1),
        };

        var sessions = total == 0
            ? []
            : await webinars.GetSessionsForCohortsAsync(ids, null, null, newestFirst: false, (number - 1) * size, size, cancellationToken);
        return new CohortSessionList(sessions, total, number, await timeZones.ZoneOfAsync(viewerUserId, cancellationToken), now);
    }

    /// <summary>
    /// Where the first session of the cohorts (in start order) that has not ended stands among them, counted from 0: every
    /// session started before <see cref="LongestSessionMinutes"/> ago has ended, so only the sessions started since are
    /// looked at. Past the last when every session has ended.
    /// </summary>
    private async Task<int> FirstNotEndedAsync(IReadOnlyCollection<int> cohortIds, DateTime now, CancellationToken cancellationToken)
    {
        var windowStart = now.AddMinutes(-LongestSessionMinutes);
        var before = await webinars.CountSessionsForCohortsAsync(cohortIds, null, windowStart, cancellationToken);
        var recent = await webinars.GetSessionsForCohortsAsync(cohortIds, windowStart, now, newestFirst: false, 0, MostStartedInTheWindow, cancellationToken);
        var running = recent.Select((s, i) => (s, i)).FirstOrDefault(p => !p.s.Session.HasEnded(now));
        return before + (running.s is null ? recent.Count : running.i);
    }

    /// <summary>The most sessions of a cohort read as started in the last <see cref="LongestSessionMinutes"/> (one every five minutes, more than any cohort schedules).</summary>
    private const int MostStartedInTheWindow = LongestSessionMinutes / 5;

    /// <summary>Whether any session (even a cancelled one) was ever scheduled for the cohort.</summary>
    public async Task<bool> HasSessionsAsync(int cohortId, CancellationToken cancellationToken = default) =>
        await webinars.CountSessionsForCohortsAsync([cohortId], null, null, cancellationToken) > 0;

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
