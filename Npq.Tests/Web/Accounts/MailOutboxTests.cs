using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npq.Core.Notifications;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Web.Accounts;

/// <summary>
/// The mail outbox: a mail the relay refuses is tried again after a growing wait, then marked failed and shown to its
/// provider's admins, who can send it again. The scheduler runs nothing here (Jobs:Enabled=false): the test drives
/// the sender as the mail job would.
/// </summary>
public sealed class MailOutboxTests : WebFixture
{
    private readonly SwitchableTransport _transport = new();

    protected override NpqWebFactory CreateFactory() => new(
        new Dictionary<string, string?> { ["Jobs:Enabled"] = "false", ["Email:MaxAttempts"] = "2", ["Email:RetryBaseSeconds"] = "1" },
        services =>
        {
            services.AddTestAuthentication();
            services.RemoveAll<IMailTransport>();
            services.AddSingleton<IMailTransport>(_transport);
        });

    private async Task<OutboxMail> RowAsync(int id)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        return await connection.QuerySingleAsync<OutboxMail>(
            "SELECT Id, ToAddress, Subject, TextBody, Status, Attempts, NextAttemptUtc, LastAttemptUtc, SentUtc, LastError FROM MailOutbox WHERE Id = @id", new { id });
    }

    private async Task<int> QueueAsync(string subject)
    {
        await Service<IEmailSender>().SendAsync(new EmailMessage("candidate2@npq.example", subject, "Hello"));
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT Id FROM MailOutbox WHERE Subject = @subject", new { subject });
    }

    [Test]
    public void Backoff_DoublesFromTheBase_UpToADay()
    {
        Assert.That(MailOutboxSender.Backoff(1, 30), Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(MailOutboxSender.Backoff(2, 30), Is.EqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(MailOutboxSender.Backoff(4, 30), Is.EqualTo(TimeSpan.FromMinutes(4)));
        Assert.That(MailOutboxSender.Backoff(40, 30), Is.EqualTo(TimeSpan.FromDays(1)));
    }

    [Test]
    public async Task RefusedMail_RetriedAfterBackoff_ThenFailedAndShownToAdmins_SendAgainDeliversIt()
    {
        var sender = Service<MailOutboxSender>();
        var subject = "Outbox test " + Guid.NewGuid().ToString("N")[..8];
        _transport.Failing = true;
        var id = await QueueAsync(subject);

        await sender.SendDueAsync("test");
        var first = await RowAsync(id);
        await sender.SendDueAsync("test");
        var notYetDue = await RowAsync(id);
        await Task.Delay(first.NextAttemptUtc - DateTime.UtcNow + TimeSpan.FromMilliseconds(150));
        await sender.SendDueAsync("test");
        var failed = await RowAsync(id);

        Assert.That((first.Status, first.Attempts), Is.EqualTo((OutboxStatus.Pending, 1)));
        Assert.That(first.NextAttemptUtc - first.LastAttemptUtc!.Value, Is.EqualTo(TimeSpan.FromSeconds(1)).Within(TimeSpan.FromMilliseconds(5)));
        Assert.That(first.LastError, Does.Contain("relay refused"));
        Assert.That(notYetDue.Attempts, Is.EqualTo(1), "not tried again before its time");
        Assert.That((failed.Status, failed.Attempts), Is.EqualTo((OutboxStatus.Failed, 2)));

        using var admin = Factory.ClientFor("admin@npq.example");
        var page = await Html.ReadAsync(await admin.GetAsync("/admin/mail"));
        var row = page.QuerySelectorAll("table.mail-outbox tbody tr").Single(r => r.TextContent.Contains(subject));
        Assert.That(row.TextContent, Does.Contain("Failed").And.Contain("candidate2@npq.example").And.Contain("relay refused"));
        Assert.That(row.QuerySelectorAll("td")[4].TextContent.Trim(), Is.EqualTo("2"));

        _transport.Failing = false;
        var again = await Forms.SubmitAsync(admin, "/admin/mail", $"form[action^='/admin/mail/{id}/send-again']", new Dictionary<string, string>());
        var queued = await RowAsync(id);
        await sender.SendDueAsync("test");
        var sent = await RowAsync(id);
        var after = await Html.ReadAsync(await admin.GetAsync("/admin/mail"));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((queued.Status, queued.Attempts), Is.EqualTo((OutboxStatus.Pending, 0)));
        Assert.That(sent.Status, Is.EqualTo(OutboxStatus.Sent));
        Assert.That(_transport.Sent.Count(m => m.Subject == subject), Is.EqualTo(1));
        Assert.That(after.QuerySelectorAll("table.mail-outbox tbody tr").Any(r => r.TextContent.Contains(subject)), Is.False);
    }

    [Test]
    public async Task SendAgain_MailThatIsNotThere_Is404_AndPageIsForProviderAdminsOnly()
    {
        using var admin = Factory.ClientFor("admin@npq.example");
        using var candidate = Factory.ClientFor("candidate2@npq.example");
        var token = await Forms.TokenFromAsync(admin, "/admin/mail");
        var missing = await admin.PostAsync("/admin/mail/999999/send-again", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token }));

        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await candidate.GetAsync("/admin/mail")).StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect));
    }

    private sealed class SwitchableTransport : IMailTransport
    {
        public volatile bool Failing;

        public System.Collections.Concurrent.ConcurrentQueue<EmailMessage> Sent { get; } = new();

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            if (Failing)
            {
                throw new IOException("relay refused the message (test)");
            }

            Sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
