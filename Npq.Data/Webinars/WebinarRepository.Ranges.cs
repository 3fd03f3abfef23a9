using System.Data.Common;
using Dapper;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>The sessions of several cohorts in a range of start times: what the sessions page reads (issue 23).</summary>
public sealed partial class WebinarRepository
{
    /// <summary>A session's <see cref="SessionSummary"/> columns: what a list or an attendance summary reads of it.</summary>
    internal const string SummaryColumns = "Id, CohortId, Title, StartUtc, DurationMinutes, FacilitatorUserId, JoinUrl, Venue, Status, RecordingUrl";

    /// <summary>Each of <paramref name="columns"/> (a list such as <see cref="SummaryColumns"/>) of the table aliased <paramref name="alias"/>.</summary>
    internal static string Prefixed(string alias, string columns) => string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>The summary columns of <c>WebinarSessions s</c> with the name of its facilitator <c>f</c> (<see cref="FacilitatorJoin"/>).</summary>
    private static readonly string ListedColumns =
        Prefixed("s", SummaryColumns) + ", f.DisplayName AS FacilitatorName";

    /// <summary>
    /// Who may be named a session's facilitator, of the user aliased <paramref name="user"/>: an active mentor or provider
    /// admin (the roles held kept on the person by migration 0061's triggers, so a list tests its row, not its roles).
    /// </summary>
    internal static string MayFacilitate(string user) => $"{user}.IsActive = 1 AND {user}.HoldsFacilitatorRole = 1";

    /// <summary>The facilitator <c>f</c> of the session <c>s</c>, when one is named and may facilitate (no name otherwise).</summary>
    private static readonly string FacilitatorJoin = $"LEFT JOIN Users f ON f.Id = s.FacilitatorUserId AND {MayFacilitate("f")}";

    public async Task<IReadOnlyList<ListedSession>> GetSessionsForCohortsAsync(
        IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc, bool newestFirst, int skip, int take, CancellationToken cancellationToken = default)
    {
        if (cohortIds.Count == 0 || take <= 0)
        {
            return [];
        }

        var (where, parameters) = Range(cohortIds, fromUtc, beforeUtc);
        await using var connection = await db.OpenAsync(cancellationToken);
        return await ListedPageAsync(connection, where, parameters, newestFirst, skip, take, cancellationToken);
    }

    /// <summary>
    /// A page of the sessions <c>s</c> that <paramref name="where"/> keeps, by start, each with its facilitator's name.
    /// With <paramref name="withCohort"/>, a provider's: <paramref name="where"/> joins each session's cohort <c>c</c> and
    /// course <c>co</c> (<see cref="ProviderSessionsFrom"/>), and each session comes with its cohort.
    /// </summary>
    private async Task<IReadOnlyList<ListedSession>> ListedPageAsync(
        DbConnection connection, string where, DynamicParameters parameters, bool newestFirst, int skip, int take, CancellationToken cancellationToken,
        bool withCohort = false)
    {
        parameters.Add("Skip", skip);
        parameters.Add("Take", take);
        var order = ByStart(newestFirst) + db.Dialect.Page;
        var sql = withCohort
            ? $"SELECT {ListedColumns}, {ListedCohortColumns} {ProviderSessionsFrom} {FacilitatorJoin}{where}{order}"
            : $"SELECT {ListedColumns} FROM WebinarSessions s {FacilitatorJoin}{where}{order}";
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return await ListedSessionReader.ReadAsync(reader, withCohort, cancellationToken);
    }

    /// <summary>A list's order: by start (latest first when <paramref name="newestFirst"/>), then by id.</summary>
    private static string ByStart(bool newestFirst) => newestFirst ? " ORDER BY s.StartUtc DESC, s.Id DESC" : " ORDER BY s.StartUtc, s.Id";

    public async Task<int> CountSessionsForCohortsAsync(IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc, CancellationToken cancellationToken = default)
    {
        if (cohortIds.Count == 0)
        {
            return 0;
        }

        var (where, parameters) = Range(cohortIds, fromUtc, beforeUtc);
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM WebinarSessions s" + where, parameters, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Up to this many cohorts are sent as one parameter each, so the planner reads a few cohorts' sessions through
    /// <c>IX_WebinarSessions_Cohort</c>; more (a provider admin's every cohort) go as one JSON array (<see cref="IdList"/>),
    /// read in start order through <c>IX_WebinarSessions_Start</c>: a page's cost stays that of a page.
    /// </summary>
    internal const int MostCohortsAsParameters = IdList.MostAsParameters;

    /// <summary>
    /// Sessions of the cohorts starting in [@fromUtc, @beforeUtc), with a condition only for the ends given: a
    /// "<c>@x IS NULL OR StartUtc &gt;= @x</c>" for an open end would keep either engine from seeking the start index.
    /// </summary>
    private (string Where, DynamicParameters Parameters) Range(IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc)
    {
        var parameters = new DynamicParameters();
        var where = " WHERE " + IdList.In(db.Dialect, "s.CohortId", "ids", cohortIds, parameters) + StartsBetween("s.StartUtc", fromUtc, beforeUtc, parameters);
        return (where, parameters);
    }

    /// <summary>
    /// " AND" conditions on <paramref name="startColumn"/> for the ends given (none for an open end), their parameters
    /// added as <c>@fromUtc</c> and <c>@beforeUtc</c>.
    /// </summary>
    private static string StartsBetween(string startColumn, DateTime? fromUtc, DateTime? beforeUtc, DynamicParameters parameters)
    {
        var conditions = string.Empty;
        if (fromUtc is not null)
        {
            conditions += $" AND {startColumn} >= @fromUtc";
            parameters.Add("fromUtc", fromUtc.Value);
        }

        if (beforeUtc is not null)
        {
            conditions += $" AND {startColumn} < @beforeUtc";
            parameters.Add("beforeUtc", beforeUtc.Value);
        }

        return conditions;
    }
}
