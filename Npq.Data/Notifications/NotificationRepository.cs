using Dapper;
using Npq.Core.Notifications;
using Npq.Data.Infrastructure;

namespace Npq.Data.Notifications;

public sealed class NotificationRepository(IDbConnectionFactory db) : INotificationRepository
{
    public async Task<int> AddAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        const string sql = "INSERT INTO Notifications (UserId, CreatedUtc, Kind, Title, Link) VALUES (@UserId, @CreatedUtc, @Kind, @Title, @Link)";
        // The writer's turn (or, inside a unit of writes, the unit's connection, so it commits with the change it reports).
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql + db.Dialect.SelectLastInsertedId, notification, cancellationToken: cancellationToken));
    }

    /// <summary>The person's newest notifications first.</summary>
    public async Task<IReadOnlyList<Notification>> GetForUserAsync(int userId, int take, CancellationToken cancellationToken = default)
    {
        var sql = "SELECT Id, UserId, CreatedUtc, Kind, Title, Link, ReadUtc FROM Notifications WHERE UserId = @userId ORDER BY Id DESC" + db.Dialect.Page;
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Notification>(new CommandDefinition(sql, new { userId, Skip = 0, Take = take }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<int> CountUnreadAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Notifications WHERE UserId = @userId AND ReadUtc IS NULL", new { userId }, cancellationToken: cancellationToken));
    }

    /// <summary>Marks the person's notifications read; only their own rows can change.</summary>
    public async Task MarkAllReadAsync(int userId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE Notifications SET ReadUtc = @nowUtc WHERE UserId = @userId AND ReadUtc IS NULL", new { userId, nowUtc }, cancellationToken: cancellationToken));
    }
}
