using Quartz;

namespace Npq.Web.Infrastructure.Jobs;

/// <summary>Queues one piece of work for an on-demand job, or wakes a recurring one, through the shared job store.</summary>
public sealed class JobQueue(ISchedulerFactory schedulers)
{
    /// <summary>
    /// Fires <paramref name="job"/> once, now, with the data; the trigger is named so queuing the same work twice
    /// (a retry, a double click) stores it once.
    /// </summary>
    public async Task EnqueueAsync(JobKey job, string workName, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var map = new JobDataMap();
        foreach (var (key, value) in data)
        {
            map[key] = value;
        }

        var trigger = TriggerBuilder.Create()
            .WithIdentity(new TriggerKey(workName, job.Group))
            .ForJob(job)
            .UsingJobData(map)
            .StartNow()
            .Build();
        if (await scheduler.Exists(trigger.Key, cancellationToken))
        {
            return;
        }

        try
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Queued by someone else a moment ago: stored once, as wanted.
        }
    }

    /// <summary>
    /// Whether the job is stored in the job store yet. Recurring jobs are stored when the scheduler starts, after the
    /// site's start-up work (the demo data's mails are queued before it): until then a job cannot be woken.
    /// </summary>
    public async Task<bool> IsStoredAsync(JobKey job, CancellationToken cancellationToken = default) =>
        await (await schedulers.GetScheduler(cancellationToken)).Exists(job, cancellationToken);

    /// <summary>Runs a recurring job now (e.g. the mail outbox after a mail is written), on whichever node takes it.</summary>
    public async Task RunNowAsync(JobKey job, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(job, cancellationToken: cancellationToken);
    }
}
