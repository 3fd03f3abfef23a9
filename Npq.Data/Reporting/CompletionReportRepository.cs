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
/// enrolment (the SQL is built by <see cref="CompletionReportSql"/>). Exports read it through an unbuffered data
/// reader, with coverage counted beside it on a second connection (see <see cref="StreamAsync"/>); outcomes are added
/// in batches from <see cref="IFinalOutcomeSource"/>.
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
    /// Every row, in the filter's order. Unless the rows are sorted by coverage, coverage (a third of the report's
    /// work) is counted on a second connection, on another thread, while the main query runs, and joined to the rows
    /// here: on a machine with two cores or more the export takes about as long as the longer of the two.
    /// </summary>
    public async IAsyncEnumerable<CompletionRow> StreamAsync(ReportScope scope, CompletionFilter filter, DateTime nowUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            yield break;
        }

        var separateCoverage = filter.Sort != CompletionSort.Coverage;
        await using var connection = await db.OpenAsync(cancellationToken);
        var (sql, parameters) = _sql.Build(scope, filter, await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken), nowUtc, paged: false, withCoverage: !separateCoverage);
        // Microsoft.Data.Sqlite's "async" methods run synchronously: the coverage query needs a thread of its own.
        var coverageTask = separateCoverage ? Task.Run(() => CoverageAsync(scope, filter, cancellationToken), cancellationToken) : null;
        try
        {
            var batch = new List<CompletionRow>(OutcomeBatchSize);
            IReadOnlyDictionary<int, int>? coverage = null;
            await foreach (var read in ReadAsync(connection, sql, parameters, cancellationToken))
            {
                var row = read;
                if (coverageTask is not null)
                {
                    coverage ??= await coverageTask;
                    row = row with { StatementsCovered = coverage.GetValueOrDefault(row.CandidateUserId) };
                }

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
        finally
        {
            // An export abandoned part way (or failed) still waits for its coverage query, which holds a connection.
            if (coverageTask is { IsCompleted: false })
            {
                await Task.WhenAny(coverageTask);
            }

            _ = coverageTask?.Exception;
        }
    }

    /// <summary>Statements covered per candidate in scope: how many distinct framework statements their finished evidence shows.</summary>
    private async Task<IReadOnlyDictionary<int, int>> CoverageAsync(ReportScope scope, CompletionFilter filter, CancellationToken cancellationToken)
    {
        var (sql, parameters) = _sql.Coverage(scope, filter);
        await using var connection = await db.OpenAsync(cancellationToken);
        var counts = new Dictionary<int, int>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <summary>
    /// The report's rows from an open data reader, one at a time. Tasks handed in on time are counted here, in the
    /// cohort's time zone, from the submitted tasks the query lists per row (SQLite knows no time zones).
    /// </summary>
    private static async IAsyncEnumerable<CompletionRow> ReadAsync(DbConnection connection, string sql, DynamicParameters parameters,
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
