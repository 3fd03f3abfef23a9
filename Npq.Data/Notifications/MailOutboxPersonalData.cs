using Dapper;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;

namespace Npq.Data.Notifications;

/// <summary>
/// A person's mail in the outbox, in the data rights: exported (subject, state, times; the bodies are what the
/// notifications already hold) and deleted on erasure, whether sent or not. Runs before the account is anonymised,
/// since mail to their address is found through it.
/// </summary>
public sealed class MailOutboxPersonalData(IDbConnectionFactory db) : IPersonalDataContributor
{
    public int Order => 60;

    /// <summary>The person's mail: to their account, or to their address.</summary>
    private const string PersonsMail = "RecipientUserId = @userId OR ToAddress = (SELECT u.Email FROM Users u WHERE u.Id = @userId)";

    private static readonly (string Name, string Sql)[] ExportQueries =
    [
        ("mail", $"""
            SELECT m.Id, m.ToAddress, m.Subject, m.Status, m.Attempts, m.CreatedUtc, m.SentUtc
            FROM MailOutbox m
            WHERE {PersonsMail}
            ORDER BY m.Id
            """),
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
        await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM MailOutboxPosts WHERE MailId IN (SELECT m.Id FROM MailOutbox m WHERE {PersonsMail})", new { userId }, transaction, cancellationToken: cancellationToken));
        var removed = await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM MailOutbox WHERE {PersonsMail}", new { userId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new ErasureOutcome(removed, 0, []);
    }
}
