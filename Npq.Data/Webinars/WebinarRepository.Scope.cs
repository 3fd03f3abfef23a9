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

    public async Task<IReadOnlyList<ListedSession>> GetProviderSessionsAsync(
        int providerId, IReadOnlyCollection<int> alsoCohortIds, DateTime? fromUtc, DateTime? beforeUtc, bool newestFirst, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        if (take <= 0)
        {
            return [];
        }

        var (where, parameters) = ProviderRange(providerId, alsoCohortIds, fromUtc, beforeUtc);
        return await ProviderListedPageAsync(where, parameters, newestFirst, skip, take, cancellationToken);
    }

    /// <summary>
    /// A page of the provider's sessions <c>s</c> that <paramref name="where"/> keeps (a <see cref="ProviderRange"/>, its
    /// cohort <c>c</c> and course <c>co</c> joined), by start, each with its facilitator's name and its cohort.
    /// </summary>
    private async Task<IReadOnlyList<ListedSession>> ProviderListedPageAsync(
        string where, DynamicParameters parameters, bool newestFirst, int skip, int take, CancellationToken cancellationToken)
    {
        parameters.Add("Skip", skip);
        parameters.Add("Take", take);
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProviderListedRow>(new CommandDefinition(
            $"SELECT {ListedColumns}, {ListedCohortColumns} {ProviderSessionsFrom} {FacilitatorJoin}{where}{ByStart(newestFirst)}{db.Dialect.Page}", parameters, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToListed() with { Cohort = r.ToCohort() }).ToList();
    }

    /// <summary>The session's cohort, which the provider's read joins to find its sessions anyway: read in the same row,
    /// so the page needs no second read of the cohorts its sessions belong to.</summary>
    private const string ListedCohortColumns = """
        c.Name AS CohortName, c.TimeZone AS CohortTimeZone, co.ProviderId AS CohortProviderId, co.FrameworkCode AS CohortFrameworkCode,
        c.DeliveryModel AS CohortDeliveryModel, c.AttendanceThresholdPercent AS CohortAttendanceThresholdPercent
        """;

    internal sealed class ProviderListedRow : ListedRow
    {
        public string CohortName { get; set; } = string.Empty;
        public string CohortTimeZone { get; set; } = string.Empty;
        public long CohortProviderId { get; set; }
        public string? CohortFrameworkCode { get; set; }
        public string CohortDeliveryModel { get; set; } = string.Empty;
        public long CohortAttendanceThresholdPercent { get; set; }

        public SessionCohort ToCohort() => new()
        {
            Id = (int)CohortId, Name = CohortName, TimeZone = CohortTimeZone, ProviderId = (int)CohortProviderId,
            FrameworkCode = CohortFrameworkCode, DeliveryModel = CohortDeliveryModel, AttendanceThresholdPercent = (int)CohortAttendanceThresholdPercent,
        };
    }

    public async Task<int> CountProviderSessionsAsync(
        int providerId, IReadOnlyCollection<int> alsoCohortIds, DateTime? fromUtc, DateTime? beforeUtc, int upTo, CancellationToken cancellationToken = default)
    {
        // Counted from the index alone: the sessions' own provider column, no cohort or course read.
        var (where, parameters) = ProviderRange(providerId, alsoCohortIds, fromUtc, beforeUtc, joined: false);
        return await CountUpToAsync(where, parameters, upTo, cancellationToken);
    }

    /// <summary>How many sessions <c>s</c> <paramref name="where"/> keeps, counted from the sessions alone up to <paramref name="upTo"/>.</summary>
    private async Task<int> CountUpToAsync(string where, DynamicParameters parameters, int upTo, CancellationToken cancellationToken)
    {
        parameters.Add("Limit", upTo);
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            db.Dialect.CountUpTo("FROM WebinarSessions s" + where, "@Limit"), parameters, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ListedSession>> GetSessionsStartedAsync(
        int? providerId, IReadOnlyCollection<int> cohortIds, DateTime fromUtc, DateTime nowUtc, bool ended, bool newestFirst, int skip, int take,
        CancellationToken cancellationToken = default)
    {
        if (take <= 0 || (providerId is null && cohortIds.Count == 0))
        {
            return [];
        }

        if (providerId is { } provider)
        {
            var (where, parameters) = ProviderRange(provider, cohortIds, fromUtc, nowUtc);
            return await ProviderListedPageAsync(where + EndsBy(ended, nowUtc, parameters), parameters, newestFirst, skip, take, cancellationToken);
        }

        var (own, ownParameters) = Range(cohortIds, fromUtc, nowUtc);
        return await ListedPageAsync(own + EndsBy(ended, nowUtc, ownParameters), ownParameters, newestFirst, skip, take, cancellationToken);
    }

    public async Task<int> CountSessionsStartedAsync(
        int? providerId, IReadOnlyCollection<int> cohortIds, DateTime fromUtc, DateTime nowUtc, bool ended, int upTo, CancellationToken cancellationToken = default)
    {
        if (providerId is null && cohortIds.Count == 0)
        {
            return 0;
        }

        var (where, parameters) = providerId is { } provider
            ? ProviderRange(provider, cohortIds, fromUtc, nowUtc, joined: false)
            : Range(cohortIds, fromUtc, nowUtc);
        return await CountUpToAsync(where + EndsBy(ended, nowUtc, parameters), parameters, upTo, cancellationToken);
    }

    /// <summary>
    /// " AND" the session <c>s</c> has ended by <paramref name="nowUtc"/> (its start plus its minutes at or before it; the
    /// rule of <see cref="SessionSummary.HasEnded"/>), or, when not <paramref name="ended"/>, is still running then.
    /// </summary>
    private string EndsBy(bool ended, DateTime nowUtc, DynamicParameters parameters)
    {
        parameters.Add("endsBy", nowUtc);
        var comparison = ended ? "<=" : ">";
        return db.Dialect.Provider == DatabaseProvider.SqlServer
            ? $" AND DATEADD(minute, s.DurationMinutes, s.StartUtc) {comparison} @endsBy"
            : $" AND julianday(s.StartUtc) * 1440.0 + s.DurationMinutes {comparison} julianday(@endsBy) * 1440.0";
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
