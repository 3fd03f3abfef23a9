using Dapper;
using Npq.Core.Notifications;
using Npq.Data.Infrastructure;

namespace Npq.Data.Notifications;

/// <summary>Rows of <c>MailOutbox</c>: every email, claimed by the node sending it.</summary>
public sealed class MailOutboxRepository(IDbConnectionFactory db) : IMailOutboxRepository
{
    private const string Columns = """
        Id, ToAddress, Subject, TextBody, RecipientUserId, ProviderId, Status, Attempts, CreatedUtc, NextAttemptUtc,
        LastAttemptUtc, SentUtc, LastError
        """;

    public async Task<int> AddAsync(OutboxMail mail, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO MailOutbox (ToAddress, Subject, TextBody, RecipientUserId, ProviderId, Status, Attempts, CreatedUtc, NextAttemptUtc)
            VALUES (@ToAddress, @Subject, @TextBody, @RecipientUserId, @ProviderId, 'Pending', 0, @CreatedUtc, @NextAttemptUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new
        {
            mail.ToAddress,
            mail.Subject,
            mail.TextBody,
            mail.RecipientUserId,
            mail.ProviderId,
            mail.CreatedUtc,
            mail.NextAttemptUtc,
        }, transaction, cancellationToken: cancellationToken));
        if (mail.QuotedPostIds.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO MailOutboxPosts (MailId, PostId) VALUES (@MailId, @PostId)",
                mail.QuotedPostIds.Distinct().Select(postId => new { MailId = id, PostId = postId }), transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<OutboxMail>> ClaimDueAsync(DateTime nowUtc, string worker, DateTime claimUntilUtc, int take, CancellationToken cancellationToken = default)
    {
        var due = "SELECT Id FROM MailOutbox WHERE Status = 'Pending' AND NextAttemptUtc <= @nowUtc AND (ClaimedUntilUtc IS NULL OR ClaimedUntilUtc < @nowUtc) ORDER BY NextAttemptUtc, Id"
            + db.Dialect.Page;
        List<int> ids;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            ids = (await connection.QueryAsync<int>(new CommandDefinition(due, new { nowUtc, Skip = 0, Take = take }, cancellationToken: cancellationToken))).ToList();
        }

        var claimed = new List<int>();
        foreach (var id in ids)
        {
            await using var connection = await db.OpenForWriteAsync(cancellationToken);
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE MailOutbox SET ClaimedBy = @worker, ClaimedUntilUtc = @claimUntilUtc
                WHERE Id = @id AND Status = 'Pending' AND (ClaimedUntilUtc IS NULL OR ClaimedUntilUtc < @nowUtc)
                """,
                new { id, worker, claimUntilUtc, nowUtc },
                cancellationToken: cancellationToken));
            if (rows == 1)
            {
                claimed.Add(id);
            }
        }

        if (claimed.Count == 0)
        {
            return [];
        }

        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            return (await connection.QueryAsync<OutboxMail>(new CommandDefinition(
                $"SELECT {Columns} FROM MailOutbox WHERE ClaimedBy = @worker AND Status = 'Pending' AND Id IN @claimed ORDER BY Id",
                new { worker, claimed },
                cancellationToken: cancellationToken))).ToList();
        }
    }

    public Task MarkSentAsync(int id, DateTime sentUtc, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            UPDATE MailOutbox SET Status = 'Sent', SentUtc = @sentUtc, LastAttemptUtc = @sentUtc, Attempts = Attempts + 1,
                ClaimedBy = NULL, ClaimedUntilUtc = NULL
            WHERE Id = @id
            """,
            new { id, sentUtc },
            cancellationToken);

    public Task MarkAttemptFailedAsync(int id, OutboxStatus status, int attempts, DateTime attemptUtc, DateTime nextAttemptUtc, string error, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            """
            UPDATE MailOutbox SET Status = @status, Attempts = @attempts, LastAttemptUtc = @attemptUtc, NextAttemptUtc = @nextAttemptUtc,
                LastError = @error, ClaimedBy = NULL, ClaimedUntilUtc = NULL
            WHERE Id = @id
            """,
            new { id, status = status.ToString(), attempts, attemptUtc, nextAttemptUtc, error },
            cancellationToken);

    public async Task<int> CountDueAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM MailOutbox WHERE Status = 'Pending' AND NextAttemptUtc <= @nowUtc", new { nowUtc }, cancellationToken: cancellationToken));
    }

    public async Task<OutboxPage> ListUnsentAsync(int providerId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM MailOutbox WHERE ProviderId = @providerId AND Status IN ('Pending', 'Failed')", new { providerId }, cancellationToken: cancellationToken));
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var mails = (await connection.QueryAsync<OutboxMail>(new CommandDefinition(
            $"SELECT {Columns} FROM MailOutbox WHERE ProviderId = @providerId AND Status IN ('Pending', 'Failed') ORDER BY Id DESC" + db.Dialect.Page,
            new { providerId, Skip = (page - 1) * pageSize, Take = pageSize },
            cancellationToken: cancellationToken))).ToList();
        return new OutboxPage(mails, page, pageSize, total);
    }

    public async Task<bool> SendAgainAsync(int id, int providerId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE MailOutbox SET Status = 'Pending', Attempts = 0, NextAttemptUtc = @nowUtc, ClaimedBy = NULL, ClaimedUntilUtc = NULL
            WHERE Id = @id AND ProviderId = @providerId AND Status IN ('Pending', 'Failed')
            """,
            new { id, providerId, nowUtc },
            cancellationToken: cancellationToken)) == 1;
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }
}
