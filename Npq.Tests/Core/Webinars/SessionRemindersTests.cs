using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Notifications;
using Npq.Core.Webinars;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Webinars;

public sealed class SessionRemindersTests
{
    private InlineWrites Writes { get; set; } = new();

    private static readonly DateTime Now = new(2026, 10, 20, 12, 0, 0, DateTimeKind.Utc);

    private Mock<IWebinarRepository> _webinars = null!;
    private Mock<INotifier> _notifier = null!;
    private SessionReminders _reminders = null!;

    [SetUp]
    public void SetUp()
    {
        _webinars = new Mock<IWebinarRepository>();
        _notifier = new Mock<INotifier>();
        _reminders = new SessionReminders(_webinars.Object, _notifier.Object, Writes, Options.Create(new WebinarsOptions { ReminderLeadMinutes = 60 }), NullLogger<SessionReminders>.Instance);
    }

    private static DueReminder Due(int userId, string? zone = null) => new()
    {
        SessionId = 8, UserId = userId, Title = "Culture", StartUtc = Now.AddMinutes(30), CohortTimeZone = "Europe/London", UserTimeZone = zone,
    };

    [Test]
    public async Task SendDueAsync_RemindersInTheLeadTime_AreRecordedThenSent_OnlyOnce()
    {
        _webinars.Setup(w => w.GetDueRemindersAsync(Now, Now.AddMinutes(60), It.IsAny<CancellationToken>())).ReturnsAsync([Due(1), Due(2)]);
        _webinars.Setup(w => w.TryRecordReminderAsync(8, 1, Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _webinars.Setup(w => w.TryRecordReminderAsync(8, 2, Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var sent = await _reminders.SendDueAsync(Now);

        Assert.That(sent, Is.EqualTo(1));
        _notifier.Verify(n => n.NotifyAsync(1, "webinar-reminder", It.Is<string>(t => t.StartsWith("Reminder: “Culture” starts ", StringComparison.Ordinal)), "/webinars/sessions/8", It.IsAny<CancellationToken>()), Times.Once);
        _notifier.Verify(n => n.NotifyAsync(2, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never, "someone else already sent it");
    }

    [Test]
    public void When_PersonInAnotherZone_AddsTheirTime()
    {
        Assert.That(SessionReminders.When(Due(1)), Does.Contain("London time").And.Not.Contain("for you"));
        Assert.That(SessionReminders.When(Due(1, "Asia/Dubai")), Does.Contain("London time").And.Contain("Dubai time for you"));
        Assert.That(SessionReminders.When(Due(1, "Europe/London")), Does.Not.Contain("for you"), "the same zone is said once");
    }
}
