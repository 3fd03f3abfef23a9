using Microsoft.Playwright;

namespace Npq.Tests.Browser.Frameworks;

/// <summary>What a person sees on the framework pages in a real browser, on a desktop and on a phone.</summary>
[Category("Browser")]
public sealed class FrameworkBrowserTests
{
    private BrowserApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await BrowserApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task AreaPage_Desktop_ShowsLearnThatAndLearnHowSideBySide()
    {
        var page = await _app.NewPageAsync();
        await page.GotoAsync("/frameworks/npqsl/school-culture");

        var learnThat = await page.Locator("section:has(#learn-that)").BoundingBoxAsync();
        var learnHow = await page.Locator("section:has(#learn-how)").BoundingBoxAsync();

        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("School Culture"));
        Assert.That(learnHow!.X, Is.GreaterThan(learnThat!.X + learnThat.Width - 1), "side by side on a wide screen");
        Assert.That(Math.Abs(learnHow.Y - learnThat.Y), Is.LessThan(5));
    }

    [Test]
    public async Task AreaPage_Phone_StacksTheColumnsWithoutSidewaysScrolling()
    {
        var page = await _app.NewPageAsync(phone: true);
        await page.GotoAsync("/frameworks/npqsl/teaching");

        var learnThat = await page.Locator("section:has(#learn-that)").BoundingBoxAsync();
        var learnHow = await page.Locator("section:has(#learn-how)").BoundingBoxAsync();
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

        Assert.That(learnHow!.Y, Is.GreaterThan(learnThat!.Y + learnThat.Height - 1), "stacked on a phone");
        Assert.That(scrollWidth, Is.LessThanOrEqualTo(390));
    }

    [Test]
    public async Task StatementLink_OpensTheAreaAtThatStatement()
    {
        var page = await _app.NewPageAsync();
        await page.GotoAsync("/frameworks/search?q=retrieve");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Requiring pupils to retrieve") }).ClickAsync();

        await page.WaitForURLAsync("**/frameworks/npqsl/teaching#te-lt-12");
        var targetHighlighted = await page.EvaluateAsync<bool>("() => document.querySelector(':target')?.id === 'te-lt-12'");
        Assert.That(targetHighlighted, Is.True);
    }

    [Test]
    public async Task Search_ByKeyboard_FindsStatements()
    {
        var page = await _app.NewPageAsync();
        await page.GotoAsync("/frameworks");
        await page.GetByLabel("Search statements").FillAsync("governance");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/frameworks/search?q=governance");
        Assert.That(await page.Locator("ol.results li").CountAsync(), Is.GreaterThan(0));
    }

    [TestCase("/")]
    [TestCase("/frameworks")]
    [TestCase("/frameworks/npqsl")]
    [TestCase("/frameworks/npqsl/school-culture")]
    [TestCase("/frameworks/search?q=curriculum")]
    [TestCase("/no-such-page")]
    public async Task Page_HasNoSeriousAccessibilityViolations(string path)
    {
        var page = await _app.NewPageAsync();
        await page.GotoAsync(path);

        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }
}
