using Npq.Data.Infrastructure;
using Quartz;

namespace Npq.Web.Infrastructure.Jobs;

/// <summary>
/// Brings SQLite's planner statistics up to date every <c>Jobs:StatisticsEveryHours</c> (6) as the data grows
/// (<see cref="DatabaseStatistics"/>); one instance runs it each time. A failed run is tried again at the next turn.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DatabaseStatisticsJob(DatabaseStatistics statistics, ILogger<DatabaseStatisticsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await statistics.RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "SQLite statistics could not be brought up to date this time; retrying on the next turn");
        }
    }
}
