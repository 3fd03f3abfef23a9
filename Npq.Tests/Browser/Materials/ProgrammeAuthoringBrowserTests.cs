using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Core.Accounts;
using Npq.Core.Materials;

namespace Npq.Tests.Browser.Materials;

/// <summary>The authoring pages in chromium: reordering by keyboard alone, and axe on the programme and item pages.</summary>
[Category("Browser")]
public sealed class ProgrammeAuthoringBrowserTests
{
    private BrowserApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await BrowserApp.StartAsync(configureServices: s => s.AddTestAuthentication());

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private T Service<T>() where T : notnull => _app.Factory.Services.GetRequiredService<T>();

    private async Task<IPage> AdminPageAsync()
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl, BypassCSP = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = "admin@npq.example" },
        });
        return await context.NewPageAsync();
    }

    private async Task<(MaterialsCourse Course, int ModuleId, Author Admin)> ArrangeAsync(string moduleTitle)
    {
        var programmes = Service<IProgrammeRepository>();
        var candidate = (await Service<IUserRepository>().FindByNormalizedEmailAsync("CANDIDATE1@NPQ.EXAMPLE"))!.Id;
        var admin = new Author((await Service<IUserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!.Id, null);
        var cohortId = Enumerable.Range(1, 50).First(id => programmes.IsStudyingAsync(id, candidate).GetAwaiter().GetResult());
        var course = (await programmes.GetCourseAsync((await programmes.GetCohortAsync(cohortId))!.CourseId))!;
        var moduleId = (await Service<ProgrammeAuthoring>().CreateModuleAsync(course, new ModuleDraft { Title = moduleTitle }, admin)).Id!.Value;
        return (course, moduleId, admin);
    }

    private async Task<int> AddAsync(MaterialsCourse course, int moduleId, Author admin, ItemKind kind, string title)
    {
        var module = (await Service<IProgrammeRepository>().GetModuleAsync(moduleId))!;
        return (await Service<ProgrammeAuthoring>().CreateItemAsync(course, module, kind, new ItemDraft { Title = title, Body = "Text", StatementIds = ["sc-lt-1"] }, admin)).Id!.Value;
    }

    private async Task<IReadOnlyList<string>> OrderAsync(int courseId, int moduleId) =>
        (await Service<IProgrammeRepository>().GetProgrammeAsync(courseId)).Modules.Single(m => m.Module.Id == moduleId).Items.Select(i => i.Title).ToList();

    [Test]
    public async Task Reorder_ByKeyboardAlone_FocusStaysOnTheMovedItem()
    {
        var (course, moduleId, admin) = await ArrangeAsync("Keyboard module");
        var alpha = await AddAsync(course, moduleId, admin, ItemKind.Page, "Alpha");
        await AddAsync(course, moduleId, admin, ItemKind.Link, "Beta");
        await AddAsync(course, moduleId, admin, ItemKind.Reflection, "Gamma");
        var page = await AdminPageAsync();
        await page.GotoAsync($"/courses/{course.CourseId}/programme");

        // Reach the button from the item's link with the keyboard, then move it twice without touching the pointer.
        await page.GetByRole(AriaRole.Link, new() { Name = "Alpha", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"), Is.EqualTo("Move down Alpha"));
        await page.Keyboard.PressAsync("Enter");
        var rows = page.Locator($"#module-{moduleId} tbody tr");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("id", $"item-{alpha}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("“Alpha” moved down");
        await FocusSettledAsync(page, alpha);
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.tagName + ' ' + document.activeElement.closest('tr')?.id"), Is.EqualTo($"BUTTON item-{alpha}"));
        Assert.That(await OrderAsync(course.CourseId, moduleId), Is.EqualTo(new[] { "Beta", "Alpha", "Gamma" }));

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rows.Last).ToHaveAttributeAsync("id", $"item-{alpha}");
        await FocusSettledAsync(page, alpha);
        Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.tagName + ' ' + document.activeElement.closest('tr')?.id"), Is.EqualTo($"BUTTON item-{alpha}"));
        Assert.That(await OrderAsync(course.CourseId, moduleId), Is.EqualTo(new[] { "Beta", "Gamma", "Alpha" }));

        // Back up by keyboard. When Alpha is now last of all, its Move down is disabled and the focus is on Move up
        // already; otherwise Shift+Tab from Move down reaches it.
        string Focused() => page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()").GetAwaiter().GetResult();
        if (Focused() == "Move down Alpha")
        {
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        Assert.That(Focused(), Is.EqualTo("Move up Alpha"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rows.Nth(1)).ToHaveAttributeAsync("id", $"item-{alpha}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("“Alpha” moved up");
        Assert.That(await OrderAsync(course.CourseId, moduleId), Is.EqualTo(new[] { "Beta", "Alpha", "Gamma" }));
    }

    /// <summary>
    /// Waits (up to the page's default timeout) until the reloaded page's autofocus has landed in the item's row: the row
    /// can be in the DOM before the browser applies autofocus, and under a busy test run the check read the body.
    /// </summary>
    private static Task FocusSettledAsync(IPage page, int item) =>
        page.WaitForFunctionAsync("id => document.activeElement?.closest('tr')?.id === id", $"item-{item}");

    [Test]
    public async Task ProgrammeAndItemPages_HaveNoSeriousAccessibilityViolations()
    {
        var (course, moduleId, admin) = await ArrangeAsync("Axe module");
        var pageId = await AddAsync(course, moduleId, admin, ItemKind.Page, "Axe page");
        var videoId = await AddAsync(course, moduleId, admin, ItemKind.Video, "Axe video");
        var checkId = await AddAsync(course, moduleId, admin, ItemKind.KnowledgeCheck, "Axe check");
        var page = await AdminPageAsync();
        var urls = new[]
        {
            $"/courses/{course.CourseId}/programme", $"/courses/{course.CourseId}/programme/items/{pageId}", $"/courses/{course.CourseId}/programme/items/{videoId}",
            $"/courses/{course.CourseId}/programme/items/{checkId}", $"/courses/{course.CourseId}/programme/modules/{moduleId}",
            $"/courses/{course.CourseId}/programme/modules/{moduleId}/items/new?kind=Link", $"/courses/{course.CourseId}/programme/import",
            $"/courses/{course.CourseId}/programme/editors",
        };

        foreach (var url in urls)
        {
            await page.GotoAsync(url);
            Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, url);
        }

        // The editors page: rights given by email address, a refused address shown by its field and kept, then taken away again.
        await page.GotoAsync($"/courses/{course.CourseId}/programme/editors");
        await page.GetByLabel("Facilitator's email address").FillAsync("nobody-here@npq.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give editing rights" }).ClickAsync();
        await Assertions.Expect(page.Locator("#editorEmail-error")).ToContainTextAsync("has that email address");
        await Assertions.Expect(page.GetByLabel("Facilitator's email address")).ToHaveValueAsync("nobody-here@npq.example");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "editors page with a refused address");
        await page.GetByLabel("Facilitator's email address").FillAsync("mentor@npq.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give editing rights" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Editing rights given.");
        var mentor = (await Service<IUserRepository>().FindByNormalizedEmailAsync("MENTOR@NPQ.EXAMPLE"))!.Id;
        await page.Locator($"form:has(input[name=userId][value='{mentor}']) button").ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Editing rights taken away.");

        // The preview, too.
        await page.GotoAsync($"/courses/{course.CourseId}/programme/items/{pageId}");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("## Heading\n\nA [link](https://example.org).");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.Locator("#preview")).ToContainTextAsync("Heading");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "preview");
    }
}
