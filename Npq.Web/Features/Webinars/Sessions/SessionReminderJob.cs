using Npq.Core.Webinars;
using Quartz;

namespace Npq.Web.Features.Webinars.Sessions;

/// <summary>
/// Sends the due reminders (<see cref="SessionReminders"/>) every <c>Webinars:ReminderPollSeconds</c>, as a clustered
/// job: one run at a time across the instances, and <see cref="SessionReminders"/> marks each reminder sent, so a
/// reminder goes out once. A failed run (database briefly unavailable) is tried again at the next turn.
/// </summary>
[DisallowConcurrentExecution]
public sealed class SessionReminderJob(SessionReminders reminders, TimeProvider time, ILogger<SessionReminderJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await reminders.SendDueAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was half-sent: each reminder is marked as it goes. The next turn tries again.
            logger.LogError(ex, "Webinar reminders failed this time; retrying on the next turn");
        }
    }
}
