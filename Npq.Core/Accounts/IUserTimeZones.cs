namespace Npq.Core.Accounts;

/// <summary>A person's own time zone and whether they confirmed it (implemented in Npq.Data).</summary>
public interface IUserTimeZones
{
    Task<UserTimeZone?> GetAsync(int userId, CancellationToken cancellationToken = default);

    /// <summary>Sets the zone the person confirmed.</summary>
    Task SetAsync(int userId, string timeZone, CancellationToken cancellationToken = default);
}

/// <summary>A person's zone and whether they confirmed it.</summary>
public sealed record UserTimeZone
{
    public string? TimeZone { get; init; }
    public bool Confirmed { get; init; }
}

public static class UserTimeZonesExtensions
{
    /// <summary>The zone the person chose, or null when they have none (pages then show the cohort's zone only).</summary>
    public static async Task<string?> ZoneOfAsync(this IUserTimeZones zones, int userId, CancellationToken cancellationToken = default) =>
        (await zones.GetAsync(userId, cancellationToken))?.TimeZone;
}
