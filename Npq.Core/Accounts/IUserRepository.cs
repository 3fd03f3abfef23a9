namespace Npq.Core.Accounts;

/// <summary>People and their roles, and the schools they can belong to (implemented in Npq.Data).</summary>
public interface IUserRepository
{
    Task<AppUser?> FindByIdAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>The people with these ids (those that do not exist are left out), in one query.</summary>
    Task<IReadOnlyList<AppUser>> FindByIdsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default);

    Task<AppUser?> FindByNormalizedEmailAsync(string normalizedEmail, CancellationToken cancellationToken = default);

    Task<int> CreateAsync(AppUser user, CancellationToken cancellationToken = default);

    /// <summary>Saves every field; refused (false) when someone else saved the user since it was read.</summary>
    Task<bool> UpdateAsync(AppUser user, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<string>> GetRolesAsync(int userId, CancellationToken cancellationToken = default);

    Task AddToRoleAsync(int userId, string role, CancellationToken cancellationToken = default);

    Task RemoveFromRoleAsync(int userId, string role, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AppUser>> GetUsersInRoleAsync(string role, CancellationToken cancellationToken = default);

    /// <summary>
    /// The provider's active users in the role, by name: read for that provider only (never every provider's people).
    /// With <paramref name="among"/>, only those of these people (at most as many rows as ids given).
    /// </summary>
    Task<IReadOnlyList<AppUser>> GetActiveInRoleAsync(int providerId, string role, IReadOnlyCollection<int>? among = null, CancellationToken cancellationToken = default);

    /// <summary>One page of a provider's users, newest first, optionally matching <paramref name="query"/> in name or email.</summary>
    Task<UserPage> SearchAsync(int? providerId, string? query, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>Every school, by name, for choosing a user's school.</summary>
    Task<IReadOnlyList<SchoolOption>> GetSchoolsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A user with the roles they hold.</summary>
public sealed record UserWithRoles(AppUser User, IReadOnlyList<string> Roles);

/// <summary>One page of users and how many match in all.</summary>
public sealed record UserPage(IReadOnlyList<UserWithRoles> Users, int Total);

/// <summary>A school to choose from.</summary>
public sealed class SchoolOption
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Country { get; set; } = string.Empty;
}
