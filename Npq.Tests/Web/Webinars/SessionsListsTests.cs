using System.Net;
using Npq.Core.Webinars;

namespace Npq.Tests.Web.Webinars;

/// <summary>The sessions pages' two lists, the upcoming sessions and the past ones, each a page at a time. Through the real HTTP pipeline, over the demo data.</summary>
public sealed class SessionsListsTests : WebinarsWebTest
{
    [Test]
    public async Task Index_ManyUpcomingSessions_PagesThemAndBadPageNumbersShowPageOne()
    {
        var (uk, _) = await CohortsAsync();
        for (var i = 0; i < 30; i++)
        {
            await AddSessionAsync(uk, new DateTime(2031, 1, 6, 10, 0, 0, DateTimeKind.Utc).AddDays(i), $"Paging check {i:D2}");
        }

        // Two sessions starting within the day: only these have a countdown and a join button in the list.
        var soon = DateTime.UtcNow.AddHours(2);
        await AddSessionAsync(uk, new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, 0, 0, DateTimeKind.Utc), "Soon check 1");
        await AddSessionAsync(uk, new DateTime(soon.Year, soon.Month, soon.Day, soon.Hour, 0, 0, DateTimeKind.Utc).AddHours(1), "Soon check 2");

        using var admin = Factory.ClientFor("admin@npq.example");
        static string[] Titles(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("section[aria-labelledby='upcoming-heading'] .session-card h3").Select(h => h.Text().Trim()).ToArray();

        var first = await Html.ReadAsync(await admin.GetAsync("/webinars"));
        var pager = first.QuerySelector("nav[aria-label='Pages of upcoming sessions']");
        var lastHref = pager!.QuerySelectorAll(".pager-pages a:not([rel])").Last().GetAttribute("href")!;
        var last = await Html.ReadAsync(await admin.GetAsync(lastHref));
        var big = await Html.ReadAsync(await admin.GetAsync("/webinars?size=100"));
        var bad = new[] { "/webinars?page=0", "/webinars?page=-1", "/webinars?page=99999", "/webinars?page=abc&size=7" };
        var badPages = new List<string[]>();
        foreach (var path in bad)
        {
            var response = await admin.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            badPages.Add(Titles(await Html.ReadAsync(response)));
        }

        Assert.That(Titles(first), Has.Length.EqualTo(25), "25 a page by default");
        Assert.That(Titles(last), Does.Contain("Paging check 29"), "the last page shows the latest");
        Assert.That(Titles(first), Does.Not.Contain("Paging check 29"));
        Assert.That(Titles(big), Has.Length.GreaterThan(25).And.Length.LessThanOrEqualTo(100), "a page size from the address, bounded");
        Assert.That(badPages, Has.All.EqualTo(Titles(first)), "a page that is not one shows page 1");

        // The join hint is said once for the list, and every join button is described by it.
        var buttons = first.QuerySelectorAll("section[aria-labelledby='upcoming-heading'] .join-button");
        var hints = first.QuerySelectorAll("section[aria-labelledby='upcoming-heading'] .join-row .hint");
        Assert.That(buttons, Has.Length.GreaterThan(1));
        Assert.That(hints, Has.Length.EqualTo(1));
        var cards = first.QuerySelectorAll("section[aria-labelledby='upcoming-heading'] .session-card");
        Assert.That(cards.Where(c => c.QuerySelector(".join-button") is not null).Select(c => c.QuerySelector("h3")!.Text().Trim()), Is.SupersetOf(new[] { "Soon check 1", "Soon check 2" }));
        Assert.That(cards.Where(c => c.QuerySelector("h3")!.Text().StartsWith("Paging check", StringComparison.Ordinal)).Select(c => c.QuerySelector(".join-row")), Has.All.Null,
            "a session years off has its time alone");
        Assert.That(first.QuerySelector("section[aria-labelledby='upcoming-heading'] p")!.Text(), Does.Contain("in the 24 hours before it starts"));
        Assert.That(hints[0].Text(), Does.Contain("minutes before the start"));
        Assert.That(buttons.Select(b => b.GetAttribute("aria-describedby")), Has.All.EqualTo(hints[0].Id));
    }

