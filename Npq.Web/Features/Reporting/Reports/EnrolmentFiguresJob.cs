using Npq.Core.Reporting;
using Quartz;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>
/// Every <c>Reports:FiguresEverySeconds</c>, as a clustered job (one run at a time across the instances): fills the
/// completion figures kept per enrolment that are absent or expired (<see cref="EnrolmentFiguresKeeping"/>). The
/// report is exact without it (it computes missing rows live); the job only makes the report cheap. A failed run is
/// tried again at the next turn: rows it claimed read as absent until then.
/// </summary>
[DisallowConcurrentExecution]
public sealed class EnrolmentFiguresJob(EnrolmentFiguresKeeping keeping, ILogger<EnrolmentFiguresJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var stored = await keeping.FillAsync(cancellationToken);
            if (stored > 0)
            {
                logger.LogInformation("Completion figures stored for {Enrolments} enrolments", stored);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Completion figures were not filled this time; retrying on the next turn");
        }
    }
}
