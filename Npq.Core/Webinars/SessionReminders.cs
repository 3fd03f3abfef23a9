using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Changes;
using Npq.Core.Notifications;
using Npq.Core.Time;

namespace Npq.Core.Webinars;

/// <summary>A reminder to send: who, for which session.</summary>
public sealed record DueReminder
{
    public int SessionId { get; init; }
    public int UserId { get; init; }
    public string Title { get; init; } = string.Empty;
    public DateTime StartUtc { get; init; }
    public string CohortTimeZone { get; init; } = "UTC";
    public string? UserTimeZone { get; init; }
}

/// <summary>
/// Sends each person one reminder (in the app and by email) for each session starting within the lead time
/// (<c>Webinars:ReminderLeadMinutes</c>). The reminder is recorded before it is sent, so two instances or two runs
/// never send it twice.
/// </summary>
public sealed class SessionReminders(IWebinarRepository webinars, INotifier notifier, IWriteTogether together, IOptions<WebinarsOptions> options, ILogger<SessionReminders> logger)
{
    /// <summary>Sends the reminders due at <paramref name="nowUtc"/>; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var due = await webinars.GetDueRemindersAsync(nowUtc, nowUtc.AddMinutes(options.Value.ReminderLeadMinutes), cancellationToken);
        var sent = 0;
        foreach (var reminder in due)
        {
            // The record that it was sent, the notification and its mail commit together: a reminder is never recorded
            // as sent without its mail, nor queued twice.
            var recorded = await together.RunAsync(async ct =>
            {
                if (!await webinars.TryRecordReminderAsync(reminder.SessionId, reminder.UserId, nowUtc, ct))
                {
                    return false;
                }

                await notifier.NotifyAsync(reminder.UserId, "webinar-reminder", $"Reminder: “{reminder.Title}” starts {When(reminder)}", $"/webinars/sessions/{reminder.SessionId}", ct);
                return true;
            }, cancellationToken);
            if (!recorded)
            {
                continue;
            }

            logger.LogInformation("Sent reminder for session {SessionId} to user {UserId}", reminder.SessionId, reminder.UserId);
            sent++;
        }

        return sent;
    }

    /// <summary>The start in the cohort's zone, and in the person's own zone too when they chose a different one.</summary>
    public static string When(DueReminder reminder)
    {
        var when = ZonedTime.Format(reminder.StartUtc, reminder.CohortTimeZone);
        if (ZonedTime.IsKnown(reminder.UserTimeZone) && ZonedTime.Name(reminder.UserTimeZone) != ZonedTime.Name(reminder.CohortTimeZone))
        {
            when += $" ({ZonedTime.Format(reminder.StartUtc, reminder.UserTimeZone)} for you)";
        }

        return when;
    }
}
