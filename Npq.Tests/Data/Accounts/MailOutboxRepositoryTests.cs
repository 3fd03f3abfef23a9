using Npq.Core.Notifications;
using Npq.Data.Notifications;

namespace Npq.Tests.Data.Accounts;

[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class MailOutboxRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private MailOutboxRepository Outbox => new(Db);

    private Task<int> AddAsync(string subject, int? providerId, DateTime? due = null) =>
        Outbox.AddAsync(new OutboxMail { ToAddress = "a@npq.example", Subject = subject, TextBody = "Hello", ProviderId = providerId, CreatedUtc = Now, NextAttemptUtc = due ?? Now });

    [Test]
    public async Task Claim_TakesDueMailOnce_ALiveClaimKeepsOthersOff_AnExpiredOneLetsThemIn()
    {
        var due = await AddAsync("due " + Guid.NewGuid(), 1);
        var later = await AddAsync("later " + Guid.NewGuid(), 1, Now.AddHours(1));

        var first = await Outbox.ClaimDueAsync(Now, "node-a", Now.AddMinutes(5), 500);
        var second = await Outbox.ClaimDueAsync(Now.AddMinutes(1), "node-b", Now.AddMinutes(6), 500);
        var afterExpiry = await Outbox.ClaimDueAsync(Now.AddMinutes(10), "node-b", Now.AddMinutes(15), 500);

        Assert.That(first.Select(m => m.Id), Does.Contain(due).And.Not.Contain(later));
        Assert.That(second.Select(m => m.Id), Does.Not.Contain(due));
        Assert.That(afterExpiry.Select(m => m.Id), Does.Contain(due), "a sender that died lets its mail go after the claim");
    }

    [Test]
    public async Task FailedThenSendAgain_ListedForItsProviderOnly_ThenDueWithAttemptsReset()
    {
        var id = await AddAsync("refused " + Guid.NewGuid(), 7);
        await Outbox.MarkAttemptFailedAsync(id, OutboxStatus.Failed, 6, Now, Now.AddHours(1), "IOException: refused");

        var listed = await Outbox.ListUnsentAsync(7, 1, 25);
        var otherProvider = await Outbox.ListUnsentAsync(8, 1, 25);
        var refusedElsewhere = await Outbox.SendAgainAsync(id, 8, Now);
        var again = await Outbox.SendAgainAsync(id, 7, Now.AddMinutes(1));
        var claimed = await Outbox.ClaimDueAsync(Now.AddMinutes(1), "node-a", Now.AddMinutes(6), 500);

        var row = listed.Mails.Single(m => m.Id == id);
        Assert.That((row.Status, row.Attempts, row.LastError), Is.EqualTo((OutboxStatus.Failed, 6, "IOException: refused")));
        Assert.That(otherProvider.Mails.Select(m => m.Id), Does.Not.Contain(id));
        Assert.That(refusedElsewhere, Is.False);
        Assert.That(again, Is.True);
        Assert.That(claimed.Single(m => m.Id == id).Attempts, Is.Zero);
    }
}
