using Npq.Core.Webinars;
using Microsoft.Extensions.Options;
using Npq.Core.Notifications;
using Npq.Core.Time;
using Npq.Data.Webinars;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>
/// Sends each person one reminder (in the app and by email) for each session starting within the lead time.
/// The reminder is recorded before it is sent, so two instances or two runs never send it twice.
/// </summary>
public sealed class SessionReminderJob(IWebinarRepository webinars, INotifier notifier, IOptions<WebinarsOptions> options, ILogger<SessionReminderJob> logger)
{
    /// <summary>Sends the reminders due at <paramref name="nowUtc"/>; returns how many were sent.</summary>
    public async Task<int> RunOnceAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var due = await webinars.GetDueRemindersAsync(nowUtc, nowUtc.AddMinutes(options.Value.ReminderLeadMinutes), cancellationToken);
        var sent = 0;
        foreach (var reminder in due)
        {
            if (!await webinars.TryRecordReminderAsync(reminder.SessionId, reminder.UserId, nowUtc, cancellationToken))
            {
                continue;
            }

            var when = ZonedTime.Format(reminder.StartUtc, reminder.CohortTimeZone);
            if (ZonedTime.IsKnown(reminder.UserTimeZone) && ZonedTime.Name(reminder.UserTimeZone) != ZonedTime.Name(reminder.CohortTimeZone))
            {
                when += $" ({ZonedTime.Format(reminder.StartUtc, reminder.UserTimeZone)} for you)";
            }

            await notifier.NotifyAsync(reminder.UserId, "webinar-reminder", $"Reminder: “{reminder.Title}” starts {when}", $"/webinars/sessions/{reminder.SessionId}", cancellationToken);
            logger.LogInformation("Sent reminder for session {SessionId} to user {UserId}", reminder.SessionId, reminder.UserId);
            sent++;
        }

        return sent;
    }
}

/// <summary>Runs <see cref="SessionReminderJob"/> every <c>Webinars:ReminderPollSeconds</c>.</summary>
public sealed class SessionReminderService(SessionReminderJob job, IOptions<WebinarsOptions> options, TimeProvider time, ILogger<SessionReminderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RemindersEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(5, options.Value.ReminderPollSeconds)), time);
        do
        {
            try
            {
                await job.RunOnceAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed run (database briefly unavailable) is retried on the next tick; nothing was half-sent.
                logger.LogError(ex, "Webinar reminders failed this time; retrying on the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
