using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Data.Accounts;

namespace Npq.Tests.Browser.Enrolment;

/// <summary>Applying and accepting in a real browser, with axe-core checks on the issue-4 pages.</summary>
[Category("Browser")]
public sealed class EnrolmentBrowserTests
{
    private BrowserApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await BrowserApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private Task<IPage> SignedInPageAsync(string email, bool phone = false) => _app.SignedInPageAsync(email, phone);

    [Test]
    public async Task Apply_AsSomeoneNew_ShowsTheSelfFundedPriceCreatesTheAccountAndTheApplication()
    {
        var page = await _app.NewPageAsync(phone: true);
        await page.GotoAsync("/cohorts");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "cohorts page");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Apply for NPQSL International") }).ClickAsync();
        await page.WaitForURLAsync("**/apply");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "apply page");

        await page.GetByLabel("Full name").FillAsync("Hana Yusuf");
        await page.GetByLabel("Email address").FillAsync($"hana-{Guid.NewGuid():N}@school.example");
        await page.GetByLabel("Create a password").FillAsync("correct horse battery staple");
        await page.GetByLabel("School", new() { Exact = true }).FillAsync("Muscat British School");
        await page.GetByLabel("Your role").FillAsync("Head of primary");
        await page.GetByLabel("Qualified teacher status (QTS)").CheckAsync();
        await page.GetByLabel("Date you gained it").FillAsync("2014-07-01");
        await page.GetByLabel("Full years of teaching since").FillAsync("9");
        await page.GetByLabel("I am paying myself").CheckAsync();
        Assert.That(await page.Locator("#price-choice").InnerTextAsync(), Does.Contain("£1,860.00 including VAT"));
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(390), "no sideways scrolling on a phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send my application" }).ClickAsync();

        await page.WaitForURLAsync("**/my/applications/*");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Does.Contain("Your application for"));
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("Waiting for a decision").And.Contain("£1,860.00"));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "application page");
    }

    [Test]
    public async Task Admin_AcceptsAPendingApplicationFromTheInbox()
    {
        var page = await SignedInPageAsync("admin@npq.example");
        await page.GotoAsync("/admin/applications?status=Pending");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "inbox");
        await page.GetByRole(AriaRole.Link, new() { Name = "Marco Rossi" }).ClickAsync();
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "application detail");

        await page.GetByLabel("Mentor (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Priya Shah" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept", Exact = true }).ClickAsync();

        Assert.That(await page.Locator("p.notice.success[role=status]").InnerTextAsync(), Does.Contain("accepted into the cohort"));
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("Accepted").And.Contain("4 of 66 places remain"));
    }

    /// <summary>
    /// The shared pager (issue 23) on a phone: its links reached with the keyboard alone, the current page announced
    /// with aria-current, the page fitting the screen, axe clean. Shown on the provider's cohorts, given a second page.
    /// </summary>
    [Test]
    public async Task Pager_OnAPhone_KeyboardReachesTheNextPageAndTheCurrentPageIsAnnounced()
    {
        var services = _app.Factory.Services;
        var cohorts = services.GetRequiredService<Npq.Data.Enrolment.CohortRepository>();
        var providerId = (await services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!.ProviderId!.Value;
        var existing = await cohorts.GetSummariesAsync(providerId);
        var course = existing.First(c => c.Cohort.Name.StartsWith("NPQSL Autumn 2026", StringComparison.Ordinal)).Course.Id;
        for (var i = existing.Count; i < 27; i++)
        {
            await cohorts.CreateCohortAsync(new Npq.Core.Enrolment.Cohort
            {
                CourseId = course, Name = $"Pager cohort {i:00}", StartYear = 2029, Suffix = "a", StartDate = new DateOnly(2029, 2, 1), EndDate = new DateOnly(2030, 7, 31),
                DeliveryModel = Npq.Core.Enrolment.DeliveryModel.Online, TimeZone = "Europe/London", Capacity = 10, OpenForApplications = false,
            }, Npq.Core.Enrolment.CohortExtras.None);
        }

        var page = await SignedInPageAsync("admin@npq.example", phone: true);
        await page.GotoAsync("/admin/cohorts");
        var pager = page.GetByRole(AriaRole.Navigation, new() { Name = "Pages of cohorts" });
        Assert.That(await pager.Locator("a[aria-current='page']").InnerTextAsync(), Does.Contain("1"), "page 1 is the current one");

        string focused = string.Empty;
        for (var presses = 0; presses < 200 && !focused.Contains("page=2", StringComparison.Ordinal); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("() => document.activeElement?.getAttribute('href') ?? ''");
        }

        Assert.That(focused, Does.Contain("page=2"), "a link to page 2 is reached with the Tab key");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/cohorts?page=2");

        Assert.That(await pager.Locator("a[aria-current='page']").InnerTextAsync(), Does.Contain("2"), "page 2 is announced as the current page");
        Assert.That(await page.Locator(".pager-status").InnerTextAsync(), Does.StartWith("Showing 26 to"));
        Assert.That(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), Is.True, "no sideways scrolling on a phone");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }

    [TestCase("admin@npq.example", "/admin/cohorts")]
    [TestCase("admin@npq.example", "/admin/courses")]
    [TestCase("admin@npq.example", "/admin/imports")]
    [TestCase("candidate1@npq.example", "/my/courses")]
    [TestCase("candidate1@npq.example", "/my/applications")]
    [TestCase("headteacher@npq.example", "/my/staff")]
    public async Task Page_HasNoSeriousAccessibilityViolations(string email, string path)
    {
        var page = await SignedInPageAsync(email);
        var response = await page.GotoAsync(path);

        Assert.That(response!.Status, Is.EqualTo(200));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }

    [Test]
    public async Task CohortDetailAndEnrolmentPages_HaveNoSeriousAccessibilityViolations()
    {
        var page = await SignedInPageAsync("admin@npq.example");
        await page.GotoAsync("/admin/cohorts");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^NPQSL Autumn 2026") }).ClickAsync();
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "cohort detail");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ben Carter" }).ClickAsync();
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Ben Carter"));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "enrolment detail");

        await page.GotoAsync("/admin/cohorts/new");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "cohort form");
    }
}
