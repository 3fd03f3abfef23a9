namespace Npq.Core.Webinars;

/// <summary>Where CalendarFeed data is kept (implemented in Npq.Data).</summary>
public interface ICalendarFeedRepository
{
    /// <summary>Revokes the person's live feed (if any) and stores the new token's hash.</summary>
    Task ReplaceAsync(int userId, string tokenHash, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task<bool> RevokeAsync(int userId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>When the person's live feed was created, or null when they have none.</summary>
    Task<DateTime?> GetLiveFeedCreatedAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>The owner of a live (not revoked) feed with this token hash, or null.</summary>
    Task<int?> FindLiveOwnerAsync(string tokenHash, CancellationToken cancellationToken = default);
}
