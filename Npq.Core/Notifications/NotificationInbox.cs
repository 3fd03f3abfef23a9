namespace Npq.Core.Notifications;

/// <summary>A person's own notifications: the newest <see cref="Size"/>, and marking them all read.</summary>
public sealed class NotificationInbox(INotificationRepository notifications, TimeProvider time)
{
    public const int Size = 100;

    public Task<IReadOnlyList<Notification>> ListAsync(int userId, CancellationToken cancellationToken = default) =>
        notifications.GetForUserAsync(userId, Size, cancellationToken);

    public Task MarkAllReadAsync(int userId, CancellationToken cancellationToken = default) =>
        notifications.MarkAllReadAsync(userId, time.GetUtcNow().UtcDateTime, cancellationToken);
}
