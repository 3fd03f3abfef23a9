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
