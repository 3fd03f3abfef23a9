using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npq.Core.Accounts;
using Npq.Data.Infrastructure;

namespace Npq.Data.Accounts;

/// <summary>
/// Remembers <see cref="SessionUser"/> rows so that a signed-in request does not read the Users table to check its
/// cookie. Every write to a user's row in this process forgets that user at once (so signing out everywhere, a
/// password change, a role change or a deactivation still end other sessions on their next request); the time to
/// live bounds how long another instance of the site, which cannot be told, may trust an old stamp.
/// </summary>
public sealed class UserSessionCache(IDbConnectionFactory db, IMemoryCache cache, TimeSpan timeToLive) : IUserSessions
{
    private static readonly object KeyPrefix = new();

    public async Task<SessionUser?> GetAsync(int userId, CancellationToken cancellationToken = default)
    {
        var key = (KeyPrefix, userId);
        if (timeToLive > TimeSpan.Zero && cache.TryGetValue(key, out SessionUser? known))
        {
            return known;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var user = await connection.QuerySingleOrDefaultAsync<SessionUser>(new CommandDefinition(
            "SELECT Id, SecurityStamp, IsActive, TimeZone, TimeZoneConfirmed, DisplayName FROM Users WHERE Id = @userId",
            new { userId }, cancellationToken: cancellationToken));
        if (user is not null && timeToLive > TimeSpan.Zero)
        {
            cache.Set(key, user, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive, Size = 1 });
        }

        return user;
    }

    /// <summary>Forgets the user; called by every repository method that writes their row.</summary>
    public void Invalidate(int userId) => cache.Remove((KeyPrefix, userId));
}
