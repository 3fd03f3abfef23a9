using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Tests.Builders;

namespace Npq.Tests.Browser.Materials;

/// <summary>A cohort's materials progress page in a real browser, on a desktop and a phone, checked with axe.</summary>
[Category("Browser")]
public sealed class FollowingBrowserTests
{
    private BrowserApp _app = null!;
    private int _cohortId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await BrowserApp.StartAsync(configureServices: s => s.AddTestAuthentication());
        var people = new Build(_app.Factory.Services);
        var build = new MaterialsFollowBuilder(_app.Factory.Services);
        var course = await people.Cohorts.CourseAsync("npq-leading-literacy");
        _cohortId = await people.Cohorts.CohortAsync(course, "Browser Following Cohort");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var modules = new List<int[]>();
        for (var m = 1; m <= 4; m++)
        {
            var (moduleId, items) = await build.ModuleWithItemsAsync(course, $"Module {m}: a title long enough to be shortened on the chart", 3);
            await build.OpenAsync(_cohortId, moduleId, today.AddDays(-70 + m * 15));
            modules.Add(items);
        }

        for (var i = 0; i < 40; i++)
        {
            var candidate = (await people.Cohorts.CandidateAsync(_cohortId, $"browser{i}@following.example", $"Candidate {i:D2}")).UserId;
            await build.ProgressAsync(candidate, true, DateTime.UtcNow.AddDays(-i), modules.Take(i % 4).SelectMany(items => items).ToArray());
        }
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<IPage> PageAsAsync(string email, bool phone)
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl,
            BypassCSP = true, // lets the test inject axe-core
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = email },
        });
        return await context.NewPageAsync();
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task ProgressPage_ChartTableAndPagedBehindList_HaveNoSeriousAccessibilityViolations(bool phone)
    {
        var page = await PageAsAsync("admin@npq.example", phone);
        await page.GotoAsync($"/cohorts/{_cohortId}/materials/progress");

        Assert.That(await page.Locator("svg[role=img] rect.chart-bar").CountAsync(), Is.EqualTo(4));
        Assert.That(await page.GetByRole(AriaRole.Img, new() { Name = "Module completion" }).CountAsync(), Is.EqualTo(1));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);

        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("page=2", StringComparison.Ordinal));
        Assert.That(await page.Locator("#behind-heading").InnerTextAsync(), Does.Contain("Who is behind"));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }
}
