using Npq.Core.Accounts;
using Npq.Core.Changes;
using Npq.Core.Notifications;
using Npq.Web.Infrastructure.Jobs;

namespace Npq.Web.Infrastructure.Email;

/// <summary>
/// Every email the site sends goes here: written to the outbox (with the recipient's account and provider, so their
/// provider's admins can see a failure), then the mail job is woken to send it from whichever instance takes it.
/// Inside a unit of writes (<see cref="IWriteTogether"/>) the row commits with the change it reports, and the job is
/// woken only once it has (the job store may be the same database, whose one writer the unit holds); a rolled-back
/// change sends nothing.
/// </summary>
public sealed class OutboxEmailSender(
    IMailOutboxRepository outbox, IUserRepository users, JobQueue jobs, IWriteTogether together, TimeProvider time, ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var user = message.To.Length <= 256 ? await users.FindByNormalizedEmailAsync(message.To.ToUpperInvariant(), cancellationToken) : null;
        var now = time.GetUtcNow().UtcDateTime;
        var id = await outbox.AddAsync(new OutboxMail
        {
            ToAddress = message.To,
            Subject = message.Subject,
            TextBody = message.TextBody,
            QuotedPostIds = message.QuotedPostIds,
            RecipientUserId = user?.Id,
            ProviderId = user?.ProviderId,
            CreatedUtc = now,
            NextAttemptUtc = now,
        }, cancellationToken);
        await together.WhenCommittedAsync(async () =>
        {
            try
            {
                await jobs.EnqueueAsync(MailOutboxJob.Key, "mail-now", new Dictionary<string, string>(), CancellationToken.None);
            }
            catch (Exception ex)
            {
                // The mail is safe in the outbox; the job's own schedule sends it. Before the scheduler has stored its
                // jobs (mails queued while the site starts) that is expected, not worth a warning and a stack trace.
                if (await MailJobMissingAsync())
                {
                    logger.LogDebug("Mail {MailId} queued before the mail job was stored; its schedule sends it", id);
                }
                else
                {
                    logger.LogWarning(ex, "Mail {MailId} queued; the mail job could not be woken", id);
                }
            }
        });
    }

    private async Task<bool> MailJobMissingAsync()
    {
        try
        {
            return !await jobs.IsStoredAsync(MailOutboxJob.Key);
        }
        catch (Exception)
        {
            // The job store itself cannot be read: the warning the caller writes says so.
            return false;
        }
    }
}
