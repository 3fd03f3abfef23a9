namespace Npq.Tests.Web.Enrolment;

/// <summary>The inbox's and the completion report's cohort filters list the newest cohorts and the chosen one, however many cohorts the provider has run.</summary>
public sealed class InboxCohortFilterTests : EnrolmentWebFixture
{
    [Test]
    public async Task CohortFilter_ListsTheNewestAndTheChosen_SaysWhenThereAreMore()
    {
        using var admin = Factory.ClientFor("admin@npq.example");
        var before = await Html.ReadAsync(await admin.GetAsync("/admin/applications"));
        var demoCohort = await CohortNamedAsync("NPQSL Autumn 2026");
        Assert.That(before.QuerySelector("#cohort-hint"), Is.Null, "the demo provider's few cohorts are all listed");
        Assert.That(before.QuerySelectorAll("#cohort option").Select(o => o.GetAttribute("value")), Does.Contain(demoCohort.Cohort.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // Fifty cohorts starting after every demo cohort.
        var added = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            added.Add((await NewCohortAsync(10)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var after = await Html.ReadAsync(await admin.GetAsync("/admin/applications"));
        var chosen = await Html.ReadAsync(await admin.GetAsync($"/admin/applications?cohort={demoCohort.Cohort.Id}"));

        var listed = after.QuerySelectorAll("#cohort option").Select(o => o.GetAttribute("value")).Where(v => v != "").ToList();
        Assert.That(listed, Is.EquivalentTo(added), "the fifty newest");
        Assert.That(after.QuerySelector("#cohort-hint")?.TextContent, Does.Contain("Only the newest cohorts are listed"));
        Assert.That(after.QuerySelector("#cohort")?.GetAttribute("aria-describedby"), Is.EqualTo("cohort-hint"));
        var chosenOptions = chosen.QuerySelectorAll("#cohort option").Where(o => o.GetAttribute("value") != "").ToList();
        Assert.That(chosenOptions, Has.Count.EqualTo(50));
        Assert.That(chosen.QuerySelector("#cohort-hint")?.TextContent, Does.Contain("Only the newest cohorts are listed, and the one chosen."));
        Assert.That(chosenOptions.Single(o => o.HasAttribute("selected")).GetAttribute("value"), Is.EqualTo(demoCohort.Cohort.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "the chosen cohort is listed and selected, however old");

        // The completion report's cohort filter keeps to the same bound, and says so.
        var report = await Html.ReadAsync(await admin.GetAsync("/reports/completion"));
        var reportChosen = await Html.ReadAsync(await admin.GetAsync($"/reports/completion?cohort={demoCohort.Cohort.Id}"));
        Assert.That(report.QuerySelectorAll("#cohort option").Select(o => o.GetAttribute("value")).Where(v => v != ""), Is.EquivalentTo(added));
        Assert.That(report.QuerySelector("#cohort-hint")?.TextContent, Does.Contain("Only the newest cohorts are listed. Choose a course"));
        var reportOptions = reportChosen.QuerySelectorAll("#cohort option").Where(o => o.GetAttribute("value") != "").ToList();
        Assert.That(reportOptions, Has.Count.EqualTo(50));
        Assert.That(reportOptions.Single(o => o.HasAttribute("selected")).GetAttribute("value"), Is.EqualTo(demoCohort.Cohort.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(reportChosen.QuerySelector("#cohort-hint")?.TextContent, Does.Contain("Only the newest cohorts are listed, and the one chosen."));
    }
}
