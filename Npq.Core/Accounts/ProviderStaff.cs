namespace Npq.Core.Accounts;

/// <summary>
/// The provider's staff who may be chosen for something (a candidate's mentor, a session's facilitator, a programme's
/// editor): active users of that provider holding one of the roles the use asks for. Every read is of the people
/// named (by id or by email address), scoped to the provider, never the provider's whole list: a page offers the few it
/// already shows (<see cref="AmongAsync"/>) and names anyone else by email address (<see cref="FindByEmailAsync"/>).
/// </summary>
public sealed class ProviderStaff(IUserRepository users)
{
    /// <summary>Of the people given, the provider's active users in any of <paramref name="roles"/>, by name then id (one query a role).</summary>
    public async Task<IReadOnlyList<AppUser>> AmongAsync(
        int providerId, IReadOnlyCollection<int> userIds, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var found = new Dictionary<int, AppUser>();
        foreach (var role in roles)
        {
            foreach (var user in await users.GetActiveInRoleAsync(providerId, role, userIds, cancellationToken))
            {
                found.TryAdd(user.Id, user);
            }
        }

        return found.Values.OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(u => u.Id).ToList();
    }

    /// <summary>True when the person is one of the provider's active users in any of <paramref name="roles"/>: a read of that one person.</summary>
    public async Task<bool> IsOneOfAsync(int providerId, int userId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default) =>
        (await AmongAsync(providerId, [userId], roles, cancellationToken)).Count == 1;

    /// <summary>
    /// The provider's active user with this email address (compared as the sign-in compares it) holding any of
    /// <paramref name="roles"/>, or null: an address too long to be one, someone unknown, inactive, of another provider
    /// or in none of the roles.
    /// </summary>
    public async Task<int?> FindByEmailAsync(int providerId, string email, IReadOnlyCollection<string> roles, CancellationToken cancellationToken = default)
    {
        var trimmed = email.Trim();
        if (trimmed.Length is 0 or > Enrolment.EmailRule.MaxLength)
        {
            return null;
        }

        var user = await users.FindByNormalizedEmailAsync(trimmed.ToUpperInvariant(), cancellationToken);
        if (user is not { IsActive: true } || user.ProviderId != providerId)
        {
            return null;
        }

        var held = await users.GetRolesAsync(user.Id, cancellationToken);
        return roles.Any(r => held.Contains(r, StringComparer.OrdinalIgnoreCase)) ? user.Id : null;
    }
}
