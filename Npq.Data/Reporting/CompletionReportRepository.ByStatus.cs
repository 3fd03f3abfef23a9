using Dapper;
using Npq.Core.Reporting;

namespace Npq.Data.Reporting;

public sealed partial class CompletionReportRepository
{
    /// <summary>
    /// A page of the provider's report sorted by status (<see cref="CompletionReportSql.SplitsByStatus"/>): each
    /// status's enrolments are counted, and the page's part of each status's group read in the candidates' order, found
    /// by walking the names when that reads fewer rows than the group holds (an active majority), else by sorting the
    /// group (a few deferred or withdrawn).
    /// </summary>
    private async Task<CompletionPage> GetPageByStatusAsync(ReportScope scope, CompletionFilter filter, int page, int pageSize, DateTime nowUtc,
        CompletionColumns columns, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var (countSql, countParameters) = _sql.CountByStatus(scope, filter);
        var groups = (await connection.QueryAsync<StatusCount>(new CommandDefinition(countSql, countParameters, cancellationToken: cancellationToken)))
            .Where(g => g.Enrolments > 0)
            .ToList();
        var total = (int)groups.Sum(g => g.Enrolments);
        if (total == 0)
        {
            return new CompletionPage([], 0, 1, pageSize);
        }

        page = Math.Clamp(page, 1, (total + pageSize - 1) / pageSize);
        long skip = (page - 1) * pageSize;
        long take = pageSize;
        var rows = new List<CompletionRow>(pageSize);
        var unstored = new List<int>();
        var ordered = filter.Descending
            ? groups.OrderByDescending(g => g.TrainingStatus, StringComparer.Ordinal)
            : groups.OrderBy(g => g.TrainingStatus, StringComparer.Ordinal);
        foreach (var group in ordered)
        {
            if (take == 0)
            {
                break;
            }

            if (skip >= group.Enrolments)
            {
                skip -= group.Enrolments;
                continue;
            }

            // Within a status the report's order is the candidates': the rows a walk of every name reads before it has
            // the page's part, against the group's own rows sorted.
            var walk = (skip + take) * total / group.Enrolments < group.Enrolments ? CompletionReportSql.Walk.Names : CompletionReportSql.Walk.None;
            var groupFilter = filter with { Status = Enum.Parse<Core.Enrolment.TrainingStatus>(group.TrainingStatus, ignoreCase: true), Sort = CompletionSort.Candidate, Descending = false };
            var part = Math.Min(take, group.Enrolments - skip);
            var (partRows, partUnstored) = await ReadStoredPageAsync(connection, scope, groupFilter, nowUtc, null, skip, (int)part, columns, cancellationToken, walk);
            rows.AddRange(partRows);
            unstored.AddRange(partUnstored);
            take -= part;
            skip = 0;
        }

        (rows, _) = await WithLiveFiguresAsync(connection, scope, filter, nowUtc, rows, unstored, null, cancellationToken);
        return new CompletionPage(await WithOutcomesAsync(rows, unstored, cancellationToken), total, page, pageSize);
    }

    /// <summary>A row of <see cref="CompletionReportSql.CountByStatus"/>.</summary>
    private sealed record StatusCount
    {
        public string TrainingStatus { get; init; } = string.Empty;
        public long Enrolments { get; init; }
    }
}
