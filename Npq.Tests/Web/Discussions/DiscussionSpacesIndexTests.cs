using System.Net;
using Npq.Core.Enrolment;

namespace Npq.Tests.Web.Discussions;

/// <summary>
/// The discussions page lists the spaces a person reads (issue 23): a provider admin reads every cohort of the
/// provider, so the list is paged like every list that can grow. A fixture of its own: it adds 30 cohorts to the
/// demo provider.
/// </summary>
public sealed class DiscussionSpacesIndexTests : DiscussionsWebTest
{
    [Test]
    public async Task Index_AdminOfAProviderWithManyCohorts_PagesTheSpaces_BadPageNumbersShowPageOne()
    {
        var organisations = Service<IOrganisationRepository>();
        var london = (await organisations.GetCohortsAsync()).Single(c => c.Id == CohortId);
        for (var i = 0; i < 30; i++)
        {
            await organisations.EnsureCohortAsync(london with { Id = 0, Name = $"Paged cohort {i:D2}", Suffix = $"p{i:D2}" });
        }

        using var admin = Factory.ClientFor(Admin);
        static string[] Links(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("main ul.cards > li h2 a").Select(a => a.GetAttribute("href")!).ToArray();
        static string[] Spaces(AngleSharp.Dom.IDocument page) => Links(page).Where(h => !h.StartsWith("/discussions/courses/", StringComparison.Ordinal)).ToArray();
        static string[] CourseSpaces(AngleSharp.Dom.IDocument page) => Links(page).Where(h => h.StartsWith("/discussions/courses/", StringComparison.Ordinal)).ToArray();

        var first = await Html.ReadAsync(await admin.GetAsync("/discussions"));
        var pager = first.QuerySelector("nav[aria-label='Pages of discussion spaces']");
        var next = pager?.QuerySelector("a[rel='next']")?.GetAttribute("href");
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var status = first.QuerySelector(".pager-status")!.Text();
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(status, @"of (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.That(Spaces(first), Has.Length.EqualTo(25), "25 spaces a page");
        Assert.That(next, Is.EqualTo("/discussions?page=2"));
        Assert.That(total, Is.GreaterThanOrEqualTo(32), "the provider's 30 new cohorts and its two others");
        Assert.That(Spaces(second), Has.Length.EqualTo(total - 25));
        Assert.That(Spaces(first).Concat(Spaces(second)), Is.Unique, "each space on one page only");
        Assert.That(Spaces(first).Concat(Spaces(second)), Does.Contain($"/discussions/{CohortId}").And.Contain($"/discussions/{OtherCohortId}"));
        var all = await Html.ReadAsync(await admin.GetAsync("/discussions?size=100"));
        Assert.That(Spaces(all), Has.Length.EqualTo(total));
        Assert.That((CourseSpaces(first).Length, CourseSpaces(second)), Is.EqualTo((0, CourseSpaces(all))), "the course-wide spaces after the last cohort, as before");

        foreach (var bad in new[] { "0", "-2", "999", "x" })
        {
            var response = await admin.GetAsync($"/discussions?page={bad}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), bad);
            Assert.That(Spaces(await Html.ReadAsync(response)), Is.EqualTo(Spaces(first)), $"page={bad} shows page 1");
        }

        Assert.That((await Factory.ClientFor(Olly).GetAsync("/discussions?page=2")).Headers.Location?.OriginalString, Is.EqualTo($"/discussions/{OtherCohortId}"),
            "one space, whatever the page asked: straight to it");
    }
}
