using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Webinars;

namespace Npq.Tests.Web.Webinars;

/// <summary>Private calendar feeds: made, followed by calendar apps, updated, revoked. Through the real HTTP pipeline, over the demo data.</summary>
public sealed class CalendarFeedTests : WebinarsWebTest
{
    [Test]
    public async Task Feed_OwnersUrlServesTheirSessions_UpdatesRaiseSequence_CancelsAreSent_RevokedGetsNothing()
    {
        var (uk, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddDays(20), "Feed check");
        using var candidate = Factory.ClientFor("candidate1@npq.example");
        using var anonymous = Factory.NewClient();

        var created = await Html.ReadAsync(await Forms.SubmitAsync(candidate, "/calendar", "form[action='/calendar/feed']", new Dictionary<string, string>()));
        var url = new Uri(created.QuerySelector("#feed-url")!.GetAttribute("value")!);
        var feed = await anonymous.GetAsync(url.PathAndQuery);
        var ics = await feed.Content.ReadAsStringAsync();

        Assert.That(feed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(feed.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/calendar"));
        Assert.That(ics, Does.Contain($"UID:session-{session.Id}@localhost"));
        var ukSession = (await Webinars.GetSessionsForCohortAsync(uk)).First();
        Assert.That(ics, Does.Not.Contain($"UID:session-{ukSession.Id}@"));

        using var admin = Factory.ClientFor("admin@npq.example");
        await Forms.SubmitAsync(admin, $"/webinars/sessions/{session.Id}/edit", "form.session-form", new Dictionary<string, string> { ["Title"] = "Feed check, moved" });
        await Forms.SubmitAsync(admin, $"/webinars/sessions/{session.Id}", $"form[action='/webinars/sessions/{session.Id}/cancel']", new Dictionary<string, string>());
        var after = Unfold(await anonymous.GetStringAsync(url.PathAndQuery));
        var vevent = after.Split("BEGIN:VEVENT").Single(e => e.Contains($"UID:session-{session.Id}@", StringComparison.Ordinal));
        Assert.That(vevent, Does.Contain("SEQUENCE:2"));
        Assert.That(vevent, Does.Contain("STATUS:CANCELLED"));
        Assert.That(vevent, Does.Contain("Feed check\\, moved"));

        await Forms.SubmitAsync(candidate, "/calendar", "form[action='/calendar/feed/revoke']", new Dictionary<string, string>());
        Assert.That((await anonymous.GetAsync(url.PathAndQuery)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Feed_UnknownToken_IsNotFound_AndAnotherUsersFeedShowsOnlyTheirSessions()
    {
        using var anonymous = Factory.NewClient();
        Assert.That((await anonymous.GetAsync("/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var (uk, dubai) = await CohortsAsync();
        using var candidate2 = Factory.ClientFor("candidate2@npq.example");
        var created = await Html.ReadAsync(await Forms.SubmitAsync(candidate2, "/calendar", "form[action='/calendar/feed']", new Dictionary<string, string>()));
        var ics = await anonymous.GetStringAsync(new Uri(created.QuerySelector("#feed-url")!.GetAttribute("value")!).PathAndQuery);
        foreach (var s in await Webinars.GetSessionsForCohortAsync(dubai))
        {
            Assert.That(ics, Does.Not.Contain($"UID:session-{s.Id}@"));
        }

        Assert.That(ics, Does.Contain($"UID:session-{(await Webinars.GetSessionsForCohortAsync(uk)).First().Id}@"));
    }
}
