using System.Data.Common;
using Dapper;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>
/// What the sessions page reads for a person whatever the size of their provider (issue 23): their own cohorts (found
/// from their own rows), and for a provider admin the provider's sessions found by start time and provider, never by
/// listing every cohort of the provider first.
/// </summary>
public sealed partial class WebinarRepository
{
    /// <summary>
    /// The person's own cohorts: enrolled on, mentoring someone on, or named facilitator of a session of; each read from
    /// the person's rows (<c>IX_Enrolments_Candidate</c>, <c>IX_Enrolments_Mentor</c>, <c>IX_WebinarSessions_Facilitator</c>)
    /// and then its cohort by key, so the cost follows the person, not the provider.
    /// </summary>
    private static string OwnReachSql(bool asAdmin) => $"""
        WITH mine AS (
            SELECT CohortId, 0 AS Facilitates, 1 AS Enrolled FROM Enrolments WHERE CandidateUserId = @userId
            UNION ALL SELECT CohortId, 1, 0 FROM Enrolments WHERE MentorUserId = @userId
            UNION ALL SELECT CohortId, 1, 0 FROM WebinarSessions WHERE FacilitatorUserId = @userId),
        standing AS (SELECT CohortId, MAX(Facilitates) AS IsFacilitator, MAX(Enrolled) AS IsEnrolled FROM mine GROUP BY CohortId)
        SELECT {CohortColumns},
               {(asAdmin ? "CASE WHEN co.ProviderId = (SELECT ProviderId FROM Users WHERE Id = @userId) THEN 1 ELSE 0 END" : "0")} AS IsAdmin,
               st.IsFacilitator, st.IsEnrolled
        FROM standing st CROSS JOIN Cohorts c JOIN Courses co ON co.Id = c.CourseId
        WHERE c.Id = st.CohortId
        ORDER BY c.StartDate, c.Name, c.Id;
        {(asAdmin ? "SELECT ProviderId FROM Users WHERE Id = @userId;" : string.Empty)}
        """;

    /// <summary>The person's own cohorts, as an admin of their provider (with the provider read too) or not.</summary>
    private static readonly string PersonReachSql = OwnReachSql(asAdmin: false);

    private static readonly StatementBatch AdminReach = new(OwnReachSql(asAdmin: true), results: 2);

    /// <summary>
    /// The sessions of a provider: the provider's range of <c>IX_WebinarSessions_Provider_Start</c> (each session names
    /// its provider, kept by migration 0051's triggers) walked in start order, and only the page's sessions' cohorts and
    /// courses found by key (the <c>CROSS JOIN</c>s keep SQLite to the walk first), so a page reads its own rows, however
    /// many courses the provider runs and sessions other providers hold.
    /// </summary>
    private const string ProviderSessionsFrom = "FROM WebinarSessions s CROSS JOIN Cohorts c CROSS JOIN Courses co";

    public async Task<PersonReach> GetPersonReachAsync(int userId, bool isProviderAdmin, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        if (!isProviderAdmin)
        {
            // Only an admin's reach names the provider (an admin runs their provider's cohorts); nobody else's needs it.
            var own = await connection.QueryAsync<ReachRow>(new CommandDefinition(PersonReachSql, new { userId }, cancellationToken: cancellationToken));
            return new PersonReach(null, own.Select(r => r.ToReach()).ToList());
        }

        await using var grid = await AdminReach.ReadAsync(connection, new { userId }, cancellationToken);
        var rows = await grid.ReadAsync<ReachRow>();
        var providerId = await grid.ReadSingleOrDefaultAsync<long?>();
        return new PersonReach(providerId is { } p ? (int)p : null, rows.Select(r => r.ToReach()).ToList());
    }

