namespace Npq.Core.Accounts;

/// <summary>A person's own account page: who they are and the roles they hold.</summary>
public sealed record AccountProfile(string DisplayName, string Email, IReadOnlyList<string> Roles);

/// <summary>One page of a provider's people, as searched (the query as it was used, trimmed and cut to 200 characters).</summary>
public sealed record UserSearch(string? Query, IReadOnlyList<UserWithRoles> Users, int Page, int PageCount, int Total)
{
    /// <summary>True when more people match than were counted (<see cref="UserPage.CountLimit"/>); <see cref="Total"/> is then the limit.</summary>
    public bool MoreThanTotal { get; init; }
}

/// <summary>One person as their administrator sees them.</summary>
public sealed record UserDetail(UserWithRoles User, string? SchoolName, bool IsSelf, bool InvitationPending);

/// <summary>
/// The schools matching what an admin typed (trimmed and cut to <see cref="UserDirectory.MaxSchoolQueryLength"/>
/// characters; null when nothing was typed), at most <see cref="UserDirectory.SchoolResults"/>, and whether more match.
/// </summary>
public sealed record SchoolSearch(string? Query, IReadOnlyList<SchoolOption> Schools, bool More)
{
    public static readonly SchoolSearch None = new(null, [], false);
}

/// <summary>Finding people: a person's own profile, a provider's people page by page, one person's details, schools.</summary>
public sealed class UserDirectory(IUserRepository users)
{
    public const int PageSize = 25;
    public const int MaxQueryLength = 200;

    /// <summary>How many schools a school search shows.</summary>
    public const int SchoolResults = 20;

    /// <summary>The longest school search kept (Schools.Name is 200 characters; no useful search is longer).</summary>
    public const int MaxSchoolQueryLength = 100;

    public Task<AppUser?> FindAsync(int userId, CancellationToken cancellationToken = default) => users.FindByIdAsync(userId, cancellationToken);

    public async Task<AccountProfile?> ProfileAsync(int userId, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        return user is null ? null : new AccountProfile(user.DisplayName, user.Email, await users.GetRolesAsync(user.Id, cancellationToken));
    }

    /// <summary>The provider's people matching <paramref name="query"/> in name or email, <see cref="PageSize"/> a page unless asked (at most 100).</summary>
    public async Task<UserSearch> SearchAsync(int providerId, string? query, int page, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        query = query?.Trim();
        if (query?.Length > MaxQueryLength)
        {
            query = query[..MaxQueryLength];
        }

        page = Math.Max(1, page);
        pageSize = pageSize is >= 1 and <= 100 ? pageSize : PageSize;
        var result = await users.SearchAsync(providerId, query, (int)Math.Min(int.MaxValue, ((long)page - 1) * pageSize), pageSize, cancellationToken);
        var pageCount = Math.Max(1, (result.Total + pageSize - 1) / pageSize);
        return new UserSearch(query, result.Users, Math.Min(page, pageCount), pageCount, result.Total) { MoreThanTotal = result.MoreThanTotal };
    }

    public Task<SchoolOption?> GetSchoolAsync(int schoolId, CancellationToken cancellationToken = default) => users.GetSchoolAsync(schoolId, cancellationToken);

    /// <summary>
    /// The schools whose URN is <paramref name="query"/> or whose name starts with or contains it, most relevant first,
    /// <see cref="SchoolResults"/> at most (one more is read to know whether more match).
    /// </summary>
    public async Task<SchoolSearch> FindSchoolsAsync(string? query, CancellationToken cancellationToken = default)
    {
        query = query?.Trim();
        if (string.IsNullOrEmpty(query))
        {
            return SchoolSearch.None;
        }

        if (query.Length > MaxSchoolQueryLength)
        {
            query = query[..MaxSchoolQueryLength].TrimEnd();
        }

        var schools = await users.FindSchoolsAsync(query, SchoolResults + 1, cancellationToken);
        return new SchoolSearch(query, schools.Take(SchoolResults).ToList(), schools.Count > SchoolResults);
    }

    /// <summary>The person with their roles, school ("Name (Country)") and whether an invitation is still open.</summary>
    public async Task<UserDetail> DetailAsync(AppUser user, int viewerUserId, CancellationToken cancellationToken = default)
    {
        var roles = await users.GetRolesAsync(user.Id, cancellationToken);
        var school = user.SchoolId is { } schoolId ? await users.GetSchoolAsync(schoolId, cancellationToken) : null;
        return new UserDetail(
            new UserWithRoles(user, roles),
            school is null ? null : $"{school.Name} ({school.Country})",
            user.Id == viewerUserId,
            user.PasswordHash is null && user.IsActive);
    }
}
