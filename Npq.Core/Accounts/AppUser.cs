namespace Npq.Core.Accounts;

/// <summary>A person who signs in. Field names follow ASP.NET Core Identity's so its managers can use them.</summary>
public sealed class AppUser
{
    public int Id { get; set; }
    public string Email { get; set; } = string.Empty;
    public string NormalizedEmail { get; set; } = string.Empty;
    public string DisplayName { get; set; } = string.Empty;
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
    public bool EmailConfirmed { get; set; }
    public bool LockoutEnabled { get; set; } = true;
    public DateTime? LockoutEndUtc { get; set; }
    public int AccessFailedCount { get; set; }
    public bool IsActive { get; set; } = true;
    public int? ProviderId { get; set; }
    public int? SchoolId { get; set; }
    public string? TimeZone { get; set; }
    public bool TimeZoneConfirmed { get; set; }
    public DateTime CreatedUtc { get; set; }
}
