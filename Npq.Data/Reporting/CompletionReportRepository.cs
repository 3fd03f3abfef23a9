using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Npq.Core.Frameworks;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>
/// The completion report as one set-based query: attendance (segments merged per session, the register first, as
/// the attendance page counts it), evidence coverage, tasks, progress ratings and DfE ids are aggregated in SQL per
/// enrolment (the SQL is built by <see cref="CompletionReportSql"/>), or read from the figures kept per enrolment
/// (<see cref="EnrolmentFiguresRepository"/>) where a fresh row is stored. Exports read it through an unbuffered data
/// reader; outcomes are added in batches from <see cref="IFinalOutcomeSource"/>.
/// </summary>
public sealed class CompletionReportRepository(IDbConnectionFactory db, IFrameworkCatalog frameworks, IEnumerable<IFinalOutcomeSource> outcomeSources)
    : ICompletionReportQueries
{
    private readonly IFinalOutcomeSource _outcomes = FinalOutcomeSources.Resolve(outcomeSources);
    private readonly CompletionReportSql _sql = new(db.Dialect, frameworks);

    /// <summary>
    /// How many streamed rows are held while their outcomes are looked up. Each look-up binds one parameter per id,
    /// and binding costs grow faster than the list (SQLite finds each parameter by name): the outcomes of 10,000
    /// rows take about a third less time in lists of 250 than in lists of 500.
    /// </summary>
    public const int OutcomeBatchSize = 250;

    public async Task<int> CountAsync(ReportScope scope, CompletionFilter filter, CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            return 0;
        }

        var (sql, parameters) = _sql.Count(scope, filter);
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public async Task<CompletionPage> GetPageAsync(ReportScope scope, CompletionFilter filter, int page, int pageSize, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var total = await CountAsync(scope, filter, cancellationToken);
        if (total == 0)
        {
            return new CompletionPage([], 0, 1, pageSize);
        }

        var pageCount = (total + pageSize - 1) / pageSize;
        page = Math.Clamp(page, 1, pageCount);
        await using var connection = await db.OpenAsync(cancellationToken);
        var todayByZone = await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken);
        string sql;
        DynamicParameters parameters;
        if (CompletionReportSql.SortsByFigure(filter))
        {
            // Sorted by a figure: that figure alone for every row in scope chooses the page, then the page's rows
            // alone have every figure computed.
            var (figureSql, figureParameters) = _sql.SortFigurePage(scope, filter, todayByZone, nowUtc);
            figureParameters.Add("Skip", (page - 1) * pageSize);
            figureParameters.Add("Take", pageSize);
            var ids = (await connection.QueryAsync<int>(new CommandDefinition(figureSql, figureParameters, cancellationToken: cancellationToken))).AsList();
            (sql, parameters) = _sql.Build(scope, filter, todayByZone, nowUtc, paged: true, withCoverage: true, enrolmentIds: ids);
        }
        else
        {
            (sql, parameters) = _sql.Build(scope, filter, todayByZone, nowUtc, paged: true, withCoverage: true);
            parameters.Add("Skip", (page - 1) * pageSize);
            parameters.Add("Take", pageSize);
        }

        var rows = new List<CompletionRow>(pageSize);
        await foreach (var row in ReadAsync(connection, sql, parameters, cancellationToken))
        {
            rows.Add(row);
        }

        var found = await _outcomes.GetReleasedOutcomesAsync(rows.Select(r => r.EnrolmentId).ToList(), cancellationToken);
        return new CompletionPage(rows.Select(r => r.WithOutcome(found.GetValueOrDefault(r.EnrolmentId))).ToList(), total, page, pageSize);
    }

    /// <summary>
    /// Every row, in the filter's order. The figures kept per enrolment (<c>EnrolmentFigures</c>) are read where a
    /// fresh row is stored; only the other rows' figures are computed, coverage with them (it was counted on a second
    /// connection beside the main query while every row's figures were computed live).
    /// </summary>
    public async IAsyncEnumerable<CompletionRow> StreamAsync(ReportScope scope, CompletionFilter filter, DateTime nowUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            yield break;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var (sql, parameters) = _sql.Build(scope, filter, await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken), nowUtc, paged: false, withCoverage: true);
        var batch = new List<CompletionRow>(OutcomeBatchSize);
        await foreach (var row in ReadAsync(connection, sql, parameters, cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == OutcomeBatchSize)
            {
                foreach (var done in await WithOutcomesAsync(batch, cancellationToken))
                {
                    yield return done;
                }

                batch.Clear();
            }
        }

        foreach (var done in await WithOutcomesAsync(batch, cancellationToken))
        {
            yield return done;
        }
    }

    /// <summary>
    /// The report's rows from an open data reader, one at a time. Tasks handed in on time are counted here, in the
    /// cohort's time zone, from the submitted tasks the query lists per row (SQLite knows no time zones).
    /// </summary>
    internal static async IAsyncEnumerable<CompletionRow> ReadAsync(DbConnection connection, string sql, DynamicParameters parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<CompletionRow>();
        var submittedTasks = reader.GetOrdinal("SubmittedTasks");
        var cohortTimeZone = reader.GetOrdinal("CohortTimeZone");
        var onTime = new SubmittedTasks();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = parse(reader);
            if (!reader.IsDBNull(submittedTasks))
            {
                row = row with { TasksOnTime = onTime.CountOnTime(reader.GetString(submittedTasks), reader.GetString(cohortTimeZone)) };
            }

            yield return row;
        }
    }

    private async Task<IEnumerable<CompletionRow>> WithOutcomesAsync(List<CompletionRow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var found = await _outcomes.GetReleasedOutcomesAsync(batch.Select(r => r.EnrolmentId).ToList(), cancellationToken);
        return batch.Select(r => r.WithOutcome(found.GetValueOrDefault(r.EnrolmentId))).ToList();
    }
}
