using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Notifications;
using Npq.Data.Accounts;

namespace Npq.Tests.Web.Accounts;

public sealed class NotificationsTests : WebFixture
{
    [Test]
    public async Task Notify_WritesTheInAppNotificationAndAnEmlFileWithTheLink()
    {
        using var client = Factory.ClientFor("candidate1@npq.example");
        var users = Service<UserRepository>();
        var candidate = (await users.FindByNormalizedEmailAsync("CANDIDATE1@NPQ.EXAMPLE"))!;

        await Service<INotifier>().NotifyAsync(candidate.Id, "feedback", "Your mentor left feedback on “Coaching log”", "/evidence/1");
        var page = await Html.ReadAsync(await client.GetAsync("/notifications"));
        // The demo data has mailed candidate1 before (a discussion announcement and mention): this test's mail is the latest.
        await Factory.DrainMailAsync();
        var mail = Directory.GetFiles(Factory.MailFolder, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).Last(m => m.Contains("candidate1@npq.example"));

        Assert.That(page.QuerySelector(".notifications li.unread a")!.GetAttribute("href"), Is.EqualTo("/evidence/1"));
        Assert.That(page.QuerySelector(".notifications li.unread").Text(), Does.Contain("Your mentor left feedback on “Coaching log”"));
        Assert.That(mail, Does.Contain("Subject: =?utf-8?B?"));
        var body = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(string.Concat(mail.Split("\r\n\r\n", 2)[1].Split("\r\n"))));
        Assert.That(body, Does.Contain("http://localhost:5000/evidence/1"));

        var response = await Forms.SubmitAsync(client, "/notifications", "form[action='/notifications/read']", new Dictionary<string, string>());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var after = await Html.ReadAsync(await client.GetAsync("/notifications"));
        Assert.That(after.QuerySelectorAll(".notifications li.unread"), Is.Empty);
    }

    [Test]
    public async Task Notifications_AnotherUsersAreNeverShown()
    {
        using var mentor = Factory.ClientFor("mentor@npq.example");
        var users = Service<UserRepository>();
        var candidate2 = (await users.FindByNormalizedEmailAsync("CANDIDATE2@NPQ.EXAMPLE"))!;
        await Service<INotifier>().NotifyAsync(candidate2.Id, "progress-update", "Private to candidate 2", null);

        var page = await mentor.GetStringAsync("/notifications");

        Assert.That(page, Does.Not.Contain("Private to candidate 2"));
    }

    [Test]
    public async Task MarkRead_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = Factory.ClientFor("candidate1@npq.example");

        var response = await client.PostAsync("/notifications/read", new FormUrlEncodedContent([]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
