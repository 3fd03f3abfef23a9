using Quartz;

namespace Npq.Web.Infrastructure.Jobs;

/// <summary>
/// At start, stores every registered job in the shared job store (replacing what an earlier start stored, so a
/// changed interval applies): recurring jobs with their repeating trigger, on-demand jobs durable and recovering.
/// Every instance does this; the store keeps one of each, so each recurring run still happens once.
/// </summary>
public sealed class JobScheduleRegistrar(
    ISchedulerFactory schedulers,
    IEnumerable<RecurringJob> recurring,
    IEnumerable<OnDemandJob> onDemand,
    IServiceProvider services,
    ILogger<JobScheduleRegistrar> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var job in onDemand)
        {
            var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(job.Key).StoreDurably().RequestRecovery().Build();
            await scheduler.AddJob(detail, AddJobOptions.Replacing, cancellationToken);
        }

        foreach (var job in recurring)
        {
            var triggerKey = new TriggerKey(job.Key.Name, job.Key.Group);
            if (job.Every(services) is not { } every || every <= TimeSpan.Zero)
            {
                await scheduler.DeleteJob(job.Key, cancellationToken);
                continue;
            }

            var detail = JobBuilder.Create().OfType(job.JobType).WithIdentity(job.Key).StoreDurably().Build();
            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(job.Key)
                .StartAt(DateTimeOffset.UtcNow.Add(every < TimeSpan.FromMinutes(1) ? every : TimeSpan.FromSeconds(30)))
                .WithSimpleSchedule(s => s.WithInterval(every).RepeatForever())
                .Build();
            await scheduler.ScheduleJob(detail, [trigger], ScheduleJobOptions.Replacing, cancellationToken);
        }

        logger.LogInformation("Jobs stored: {Recurring} recurring, {OnDemand} on demand", recurring.Count(), onDemand.Count());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
