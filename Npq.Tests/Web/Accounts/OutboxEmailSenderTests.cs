using Microsoft.Extensions.Logging;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Changes;
using Npq.Core.Notifications;
using Npq.Web.Infrastructure.Email;
using Npq.Web.Infrastructure.Jobs;
using Quartz;

namespace Npq.Tests.Web.Accounts;

/// <summary>
/// A mail written to the outbox wakes the mail job; when it cannot, the mail stays queued for the job's schedule. While
/// the site starts (the demo data's mails are queued before the scheduler stores its jobs) that is expected and logged
/// quietly, with no stack trace; any other failure to wake the job is a warning.
/// </summary>
public sealed class OutboxEmailSenderTests
{
    private static readonly EmailMessage Message = new("someone@example.org", "Subject", "Body");

    [TestCase(false, LogLevel.Debug)]
    [TestCase(true, LogLevel.Warning)]
    public async Task SendAsync_JobNotWoken_KeepsTheMail_AndWarnsOnlyWhenTheJobIsStored(bool jobStored, LogLevel expected)
    {
        var outbox = new Mock<IMailOutboxRepository>();
        outbox.Setup(o => o.AddAsync(It.IsAny<OutboxMail>(), It.IsAny<CancellationToken>())).ReturnsAsync(7);
        var users = new Mock<IUserRepository>();
        var scheduler = new Mock<IScheduler>();
        scheduler.Setup(s => s.Exists(It.IsAny<TriggerKey>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        scheduler.Setup(s => s.Exists(MailOutboxJob.Key, It.IsAny<CancellationToken>())).ReturnsAsync(jobStored);
        scheduler.Setup(s => s.ScheduleJob(It.IsAny<ITrigger>(), It.IsAny<ScheduleJobOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new JobPersistenceException("The job (npq.mail-outbox) referenced by the trigger does not exist."));
        var schedulers = new Mock<ISchedulerFactory>();
        schedulers.Setup(f => f.GetScheduler(It.IsAny<CancellationToken>())).ReturnsAsync(scheduler.Object);
        var together = new Mock<IWriteTogether>();
        together.Setup(t => t.WhenCommittedAsync(It.IsAny<Func<Task>>())).Returns((Func<Task> action) => action());
        var logger = new Mock<ILogger<OutboxEmailSender>>();
        var sender = new OutboxEmailSender(outbox.Object, users.Object, new JobQueue(schedulers.Object), together.Object, TimeProvider.System, logger.Object);

        await sender.SendAsync(Message);

        outbox.Verify(o => o.AddAsync(It.Is<OutboxMail>(m => m.ToAddress == Message.To), It.IsAny<CancellationToken>()), Times.Once, "the mail is in the outbox");
        scheduler.Verify(s => s.ScheduleJob(It.IsAny<ITrigger>(), It.IsAny<ScheduleJobOptions>(), It.IsAny<CancellationToken>()), Times.Once, "the job was asked to wake");
        logger.Verify(l => l.Log(expected, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.Is<Exception?>(e => (e != null) == (expected == LogLevel.Warning)),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once, "a warning carries the failure; the quiet line does not");
        logger.Verify(l => l.Log(It.Is<LogLevel>(level => level != expected), It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), It.IsAny<Exception?>(),
            It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Never);
    }
}
