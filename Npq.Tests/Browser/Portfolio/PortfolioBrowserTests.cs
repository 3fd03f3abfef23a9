using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Data.Accounts;
using Npq.Data.Portfolio;
using Npq.Tests.Web.Portfolio;
using Npq.Web.Demo;

namespace Npq.Tests.Browser.Portfolio;

/// <summary>
/// Recording evidence and submitting a task in a real browser, with axe checks on the main portfolio pages. People
/// are signed in with the test scheme's header, so these tests do not depend on the sign-in pages.
/// </summary>
[Category("Browser")]
public sealed class PortfolioBrowserTests
{
    private BrowserApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await BrowserApp.StartAsync(configureServices: s => s.AddTestAuthentication());
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<IPage> PageFor(string email, bool phone = false)
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl,
            BypassCSP = true, // lets the tests inject axe-core, and makes the no-dialog check stricter
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = email },
        });
        return await context.NewPageAsync();
    }

    private async Task<int> IdOf(string email) =>
        (await _app.Factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant()))!.Id;

    private static async Task AssertAccessibleAsync(IPage page) =>
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, page.Url);

    [Test]
    public async Task RecordEvidence_ChoosingStatementsByArea_ShowsTheItem()
    {
        var page = await PageFor(PortfolioFixture.Amira);
        await page.GotoAsync("/evidence/new");
        await AssertAccessibleAsync(page);

        await page.Locator("#Title").FillAsync("Lunchtime behaviour review");
        await page.Locator("#Reflection").FillAsync("We moved the **lunch duty** rota and incidents fell.");
        await page.Locator("summary", new() { HasTextString = "Behaviour" }).First.ClickAsync();
        var firstBehaviour = page.Locator("details:has(summary:has-text('Behaviour')) input[type=checkbox]").First;
        await firstBehaviour.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record evidence" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Lunchtime behaviour review");
        await Assertions.Expect(page.Locator(".user-text strong").First).ToHaveTextAsync("lunch duty");
        await Assertions.Expect(page.Locator(".statement-refs li")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);
    }

    [Test]
    public async Task Autosave_WhileTyping_CreatesTheDraftWithoutPressingSave()
    {
        var page = await PageFor(PortfolioFixture.Ben);
        await page.GotoAsync("/evidence/new");

        await page.Locator("#Title").FillAsync("Autosaved thoughts");
        await page.Locator("#Reflection").PressSequentiallyAsync("A long answer that must survive a time-out.");
        await Assertions.Expect(page.Locator("[data-autosave-status]")).ToContainTextAsync("Draft saved", new() { Timeout = 15_000 });

        var items = await _app.Factory.Services.GetRequiredService<EvidenceRepository>().GetForCandidateAsync(await IdOf(PortfolioFixture.Ben));
        var draft = items.Single(i => i.Title == "Autosaved thoughts");
        Assert.That(draft.Reflection, Is.EqualTo("A long answer that must survive a time-out."));
        Assert.That(draft.IsDraft, Is.True);
        Assert.That(page.Url, Does.EndWith($"/evidence/{draft.Id}/edit"));
    }

    [Test]
    public async Task SubmitTask_WritesAndSubmits_ThenTheAttemptIsReadOnly()
    {
        var page = await PageFor(PortfolioFixture.Amira);
        await page.GotoAsync("/tasks");
        await page.GetByRole(AriaRole.Link, new() { Name = PortfolioDemoSeed.CultureTaskTitle }).ClickAsync();
        await AssertAccessibleAsync(page);

        await page.GetByLabel("Your answer").FillAsync("I led our culture change by listening first, then acting on what staff told me.");
        await Assertions.Expect(page.Locator("[data-word-count]")).ToContainTextAsync("15 of 1,500 words");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".notice.success")).ToContainTextAsync("Submitted");
        await Assertions.Expect(page.Locator("#task-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".attempt .answer").First).ToContainTextAsync("listening first");
        await AssertAccessibleAsync(page);
    }

    [Test]
    public async Task UserText_WithTheXssCorpus_FiresNoDialog()
    {
        var amira = await IdOf(PortfolioFixture.Amira);
        var now = DateTime.UtcNow;
        var id = await _app.Factory.Services.GetRequiredService<EvidenceRepository>().CreateAsync(new Npq.Core.Portfolio.EvidenceItem
        {
            CandidateUserId = amira, Title = "<img src=x onerror=alert('title')>", EvidenceDate = DateOnly.FromDateTime(now),
            Reflection = UserTextSafetyTests.CorpusMarkdown, IsDraft = false, CreatedUtc = now, UpdatedUtc = now,
        }, amira);
        var dialogs = 0;
        var page = await PageFor(PortfolioFixture.Amira);
        page.Dialog += async (_, dialog) => { dialogs++; await dialog.DismissAsync(); };

        await page.GotoAsync($"/evidence/{id}");
        foreach (var link in await page.Locator(".user-text a").AllAsync())
        {
            await link.HoverAsync();
        }

        await page.WaitForTimeoutAsync(500);
        Assert.That(dialogs, Is.Zero);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("<img src=x onerror=alert('title')>");
    }

    [TestCase(PortfolioFixture.Amira, "/")]
    [TestCase(PortfolioFixture.Amira, "/evidence")]
    [TestCase(PortfolioFixture.Amira, "/evidence/coverage")]
    [TestCase(PortfolioFixture.Amira, "/progress")]
    [TestCase(PortfolioFixture.Mentor, "/")]
    [TestCase(PortfolioFixture.Head, "/")]
    [TestCase(PortfolioFixture.Admin, "/tasks/admin/new")]
    public async Task MainPages_HaveNoSeriousAccessibilityProblems(string email, string url)
    {
        var page = await PageFor(email);
        await page.GotoAsync(url);

        await AssertAccessibleAsync(page);
    }

    [Test]
    public async Task ProgressForm_ForTheMentor_IsAccessible()
    {
        var page = await PageFor(PortfolioFixture.Mentor);
        await page.GotoAsync($"/progress/new?candidate={await IdOf(PortfolioFixture.Ben)}");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Write a progress update");
        await AssertAccessibleAsync(page);
    }

    [TestCase("/")]
    [TestCase("/evidence/new")]
    [TestCase("/evidence/coverage")]
    [TestCase("/tasks")]
    [TestCase("/progress")]
    public async Task Phone_PagesFitWithoutSidewaysScrolling(string url)
    {
        var page = await PageFor(PortfolioFixture.Amira, phone: true);
        await page.GotoAsync(url);

        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391 && ![...e.children].some(c => c.getBoundingClientRect().right > 391)).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), url + " " + wide);
    }
}
