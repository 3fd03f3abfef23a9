using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Npq.Core.Reporting;
using Npq.Data.Dfe;
using Npq.Data.FinalAssessment;
using Npq.Data.Portfolio;
using Npq.Data.Reporting;
using Npq.Data.Webinars;

namespace Npq.Tests.Web.Enrolment;

/// <summary>
/// Issue 23: the provider admin's lists of cohorts (cadences, outcomes, dashboards, declarations, DfE sync, attendance) are paged on
/// the shared pager, in the order each showed before, with page and size in the address and in every form.
/// </summary>
public sealed class AdminCohortListsTests : EnrolmentWebFixture
{
    private const string Admin = "admin@npq.example";

    private int _adminId;
    private int _providerId;

    [OneTimeSetUp]
    public async Task ManyCohorts()
    {
        var admin = (await Service<Npq.Data.Accounts.UserRepository>().FindByNormalizedEmailAsync(Admin.ToUpperInvariant()))!;
        (_adminId, _providerId) = (admin.Id, admin.ProviderId!.Value);
        while ((await Service<Npq.Data.Enrolment.CohortRepository>().GetSummariesPageAsync(_providerId, 0, 1)).Total < 53)
        {
            await NewCohortAsync(5);
        }
    }

    /// <summary>Each page, where it links each cohort, and the cohorts in the order it lists them (what the unpaged lists read).</summary>
    private async Task<(string LinkPattern, string Of, IReadOnlyList<int> Ids)> ListAsync(string path) => path switch
    {
        "/progress/cadence" => (string.Empty, "cohorts",
            (await Service<Npq.Data.Enrolment.CohortRepository>().GetSummariesPageAsync(_providerId, 0, 1000)).Rows.Select(c => c.Cohort.Id).ToList()),
        "/outcomes" => (@"^/outcomes/(\d+)$", "cohorts", (await Service<MarkingRepository>().GetCohortsForAdminAsync(_adminId)).Select(c => c.Id).ToList()),
        "/dashboards" => (@"^/dashboards/cohorts/(\d+)$", "cohorts",
            (await Service<ReportLookupRepository>().GetCohortsAsync(ReportScope.ForProvider(_providerId))).Select(c => c.CohortId).ToList()),
        "/declarations" => (@"^/declarations/cohorts/(\d+)$", "cohorts",
            (await Service<ReportLookupRepository>().GetCohortsAsync(ReportScope.ForProvider(_providerId))).Select(c => c.CohortId).ToList()),
        "/dfe" => (@"^/dfe/cohorts/(\d+)$", "cohorts to reconcile", (await Service<DfeMirrorRepository>().GetCohortsAsync(_providerId)).Select(c => c.CohortId).ToList()),
        "/attendance" => (@"^/attendance/cohorts/(\d+)$", "cohorts you run",
            (await Service<WebinarRepository>().GetCohortsForUserAsync(_adminId, true)).Select(c => c.Id).ToList()),
        _ => throw new ArgumentOutOfRangeException(nameof(path)),
    };

    private static int[] IdsOn(IDocument page, string linkPattern) => linkPattern.Length == 0
        ? page.QuerySelectorAll("form.cadence-form input[name='cohortId']").Select(i => int.Parse(i.GetAttribute("value")!, CultureInfo.InvariantCulture)).ToArray()
        : page.QuerySelector("main")!.QuerySelectorAll("a[href]")
            .Select(a => Regex.Match(a.GetAttribute("href")!, linkPattern))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToArray();

    [TestCase("/progress/cadence")]
    [TestCase("/outcomes")]
    [TestCase("/dashboards")]
    [TestCase("/declarations")]
    [TestCase("/dfe")]
    [TestCase("/attendance")]
    public async Task CohortList_ManyCohorts_PagedInTheSameOrderWithSizeKeptAndBadPagesShowingPageOne(string path)
    {
        var (pattern, of, all) = await ListAsync(path);
        using var admin = Factory.ClientFor(Admin);
        var nav = $"nav[aria-label='Pages of {of}']";

        var first = await Html.ReadAsync(await admin.GetAsync(path));
        var next = first.QuerySelector($"{nav} a[rel='next']")!.GetAttribute("href")!;
        var second = await Html.ReadAsync(await admin.GetAsync(next));
        var fifty = await Html.ReadAsync(await admin.GetAsync(path + "?size=50"));
        var fiftyNext = fifty.QuerySelector($"{nav} a[rel='next']")!.GetAttribute("href")!;
        var pastTheEnd = await Html.ReadAsync(await admin.GetAsync(path + "?page=99"));
        var nonsense = await admin.GetAsync(path + "?page=-3&size=100000");
        var notANumber = await admin.GetAsync(path + "?page=abc&size=x");

        Assert.That(all, Has.Count.GreaterThanOrEqualTo(53), "the provider's many cohorts are all in the list");
        Assert.That(IdsOn(first, pattern), Is.EqualTo(all.Take(25)), "the first 25, in the order the page always used");
        Assert.That(next, Is.EqualTo(path + "?page=2"));
        Assert.That(IdsOn(second, pattern), Is.EqualTo(all.Skip(25).Take(25)), "page 2 starts with the 26th cohort");
        Assert.That(second.QuerySelector($"{nav} a[aria-current='page']")!.TextContent, Does.Contain("2"), "the current page is marked");
        Assert.That(first.QuerySelector(".pager-status")!.TextContent, Does.Contain($"of {all.Count}"));
        Assert.That(IdsOn(fifty, pattern), Is.EqualTo(all.Take(50)), "a page size from the address");
        Assert.That(fiftyNext, Is.EqualTo(path + "?size=50&page=2"), "the size is kept in the pager's links");
        Assert.That(IdsOn(pastTheEnd, pattern), Is.EqualTo(all.Take(25)), "a page past the end shows page 1");
        Assert.That((nonsense.StatusCode, notANumber.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), "never a 500");
        Assert.That(IdsOn(await Html.ReadAsync(nonsense), pattern), Has.Length.EqualTo(25), "an unknown page size is the default");
    }

