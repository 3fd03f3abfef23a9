using System.Globalization;
using Microsoft.Extensions.Options;
using Npq.Core.Reporting;
using Npq.Web.Infrastructure.Jobs;
using Quartz;

namespace Npq.Web.Features.Reporting.Reports;

/// <summary>
/// Runs one queued export (its id in the trigger's data). Durable and recovering: an instance killed mid-run has the
/// export run again by another; one export at a time across the instances, so a burst of requests never competes
/// for the cores with the site.
/// </summary>
[DisallowConcurrentExecution]
public sealed class ExportJob(BackgroundExports exports, ILogger<ExportJob> logger) : IJob
{
    public static readonly JobKey Key = new("export", JobsSetup.Group);

    public const string ExportIdKey = "exportId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!context.MergedJobDataMap.TryGetValue(ExportIdKey, out var value)
            || !int.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            logger.LogWarning("An export job fired without an export id ({TriggerKey})", context.Trigger.Key);
            return;
        }

        if (context.Recovering)
        {
            logger.LogInformation("Export {ExportId} is run again: the instance running it stopped", id);
        }

        await exports.RunAsync(id, cancellationToken);
    }
}

/// <summary>Every <c>Jobs:SweepEveryMinutes</c>, on one instance: deletes expired export files and queues again any export whose queuing was lost.</summary>
[DisallowConcurrentExecution]
public sealed class ExportSweepJob(BackgroundExports exports) : IJob // both calls catch and log their own failures
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await exports.SweepOnceAsync(cancellationToken);
        await exports.RequeueUnfinishedAsync(cancellationToken);
    }
}

/// <summary>Queues an export as a trigger of <see cref="ExportJob"/> named after it, so it is stored once.</summary>
public sealed class QuartzExportJobs(JobQueue queue) : IExportJobs
{
    public Task EnqueueAsync(int exportId, CancellationToken cancellationToken = default) =>
        queue.EnqueueAsync(
            ExportJob.Key,
            "export-" + exportId.ToString(CultureInfo.InvariantCulture),
            new Dictionary<string, string> { [ExportJob.ExportIdKey] = exportId.ToString(CultureInfo.InvariantCulture) },
            cancellationToken);
}

public static class ExportJobRegistration
{
    public static IServiceCollection AddExportJobs(this IServiceCollection services)
    {
        services.AddSingleton<IExportJobs, QuartzExportJobs>();
        services.AddOnDemandJob<ExportJob>(ExportJob.Key);
        services.AddRecurringJob<ExportSweepJob>("export-sweep", sp => TimeSpan.FromMinutes(Math.Max(1, sp.GetRequiredService<IOptions<JobsOptions>>().Value.SweepEveryMinutes)));
        return services;
    }
}
