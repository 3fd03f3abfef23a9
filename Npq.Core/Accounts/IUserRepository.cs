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

    /// <summary>One school by id, or null when there is none.</summary>
    Task<SchoolOption?> GetSchoolAsync(int id, CancellationToken cancellationToken = default);

    /// <summary>
    /// At most <paramref name="take"/> schools matching <paramref name="query"/> (taken literally, case ignored), most
    /// relevant first: the school whose URN it is, then names starting with it, then (when no URN matched) names
    /// containing it, each by name then country. Reads a bounded number of rows whatever the number of schools, except that names containing the
    /// query are looked for along the name index until enough are found (at worst one pass of that index).
    /// </summary>
    Task<IReadOnlyList<SchoolOption>> FindSchoolsAsync(string query, int take, CancellationToken cancellationToken = default);
}

/// <summary>A user with the roles they hold.</summary>
public sealed record UserWithRoles(AppUser User, IReadOnlyList<string> Roles);

/// <summary>One page of users and how many match in all.</summary>
/// <summary>
/// One page of people and how many match. The count stops at <see cref="CountLimit"/>: past it, <see cref="Total"/> is
/// the limit and <see cref="MoreThanTotal"/> is true, so a page never counts a big provider's every account (125,000
/// at the benchmark's largest: 8 ms a page).
/// </summary>
public sealed record UserPage(IReadOnlyList<UserWithRoles> Users, int Total, bool MoreThanTotal = false)
{
    public const int CountLimit = 10_000;
}

/// <summary>A school to choose from.</summary>
public sealed class SchoolOption
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>The school's unique reference number (England's GIAS), when it has one.</summary>
    public string? Urn { get; set; }

    public string Country { get; set; } = string.Empty;
}
