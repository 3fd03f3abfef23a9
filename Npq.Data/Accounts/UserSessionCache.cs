using Dapper;
using Npq.Core.Accounts;
using Npq.Data.Infrastructure;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Accounts;

/// <summary>
/// Remembers <see cref="SessionUser"/> rows so that a signed-in request does not read the Users table to check its
/// cookie. Every write to a user's row forgets that user at once, on this instance and (through
/// <see cref="SharedCache"/>) on every other, so signing out everywhere, a password change, a role change or a
/// deactivation end other sessions on their next request wherever it lands.
/// </summary>
public sealed class UserSessionCache(IDbConnectionFactory db, SharedCache cache, TimeSpan timeToLive) : IUserSessions
{
    private const string Tag = "session-users";

    public async Task<SessionUser?> GetAsync(int userId, CancellationToken cancellationToken = default)
    {
        var found = await cache.GetOrLoadAsync(Key(userId), Tag, timeToLive, (db, userId), static async (state, cancel) =>
        {
            await using var connection = await state.db.OpenAsync(cancel);
            return new Remembered(await connection.QuerySingleOrDefaultAsync<SessionUser>(new CommandDefinition(
                "SELECT Id, SecurityStamp, IsActive, TimeZone, TimeZoneConfirmed, DisplayName, ProviderId, SchoolId FROM Users WHERE Id = @userId",
                new { state.userId }, cancellationToken: cancel)));
        }, cancellationToken);
        return found.User;
    }

    /// <summary>Forgets the user everywhere; called by every repository method that writes their row.</summary>
    public void Invalidate(int userId) => cache.Forget(Key(userId));

    private static string Key(int userId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"session-user:{userId}");

    /// <summary>The row, or none (a user deleted since the cookie was issued), kept as one immutable value.</summary>
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record Remembered(SessionUser? User);
}
