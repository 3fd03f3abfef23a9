using System.Net;
using Npq.Core.Enrolment;

namespace Npq.Tests.Web.Webinars;

/// <summary>
/// The sessions page's "Cohorts you run" (issue 23): a provider admin runs every cohort of the provider, so the list is
/// paged (cpage, csize) like every list that can grow, each pager keeping the other's place. A fixture of its own:
/// it adds 30 cohorts and 26 sessions to the demo provider.
/// </summary>
public sealed class SessionsCohortListTests : WebinarsWebTest
{
    [Test]
    public async Task Index_ProviderWithManyCohorts_PagesTheCohortsYouRun_KeepingTheOtherListsPlace()
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

        var first = await Html.ReadAsync(await admin.GetAsync("/webinars"));
        var pager = first.QuerySelector("nav[aria-label='Pages of cohorts you run']");
        var next = pager!.QuerySelector("a[rel='next']")!.GetAttribute("href");
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var keptBySessions = second.QuerySelector("nav[aria-label='Pages of upcoming sessions'] .pager-sizes a")?.GetAttribute("href");
        var sized = await Html.ReadAsync(await admin.GetAsync("/webinars?size=50&cpage=2"));
        var bigger = await Html.ReadAsync(await admin.GetAsync("/webinars?csize=100"));

        Assert.That(all, Is.GreaterThan(30));
        Assert.That(Cohorts(first), Has.Length.EqualTo(25), "25 cohorts a page by default");
        Assert.That(next, Is.EqualTo("/webinars?cpage=2"));
        Assert.That(Cohorts(second), Has.Length.EqualTo(all - 25));
        Assert.That(Cohorts(first).Concat(Cohorts(second)), Is.Unique, "each cohort on one page only");
        Assert.That(keptBySessions, Does.Contain("cpage=2"), "the sessions' pager keeps the cohorts' page");
        Assert.That(sized.QuerySelector("nav[aria-label='Pages of cohorts you run'] a[rel='prev']")!.GetAttribute("href"), Is.EqualTo("/webinars?size=50"),
            "the cohorts' pager keeps the sessions' page size");
        Assert.That(Cohorts(sized), Is.EqualTo(Cohorts(second)));
        Assert.That(Cohorts(bigger), Has.Length.EqualTo(all), "a size from the address, bounded to 25, 50 or 100");
        foreach (var path in new[] { "/webinars?cpage=0", "/webinars?cpage=-2", "/webinars?cpage=999", "/webinars?cpage=x&csize=7" })
        {
            var response = await admin.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            Assert.That(Cohorts(await Html.ReadAsync(response)), Is.EqualTo(Cohorts(first)), path + " shows the first page");
        }

        using var mentor = Factory.ClientFor("mentor@npq.example");
        var mentorPage = await Html.ReadAsync(await mentor.GetAsync("/webinars"));
        Assert.That(mentorPage.QuerySelector("nav[aria-label='Pages of cohorts you run']"), Is.Null, "a few cohorts: no pager");
    }
}
