using Dapper;
using Npq.Core.Webinars;
using Npq.Data.Infrastructure;

namespace Npq.Data.Webinars;

/// <summary>Private calendar feed tokens, kept only as hashes. One live feed per person.</summary>
public sealed class CalendarFeedRepository(IDbConnectionFactory db) : ICalendarFeedRepository
{
    /// <summary>Revokes the person's live feed (if any) and stores the new token's hash.</summary>
    public async Task ReplaceAsync(int userId, string tokenHash, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE CalendarFeeds SET RevokedUtc = @nowUtc WHERE UserId = @userId AND RevokedUtc IS NULL", new { userId, nowUtc }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO CalendarFeeds (UserId, TokenHash, CreatedUtc) VALUES (@userId, @tokenHash, @nowUtc)", new { userId, tokenHash, nowUtc }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(int userId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE CalendarFeeds SET RevokedUtc = @nowUtc WHERE UserId = @userId AND RevokedUtc IS NULL", new { userId, nowUtc }, cancellationToken: cancellationToken)) > 0;
    }

    /// <summary>When the person's live feed was created, or null when they have none.</summary>
    public async Task<DateTime?> GetLiveFeedCreatedAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(
            "SELECT CreatedUtc FROM CalendarFeeds WHERE UserId = @userId AND RevokedUtc IS NULL", new { userId }, cancellationToken: cancellationToken));
    }

    /// <summary>The owner of a live (not revoked) feed with this token hash, or null.</summary>
    public async Task<int?> FindLiveOwnerAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "SELECT f.UserId FROM CalendarFeeds f JOIN Users u ON u.Id = f.UserId WHERE f.TokenHash = @tokenHash AND f.RevokedUtc IS NULL AND u.IsActive = 1",
            new { tokenHash }, cancellationToken: cancellationToken));
    }
}
