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
/// reader. A kept row holds its released outcome; the rows computed live have theirs added, in batches, from
/// <see cref="IFinalOutcomeSource"/>.
/// </summary>
public sealed partial class CompletionReportRepository(IDbConnectionFactory db, IFrameworkCatalog frameworks, IEnumerable<IFinalOutcomeSource> outcomeSources,
    ReportChoicesCache? choices = null)
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

        if (choices is not null && scope.ProviderId is { } providerId && filter is { CourseId: null, CohortId: null, DeliveryPartnerId: null, Status: null })
        {
            // The provider's whole report: its count remembered with the report's filter choices (ReportChoicesCache).
            return await choices.ProviderEnrolmentsAsync(providerId, cancel => CountNowAsync(scope, filter, cancel), cancellationToken);
        }

        return await CountNowAsync(scope, filter, cancellationToken);
    }

    private async Task<int> CountNowAsync(ReportScope scope, CompletionFilter filter, CancellationToken cancellationToken)
    {
        var (sql, parameters) = _sql.Count(scope, filter);
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public async Task<CompletionPage> GetPageAsync(ReportScope scope, CompletionFilter filter, int page, int pageSize, DateTime nowUtc,
        CompletionColumns columns = CompletionColumns.All, CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            return new CompletionPage([], 0, 1, pageSize);
        }

        if (CompletionReportSql.SplitsByStatus(scope, filter))
        {
            return await GetPageByStatusAsync(scope, filter, page, pageSize, nowUtc, columns, cancellationToken);
        }

        if (!CompletionReportSql.SortsByFigure(filter))
        {
            return await GetPageInCheapOrderAsync(scope, filter, page, pageSize, nowUtc, columns, cancellationToken);
        }

        var total = await CountAsync(scope, filter, cancellationToken);
        if (total == 0)
        {
            return new CompletionPage([], 0, 1, pageSize);
        }

        var pageCount = (total + pageSize - 1) / pageSize;
        page = Math.Clamp(page, 1, pageCount);
        await using var connection = await db.OpenAsync(cancellationToken);
        IReadOnlyList<int>? ids = null;
        IReadOnlyDictionary<string, DateOnly>? todayByZone = null;
        if (CompletionReportSql.WalksFigure(scope, filter) && await WalkFindsPageSoonerAsync(scope, filter, (page - 1) * pageSize + pageSize, total, cancellationToken))
        {
            // The provider's report sorted by a figure: the figure's stored keys walked in the report's order, merged
            // with the few rows whose keys are not stored or are past their moment, computed live.
            (ids, todayByZone) = await WalkFigureAsync(connection, scope, filter, (page - 1) * pageSize, pageSize, nowUtc, cancellationToken);
        }

        if (ids is null)
        {
            // That figure alone for every row in scope (stored where fresh) chooses the page.
            todayByZone = await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken);
            var (figureSql, figureParameters) = _sql.SortFigurePage(scope, filter, todayByZone, nowUtc);
            figureParameters.Add("Skip", (page - 1) * pageSize);
            figureParameters.Add("Take", pageSize);
            ids = (await connection.QueryAsync<int>(new CommandDefinition(figureSql, figureParameters, cancellationToken: cancellationToken))).AsList();
        }

        // The page's rows as stored, then those with no fresh figures computed live (none once the figures job has run),
        // put in the order the figure chose.
        var (rows, unstored) = await ReadStoredPageAsync(connection, scope, filter, nowUtc, ids, 0, pageSize, columns, cancellationToken);
        (rows, _) = await WithLiveFiguresAsync(connection, scope, filter, nowUtc, rows, unstored, todayByZone, cancellationToken);
        var position = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        rows = rows.OrderBy(r => position[r.EnrolmentId]).ToList();
        return new CompletionPage(await WithOutcomesAsync(rows, unstored, cancellationToken), total, page, pageSize);
    }

    /// <summary>
    /// A page in an order that needs no figure (the candidates', or their schools', cohorts', statuses' or mentors'):
    /// the page asked for is read first, and one that ends short of a whole page tells how many rows there are (the
    /// whole of a mentor's or a school's report, usually), so only a full page, or one past the end, has the rows
    /// counted. A page past the end shows the last one.
    /// </summary>
    private async Task<CompletionPage> GetPageInCheapOrderAsync(ReportScope scope, CompletionFilter filter, int page, int pageSize, DateTime nowUtc,
        CompletionColumns columns, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        page = Math.Max(page, 1);
        var (rows, unstored) = await ReadStoredPageAsync(connection, scope, filter, nowUtc, null, (long)(page - 1) * pageSize, pageSize, columns, cancellationToken);
        int total;
        if (rows.Count > 0 && rows.Count < pageSize)
        {
            total = (page - 1) * pageSize + rows.Count;
        }
        else if (rows.Count == 0 && page == 1)
        {
            return new CompletionPage([], 0, 1, pageSize);
        }
        else
        {
            total = await CountAsync(scope, filter, cancellationToken);
            if (total == 0)
            {
                return new CompletionPage([], 0, 1, pageSize);
            }

            var last = (total + pageSize - 1) / pageSize;
            if (page > last)
            {
                page = last;
                (rows, unstored) = await ReadStoredPageAsync(connection, scope, filter, nowUtc, null, (long)(page - 1) * pageSize, pageSize, columns, cancellationToken);
            }
        }

        (rows, _) = await WithLiveFiguresAsync(connection, scope, filter, nowUtc, rows, unstored, null, cancellationToken);
        return new CompletionPage(await WithOutcomesAsync(rows, unstored, cancellationToken), total, page, pageSize);
    }

    /// <summary>
    /// A page of <see cref="CompletionReportSql.StoredPage"/>: the given enrolments' rows, or the filter's from
    /// <paramref name="skip"/> in a cheap order (found as <paramref name="walk"/> says, when given); and those of them
    /// with no fresh figures stored, to be computed live.
    /// </summary>
    private async Task<(List<CompletionRow> Rows, List<int> Unstored)> ReadStoredPageAsync(DbConnection connection, ReportScope scope, CompletionFilter filter,
        DateTime nowUtc, IReadOnlyList<int>? ids, long skip, int take, CompletionColumns columns, CancellationToken cancellationToken, CompletionReportSql.Walk? walk = null)
    {
        var (storedSql, storedParameters) = _sql.StoredPage(scope, filter, nowUtc, ids, walk: walk, columns: columns);
        storedParameters.Add("Skip", skip);
        storedParameters.Add("Take", take);
        var rows = new List<CompletionRow>(take);
        var unstored = new List<int>();
        await foreach (var (row, live) in ReadStoredRowsAsync(connection, storedSql, storedParameters, cancellationToken))
        {
            rows.Add(row);
            if (live)
            {
                unstored.Add(row.EnrolmentId);
            }
        }

        return (rows, unstored);
    }

    /// <summary>
    /// The most rows with no fresh stored keys a figure's walk merges, computed live (<see cref="WalkFigureAsync"/>).
    /// The figures job stores every row within moments of a change; more than this (the job not yet run over a new
    /// database, or behind after a change to a whole cohort) and the page is sorted from every row as before.
    /// </summary>
    public const int MostLiveRowsMerged = 500;

    /// <summary>
    /// Whether a figure's walk finds the first <paramref name="rows"/> of the filter's <paramref name="total"/> rows
    /// sooner than sorting those rows: always for the provider's whole report; filtered by course, delivery partner or
    /// status, the walk passes over the provider's other rows too (about rows × all ÷ total of them), so a small
    /// filtered group (a few deferred or withdrawn candidates, a small course) is sorted instead, as before.
    /// </summary>
    private async Task<bool> WalkFindsPageSoonerAsync(ReportScope scope, CompletionFilter filter, long rows, int total, CancellationToken cancellationToken)
    {
        if (filter.CourseId is null && filter.DeliveryPartnerId is null && filter.Status is null)
        {
            return true;
        }

        var all = await CountAsync(scope, new CompletionFilter(), cancellationToken);
        return rows * all / total < total;
    }

    /// <summary>
    /// The page's enrolment ids of the provider's report sorted by a figure (<see cref="CompletionReportSql.WalksFigure"/>):
    /// the rows with no fresh stored keys (at most <see cref="MostLiveRowsMerged"/>, else null: sort every row), then
    /// the figure's stored keys walked to the page, merged with those rows computed live.
    /// </summary>
    private async Task<(IReadOnlyList<int>? Ids, IReadOnlyDictionary<string, DateOnly>? TodayByZone)> WalkFigureAsync(DbConnection connection,
        ReportScope scope, CompletionFilter filter, int skip, int take, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (liveSql, liveParameters) = _sql.LiveSortKeys(scope, nowUtc);
        liveParameters.Add("Skip", 0);
        liveParameters.Add("Take", MostLiveRowsMerged + 1);
        var live = (await connection.QueryAsync<int>(new CommandDefinition(liveSql, liveParameters, cancellationToken: cancellationToken))).AsList();
        if (live.Count > MostLiveRowsMerged)
        {
            return (null, null);
        }

        var todayByZone = live.Count == 0 ? null : await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken);
        var (sql, parameters) = _sql.SortFigureWalk(scope, filter, live, todayByZone, nowUtc, skip, take);
        return ((await connection.QueryAsync<int>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList(), todayByZone);
    }

    /// <summary>
    /// Every row, in the filter's order. In an order that needs no figure the rows are read as stored
    /// (<see cref="CompletionReportSql.StoredPage"/>), and each batch's rows with no fresh figures are computed live by
    /// id on a second connection. Sorted by a figure, the report's own query reads the stored figures where fresh and
    /// computes only the others.
    /// </summary>
    public async IAsyncEnumerable<CompletionRow> StreamAsync(ReportScope scope, CompletionFilter filter, DateTime nowUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            yield break;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var stored = !CompletionReportSql.SortsByFigure(filter);
        IReadOnlyDictionary<string, DateOnly>? todayByZone = stored ? null : await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken);
        var (sql, parameters) = stored
            ? _sql.StoredPage(scope, filter, nowUtc, null, paged: false)
            : _sql.Build(scope, filter, todayByZone!, nowUtc, withCoverage: true);
        var rows = stored ? ReadStoredRowsAsync(connection, sql, parameters, cancellationToken) : ReadAsync(connection, sql, parameters, cancellationToken).Select(row => (row, false));
        var batch = new List<CompletionRow>(OutcomeBatchSize);
        var unstored = new List<int>();
        await foreach (var (row, live) in rows)
        {
            batch.Add(row);
            if (live)
            {
                unstored.Add(row.EnrolmentId);
            }

            if (batch.Count == OutcomeBatchSize)
            {
                // This connection is reading: the batch's unstored rows are computed on another.
                (var completed, todayByZone) = await WithLiveFiguresAsync(null, scope, filter, nowUtc, batch, unstored, todayByZone, cancellationToken);
                foreach (var done in await WithOutcomesAsync(completed, stored ? unstored : null, cancellationToken))
                {
                    yield return done;
                }

                batch.Clear();
                unstored.Clear();
            }
        }

        var (last, _) = await WithLiveFiguresAsync(null, scope, filter, nowUtc, batch, unstored, todayByZone, cancellationToken);
        foreach (var done in await WithOutcomesAsync(last, stored ? unstored : null, cancellationToken))
        {
            yield return done;
        }
    }

    /// <summary>
    /// The rows with those of <paramref name="unstored"/> (no fresh figures stored) replaced by the report's own query
    /// computing them live, by id, on <paramref name="connection"/> (or one of its own when null); the cohorts' today is
    /// read when first needed and handed back for the next batch.
    /// </summary>
    private async Task<(List<CompletionRow> Rows, IReadOnlyDictionary<string, DateOnly>? TodayByZone)> WithLiveFiguresAsync(DbConnection? connection,
        ReportScope scope, CompletionFilter filter, DateTime nowUtc, List<CompletionRow> rows, List<int> unstored,
        IReadOnlyDictionary<string, DateOnly>? todayByZone, CancellationToken cancellationToken)
    {
        if (unstored.Count == 0)
        {
            return (rows, todayByZone);
        }

        await using var own = connection is null ? await db.OpenAsync(cancellationToken) : null;
        var reading = connection ?? own!;
        todayByZone ??= await CohortToday.ByZoneAsync(reading, nowUtc, null, cancellationToken);
        var (sql, parameters) = _sql.Build(scope, filter, todayByZone, nowUtc, withCoverage: true, enrolmentIds: unstored);
        var live = new Dictionary<int, CompletionRow>(unstored.Count);
        await foreach (var row in ReadAsync(reading, sql, parameters, cancellationToken))
        {
            live[row.EnrolmentId] = row;
        }

        return (rows.Select(r => live.GetValueOrDefault(r.EnrolmentId, r)).ToList(), todayByZone);
    }

    /// <summary>
    /// The rows of <see cref="CompletionReportSql.StoredPage"/> one at a time (<see cref="StoredCompletionRowReader"/>),
    /// each with whether its figures must be computed live.
    /// </summary>
    private static async IAsyncEnumerable<(CompletionRow Row, bool Live)> ReadStoredRowsAsync(DbConnection connection, string sql, DynamicParameters parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (StoredCompletionRowReader.Read(reader), reader.IsDBNull(StoredCompletionRowReader.FiguresOf));
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

    /// <summary>
    /// The rows with the released outcomes of <paramref name="live"/> (the rows computed live) added from the final
    /// assessment's source, or of every row when null (rows read with no kept outcome). A kept row carries its own
    /// outcome (migration 0060): a page of kept rows asks for none.
    /// </summary>
    private async Task<List<CompletionRow>> WithOutcomesAsync(List<CompletionRow> rows, IReadOnlyCollection<int>? live, CancellationToken cancellationToken)
    {
        var ids = live ?? rows.Select(r => r.EnrolmentId).ToList();
        if (ids.Count == 0)
        {
            return rows;
        }

        var found = await _outcomes.GetReleasedOutcomesAsync(ids, cancellationToken);
        return found.Count == 0 ? rows : rows.Select(r => r.WithOutcome(found.GetValueOrDefault(r.EnrolmentId))).ToList();
    }
}
