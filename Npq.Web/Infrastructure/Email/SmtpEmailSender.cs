using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;
using Npq.Core.Notifications;

namespace Npq.Web.Infrastructure.Email;

/// <summary>Sends through an SMTP relay (<c>Email:Mode = Smtp</c>).</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort) { EnableSsl = settings.SmtpUseTls };
        if (!string.IsNullOrEmpty(settings.SmtpUser))
        {
            client.Credentials = new NetworkCredential(settings.SmtpUser, settings.SmtpPassword);
        }

        using var mail = new MailMessage(settings.From, message.To, message.Subject, message.TextBody);
        await client.SendMailAsync(mail, cancellationToken);
        logger.LogInformation("Email sent through {SmtpHost}", settings.SmtpHost);
    }
}
