using Npq.Core.Accounts;
using Npq.Core.Notifications;
using Npq.Web.Infrastructure.Jobs;

namespace Npq.Web.Infrastructure.Email;

/// <summary>
/// Every email the site sends goes here: written to the outbox (with the recipient's account and provider, so their
/// provider's admins can see a failure), then the mail job is woken to send it from whichever instance takes it.
/// The row is written in the request that caused the mail, right after the change it reports, but on its own
/// connection: the repositories share no transaction, so a crash between the two loses the mail, never the change.
/// </summary>
public sealed class OutboxEmailSender(IMailOutboxRepository outbox, IUserRepository users, JobQueue jobs, TimeProvider time, ILogger<OutboxEmailSender> logger) : IEmailSender
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
            RecipientUserId = user?.Id,
            ProviderId = user?.ProviderId,
            CreatedUtc = now,
            NextAttemptUtc = now,
        }, cancellationToken);
        try
        {
            await jobs.EnqueueAsync(MailOutboxJob.Key, "mail-now", new Dictionary<string, string>(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The mail is safe in the outbox; the job's own schedule sends it.
            logger.LogWarning(ex, "Mail {MailId} queued; the mail job could not be woken", id);
        }
    }
}
