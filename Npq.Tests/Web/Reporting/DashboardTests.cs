using System.Net;
using Npq.Core.Reporting;
using Npq.Web.Features.Reporting.Dashboards;

namespace Npq.Tests.Web.Reporting;

public sealed class DashboardTests : ReportingFixture
{
    [Test]
    public async Task CohortDashboard_Admin_DrawsChartsWithTextAlternativesAndListsAtRisk()
    {
        var response = await As(ReportWorld.AdminEmail).GetAsync($"/dashboards/cohorts/{World.CohortId}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await Html.ReadAsync(response);
        var charts = page.QuerySelectorAll("svg[role=img]");
        Assert.That(charts, Has.Length.EqualTo(3));
        foreach (var svg in charts)
        {
            var labelled = svg.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.That(labelled.Select(id => page.GetElementById(id)), Has.All.Not.Null);
            Assert.That(svg.QuerySelector("desc").Text(), Is.Not.Empty);
        }

        var funnel = page.GetElementById("funnel-desc").Text();
        Assert.That(funnel, Does.Contain("Enrolled: 3").And.Contain("Passed: 1").And.Contain("Applied: 3"));
        var atRisk = page.QuerySelectorAll("#at-risk + p + .table-scroll tbody tr").Select(tr => tr.Text()).ToList();
        Assert.That(atRisk, Has.Count.EqualTo(2), "Ada and Ben; Cat is withdrawn");
        Assert.That(atRisk.Single(t => t.Contains("Ada")), Does.Contain("Attendance 33%").And.Contain("1 task(s) overdue").And.Contain("not moving"));
    }

    [Test]
    public async Task CohortDashboard_AtRiskList_OnePageOfAHundredWithoutAPager_SmallerSizesPaged()
    {
        var whole = await Html.ReadAsync(await As(ReportWorld.AdminEmail).GetAsync($"/dashboards/cohorts/{World.CohortId}"));
        Assert.That(whole.QuerySelector(".pager-status"), Is.Null, "the cohort's whole list fits its page of 100: no pager, as before paging");

        var past = await Html.ReadAsync(await As(ReportWorld.AdminEmail).GetAsync($"/dashboards/cohorts/{World.CohortId}?size=25&page=7"));
        Assert.That(past.QuerySelector(".pager-status")!.Text().Trim(), Is.EqualTo("Showing 1 to 2 of 2."), "a page past the end shows the first");
        Assert.That(past.QuerySelectorAll("#at-risk + p + .table-scroll tbody tr"), Has.Length.EqualTo(2));
    }

    [Test]
    public void AtRiskPager_LinksKeepASizeOtherThanTheListsDefault()
    {
        var pager = new Npq.Web.Features.Shared.PageLinks("/dashboards/cohorts/3", [], 2, 25, 99, "candidates at risk") { DefaultSize = CohortDashboards.AtRiskPageSize };

        Assert.That((pager.Link(3), pager.SizeLink(100), pager.SizeLink(50)),
            Is.EqualTo(("/dashboards/cohorts/3?size=25&page=3", "/dashboards/cohorts/3", "/dashboards/cohorts/3?size=50")));
    }

    [Test]
    public void Pager_FirstPageNamed_LinksPageOneByNumber_ButNotItsSizeLinks()
    {
        var plain = new Npq.Web.Features.Shared.PageLinks("/webinars/cohorts/3", [], 2, 25, 99, "sessions");
        var named = plain with { FirstPageNamed = true };

        Assert.That((plain.Link(1), named.Link(1), named.Link(2), named.SizeLink(50), named.SizeLink(25)),
            Is.EqualTo(("/webinars/cohorts/3", "/webinars/cohorts/3?page=1", "/webinars/cohorts/3?page=2", "/webinars/cohorts/3?size=50", "/webinars/cohorts/3")));
    }

    [Test]
    public async Task CohortDashboard_AnotherProvidersCohortOrUnknown_NotFound()
    {
        var response = await As(ReportWorld.AdminEmail).GetAsync("/dashboards/cohorts/999999");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task SchoolPage_Headteacher_OnlyTheirSchoolAndPrintable()
    {
        var page = await Html.ReadAsync(await As(ReportWorld.HillHeadEmail).GetAsync("/dashboards/school"));

        Assert.That(page.QuerySelector("h1").Text(), Does.Contain("Hill School"));
        var names = page.QuerySelectorAll("table.report-table tbody th").Select(th => th.Text()).ToList();
        Assert.That(names, Is.EquivalentTo(new[] { "Ada Lovelace", "Cat Withdrawn" }));
        Assert.That(page.QuerySelector("[data-print]"), Is.Not.Null);
        Assert.That(page.QuerySelectorAll("[style]"), Is.Empty, "no inline styles (CSP)");
    }

    [Test]
    public async Task SchoolPage_Mentor_Forbidden()
    {
        var response = await As(ReportWorld.MoEmail).GetAsync("/dashboards/school");

        Assert.That((int)response.StatusCode, Is.AnyOf(403, 302));
    }

    [Test]
    public void BarChart_WidthsScaleToTheLargest()
    {
        var chart = new BarChartModel("c", "T", "D", [new Bar("a", 10), new Bar("b", 5), new Bar("c", 0)], "n");

        Assert.That(chart.BarWidth(10), Is.EqualTo(BarChartModel.BarArea));
        Assert.That(chart.BarWidth(5), Is.EqualTo(BarChartModel.BarArea / 2));
        Assert.That(chart.BarWidth(0), Is.Zero);
    }
}
