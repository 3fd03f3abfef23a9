using Microsoft.Extensions.Options;
using Npq.Core.Webinars;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>Sends the due reminders (<see cref="SessionReminders"/>) every <c>Webinars:ReminderPollSeconds</c>.</summary>
public sealed class SessionReminderService(SessionReminders reminders, IOptions<WebinarsOptions> options, TimeProvider time, ILogger<SessionReminderService> logger) : BackgroundService
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
                await reminders.SendDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
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