    [Test]
    public async Task Cadence_SavedOnPageTwo_ReturnsToPageTwoWithTheSize()
    {
        var all = (await ListAsync("/progress/cadence")).Ids;
        var twentySixth = all[25];
        var fiftyFirst = all[50];
        using var admin = Factory.ClientFor(Admin);

        var saved = await Forms.SubmitAsync(admin, "/progress/cadence?page=2", $"#cadence-{twentySixth} form",
            new Dictionary<string, string> { ["everyWeeks"] = "9" });
        var savedWithSize = await Forms.SubmitAsync(admin, "/progress/cadence?size=50&page=2", $"#cadence-{fiftyFirst} form",
            new Dictionary<string, string> { ["everyWeeks"] = "3" });
        var pageTwo = await Html.ReadAsync(await admin.GetAsync("/progress/cadence?page=2"));

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(saved.Headers.Location!.ToString(), Is.EqualTo($"/progress/cadence?page=2#cadence-{twentySixth}"), "back on the page the form was on");
        Assert.That(savedWithSize.Headers.Location!.ToString(), Is.EqualTo($"/progress/cadence?size=50&page=2#cadence-{fiftyFirst}"), "the size is kept too");
        Assert.That(pageTwo.QuerySelector($"#weeks-{twentySixth}")!.GetAttribute("value"), Is.EqualTo("9"), "the page shows the saved cadence");
        Assert.That(await Service<ProgressRepository>().GetCadenceWeeksAsync(twentySixth), Is.EqualTo(9));
        Assert.That(await Service<ProgressRepository>().GetCadenceWeeksAsync(fiftyFirst), Is.EqualTo(3));
    }

    [Test]
    public async Task Cadence_RefusedOnPageTwo_ShowsPageTwoWithTheReasonAtTheFieldAndKeepsTheSavedValue()
    {
        var all = (await ListAsync("/progress/cadence")).Ids;
        var cohort = all[26];
        var before = await Service<ProgressRepository>().GetCadenceWeeksAsync(cohort);
        using var admin = Factory.ClientFor(Admin);

        var refused = await Forms.SubmitAsync(admin, "/progress/cadence?page=2", $"#cadence-{cohort} form",
            new Dictionary<string, string> { ["everyWeeks"] = "40" });
        var page = await Html.ReadAsync(refused);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(IdsOn(page, string.Empty), Is.EqualTo(all.Skip(25).Take(25)), "still page 2");
        Assert.That(page.QuerySelector(".error-summary")!.TextContent, Does.Contain("between 1 and 26"));
        var field = page.QuerySelector($"#weeks-{cohort}")!;
        Assert.That((field.GetAttribute("value"), field.GetAttribute("aria-invalid")), Is.EqualTo(("40", "true")), "what was typed, marked");
        Assert.That(page.QuerySelector($"#{field.GetAttribute("aria-describedby")}")!.TextContent, Does.Contain("between 1 and 26"));
        Assert.That(await Service<ProgressRepository>().GetCadenceWeeksAsync(cohort), Is.EqualTo(before), "nothing saved");
    }

    [Test]
    public async Task Cadence_AnotherProvidersCohortOrNoToken_IsRefused()
    {
        using var admin = Factory.ClientFor(Admin);
        var token = await Forms.TokenFromAsync(admin, "/progress/cadence");

        var missing = await admin.PostAsync("/progress/cadence", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = token, ["cohortId"] = "987654", ["everyWeeks"] = "4",
        }));
        var noToken = await admin.PostAsync("/progress/cadence", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cohortId"] = (await ListAsync("/progress/cadence")).Ids[0].ToString(CultureInfo.InvariantCulture), ["everyWeeks"] = "4",
        }));

        Assert.That((missing.StatusCode, noToken.StatusCode), Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.BadRequest)));
    }
}
