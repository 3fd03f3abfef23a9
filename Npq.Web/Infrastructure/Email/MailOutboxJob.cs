using Microsoft.Extensions.Options;
using Npq.Core.Notifications;
using Npq.Web.Infrastructure.Jobs;
using Quartz;

namespace Npq.Web.Infrastructure.Email;

/// <summary>
/// Sends the outbox's due mail: every <c>Jobs:MailEverySeconds</c> (for retries) and at once when a mail is written.
/// One run at a time across the instances; the rows are claimed as well, so a mail is never sent twice.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MailOutboxJob(MailOutboxSender sender, ILogger<MailOutboxJob> logger) : IJob
{
    public static readonly JobKey Key = new("mail-outbox", JobsSetup.Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await sender.SendDueAsync(context.Scheduler.SchedulerInstanceId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The outbox could not be read or written (a failed send is handled per mail); the next turn tries again.
            logger.LogError(ex, "The mail outbox could not be processed this time");
        }
    }
}

public static class MailSetup
{
    /// <summary>The outbox (what the site's code sends to), its job, and the transport the job sends through.</summary>
    public static IServiceCollection AddNpqMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailOptions>(configuration.GetSection("Email"));
        services.Configure<MailOutboxOptions>(configuration.GetSection("Email"));
        if (string.Equals(configuration["Email:Mode"], "Smtp", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMailTransport, MailKitEmailSender>();
        }
        else
        {
            services.AddSingleton<IMailTransport, PickupFolderEmailSender>();
        }

        services.AddSingleton<IEmailSender, OutboxEmailSender>();
        services.AddSingleton<MailOutboxSender>();
        services.AddSingleton<MailOutboxAdmin>();
        services.AddSingleton<INotifier, Notifier>();
        services.AddRecurringJob<MailOutboxJob>(MailOutboxJob.Key.Name, sp => TimeSpan.FromSeconds(Math.Max(5, sp.GetRequiredService<IOptions<JobsOptions>>().Value.MailEverySeconds)));
        return services;
    }
}
