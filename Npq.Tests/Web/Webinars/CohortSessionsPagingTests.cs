using System.Net;

namespace Npq.Tests.Web.Webinars;

/// <summary>
/// A cohort's own sessions page, a page at a time in start order, opening at the cohort's next session. Its own site and
/// database: the sessions it adds would otherwise be in the other lists' pages.
/// </summary>
public sealed class CohortSessionsPagingTests : WebinarsWebTest
{
    [Test]
    public async Task Cohort_ManySessions_PagedInStartOrder_OpeningAtTheNextSession()
    {
        var (_, dubai) = await CohortsAsync();
        for (var i = 0; i < 40; i++)
        {
            await AddSessionAsync(dubai, new DateTime(2001, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddDays(i), $"Cohort past {i:D2}");
        }

        for (var i = 0; i < 20; i++)
        {
            await AddSessionAsync(dubai, new DateTime(2031, 3, 1, 8, 0, 0, DateTimeKind.Utc).AddDays(i), $"Cohort coming {i:D2}");
        }

        var running = await AddSessionAsync(dubai, DateTime.UtcNow.AddMinutes(-30), "Cohort running now", minutes: 90);

        // What the page should show, from the cohort's every session: in start order, opening at the first not ended.
        var all = (await Webinars.GetSessionsForCohortAsync(dubai)).OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToList();
        var next = all.FindIndex(s => !s.HasEnded(DateTime.UtcNow));
        Assert.That(all[next].Id, Is.EqualTo(running.Id), "the running session is the first not ended");
        string[] Slice(int page, int size) => all.Skip((page - 1) * size).Take(size).Select(s => s.Title).ToArray();
        static string[] Titles(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("table tbody tr td:first-child a").Select(a => a.Text().Trim()).ToArray();

        using var admin = Factory.ClientFor("admin@npq.example");
        var opened = await Html.ReadAsync(await admin.GetAsync($"/webinars/cohorts/{dubai}"));
        var pager = opened.QuerySelector("nav[aria-label=\"Pages of the cohort's sessions\"]")!;
        var firstHref = pager.QuerySelectorAll(".pager-pages a:not([rel])").First().GetAttribute("href");
        var first = await Html.ReadAsync(await admin.GetAsync(firstHref!));
        var big = await Html.ReadAsync(await admin.GetAsync($"/webinars/cohorts/{dubai}?size=50"));
        var badPages = new List<string[]>();
        foreach (var path in new[] { "?page=0", "?page=99999", "?page=abc&size=7" })
        {
            var response = await admin.GetAsync($"/webinars/cohorts/{dubai}{path}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            var shown = await Html.ReadAsync(response);
            badPages.Add(Titles(shown));
            Assert.That(shown.QuerySelector("a[href='/webinars/cohorts/" + dubai + "']")?.Text(), Is.EqualTo("Go to the cohort's next session"), path);
        }

        Assert.That(all, Has.Count.GreaterThan(60), "more than two pages");
        Assert.That(next / 25, Is.GreaterThan(0), "the next session is not on the first page");
        Assert.That(Titles(opened), Is.EqualTo(Slice((next / 25) + 1, 25)), "opens at the page holding the next session");
        Assert.That(opened.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Cohort running now")).TextContent, Does.Contain("In progress"));
        Assert.That(opened.QuerySelector("a[href='/webinars/cohorts/" + dubai + "']"), Is.Null, "no way back to where it already is");
        Assert.That(firstHref, Is.EqualTo($"/webinars/cohorts/{dubai}?page=1"), "page 1 is named, the address without a page opening elsewhere");
        Assert.That(Titles(first), Is.EqualTo(Slice(1, 25)), "page 1 holds the earliest");
        Assert.That(first.QuerySelector("a[href='/webinars/cohorts/" + dubai + "']")?.Text(), Is.EqualTo("Go to the cohort's next session"));
        Assert.That(Titles(big), Is.EqualTo(Slice((next / 50) + 1, 50)), "a size from the address, opening at the next session too");
        Assert.That(badPages, Has.All.EqualTo(Slice(1, 25)), "a page that is not one shows page 1");
        Assert.That(opened.QuerySelector(".pager-status")!.Text(), Does.Contain($"of {all.Count}"));
    }
}
