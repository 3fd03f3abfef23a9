using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Webinars;

namespace Npq.Tests.Web.Webinars;

/// <summary>Session reminders, sent once to each person before a session, and read on the notifications page (over the demo data).</summary>
public sealed class RemindersTests : WebinarsWebTest
{
    [Test]
    public async Task Reminders_SessionWithinTheLeadTime_EachPersonIsRemindedOnce()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddMinutes(200), "Reminder check");
        var reminders = Factory.Services.GetRequiredService<SessionReminders>();
        var now = session.StartUtc.AddMinutes(-30);

        var first = await reminders.SendDueAsync(now);
        var second = await reminders.SendDueAsync(now.AddMinutes(1));

        Assert.That(first, Is.GreaterThanOrEqualTo(2), "the candidate and the facilitator");
        Assert.That(second, Is.EqualTo(0));
        using var client = Factory.ClientFor("candidate1@npq.example");
        Assert.That(System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/notifications")), Does.Contain("Reminder: “Reminder check” starts"));
    }
}
