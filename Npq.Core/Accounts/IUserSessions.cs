namespace Npq.Core.Accounts;

/// <summary>What a signed-in request checks its cookie against, remembered briefly (implemented in Npq.Data).</summary>
public interface IUserSessions
{
    Task<SessionUser?> GetAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the user; called by every repository method that writes their row.</summary>
    void Invalidate(int userId);
}

/// <summary>What signed-in requests need of a user: the stamp the cookie is checked against, their zone, the name pages
/// show and the provider or school they belong to (which candidates their reports and lists hold).</summary>
public sealed record SessionUser
{
    public int Id { get; init; }
    public string SecurityStamp { get; init; } = string.Empty;
    public bool IsActive { get; init; }
    public string? TimeZone { get; init; }
    public bool TimeZoneConfirmed { get; init; }
    public string DisplayName { get; init; } = string.Empty;
    public int? ProviderId { get; init; }
    public int? SchoolId { get; init; }
}
