using Quartz;

namespace Npq.Web.Infrastructure.Jobs;

/// <summary>
/// A job that runs every so often across all instances (its trigger lives in the shared job store, so one node fires
/// it each time). Features register these; <see cref="JobScheduleRegistrar"/> stores them when the site starts.
/// </summary>
public sealed record RecurringJob(JobKey Key, Type JobType, Func<IServiceProvider, TimeSpan?> Every);

/// <summary>A job with no schedule of its own, fired by triggers that each carry one piece of work (an export's id, a zip's id).</summary>
public sealed record OnDemandJob(JobKey Key, Type JobType);

public static class JobRegistration
{
    /// <summary>Registers a recurring job; <paramref name="every"/> null (e.g. switched off by configuration) removes its trigger.</summary>
    public static IServiceCollection AddRecurringJob<TJob>(this IServiceCollection services, string name, Func<IServiceProvider, TimeSpan?> every)
        where TJob : class, IJob
    {
        services.AddTransient<TJob>();
        services.AddSingleton(new RecurringJob(new JobKey(name, JobsSetup.Group), typeof(TJob), every));
        return services;
    }

    /// <summary>Registers a durable job that requests recovery: a run cut short by a dead instance runs again elsewhere.</summary>
    public static IServiceCollection AddOnDemandJob<TJob>(this IServiceCollection services, JobKey key)
        where TJob : class, IJob
    {
        services.AddTransient<TJob>();
        services.AddSingleton(new OnDemandJob(key, typeof(TJob)));
        return services;
    }
}