    public async Task<SessionListPage> GetSessionListAsync(
        int? providerId, IReadOnlyCollection<int> cohortIds, SessionList list, DateTime windowStartUtc, DateTime nowUtc, int skip, int take, int countUpTo,
        CancellationToken cancellationToken = default)
    {
        if (providerId is null && cohortIds.Count == 0)
        {
            return new SessionListPage([], 0);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var page = take <= 0 ? [] : await ListPageAsync(connection, providerId, cohortIds, list, windowStartUtc, nowUtc, skip, take, cancellationToken);
        if (take > 0 && page.Count < take && (page.Count > 0 || skip == 0))
        {
            // The page ends short of what it wanted (a person's last page, as theirs usually is): it says the count.
            return new SessionListPage(page, null);
        }

        // Counted from the sessions alone (no cohort or course read), on the connection the page was read on.
        var (where, parameters) = ListRange(providerId, cohortIds, list, windowStartUtc, nowUtc, joined: false);
        parameters.Add("Limit", countUpTo);
        var counted = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            db.Dialect.CountUpTo("FROM WebinarSessions s" + where, "@Limit"), parameters, cancellationToken: cancellationToken));
        return new SessionListPage(page, counted);
    }

    /// <summary>
    /// A page of the list's sessions in its order, each with its facilitator's name: a provider's (each with its cohort)
    /// or of the cohorts alone.
    /// </summary>
    private Task<IReadOnlyList<ListedSession>> ListPageAsync(
        DbConnection connection, int? providerId, IReadOnlyCollection<int> cohortIds, SessionList list, DateTime windowStartUtc, DateTime nowUtc,
        int skip, int take, CancellationToken cancellationToken)
    {
        var (where, parameters) = ListRange(providerId, cohortIds, list, windowStartUtc, nowUtc, joined: true);
        return ListedPageAsync(connection, where, parameters, newestFirst: list == SessionList.Past, skip, take, cancellationToken, withCohort: providerId is not null);
    }

    /// <summary>
    /// The sessions of a list (<see cref="IWebinarRepository.GetSessionListAsync"/>) as one range of start times, in the
    /// list's order without a sort: the upcoming list is every session from <paramref name="windowStartUtc"/> on that
    /// starts at <paramref name="nowUtc"/> or later or is still running then; the past list every session before
    /// <paramref name="nowUtc"/> that started before <paramref name="windowStartUtc"/> (so has ended) or has ended by then.
    /// A provider's (<see cref="ProviderRange"/>) or the cohorts' (<see cref="Range"/>).
    /// </summary>
    private (string Where, DynamicParameters Parameters) ListRange(
        int? providerId, IReadOnlyCollection<int> cohortIds, SessionList list, DateTime windowStartUtc, DateTime nowUtc, bool joined)
    {
        var past = list == SessionList.Past;
        var (from, before) = past ? ((DateTime?)null, (DateTime?)nowUtc) : (windowStartUtc, null);
        var (where, parameters) = providerId is { } provider ? ProviderRange(provider, cohortIds, from, before, joined) : Range(cohortIds, from, before);
        parameters.Add("edge", past ? windowStartUtc : nowUtc);
        var edge = past ? "s.StartUtc < @edge" : "s.StartUtc >= @edge";
        return (where + $" AND ({edge} OR {EndsBy(ended: past, nowUtc, parameters)})", parameters);
    }

    /// <summary>The session's cohort, which the provider's read joins to find its sessions anyway: read in the same row,
    /// so the page needs no second read of the cohorts its sessions belong to.</summary>
    private const string ListedCohortColumns = """
        c.Name AS CohortName, c.TimeZone AS CohortTimeZone, co.ProviderId AS CohortProviderId, co.FrameworkCode AS CohortFrameworkCode,
        c.DeliveryModel AS CohortDeliveryModel, c.AttendanceThresholdPercent AS CohortAttendanceThresholdPercent
        """;

    /// <summary>
    /// The session <c>s</c> has ended by <paramref name="nowUtc"/> (its start plus its minutes at or before it; the rule
    /// of <see cref="SessionSummary.HasEnded"/>), or, when not <paramref name="ended"/>, is still running then.
    /// </summary>
    private string EndsBy(bool ended, DateTime nowUtc, DynamicParameters parameters)
    {
        parameters.Add("endsBy", nowUtc);
        var comparison = ended ? "<=" : ">";
        return db.Dialect.Provider == DatabaseProvider.SqlServer
            ? $"DATEADD(minute, s.DurationMinutes, s.StartUtc) {comparison} @endsBy"
            : $"julianday(s.StartUtc) * 1440.0 + s.DurationMinutes {comparison} julianday(@endsBy) * 1440.0";
    }

    /// <summary>
    /// The provider's sessions (and those of <paramref name="alsoCohortIds"/>) starting in [@fromUtc, @beforeUtc), a
    /// condition only for the ends given (as <see cref="Range"/>). <paramref name="joined"/>: with each session's cohort
    /// <c>c</c> and course <c>co</c> (<see cref="ProviderSessionsFrom"/>), whose provider must be the session's too.
    /// </summary>
    private (string Where, DynamicParameters Parameters) ProviderRange(
        int providerId, IReadOnlyCollection<int> alsoCohortIds, DateTime? fromUtc, DateTime? beforeUtc, bool joined = true)
    {
        var parameters = new DynamicParameters();
        parameters.Add("providerId", providerId);
        var where = " WHERE "
            + (joined ? "c.Id = s.CohortId AND co.Id = c.CourseId AND co.ProviderId = s.ProviderId AND " : string.Empty)
            + (alsoCohortIds.Count == 0 ? "s.ProviderId = @providerId" : $"(s.ProviderId = @providerId OR {IdList.In(db.Dialect, "s.CohortId", "ids", alsoCohortIds, parameters)})")
            + StartsBetween("s.StartUtc", fromUtc, beforeUtc, parameters);
        return (where, parameters);
    }
}
