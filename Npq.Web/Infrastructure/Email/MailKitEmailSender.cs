using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Npq.Core.Notifications;

namespace Npq.Web.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit (<c>Email:Mode = Smtp</c>): implicit TLS (<c>Email:SmtpSecurity =
/// Implicit</c>, usually port 465), STARTTLS required (<c>StartTls</c>, the default, port 587), or none (<c>None</c>,
/// a relay on the same network). The outbox's job calls it; a failure is retried there.
/// </summary>
public sealed class MailKitEmailSender(IOptions<EmailOptions> options, ILogger<MailKitEmailSender> logger) : IMailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = message.TextBody };

        using var client = new SmtpClient { Timeout = Math.Max(5, settings.SmtpTimeoutSeconds) * 1000 };
        await client.ConnectAsync(settings.SmtpHost ?? throw new InvalidOperationException("Email:SmtpHost is not set"), settings.SmtpPort, Security(settings), cancellationToken);
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            await client.AuthenticateAsync(settings.SmtpUser, settings.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        logger.LogInformation("Email sent through {SmtpHost}", settings.SmtpHost);
    }

    public static SecureSocketOptions Security(EmailOptions settings) => settings.SmtpSecurity.ToLowerInvariant() switch
    {
        "implicit" => SecureSocketOptions.SslOnConnect,
        "starttls" => SecureSocketOptions.StartTls,
        "none" => SecureSocketOptions.None,
        _ => throw new InvalidOperationException($"Email:SmtpSecurity must be Implicit, StartTls or None, not '{settings.SmtpSecurity}'"),
    };
}
