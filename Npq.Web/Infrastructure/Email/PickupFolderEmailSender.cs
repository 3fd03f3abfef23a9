using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Npq.Core.Notifications;

namespace Npq.Web.Infrastructure.Email;

/// <summary>Writes each message as an RFC 5322 .eml file that any mail client opens; logs where, never what.</summary>
public sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, IWebHostEnvironment environment, TimeProvider time, ILogger<PickupFolderEmailSender> logger) : IMailTransport
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        var folder = options.Value.PickupFolder;
        if (!Path.IsPathRooted(folder))
        {
            folder = Path.Combine(environment.ContentRootPath, folder);
        }

        Directory.CreateDirectory(folder);
        var now = time.GetUtcNow();
        var name = $"{now:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(folder, name);
        await File.WriteAllTextAsync(path, Compose(message, options.Value.From, now), new UTF8Encoding(false), cancellationToken);
        logger.LogInformation("Email written to {EmailFile}", path);
    }

    /// <summary>A plain-text UTF-8 message; the subject is RFC 2047 encoded.</summary>
    public static string Compose(EmailMessage message, string from, DateTimeOffset date)
    {
        var subject = "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Subject)) + "?=";
        var body = Convert.ToBase64String(Encoding.UTF8.GetBytes(message.TextBody.ReplaceLineEndings("\r\n")), Base64FormattingOptions.InsertLineBreaks);
        var builder = new StringBuilder();
        builder.Append("From: ").Append(from).Append("\r\n");
        builder.Append("To: ").Append(message.To).Append("\r\n");
        builder.Append("Subject: ").Append(subject).Append("\r\n");
        builder.Append("Date: ").Append(date.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        builder.Append("Message-ID: <").Append(Guid.NewGuid().ToString("N")).Append("@npq>\r\n");
        builder.Append("MIME-Version: 1.0\r\n");
        builder.Append("Content-Type: text/plain; charset=utf-8\r\n");
        builder.Append("Content-Transfer-Encoding: base64\r\n\r\n");
        builder.Append(body).Append("\r\n");
        return builder.ToString();
    }
}
