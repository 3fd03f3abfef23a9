using System.Text;
using Dapper;
using Npq.Core.Frameworks;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>
/// The cohort dashboard's figures counted by the database over the completion report's figures kept per enrolment
/// (<c>EnrolmentFigures</c>): the bands, the materials median, the count and one page of the candidates at risk. The
/// cohort's enrolments with no fresh figures are computed live by id with the report's own query (as the report's
/// page does) and handed to the counting query as one JSON parameter, so every count is exact whatever is stored.
/// </summary>
public sealed class CohortDashboardRepository(IDbConnectionFactory db, IFrameworkCatalog frameworks, IEnumerable<IFinalOutcomeSource> outcomeSources)
    : ICohortDashboardQueries
{
    /// <summary>How many times the figures are read again when some went stale meanwhile (a write between two reads).</summary>
    private const int Attempts = 4;

    private readonly IFinalOutcomeSource _outcomes = FinalOutcomeSources.Resolve(outcomeSources);
    private readonly CompletionReportSql _sql = new(db.Dialect, frameworks);

    public async Task<CohortDashboardFigures> ReadAsync(ReportScope scope, int cohortId, AtRiskRules rules, int page, int pageSize, DateTime nowUtc,
        CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            return new CohortDashboardFigures { AttendanceBands = NoBands(), CoverageBands = NoBands() };
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var live = new Dictionary<int, CompletionRow>();
        IReadOnlyDictionary<string, DateOnly>? todayByZone = null;
        List<SummaryRow> summary = [];
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var (sql, parameters) = _sql.DashboardSummary(cohortId, rules, LiveJson(live.Values), nowUtc);
            summary = (await connection.QueryAsync<SummaryRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
            if (Single(summary, "X") == 0)
            {
                break;
            }

            // Enrolments with no fresh figures (none once the figures job has run): computed live by id, as the report's page does.
            var unstored = (await connection.QueryAsync<int>(new CommandDefinition(CompletionReportSql.DashboardUnstored, new { CohortId = cohortId, NowUtc = nowUtc },
                cancellationToken: cancellationToken))).Where(id => !live.ContainsKey(id)).ToList();
            todayByZone ??= await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken);
            foreach (var ids in unstored.Chunk(CompletionReportRepository.OutcomeBatchSize))
            {
                var (liveSql, liveParameters) = _sql.Build(scope, new CompletionFilter { CohortId = cohortId }, todayByZone, nowUtc, withCoverage: true, enrolmentIds: ids);
                await foreach (var row in CompletionReportRepository.ReadAsync(connection, liveSql, liveParameters, cancellationToken))
                {
                    live[row.EnrolmentId] = row;
                }
            }
        }

        var total = Single(summary, "R");
        page = Math.Clamp(page, 1, int.MaxValue);
        if ((long)(page - 1) * pageSize >= total)
        {
            page = 1;
        }

        IReadOnlyList<CompletionRow> atRisk = [];
        if (total > 0)
        {
            var (pageSql, pageParameters) = _sql.DashboardAtRiskPage(cohortId, rules, LiveJson(live.Values), nowUtc);
            pageParameters.Add("Skip", (page - 1) * pageSize);
            pageParameters.Add("Take", pageSize);
            atRisk = (await connection.QueryAsync<CompletionRow>(new CommandDefinition(pageSql, pageParameters, cancellationToken: cancellationToken))).AsList();
        }

        return new CohortDashboardFigures
        {
            AttendanceBands = Bands(summary, "A"),
            CoverageBands = Bands(summary, "C"),
            FinalSubmitted = Single(summary, "F"),
            Passed = await CountPassedAsync(connection, cohortId, cancellationToken),
            MaterialsMedian = summary.FirstOrDefault(r => r.Kind == "M")?.Value,
            AtRiskTotal = total,
            AtRiskPage = page,
            AtRiskRows = atRisk,
        };
    }

    /// <summary>The cohort's released outcomes that are passes (the outcome source's answer for every enrolment of the cohort).</summary>
    private async Task<int> CountPassedAsync(System.Data.Common.DbConnection connection, int cohortId, CancellationToken cancellationToken)
    {
        var ids = (await connection.QueryAsync<int>(new CommandDefinition("SELECT Id FROM Enrolments WHERE CohortId = @cohortId", new { cohortId },
            cancellationToken: cancellationToken))).AsList();
        if (ids.Count == 0)
        {
            return 0;
        }

        var outcomes = await _outcomes.GetReleasedOutcomesAsync(ids, cancellationToken);
        return outcomes.Values.Count(o => o.State == OutcomeState.Passed);
    }

    /// <summary>The rows computed live as <c>@Live</c>: one JSON array of <see cref="CompletionReportSql.DashboardLiveColumns"/> per row.</summary>
    private static string LiveJson(IEnumerable<CompletionRow> rows)
    {
        var json = new StringBuilder("[");
        foreach (var row in rows)
        {
            json.Append(json.Length == 1 ? "[" : ",[")
                .AppendJoin(',', row.EnrolmentId, row.SessionsCounted, row.SessionsAttended, row.StatementsCovered, row.TasksOverdue, row.FinalSubmitted ? 1 : 0,
                    row.LatestRatingSum, row.PreviousRatingSum, row.MaterialsCompleted, row.MaterialsTotal)
                .Append(']');
        }

        return json.Append(']').ToString();
    }

    private static int[] NoBands() => new int[DashboardMath.PercentBands.Length + 1];

    /// <summary>The counts of a kind of band: no figure first, then each band (a value outside every band is not shown, as before).</summary>
    private static int[] Bands(List<SummaryRow> summary, string kind)
    {
        var counts = NoBands();
        foreach (var row in summary.Where(r => r.Kind == kind && r.Value is not null))
        {
            counts[row.Value!.Value + 1] += row.Count;
        }

        return counts;
    }

    private static int Single(List<SummaryRow> summary, string kind) => summary.Where(r => r.Kind == kind).Sum(r => r.Count);

    private sealed record SummaryRow
    {
        public string Kind { get; init; } = string.Empty;
        public int? Value { get; init; }
        public int Count { get; init; }
    }
}