    [Test]
    public async Task Past_ManyPastSessions_PagedLatestFirst_WithRecordings_AndOnlyThePersonsOwn()
    {
        var (uk, dubai) = await CohortsAsync();
        var added = new List<WebinarSession>();
        for (var i = 0; i < 30; i++)
        {
            added.Add(await AddSessionAsync(uk, new DateTime(2001, 1, 6, 10, 0, 0, DateTimeKind.Utc).AddDays(i), $"Past check {i:D2}"));
        }

        Assert.That(await Webinars.UpdateSessionAsync(added[0] with { RecordingUrl = "https://video.example/past-check-00" }, DateTime.UtcNow), Is.True);
        using var admin = Factory.ClientFor("admin@npq.example");
        static string[] Titles(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("section[aria-labelledby='past-heading'] .session-card h3").Select(h => h.Text().Trim()).ToArray();
        static string? Current(AngleSharp.Dom.IDocument page) => page.QuerySelector("nav.tabs[aria-label='Sessions'] a[aria-current='page']")?.Text().Trim();

        var upcoming = await Html.ReadAsync(await admin.GetAsync("/webinars"));
        var first = await Html.ReadAsync(await admin.GetAsync("/webinars/past"));
        var pager = first.QuerySelector("nav[aria-label='Pages of past sessions']");
        var lastHref = pager!.QuerySelectorAll(".pager-pages a:not([rel])").Last().GetAttribute("href")!;
        var last = await Html.ReadAsync(await admin.GetAsync(lastHref));
        var badPages = new List<string[]>();
        foreach (var path in new[] { "/webinars/past?page=0", "/webinars/past?page=99999", "/webinars/past?page=abc&size=7" })
        {
            var response = await admin.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            badPages.Add(Titles(await Html.ReadAsync(response)));
        }

        Assert.That((Current(upcoming), Current(first)), Is.EqualTo(("Upcoming", "Past sessions and recordings")), "the tabs mark the list shown");
        Assert.That(upcoming.QuerySelector("#past-heading"), Is.Null, "the past sessions are a page of their own");
        Assert.That(Titles(first), Has.Length.EqualTo(25), "25 a page by default");
        Assert.That(Titles(first), Does.Contain("Past check 29").And.Not.Contain("Past check 00"), "the latest first");
        var checks = Titles(last).Where(t => t.StartsWith("Past check", StringComparison.Ordinal)).ToList();
        Assert.That(checks, Is.Not.Empty.And.Ordered.Descending, "the last page ends with the oldest, latest first");
        Assert.That(Titles(last)[^1], Is.EqualTo("Past check 00"));
        Assert.That(last.QuerySelectorAll(".session-card").Last().QuerySelector("a[href='https://video.example/past-check-00']")?.Text(), Does.StartWith("Recording"));
        Assert.That(first.QuerySelector("section[aria-labelledby='past-heading'] .pager-status")!.Text(), Does.StartWith("Showing 1 to 25 of "));
        Assert.That(badPages, Has.All.EqualTo(Titles(first)), "a page that is not one shows page 1");

        // A candidate of the Dubai cohort sees its past sessions only, never the UK cohort's.
        using var candidate = Factory.ClientFor("candidate1@npq.example");
        var dubaiIds = (await Webinars.GetSessionsForCohortAsync(dubai)).Select(s => $"/webinars/sessions/{s.Id}").ToList();
        var candidatePast = await Html.ReadAsync(await candidate.GetAsync("/webinars/past"));
        var links = candidatePast.QuerySelectorAll(".session-card h3 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.That(links, Is.Not.Empty);
        Assert.That(links, Is.SubsetOf(dubaiIds));
        Assert.That(Titles(candidatePast), Has.None.StartsWith("Past check"));
    }

    [Test]
    public async Task Index_NothingComingUp_PointsToThePastSessions_AndToSchedulingOnlyForThoseWhoRunCohorts()
    {
        using var headteacher = Factory.ClientFor("headteacher@npq.example");

        var page = await Html.ReadAsync(await headteacher.GetAsync("/webinars"));
        var empty = page.QuerySelector("section[aria-labelledby='upcoming-heading'] p")!;

        Assert.That(page.QuerySelectorAll(".session-card"), Is.Empty, "a headteacher runs and attends no cohort's sessions");
        Assert.That(empty.Text(), Does.StartWith("No sessions are coming up"));
        Assert.That(empty.QuerySelectorAll("a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { "/webinars/past" }), "no scheduling link for someone who runs no cohort");
    }
}
