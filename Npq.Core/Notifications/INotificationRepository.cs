namespace Npq.Core.Notifications;

/// <summary>People's in-app notifications (implemented in Npq.Data).</summary>
public interface INotificationRepository
{
    Task<int> AddAsync(Notification notification, CancellationToken cancellationToken = default);

    /// <summary>The person's newest notifications first.</summary>
    Task<IReadOnlyList<Notification>> GetForUserAsync(int userId, int take, CancellationToken cancellationToken = default);

    Task<int> CountUnreadAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Marks the person's notifications read; only their own rows can change.</summary>
    Task MarkAllReadAsync(int userId, DateTime nowUtc, CancellationToken cancellationToken = default);
}
