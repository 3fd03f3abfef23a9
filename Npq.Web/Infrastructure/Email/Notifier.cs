using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Notifications;

namespace Npq.Web.Infrastructure.Email;

/// <summary>
/// Writes the in-app notification and queues an email to the person (the outbox) with the link: in the caller's unit of
/// writes when there is one, so the change, the notification and the mail commit or roll back together.
/// </summary>
public sealed class Notifier(
    INotificationRepository notifications,
    IUserRepository users,
    IEmailSender email,
    IOptions<EmailOptions> options,
    TimeProvider time) : INotifier
{
    public async Task NotifyAsync(int userId, string kind, string title, string? link, CancellationToken cancellationToken = default)
    {
        await notifications.AddAsync(new Notification { UserId = userId, CreatedUtc = time.GetUtcNow().UtcDateTime, Kind = kind, Title = title, Link = link }, cancellationToken);
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null || !user.IsActive)
        {
            return;
        }

        var url = link is null ? options.Value.PublicBaseUrl : options.Value.PublicBaseUrl.TrimEnd('/') + link;
        var body = $"Hello {user.DisplayName},\n\n{title}\n\nSee it in Npq: {url}\n\nYou receive this because you take part in an NPQ programme on Npq.";
        // Inside the caller's unit of writes (IWriteTogether) the outbox row commits with the change and this notification:
        // a failure to queue the mail undoes all three, rather than leaving a change whose mail never goes.
        await email.SendAsync(new EmailMessage(user.Email, title, body), cancellationToken);
    }
}
