using Dapper;
using Npq.Core.Accounts;
using Npq.Data.Infrastructure;

namespace Npq.Data.Accounts;

/// <summary>A person's own time zone (Users.TimeZone), as guessed from their browser and confirmed by them.</summary>
public sealed class UserTimeZoneRepository(IDbConnectionFactory db, UserSessionCache sessions) : IUserTimeZones
{
    public async Task<UserTimeZone?> GetAsync(int userId, CancellationToken cancellationToken = default)
    {
        return await sessions.GetAsync(userId, cancellationToken) is { } known
            ? new UserTimeZone { TimeZone = known.TimeZone, Confirmed = known.TimeZoneConfirmed }
            : null;
    }

    /// <summary>Sets the zone the person confirmed.</summary>
    public async Task SetAsync(int userId, string timeZone, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE Users SET TimeZone = @timeZone, TimeZoneConfirmed = 1 WHERE Id = @userId", new { userId, timeZone }, cancellationToken: cancellationToken));
        sessions.Invalidate(userId);
    }
}
