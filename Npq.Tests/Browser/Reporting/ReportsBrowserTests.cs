using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Tests.Web.Reporting;

namespace Npq.Tests.Browser.Reporting;

/// <summary>
/// The completion report, an export and the dashboards in a real browser, signed in with the test scheme (the
/// <c>X-Test-User</c> header on every request of the context), with axe checks on each page.
/// </summary>
[Category("Browser")]
public sealed class ReportsBrowserTests
{
    private BrowserApp _app = null!;
    private int _cohortId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await BrowserApp.StartAsync(configureServices: s => s.AddTestAuthentication());
        var build = new Builders.Build(_app.Factory.Services);
        var course = await build.Cohorts.CourseAsync("npq-leading-literacy");
        _cohortId = await build.Cohorts.CohortAsync(course, "Browser Cohort");
        for (var i = 0; i < 30; i++)
        {
            await build.Cohorts.CandidateAsync(_cohortId, $"browser{i}@reports.example", $"Candidate {i:D2}");
        }
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<IPage> PageAsAsync(string email, bool phone = false)
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl,
            BypassCSP = true, // lets the test inject axe-core
            AcceptDownloads = true,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = email },
        });
        return await context.NewPageAsync();
    }

    [Test]
    public async Task CompletionReport_FilterSortPageAndExport_Works()
    {
        var page = await PageAsAsync(ReportWorld.AdminEmail);
        await page.GotoAsync("/reports/completion");
        await page.GetByLabel("Cohort").SelectOptionAsync(new SelectOptionValue { Label = "Browser Cohort" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"cohort={_cohortId}"));

        Assert.That(await page.Locator("#results-heading").InnerTextAsync(), Does.StartWith("30 candidates"));
        Assert.That(await page.Locator("table.report-table tbody tr").CountAsync(), Is.EqualTo(25));

        await page.GetByRole(AriaRole.Link, new() { Name = "Candidate", Exact = false }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("dir=desc"));
        Assert.That(await page.Locator("table.report-table tbody th").First.InnerTextAsync(), Is.EqualTo("Candidate 29"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("page=2"));
        Assert.That(await page.Locator("table.report-table tbody tr").CountAsync(), Is.EqualTo(5));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download CSV" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Does.Match(@"^npq-completion-\d{4}-\d{2}-\d{2}\.csv$"));
        var lines = await File.ReadAllLinesAsync(await download.PathAsync());
        Assert.That(lines, Has.Length.EqualTo(31), "the whole filtered report, not just the page");
    }

    [Test]
    public async Task BackgroundExport_ProgressPageTurnsIntoADownloadLink()
    {
        var page = await PageAsAsync(ReportWorld.AdminEmail);
        await page.GotoAsync($"/reports/completion?cohort={_cohortId}");
        await page.EvaluateAsync("() => { const f = document.querySelector('form.export-form'); const i = document.createElement('input'); i.type = 'hidden'; i.name = 'background'; i.value = 'true'; f.appendChild(i); }");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download Excel (.xlsx)" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/reports/exports/[0-9a-f]{32}$"));

        await Assertions.Expect(page.Locator("#export-download-link")).ToBeVisibleAsync(new() { Timeout = 15000 });
        Assert.That(await page.Locator("#export-progress").GetAttributeAsync("value"), Is.EqualTo("100"));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }

    [TestCase("admin@npq.example", "/dashboards", false)]
    [TestCase("admin@npq.example", "/dashboards", true)]
    [TestCase("admin@npq.example", "/progress/cadence", true)]
    [TestCase("admin@npq.example", "/outcomes", true)]
    [TestCase("admin@npq.example", "/dfe", true)]
    [TestCase("admin@npq.example", "/attendance", true)]
    [TestCase("admin@npq.example", "/declarations", false)]
    [TestCase("admin@npq.example", "/admin/erasure", false)]
    [TestCase("admin@npq.example", "/reports/exports", false)]
    [TestCase("admin@npq.example", "/reports/completion", false)]
    [TestCase("headteacher@npq.example", "/dashboards/school", false)]
    [TestCase("headteacher@npq.example", "/dashboards/school", true)]
    [TestCase("candidate1@npq.example", "/my-data", false)]
    [TestCase("mentor@npq.example", "/reports/completion", true)]
    public async Task Page_HasNoSeriousAccessibilityViolations(string email, string path, bool phone)
    {
        var page = await PageAsAsync(email, phone);
        var response = await page.GotoAsync(path);

        Assert.That(response!.Status, Is.EqualTo(200));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
        if (phone)
        {
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var tooWide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 392).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
            Assert.That(overflow, Is.LessThanOrEqualTo(390), "no sideways scrolling of the page (tables scroll in their own region); too wide: " + tooWide);
        }
    }

    [Test]
    public async Task CohortDashboard_HasNoSeriousAccessibilityViolations()
    {
        var page = await PageAsAsync(ReportWorld.AdminEmail);
        await page.GotoAsync("/dashboards");
        await page.GetByRole(AriaRole.Link, new() { Name = "Browser Cohort" }).ClickAsync();

        Assert.That(await page.Locator("svg[role=img]").CountAsync(), Is.EqualTo(3));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }
}
