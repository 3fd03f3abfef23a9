using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Discussions;

/// <summary>
/// A person's discussion subscriptions and email choice in the data rights: exported, and deleted on erasure. Discussion
/// emails to OTHER people (digests and immediate mails) quote the person's posts under their name, so on erasure any
/// such mail still in the outbox that names them as an author has its text replaced. Runs before the account is
/// anonymised (the name is read from it).
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

        var name = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT DisplayName FROM Users WHERE Id = @userId", new { userId }, transaction, cancellationToken: cancellationToken));
        var anonymised = 0;
        if (!string.IsNullOrWhiteSpace(name))
        {
            // The author line of a post in a discussion email is "\n{name}, {time}:\n" (DiscussionMail.Compose).
            var authorLine = "\n" + name + ", ";
            var mails = await connection.QueryAsync<MailRow>(new CommandDefinition("""
                SELECT Id, TextBody FROM MailOutbox
                WHERE (Subject LIKE 'New post in %' OR Subject LIKE '% in discussions you follow') AND TextBody <> @removedText
                """, new { removedText = RemovedMailText }, transaction, cancellationToken: cancellationToken));
            foreach (var mail in mails.Where(m => m.TextBody.Contains(authorLine, StringComparison.Ordinal)))
            {
                anonymised += await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE MailOutbox SET TextBody = @removedText WHERE Id = @id", new { removedText = RemovedMailText, id = mail.Id }, transaction, cancellationToken: cancellationToken));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, anonymised, []);
    }

    private sealed class MailRow
    {
        public int Id { get; set; }
        public string TextBody { get; set; } = "";
    }
}
