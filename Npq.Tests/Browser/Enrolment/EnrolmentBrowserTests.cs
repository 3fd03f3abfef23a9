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
