using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Npq.Core.Notifications;

/// <summary>Where an outbox mail stands.</summary>
public enum OutboxStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>One email in the outbox (<c>MailOutbox</c>).</summary>
public sealed class OutboxMail
{
    public int Id { get; set; }
    public string ToAddress { get; set; } = "";
    public string Subject { get; set; } = "";
    public string TextBody { get; set; } = "";
    public int? RecipientUserId { get; set; }
    public int? ProviderId { get; set; }
    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? LastAttemptUtc { get; set; }
    public DateTime? SentUtc { get; set; }
    public string? LastError { get; set; }

    /// <summary>The discussion posts the body quotes (<see cref="EmailMessage.QuotedPostIds"/>); written with the mail, not read back.</summary>
    public IReadOnlyList<int> QuotedPostIds { get; set; } = [];
}

/// <summary>A page of a provider's unsent mail (pending and failed), newest first.</summary>
public sealed record OutboxPage(IReadOnlyList<OutboxMail> Mails, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The outbox rows.</summary>
public interface IMailOutboxRepository
{
    Task<int> AddAsync(OutboxMail mail, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="take"/> pending mails that are due and not claimed by a live sender, for
    /// <paramref name="worker"/> until <paramref name="claimUntilUtc"/>; returns what this worker now holds.
    /// </summary>
    Task<IReadOnlyList<OutboxMail>> ClaimDueAsync(DateTime nowUtc, string worker, DateTime claimUntilUtc, int take, CancellationToken cancellationToken = default);

    Task MarkSentAsync(int id, DateTime sentUtc, CancellationToken cancellationToken = default);

    /// <summary>Records a failed attempt: still <see cref="OutboxStatus.Pending"/> until <paramref name="nextAttemptUtc"/>, or <see cref="OutboxStatus.Failed"/>.</summary>
    Task MarkAttemptFailedAsync(int id, OutboxStatus status, int attempts, DateTime attemptUtc, DateTime nextAttemptUtc, string error, CancellationToken cancellationToken = default);

    /// <summary>How many pending mails are due by then (claimed or not), across every provider.</summary>
    Task<int> CountDueAsync(DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>The provider's pending and failed mail, newest first.</summary>
    Task<OutboxPage> ListUnsentAsync(int providerId, int page, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Puts a failed or pending mail of this provider back in the queue, due now, with its attempts reset; false when there is none.</summary>
    Task<bool> SendAgainAsync(int id, int providerId, DateTime nowUtc, CancellationToken cancellationToken = default);
}

/// <summary>The wire a mail leaves by: a pickup folder (development, tests) or SMTP.</summary>
public interface IMailTransport
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}

/// <summary>Outbox settings, read from the <c>Email</c> section.</summary>
public sealed class MailOutboxOptions
{
    /// <summary>Attempts before a mail is marked failed (and shown to admins as such).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles after each further one (30 s, 1 min, 2 min, …), at most a day.</summary>
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>Mails claimed at a time.</summary>
    public int BatchSize { get; set; } = 50;
}

/// <summary>
/// Sends what the outbox holds: claims due mail (so two instances never send the same one), sends each through the
/// transport, and marks it sent, or due again after an exponential backoff, or failed after the last attempt. The
/// error kept is the exception's type and message from the transport, never the mail's content.
/// </summary>
public sealed class MailOutboxSender(
    IMailOutboxRepository outbox,
    IMailTransport transport,
    IOptions<MailOutboxOptions> options,
    TimeProvider time,
    ILogger<MailOutboxSender> logger)
{
    /// <summary>How long a claim holds: a sender that died lets its mail be sent by another after this.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the next attempt after <paramref name="attempts"/> failed ones.</summary>
    public static TimeSpan Backoff(int attempts, int baseSeconds)
    {
        var seconds = Math.Max(1, baseSeconds) * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
    }

    /// <summary>Sends every due mail (claiming again until none is left); returns how many were sent.</summary>
    public async Task<int> SendDueAsync(string worker, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var sent = 0;
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var batch = await outbox.ClaimDueAsync(now, worker, now + ClaimFor, Math.Clamp(o.BatchSize, 1, 500), cancellationToken);
            if (batch.Count == 0)
            {
                return sent;
            }

            foreach (var mail in batch)
            {
                try
                {
                    await transport.SendAsync(new EmailMessage(mail.ToAddress, mail.Subject, mail.TextBody), cancellationToken);
                    await outbox.MarkSentAsync(mail.Id, time.GetUtcNow().UtcDateTime, cancellationToken);
                    sent++;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var attempts = mail.Attempts + 1;
                    var at = time.GetUtcNow().UtcDateTime;
                    var failed = attempts >= Math.Max(1, o.MaxAttempts);
                    var error = Describe(ex);
                    await outbox.MarkAttemptFailedAsync(
                        mail.Id, failed ? OutboxStatus.Failed : OutboxStatus.Pending, attempts, at, at + Backoff(attempts, o.RetryBaseSeconds), error, CancellationToken.None);
                    if (failed)
                    {
                        logger.LogError(ex, "Mail {MailId} failed after {Attempts} attempts", mail.Id, attempts);
                    }
                    else
                    {
                        logger.LogWarning(ex, "Mail {MailId} attempt {Attempts} failed; trying again later", mail.Id, attempts);
                    }
                }
            }
        }
    }

    private static string Describe(Exception ex)
    {
        var text = $"{ex.GetType().Name}: {ex.Message}";
        return text.Length <= 480 ? text : text[..480];
    }
}

/// <summary>A provider admin's view of their provider's unsent mail, and "send again".</summary>
public sealed class MailOutboxAdmin(IMailOutboxRepository outbox, TimeProvider time, ILogger<MailOutboxAdmin> logger)
{
    public const int PageSize = 25;

    public Task<OutboxPage> ListUnsentAsync(int providerId, int page, CancellationToken cancellationToken = default) =>
        outbox.ListUnsentAsync(providerId, Math.Max(1, page), PageSize, cancellationToken);

    /// <summary>Queues one of the provider's unsent mails again, due now with its attempts reset; false when the provider has no such mail.</summary>
    public async Task<bool> SendAgainAsync(int id, int providerId, int adminUserId, CancellationToken cancellationToken = default)
    {
        if (!await outbox.SendAgainAsync(id, providerId, time.GetUtcNow().UtcDateTime, cancellationToken))
        {
            return false;
        }

        logger.LogInformation("User {UserId} queued mail {MailId} to be sent again", adminUserId, id);
        return true;
    }
}
