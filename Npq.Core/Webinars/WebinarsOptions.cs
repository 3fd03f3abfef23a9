namespace Npq.Core.Webinars;

/// <summary>Settings under <c>Webinars</c>.</summary>
public sealed class WebinarsOptions
{
    /// <summary>How long before a session starts its reminder goes out (<c>Webinars:ReminderLeadMinutes</c>).</summary>
    public int ReminderLeadMinutes { get; set; } = 60;

    /// <summary>How often the reminder service looks for sessions to remind (<c>Webinars:ReminderPollSeconds</c>).</summary>
    public int ReminderPollSeconds { get; set; } = 60;

    /// <summary>Whether this instance sends reminders (<c>Webinars:RemindersEnabled</c>).</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>How many minutes before the start the join button works (<c>Webinars:JoinOpensMinutesBefore</c>).</summary>
    public int JoinOpensMinutesBefore { get; set; } = 15;

    /// <summary>The largest attendance CSV accepted, in bytes (<c>Webinars:ImportMaxBytes</c>).</summary>
    public long ImportMaxBytes { get; set; } = 1024 * 1024;
}
