using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>
/// A person's discussion subscriptions and email choice in the data rights: exported, and deleted on erasure. Discussion
/// emails to OTHER people (digests and immediate mails) quote the person's posts under their name, so on erasure every
/// such mail in the outbox, sent or not, has its text replaced; each mail records the posts it quotes.
/// </summary>
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

    /// <summary>What a discussion email whose author was erased says instead.</summary>
    public const string RemovedMailText = "This discussion email was removed because a participant's data was erased.";

    public async Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM DiscussionSubscriptions WHERE UserId = @userId; DELETE FROM DiscussionDigestPreferences WHERE UserId = @userId;",
            new { userId }, transaction, cancellationToken: cancellationToken));

        // The mails quoting the person's posts, found through the posts each mail recorded (MailOutboxPosts).
        var anonymised = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE MailOutbox SET TextBody = @removedText
            WHERE Id IN (SELECT q.MailId FROM DiscussionPosts p JOIN MailOutboxPosts q ON q.PostId = p.Id WHERE p.AuthorUserId = @userId)
              AND TextBody <> @removedText
            """, new { userId, removedText = RemovedMailText }, transaction, cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, anonymised, []);
    }
}
