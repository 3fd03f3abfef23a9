using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Notifications;

namespace Npq.Tests.Core.Accounts;

public sealed class NotificationInboxTests
{
    [Test]
    public async Task MarkAllRead_MarksThePersonsOwnAsReadNow()
    {
        var notifications = new Mock<INotificationRepository>();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 10, 5, 9, 0, 0, TimeSpan.Zero));

        await new NotificationInbox(notifications.Object, time).MarkAllReadAsync(6);

        notifications.Verify(n => n.MarkAllReadAsync(6, new DateTime(2026, 10, 5, 9, 0, 0, DateTimeKind.Utc), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task List_IsThePersonsNewestHundred()
    {
        var notifications = new Mock<INotificationRepository>();
        var mine = new[] { new Notification { Id = 1, UserId = 6, Kind = "feedback", Title = "Feedback" } };
        notifications.Setup(n => n.GetForUserAsync(6, NotificationInbox.Size, It.IsAny<CancellationToken>())).ReturnsAsync(mine);

        var list = await new NotificationInbox(notifications.Object, TimeProvider.System).ListAsync(6);

        Assert.That(list, Is.EqualTo(mine));
        Assert.That(NotificationInbox.Size, Is.EqualTo(100));
    }
}
