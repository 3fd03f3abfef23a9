using Npq.Core.Accounts;

namespace Npq.Core.Webinars;

/// <summary>
/// The sessions pages' lists across a person's cohorts: the upcoming ones and the past ones, each a page at a time.
/// </summary>
public sealed partial class SessionQueries
{
    /// <summary>
    /// A list's sessions are counted this many pages past the page shown and no further ("more than"): a provider
    /// admin's count would otherwise read every session the provider has had or has to come.
    /// </summary>
    public const int PagesCountedOn = 5;

    /// <summary>
    /// The sessions page of a person: the sessions of every cohort they reach (<paramref name="accessOf"/> says how
    /// far, from how they stand on each), one page of the upcoming ones (<paramref name="skip"/>, <paramref name="take"/>),
    /// with a candidate's own attendance when <paramref name="isCandidate"/>. A fixed number of queries, each reading what the
    /// page shows whatever the size of the provider (see <see cref="ScopeAsync"/>): the person's reach, then on one
    /// connection a page of the sessions still running (started in the last <see cref="LongestSessionMinutes"/>; they come
    /// first) and those still to start, and, past a short last page, their count (an admin's up to
    /// <see cref="PagesCountedOn"/> pages on), the cohorts of the sessions shown coming with them.
    /// </summary>
    public async Task<SessionsOverview> OverviewAsync(
        int userId, bool isProviderAdmin, bool isCandidate, Func<CohortReach, CohortAccess> accessOf, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        var scope = await ScopeAsync(userId, isProviderAdmin, accessOf, cancellationToken);
        var now = Now;

        // Upcoming: those running now (started in the last hours, not ended), then those still to start.
        var upcoming = await PageAsync(scope, now, SessionList.Upcoming, skip, take, cancellationToken);

        var own = isCandidate
            ? (await attendance.GetAttendanceForCandidateAsync(userId, cancellationToken))
                .Select(a => (scope.Person.Cohorts.FirstOrDefault(c => c.Cohort.Id == a.CohortId)?.Cohort.Name ?? string.Empty, a)).ToList()
            : [];
        return new SessionsOverview(upcoming.Cards, upcoming.Total, own, await timeZones.ZoneOfAsync(userId, cancellationToken), now)
        {
            UpcomingMoreThanTotal = upcoming.MoreThanTotal,
        };
    }

    /// <summary>
    /// One page of a person's past sessions, the latest first, across the cohorts they reach (as
    /// <see cref="OverviewAsync"/>): those started in the last <see cref="LongestSessionMinutes"/> that have ended, then
    /// the older ones, a page at a time, and how many there are (an admin's up to <see cref="PagesCountedOn"/> pages on).
    /// </summary>
    public async Task<PastSessions> PastAsync(
        int userId, bool isProviderAdmin, Func<CohortReach, CohortAccess> accessOf, int skip, int take, CancellationToken cancellationToken = default)
    {
        var scope = await ScopeAsync(userId, isProviderAdmin, accessOf, cancellationToken);
        var now = Now;
        var past = await PageAsync(scope, now, SessionList.Past, skip, take, cancellationToken);
        return new PastSessions(past.Cards, past.Total, await timeZones.ZoneOfAsync(userId, cancellationToken), now) { MoreThanTotal = past.MoreThanTotal };
    }

    /// <summary>
    /// The cohorts a person reaches and how (<paramref name="accessOf"/>), read from their own rows; and, for a provider
    /// admin whom the rule lets run their provider's cohorts, the provider (whose sessions are then read by start time
    /// and provider, never through a list of the provider's every cohort).
    /// </summary>
    private async Task<Scope> ScopeAsync(int userId, bool isProviderAdmin, Func<CohortReach, CohortAccess> accessOf, CancellationToken cancellationToken)
    {
        var person = await webinars.GetPersonReachAsync(userId, isProviderAdmin, cancellationToken);
        var access = person.Cohorts.Select(r => (r.Cohort, Access: accessOf(r))).Where(r => r.Access != CohortAccess.None).ToList();

        // Deny by default: the provider's every cohort only when the rule gives an admin of that provider (and nothing
        // else) the running of a cohort of it.
        int? providerId = isProviderAdmin && person.ProviderId is { } p && accessOf(Standing(p, isAdmin: true, isFacilitator: false)) == CohortAccess.Manage ? p : null;
        var cohorts = access.ToDictionary(r => r.Cohort.Id);
        var ids = cohorts.Keys.ToList();
        var also = providerId is null ? ids : access.Where(r => r.Cohort.ProviderId != providerId).Select(r => r.Cohort.Id).ToList();
        return new Scope(person, access, cohorts, providerId, ids, also, accessOf);
    }

