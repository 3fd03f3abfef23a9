using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Tests.Builders;

namespace Npq.Tests.Browser.Materials;

/// <summary>
/// A candidate works through a module in chromium: the video seeks (served in ranges) and completes only once watched,
/// the knowledge check is retried to a pass, the reflection becomes a draft evidence item with its statements, and
/// axe finds no serious or critical violation on the Learn page and the item pages.
/// </summary>
[Category("Browser")]
public sealed class StudyBrowserTests
{
    private const string Candidate = "browser-learner@study.example";
    private BrowserApp _app = null!;
    private int _cohortId;
    private string _statementText = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await BrowserApp.StartAsync(configureServices: s => s.AddTestAuthentication());
        var services = _app.Factory.Services;
        var data = new Build(services);
        var build = new MaterialsBuilder(services.GetRequiredService<IProgrammeRepository>(), services.GetRequiredService<IFileStore>());
        var releases = services.GetRequiredService<IReleaseRepository>();
        var statement = services.GetRequiredService<IFrameworkCatalog>().Find("npqsl")!.AllStatements.First();
        _statementText = statement.Text;

        var course = await data.Cohorts.CourseAsync("npq-headship");
        _cohortId = await data.Cohorts.CohortAsync(course, "Browser cohort");
        var m1 = await build.ModuleAsync(course, "Module 1: Curriculum and assessment");
        var m2 = await build.ModuleAsync(course, "Module 2: Later on");
        await build.VideoAsync(m1, "Short video");
        await build.CheckAsync(m1, "Knowledge check");
        await build.ReflectionAsync(m1, "Reflection", "What will you change in your school?", statement.Id);
        await build.PageAsync(m2, "Not yet");
        await releases.SetOpensOnAsync(_cohortId, m1, new DateOnly(2020, 1, 1));
        await releases.SetOpensOnAsync(_cohortId, m2, new DateOnly(2099, 1, 1));
        await data.Cohorts.CandidateAsync(_cohortId, Candidate, "Bea Learner");
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<IPage> PageAsync()
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl,
            BypassCSP = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = Candidate },
        });
        return await context.NewPageAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page) =>
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, page.Url);

    /// <summary>Seeks the video to <paramref name="from"/> and plays it (muted, at double speed) to the end.</summary>
    private static Task<double> PlayFromAsync(IPage page, double from) => page.EvaluateAsync<double>(
        """
        async (from) => {
          const v = document.querySelector('video');
          v.muted = true;
          if (v.readyState < 1) { await new Promise(r => v.addEventListener('loadedmetadata', r, { once: true })); }
          v.currentTime = from;
          await new Promise(r => v.addEventListener('seeked', r, { once: true }));
          const seekedTo = v.currentTime;
          v.playbackRate = 2;
          const ended = new Promise(r => v.addEventListener('ended', r, { once: true }));
          await v.play();
          await ended;
          return seekedTo;
        }
        """, from);

    [Test]
    public async Task Candidate_WorksThroughAModule()
    {
        var page = await PageAsync();

        await page.GotoAsync("/learn");
        Assert.That(page.Url, Does.EndWith($"/learn/{_cohortId}"));
        await Assertions.Expect(page.Locator("#next-heading + p")).ToContainTextAsync("Module 2: Later on: opens on Thu 1 Jan 2099");
        await AssertAccessibleAsync(page);

        // The video: seeking ahead and watching the last seconds is not enough; watching it through completes it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue: Short video" }).ClickAsync();
        await Assertions.Expect(page.Locator("video track[kind=captions][srclang=en][default]")).ToHaveCountAsync(1);
        await AssertAccessibleAsync(page);
        var seekedTo = await PlayFromAsync(page, 4);
        Assert.That(seekedTo, Is.EqualTo(4).Within(0.5), "the video seeks (served with range requests)");
        await Assertions.Expect(page.Locator("[data-video-status]")).ToContainTextAsync("% watched");
        Assert.That(await page.Locator("[data-video-status]").TextContentAsync(), Does.Not.Contain("Complete"));
        await PlayFromAsync(page, 0);
        await Assertions.Expect(page.Locator("[data-video-status]")).ToContainTextAsync("Complete");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main .meta .tag.ok")).ToHaveTextAsync("Complete");

        // The knowledge check: a first try below 80 %, then a retry to a pass.
        await page.GetByRole(AriaRole.Link, new() { Name = "Next: Knowledge check" }).ClickAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("False", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Spaced retrieval").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check my answers" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result-heading")).ToContainTextAsync("50%");
        await Assertions.Expect(page.GetByText("Recall is itself a learning event.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Try again" }).ClickAsync();
        await page.GetByLabel("True", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Spaced retrieval").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check my answers" }).ClickAsync();
        await Assertions.Expect(page.Locator("#result-heading")).ToContainTextAsync("100%");
        await Assertions.Expect(page.Locator("main .meta .tag.ok")).ToHaveTextAsync("Complete");

        // The reflection becomes a draft evidence item with the item's statement.
        await page.GetByRole(AriaRole.Link, new() { Name = "Next: Reflection" }).ClickAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Your answer").FillAsync("I will plan retrieval practice into every unit.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my answer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("draft evidence item");
        await AssertAccessibleAsync(page);
        await page.Locator("main a[href^='/evidence/']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Reflection");
        await Assertions.Expect(page.Locator("main .tag.warn")).ToHaveTextAsync("Draft");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("I will plan retrieval practice into every unit.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(_statementText);

        // Back on the Learn page the module is complete.
        await page.GotoAsync($"/learn/{_cohortId}");
        await Assertions.Expect(page.Locator("main .module-progress").First).ToContainTextAsync("100% complete (3 of 3 items)");
        await AssertAccessibleAsync(page);
    }
}
