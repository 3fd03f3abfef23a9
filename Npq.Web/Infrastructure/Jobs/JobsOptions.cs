namespace Npq.Web.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> configuration section: the clustered Quartz.NET scheduler on the app's database.</summary>
public sealed class JobsOptions
{
    /// <summary>
    /// Whether this instance runs jobs. When false the scheduler is still built (so this instance can queue exports,
    /// record zips and mail into the shared job store) but left in standby: other instances run them.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>This node's id in the cluster; <c>AUTO</c> (default) makes a unique one at each start.</summary>
    public string InstanceId { get; set; } = "AUTO";

    /// <summary>How often this node records in the database that it is alive.</summary>
    public int CheckinSeconds { get; set; } = 15;

    /// <summary>How long past a missed check-in the other nodes wait before recovering a node's jobs.</summary>
    public int CheckinMisfireSeconds { get; set; } = 20;

    /// <summary>How long an idle scheduler waits before asking the database for due triggers again.</summary>
    public int IdleWaitSeconds { get; set; } = 5;

    /// <summary>Jobs run at once by this node (a record zip, an export and the mail can run side by side).</summary>
    public int Threads { get; set; } = 3;

    /// <summary>How often the mail outbox is looked at (a new mail also wakes it at once).</summary>
    public int MailEverySeconds { get; set; } = 30;

    /// <summary>How often expired exports and record zips are deleted.</summary>
    public int SweepEveryMinutes { get; set; } = 10;

    /// <summary>How often SQLite's planner statistics are brought up to date (<see cref="Npq.Data.Infrastructure.DatabaseStatistics"/>;
    /// also at every start).</summary>
    public int StatisticsEveryHours { get; set; } = 6;
}