    /// <summary>
    /// One page of a list, read as one range in the list's order (the upcoming: those started in the last
    /// <see cref="LongestSessionMinutes"/> still running, then those to start; the past: those of the last hours that
    /// have ended, then the older ones), and how many the list holds: where the page ends when it ends short of what it
    /// wanted (the last page, as a person's usually is), else counted on the page's connection (an admin's only
    /// <see cref="PagesCountedOn"/> pages on, a person's own cohorts in full). A provider's busiest hours hold hundreds of
    /// sessions at 100,000 candidates; only the page of them is read.
    /// </summary>
    private async Task<ListPage> PageAsync(Scope scope, DateTime now, SessionList list, int skip, int take, CancellationToken cancellationToken)
    {
        if (!scope.Any)
        {
            return new ListPage([], 0, false);
        }

        var countUpTo = scope.ProviderId is null ? int.MaxValue - 1 : (int)Math.Min(int.MaxValue - 1, skip + ((long)take * PagesCountedOn));
        var read = await webinars.GetSessionListAsync(
            scope.ProviderId, scope.ProviderId is null ? scope.Ids : scope.Also, list, now.AddMinutes(-LongestSessionMinutes), now, skip, take, countUpTo + 1,
            cancellationToken);

        // Never a session of a cohort the person does not reach (the read cannot give one; this keeps it so).
        var cards = read.Sessions.Select(scope.Card).OfType<SessionCard>().ToList();
        if (read.Counted is not { } counted)
        {
            return new ListPage(cards, skip + read.Sessions.Count(s => scope.Reaches(s.Session.CohortId)), false);
        }

        var moreThanCounted = counted > countUpTo;
        return new ListPage(cards, moreThanCounted ? countUpTo : counted, moreThanCounted);
    }

    /// <summary>
    /// One page of the cohorts the person runs (<paramref name="skip"/>, <paramref name="take"/>) as the rule says
    /// (<paramref name="accessOf"/>): for an admin running their provider, read a page at a time in SQL (with the
    /// cohorts they facilitate when the rule lets a facilitator run one); otherwise those of their own cohorts they run.
    /// </summary>
    public async Task<RunCohorts> RunCohortsAsync(
        int userId, bool isProviderAdmin, Func<CohortReach, CohortAccess> accessOf, int skip, int take, CancellationToken cancellationToken = default)
    {
        var scope = await ScopeAsync(userId, isProviderAdmin, accessOf, cancellationToken);
        if (scope.ProviderId is null)
        {
            var mine = scope.Access.Where(r => r.Access == CohortAccess.Manage).Select(r => r.Cohort).ToList();
            return new RunCohorts(mine.Skip(skip).Take(take).ToList(), mine.Count);
        }

        var facilitatorRuns = accessOf(Standing(0, isAdmin: false, isFacilitator: true)) == CohortAccess.Manage;
        var (total, rows) = await webinars.GetManagedCohortsPageAsync(userId, isProviderAdmin: true, facilitatorRuns, skip, take, cancellationToken);
        return new RunCohorts(rows.Select(r => r.Cohort).ToList(), total);
    }

    /// <summary>A standing on a cohort of <paramref name="providerId"/> with nothing else known: what the rule gives it.</summary>
    private static CohortReach Standing(int providerId, bool isAdmin, bool isFacilitator) =>
        new(new SessionCohort { Name = string.Empty, TimeZone = "UTC", ProviderId = providerId }, isAdmin, isFacilitator, false);

    /// <summary>A page of a list, as cards, and how many the list holds (more than that when <paramref name="MoreThanTotal"/>).</summary>
    private sealed record ListPage(IReadOnlyList<SessionCard> Cards, int Total, bool MoreThanTotal);

    /// <summary>
    /// What a person reaches: their own cohorts (<see cref="Ids"/>) and how, and the provider they run as its admin
    /// (<see cref="ProviderId"/>, with <see cref="Also"/> their own cohorts of other providers).
    /// </summary>
    private sealed record Scope(
        PersonReach Person,
        IReadOnlyList<(SessionCohort Cohort, CohortAccess Access)> Access,
        Dictionary<int, (SessionCohort Cohort, CohortAccess Access)> Cohorts,
        int? ProviderId,
        IReadOnlyList<int> Ids,
        IReadOnlyList<int> Also,
        Func<CohortReach, CohortAccess> AccessOf)
    {
        public bool Any => ProviderId is not null || Ids.Count > 0;

        public bool Reaches(int cohortId) => Cohorts.ContainsKey(cohortId);

        /// <summary>
        /// The session as a card, or null when the person does not reach its cohort. A cohort of the provider the person
        /// runs is known from the session's read (it comes with its cohort) and taken on as the rule says.
        /// </summary>
        public SessionCard? Card(ListedSession s)
        {
            if (!Cohorts.ContainsKey(s.Session.CohortId) && ProviderId is not null && s.Cohort is { } cohort && cohort.Id == s.Session.CohortId)
            {
                var access = AccessOf(new CohortReach(cohort, cohort.ProviderId == ProviderId, false, false));
                if (access != CohortAccess.None)
                {
                    Cohorts[cohort.Id] = (cohort, access);
                }
            }

            return Cohorts.TryGetValue(s.Session.CohortId, out var reach)
                ? new SessionCard(s.Session, reach.Cohort, s.FacilitatorName, reach.Access == CohortAccess.Manage)
                : null;
        }
    }
}
