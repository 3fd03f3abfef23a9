using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Notifications;

namespace Npq.Web.Infrastructure.Email;

/// <summary>Writes the in-app notification and queues an email to the person (the outbox) with the link.</summary>
public sealed class Notifier(
    INotificationRepository notifications,
    IUserRepository users,
    IEmailSender email,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<Notifier> logger) : INotifier
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
        try
        {
            await email.SendAsync(new EmailMessage(user.Email, title, body), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The in-app notification is saved; failing to queue the mail must not undo the action that caused it.
            logger.LogError(ex, "Could not queue the email of notification {Kind} to user {UserId}", kind, userId);
        }
    }
}
