using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Changes;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Web.Infrastructure.Email;
using Npq.Web.Infrastructure.Jobs;

namespace Npq.Tests.Web.Portfolio;

/// <summary>
/// A change, its in-app notification and its outbox mail commit or roll back together (issue 22): shown on the mentor's
/// feedback, in the running application's container on its SQLite database. In the evidence fixture (no host of its own).
/// </summary>
public sealed partial class EvidenceTests
{
    private async Task<FeedbackSubject> AmirasEvidenceAsync()
    {
        var amira = await IdOf(Amira);
        int evidenceId;
        await using (var connection = await Service<IDbConnectionFactory>().OpenAsync())
        {
            evidenceId = await connection.ExecuteScalarAsync<int>("SELECT MIN(Id) FROM EvidenceItems WHERE CandidateUserId = @amira", new { amira });
        }

        return await Service<FeedbackService>().OnEvidenceAsync(evidenceId, CancellationToken.None) ?? throw new InvalidOperationException("Amira has no evidence in the demo data");
    }

    /// <summary>Rows about one test's marker: feedback comments with it as body, notifications and outbox mails with it as title/subject.</summary>
    private async Task<(int Feedback, int Notifications, int Outbox)> RowsAsync(string body, string title)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        return (
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM FeedbackComments WHERE Body = @body", new { body }),
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Notifications WHERE Title = @title", new { title }),
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM MailOutbox WHERE Subject = @title", new { title }));
    }

    [Test]
    public async Task MentorFeedback_WritesTheComment_TheNotification_AndTheOutboxMail()
    {
        var subject = await AmirasEvidenceAsync() with { CandidateTitle = "Feedback notified " + Guid.NewGuid().ToString("N") };
        var body = "Committed together " + Guid.NewGuid().ToString("N");

        var problem = await Service<FeedbackService>().AddAsync(subject, body, null, await IdOf(Mentor), CancellationToken.None);

        Assert.That(problem, Is.Null);
        Assert.That(await RowsAsync(body, subject.CandidateTitle), Is.EqualTo((1, 1, 1)));
    }

    [Test]
    public async Task MentorFeedback_WhenTheOutboxWriteFails_KeepsNeitherTheCommentNorTheNotification()
    {
        var subject = await AmirasEvidenceAsync() with { CandidateTitle = "Feedback rolled back " + Guid.NewGuid().ToString("N") };
        var body = "Must not stay " + Guid.NewGuid().ToString("N");
        var outbox = new Mock<IMailOutboxRepository>();
        outbox.Setup(o => o.AddAsync(It.IsAny<OutboxMail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("The outbox is down"));
        var together = Service<IWriteTogether>();
        var email = new OutboxEmailSender(outbox.Object, Service<IUserRepository>(), Service<JobQueue>(), together, TimeProvider.System, NullLogger<OutboxEmailSender>.Instance);
        var notifier = new Notifier(Service<INotificationRepository>(), Service<IUserRepository>(), email, Service<IOptions<EmailOptions>>(), TimeProvider.System);
        var feedback = new FeedbackService(Service<IFeedbackRepository>(), Service<IEvidenceRepository>(), Service<ITaskRepository>(), Service<CandidateLookup>(),
            notifier, together, TimeProvider.System, NullLogger<FeedbackService>.Instance);

        Assert.ThrowsAsync<InvalidOperationException>(() => feedback.AddAsync(subject, body, null, IdOf(Mentor).Result, CancellationToken.None));

        outbox.Verify(o => o.AddAsync(It.IsAny<OutboxMail>(), It.IsAny<CancellationToken>()), Times.Once, "the outbox was reached, after the comment and the notification were written");
        Assert.That(await RowsAsync(body, subject.CandidateTitle), Is.EqualTo((0, 0, 0)));
        Assert.That(await Service<FeedbackService>().AddAsync(subject, body, null, await IdOf(Mentor), CancellationToken.None), Is.Null, "the writer is free again");
    }

    [Test]
    public async Task Notification_WhenTheChangeFailsAfterIt_LeavesNoNotificationAndNoMail()
    {
        var title = "Undone with its change " + Guid.NewGuid().ToString("N");
        var amira = await IdOf(Amira);

        Assert.ThrowsAsync<InvalidOperationException>(() => Service<IWriteTogether>().RunAsync(async ct =>
        {
            await Service<INotifier>().NotifyAsync(amira, "test", title, null, ct);
            Assert.That(await RowsAsync("-", title), Is.EqualTo((0, 1, 1)), "inside the unit its own reads see the rows");
            throw new InvalidOperationException("The change failed");
        }));

        Assert.That(await RowsAsync("-", title), Is.EqualTo((0, 0, 0)));
    }
}
