using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>A person's discussion subscriptions and email choice in the data rights: exported, and deleted on erasure.</summary>
public sealed class FollowPersonalData(IDbConnectionFactory db) : IPersonalDataContributor
{
    public int Order => 56;

    private static readonly (string Name, string Sql)[] ExportQueries =
    [
        ("discussion_subscriptions", "SELECT Kind, TargetId, CreatedUtc FROM DiscussionSubscriptions WHERE UserId = @userId ORDER BY CreatedUtc, Kind, TargetId"),
        ("discussion_email_choice", "SELECT Frequency, LocalMinutes, Weekday, NextDigestUtc, LastDigestUtc FROM DiscussionDigestPreferences WHERE UserId = @userId"),
    ];

    public async Task<PersonalDataExport> ExportAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return new PersonalDataExport(await PersonalDataSections.ReadAsync(connection, ExportQueries, userId, cancellationToken), []);
    }

    public async Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM DiscussionSubscriptions WHERE UserId = @userId; DELETE FROM DiscussionDigestPreferences WHERE UserId = @userId;",
            new { userId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, 0, []);
    }
}
