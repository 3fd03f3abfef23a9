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
/// A person's sessions across their cohorts: one page of the upcoming ones (soonest first) and how many there are
/// (<paramref name="UpcomingMoreThanTotal"/>: more than <paramref name="UpcomingTotal"/>, counted only so far), the 20
/// most recent past ones, one page of the cohorts they run and how many, and for a candidate their own attendance per cohort.
/// </summary>
public sealed record SessionsOverview(
    IReadOnlyList<SessionCard> Upcoming,
    int UpcomingTotal,
    IReadOnlyList<SessionCard> Past,
    IReadOnlyList<SessionCohort> ManagedCohorts,
    IReadOnlyList<(string CohortName, AttendanceSummary Summary)> Attendance,
    string? ViewerZone,
    DateTime NowUtc)
{
    public bool UpcomingMoreThanTotal { get; init; }

    /// <summary>How many cohorts the person runs in all (<see cref="ManagedCohorts"/> is one page of them).</summary>
    public int ManagedTotal { get; init; }
}

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
    /// The upcoming sessions are counted this many pages past the page shown and no further ("more than"): a provider
    /// admin's count would otherwise read every session the provider has to come.
    /// </summary>
    public const int UpcomingPagesCounted = 5;

    /// <summary>
    /// The sessions page of a person: the sessions of every cohort they reach (<paramref name="accessOf"/> says how
    /// far, from how they stand on each), one page of the upcoming ones (<paramref name="skip"/>, <paramref name="take"/>),
    /// one page of the cohorts they run (<paramref name="cohortSkip"/>, <paramref name="cohortTake"/>), with a
    /// candidate's own attendance when <paramref name="isCandidate"/>. A fixed number of queries, each reading what the
    /// page shows whatever the size of the provider: the person's own cohorts with their standing (from their own rows);
    /// for a provider admin whom the rule lets run their provider's cohorts, the provider's sessions read by start time
    /// and provider (never a list of the provider's every cohort) and the page of cohorts they run read in SQL; the
    /// sessions started in the last <see cref="LongestSessionMinutes"/> (running or just ended), one page of those still
    /// to start and their count (up to <see cref="UpcomingPagesCounted"/> pages on), the most recent older ones (each
    /// session as a card shows it, with its facilitator's name), and the cohorts of the sessions shown.
    /// </summary>
    public async Task<SessionsOverview> OverviewAsync(
        int userId, bool isProviderAdmin, bool isCandidate, Func<CohortReach, CohortAccess> accessOf, int skip, int take,
        int cohortSkip = 0, int cohortTake = 25, CancellationToken cancellationToken = default)
    {
        var person = await webinars.GetPersonReachAsync(userId, isProviderAdmin, cancellationToken);
        var reach = person.Cohorts;
        var access = reach.Select(r => (r.Cohort, Access: accessOf(r))).Where(r => r.Access != CohortAccess.None).ToList();
        var cohorts = access.ToDictionary(r => r.Cohort.Id);

        // Deny by default: the provider's every cohort only when the rule gives an admin of that provider (and nothing
        // else) the running of a cohort of it.
        int? providerId = isProviderAdmin && person.ProviderId is { } p && accessOf(Standing(p, isAdmin: true, isFacilitator: false)) == CohortAccess.Manage ? p : null;
        var ids = cohorts.Keys.ToList();
        var also = providerId is null ? ids : access.Where(r => r.Cohort.ProviderId != providerId).Select(r => r.Cohort.Id).ToList();
        var any = providerId is not null || ids.Count > 0;
        var now = Now;
        var recentStart = now.AddMinutes(-LongestSessionMinutes);
        var countUpTo = (int)Math.Min(int.MaxValue - 1, skip + ((long)take * UpcomingPagesCounted));

        Task<IReadOnlyList<ListedSession>> Sessions(DateTime? from, DateTime? before, bool newestFirst, int s, int t) => providerId is { } provider
            ? webinars.GetProviderSessionsAsync(provider, also, from, before, newestFirst, s, t, cancellationToken)
            : webinars.GetSessionsForCohortsAsync(ids, from, before, newestFirst, s, t, cancellationToken);

        IReadOnlyList<ListedSession> recent = [], future = [], older = [];
        if (any)
        {
            recent = await Sessions(recentStart, now, false, 0, int.MaxValue);
        }

        // Upcoming: those running now (started in the last hours, not ended), then those still to start.
        var running = recent.Where(s => !s.Session.HasEnded(now)).ToList();
        var upcoming = running.Skip(skip).Take(take).ToList();
        var futureSkip = Math.Max(0, skip - running.Count);
        var wanted = take - upcoming.Count;
        if (any && wanted > 0)
        {
            future = await Sessions(now, null, false, futureSkip, wanted);
        }

        // How many are to come: where the page ends when it ends short of what it wanted (the last page, as a person's
        // usually is), else counted (an admin's only a few pages on).
        var futureTotal = 0;
        var moreThanCounted = false;
        var endsShort = any && wanted > 0 && future.Count < wanted && (future.Count > 0 || futureSkip == 0);
        if (any && !endsShort)
        {
            futureTotal = providerId is { } provider
                ? await webinars.CountProviderSessionsAsync(provider, also, now, null, countUpTo + 1, cancellationToken)
                : await webinars.CountSessionsForCohortsAsync(ids, now, null, cancellationToken);
            moreThanCounted = providerId is not null && futureTotal > countUpTo;
            futureTotal = moreThanCounted ? countUpTo : futureTotal;
        }

        upcoming.AddRange(future);

        // Past: the ended ones among the recent, then the older ones, latest first.
        var endedRecently = recent.Where(s => s.Session.HasEnded(now)).OrderByDescending(s => s.Session.StartUtc).ThenByDescending(s => s.Session.Id).ToList();
        if (any && endedRecently.Count < PastShown)
        {
            older = await Sessions(null, recentStart, true, 0, PastShown - endedRecently.Count);
        }

        var past = endedRecently.Concat(older).Take(PastShown).ToList();

        // The provider's cohorts the page shows sessions of (the person's own are known), run as an admin: as the read of
        // the provider's sessions gave them.
        if (providerId is not null)
        {
            foreach (var cohort in upcoming.Concat(past).Select(s => s.Cohort).OfType<SessionCohort>().Where(c => !cohorts.ContainsKey(c.Id)).DistinctBy(c => c.Id).ToList())
            {
                var cohortAccess = accessOf(new CohortReach(cohort, cohort.ProviderId == providerId, false, false));
                if (cohortAccess != CohortAccess.None)
                {
                    cohorts[cohort.Id] = (cohort, cohortAccess);
                }
            }
        }

        // Never a session of a cohort the person does not reach (the reads above cannot give one; this keeps it so).
        upcoming = upcoming.Where(s => cohorts.ContainsKey(s.Session.CohortId)).ToList();
        if (endsShort)
        {
            futureTotal = futureSkip + future.Count(s => cohorts.ContainsKey(s.Session.CohortId));
        }

        past = past.Where(s => cohorts.ContainsKey(s.Session.CohortId)).ToList();
        SessionCard Card(ListedSession s) => new(s.Session, cohorts[s.Session.CohortId].Cohort, s.FacilitatorName, cohorts[s.Session.CohortId].Access == CohortAccess.Manage);

        var (managedTotal, managed) = await ManagedAsync(userId, providerId is not null, access, accessOf, cohortSkip, cohortTake, cancellationToken);
        var own = isCandidate
            ? (await attendance.GetAttendanceForCandidateAsync(userId, cancellationToken))
                .Select(a => (reach.FirstOrDefault(c => c.Cohort.Id == a.CohortId)?.Cohort.Name ?? string.Empty, a)).ToList()
            : [];
        return new SessionsOverview(
            upcoming.Select(Card).ToList(),
            running.Count + futureTotal,
            past.Select(Card).ToList(),
            managed,
            own,
            await timeZones.ZoneOfAsync(userId, cancellationToken),
            now)
        {
            UpcomingMoreThanTotal = moreThanCounted,
            ManagedTotal = managedTotal,
        };
    }

    /// <summary>
    /// One page of the cohorts the person runs: for an admin running their provider, read a page at a time in SQL
    /// (with the cohorts they facilitate when the rule lets a facilitator run one); otherwise their own cohorts they run.
    /// </summary>
    private async Task<(int Total, IReadOnlyList<SessionCohort> Page)> ManagedAsync(
        int userId, bool runsProvider, IReadOnlyList<(SessionCohort Cohort, CohortAccess Access)> own, Func<CohortReach, CohortAccess> accessOf,
        int skip, int take, CancellationToken cancellationToken)
    {
        if (!runsProvider)
        {
            var mine = own.Where(r => r.Access == CohortAccess.Manage).Select(r => r.Cohort).ToList();
            return (mine.Count, mine.Skip(skip).Take(take).ToList());
        }

        var facilitatorRuns = accessOf(Standing(0, isAdmin: false, isFacilitator: true)) == CohortAccess.Manage;
        var (total, rows) = await webinars.GetManagedCohortsPageAsync(userId, isProviderAdmin: true, facilitatorRuns, skip, take, cancellationToken);
        return (total, rows.Select(r => r.Cohort).ToList());
    }

    /// <summary>A standing on a cohort of <paramref name="providerId"/> with nothing else known: what the rule gives it.</summary>
    private static CohortReach Standing(int providerId, bool isAdmin, bool isFacilitator) =>
        new(new SessionCohort { Name = string.Empty, TimeZone = "UTC", ProviderId = providerId }, isAdmin, isFacilitator, false);

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
