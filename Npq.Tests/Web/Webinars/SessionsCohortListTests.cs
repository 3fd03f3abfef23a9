using System.Net;
using Npq.Core.Enrolment;

namespace Npq.Tests.Web.Webinars;

/// <summary>
/// The sessions pages' "Cohorts you run" tab (issue 23): a provider admin runs every cohort of the provider, so the list
/// is paged like every list that can grow, on a page of its own (not above the upcoming sessions). A fixture of its
/// own: it adds 30 cohorts and 26 sessions to the demo provider.
/// </summary>
public sealed class SessionsCohortListTests : WebinarsWebTest
{
    [Test]
    public async Task CohortsYouRun_ProviderWithManyCohorts_PagedOnATabOfItsOwn()
    {
        var (uk, _) = await CohortsAsync();
        var organisations = Service<IOrganisationRepository>();
        var ukCohort = (await organisations.GetCohortsAsync()).Single(c => c.Id == uk);
        for (var i = 0; i < 30; i++)
        {
            await organisations.EnsureCohortAsync(ukCohort with
            {
                Id = 0, Name = $"Paged cohort {i:D2}", Suffix = $"p{i:D2}", StartDate = new DateOnly(2031, 1, 1).AddDays(i), EndDate = new DateOnly(2033, 1, 1),
            });
        }

        for (var i = 0; i < 26; i++)
        {
            await AddSessionAsync(uk, new DateTime(2031, 1, 6, 10, 0, 0, DateTimeKind.Utc).AddDays(i), $"Paging check {i:D2}");
        }

        var all = (await Webinars.GetCohortsForUserAsync(await UserIdAsync("admin@npq.example"), isProviderAdmin: true)).Count;
        using var admin = Factory.ClientFor("admin@npq.example");
        static string[] Cohorts(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("section[aria-labelledby='manage-heading'] > ul > li > a:first-child").Select(a => a.Text().Trim()).ToArray();
        static string?[] Tabs(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("nav.tabs[aria-label='Sessions'] a").Select(a => a.GetAttribute("href")).ToArray();

        var sessions = await Html.ReadAsync(await admin.GetAsync("/webinars"));
        var first = await Html.ReadAsync(await admin.GetAsync("/webinars/cohorts"));
        var pager = first.QuerySelector("nav[aria-label='Pages of cohorts you run']");
        var next = pager!.QuerySelector("a[rel='next']")!.GetAttribute("href");
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var bigger = await Html.ReadAsync(await admin.GetAsync("/webinars/cohorts?size=100"));

        Assert.That(Tabs(sessions), Is.EqualTo(new[] { "/webinars", "/webinars/past", "/webinars/cohorts" }));
        Assert.That(Cohorts(sessions), Is.Empty, "the upcoming sessions come first on the sessions page: the cohorts have their tab");
        Assert.That(first.QuerySelector("nav.tabs a[aria-current='page']")!.GetAttribute("href"), Is.EqualTo("/webinars/cohorts"));
        Assert.That(all, Is.GreaterThan(30));
        Assert.That(Cohorts(first), Has.Length.EqualTo(25), "25 cohorts a page by default");
        Assert.That(next, Is.EqualTo("/webinars/cohorts?page=2"));
        Assert.That(Cohorts(second), Has.Length.EqualTo(all - 25));
        Assert.That(Cohorts(first).Concat(Cohorts(second)), Is.Unique, "each cohort on one page only");
        Assert.That(Cohorts(bigger), Has.Length.EqualTo(all), "a size from the address, bounded to 25, 50 or 100");
        Assert.That(first.QuerySelectorAll("section[aria-labelledby='manage-heading'] a[href$='/schedule']"), Has.Length.EqualTo(25), "each with a way to schedule a session");
        foreach (var path in new[] { "/webinars/cohorts?page=0", "/webinars/cohorts?page=-2", "/webinars/cohorts?page=999", "/webinars/cohorts?page=x&size=7" })
        {
            var response = await admin.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(Cohorts(await Html.ReadAsync(response)), Is.EqualTo(Cohorts(first)), path + " shows the first page");
        }

        using var mentor = Factory.ClientFor("mentor@npq.example");
        var mentorPage = await Html.ReadAsync(await mentor.GetAsync("/webinars/cohorts"));
        Assert.That(Cohorts(mentorPage), Is.Not.Empty.And.Length.LessThan(25), "the cohorts a mentor runs: their own");
        Assert.That(mentorPage.QuerySelector("nav[aria-label='Pages of cohorts you run']"), Is.Null, "a few cohorts: no pager");

        // A candidate runs nothing: no tab, and the page says so.
        using var candidate = Factory.ClientFor("candidate1@npq.example");
        Assert.That(Tabs(await Html.ReadAsync(await candidate.GetAsync("/webinars"))), Is.EqualTo(new[] { "/webinars", "/webinars/past" }));
        var candidatePage = await Html.ReadAsync(await candidate.GetAsync("/webinars/cohorts"));
        Assert.That(Cohorts(candidatePage), Is.Empty);
        Assert.That(candidatePage.QuerySelector("section[aria-labelledby='manage-heading'] p")!.Text(), Does.StartWith("You run no cohort"));
    }
}
