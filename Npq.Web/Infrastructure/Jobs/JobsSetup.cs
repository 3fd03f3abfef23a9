using Microsoft.Data.Sqlite;
using Npq.Data.Infrastructure;
using Quartz;

namespace Npq.Web.Infrastructure.Jobs;

/// <summary>
/// Quartz.NET on the app's own database (tables from migration 0016), clustered: every instance shares the job
/// store, each run of a job is claimed by one node, a node that stops checking in has its recovering jobs rerun by
/// another. SQLite (the file two local instances share, in WAL) and SQL Server use the same wiring.
/// </summary>
public static class JobsSetup
{
    public const string Group = "npq";

    public const string SchedulerName = "Npq";

    public static IServiceCollection AddNpqJobs(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database)
    {
        var options = new JobsOptions();
        configuration.GetSection("Jobs").Bind(options);
        services.Configure<JobsOptions>(configuration.GetSection("Jobs"));
        var connectionString = database.ConnectionString ?? throw new InvalidOperationException("Jobs need the database's connection string");

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                if (string.Equals(options.InstanceId, "AUTO", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(options.InstanceId))
                {
                    s.GenerateInstanceId = true;
                }
                else
                {
                    s.InstanceId = options.InstanceId;
                }

                s.IdleWaitTime = TimeSpan.FromSeconds(Math.Max(1, options.IdleWaitSeconds));
            });
            q.UseDefaultThreadPool(Math.Clamp(options.Threads, 1, 10));
            q.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.SqlServer)
                {
                    store.UseSqlServer(connectionString);
                }
                else
                {
                    // Statements wait up to the command timeout for another process's write (two instances on one file).
                    var sqlite = new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = database.CommandTimeoutSeconds, Pooling = true };

                    // Quartz refuses a cluster through its SQLite delegate, whose lock is a semaphore inside one process.
                    // Two processes on one file need the lock in the file: the standard delegate (portable SQL) with the
                    // lock taken by an UPDATE of the QRTZ_LOCKS row, which in SQLite holds the database's one write
                    // lock until the transaction ends (Microsoft.Data.Sqlite begins them IMMEDIATE), so each node's
                    // store work runs in turn with the other's, waiting in SQLite's busy handler.
                    store.UseDriverDelegate<Quartz.Impl.AdoJobStore.StdAdoDelegate>();
                    store.UseLockHandler<Quartz.Impl.AdoJobStore.UpdateRowLockHandler>();
                    store.UseDataSource(d =>
                    {
                        d.Provider = "SQLite-Microsoft";
                        d.ConnectionString = sqlite.ToString();
                    });
                }

                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(Math.Max(1, options.CheckinSeconds));
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(Math.Max(1, options.CheckinMisfireSeconds));
                });
                store.ConfigureStore(s =>
                {
                    s.TablePrefix = "QRTZ_";
                    s.MisfireThreshold = TimeSpan.FromSeconds(60);
                });
            });
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = false;
            o.AutoStart = options.Enabled;
        });
        services.AddHostedService<JobScheduleRegistrar>();
        services.AddSingleton<JobQueue>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddRecurringJob<DatabaseStatisticsJob>("database-statistics", sp =>
                TimeSpan.FromHours(Math.Max(1, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value.StatisticsEveryHours)));
        }

        return services;
    }
}
