using Dapper;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>The sessions of several cohorts in a range of start times: what the sessions page reads (issue 23).</summary>
public sealed partial class WebinarRepository
{
    public async Task<IReadOnlyList<WebinarSession>> GetSessionsForCohortsAsync(
        IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc, bool newestFirst, int skip, int take, CancellationToken cancellationToken = default)
    {
        if (cohortIds.Count == 0 || take <= 0)
        {
            return [];
        }

        var (where, parameters) = Range(cohortIds, fromUtc, beforeUtc, (skip, take));
        var sql = $"SELECT {SessionColumns} FROM WebinarSessions" + where
            + (newestFirst ? " ORDER BY StartUtc DESC, Id DESC" : " ORDER BY StartUtc, Id") + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSession()).ToList();
    }

    public async Task<int> CountSessionsForCohortsAsync(IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc, CancellationToken cancellationToken = default)
    {
        if (cohortIds.Count == 0)
        {
            return 0;
        }

        var (where, parameters) = Range(cohortIds, fromUtc, beforeUtc, null);
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT COUNT(*) FROM WebinarSessions" + where, parameters, cancellationToken: cancellationToken));
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
    private (string Where, DynamicParameters Parameters) Range(IReadOnlyCollection<int> cohortIds, DateTime? fromUtc, DateTime? beforeUtc, (int Skip, int Take)? page)
    {
        var parameters = new DynamicParameters();
        var where = " WHERE " + IdList.In(db.Dialect, "CohortId", "ids", cohortIds, parameters) + StartsBetween("StartUtc", fromUtc, beforeUtc, parameters);
        if (page is { } p)
        {
            parameters.Add("Skip", p.Skip);
            parameters.Add("Take", p.Take);
        }

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
