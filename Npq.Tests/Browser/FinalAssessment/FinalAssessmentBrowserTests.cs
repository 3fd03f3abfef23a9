using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Core.FinalAssessment;
using Npq.Data.Accounts;
using Npq.Data.FinalAssessment;
using Npq.Web.Demo;

namespace Npq.Tests.Browser.FinalAssessment;

/// <summary>An assessor marks a script and an admin releases the cohort, in a real browser; axe on the main pages.</summary>
[Category("Browser")]
public sealed class FinalAssessmentBrowserTests
{
    private BrowserApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await BrowserApp.StartAsync(configureServices: s => s.AddTestAuthentication());

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<IPage> PageForAsync(string email, bool phone = false)
    {
        var page = await _app.NewPageAsync(phone);
        await page.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [TestAuthHandler.Header] = email });
        return page;
    }

    private async Task<IReadOnlyList<ScriptDetails>> ScriptsAsync()
    {
        var marking = _app.Factory.Services.GetRequiredService<MarkingRepository>();
        var admin = await _app.Factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE");
        var cohort = (await marking.GetCohortsForAdminAsync(admin!.Id)).Single(c => c.Name == FinalAssessmentDemoSeed.CohortName);
        return await marking.GetScriptsForCohortAsync(cohort.Id);
    }

    [Test]
    public async Task AssessorMarks_ThenAdminReleases_CandidateSeesOutcome()
    {
        var tom = (await _app.Factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync("ASSESSOR@NPQ.EXAMPLE"))!.Id;
        var script = (await ScriptsAsync()).First(s => s.AssessorUserId == tom && s.State == MarkingState.NotMarked);

        var assessor = await PageForAsync("assessor@npq.example");
        await assessor.GotoAsync("/marking");
        await assessor.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex(script.Reference) }).ClickAsync();
        var criteria = assessor.Locator("fieldset.criterion");
        var count = await criteria.CountAsync();
        for (var i = 0; i < count; i++)
        {
            await criteria.Nth(i).GetByLabel("Met", new() { Exact = true }).CheckAsync();
            await criteria.Nth(i).GetByLabel("Comment").FillAsync($"Clear evidence for criterion {i + 1}.");
        }

        await assessor.GetByLabel("Pass").CheckAsync();
        await assessor.GetByLabel("Overall comment").FillAsync("Secure throughout – a ‘model’ answer.");
        await assessor.GetByRole(AriaRole.Button, new() { Name = "Finish marking" }).ClickAsync();
        await Assertions.Expect(assessor.Locator(".notice.success")).ToContainTextAsync("saved");

        var marked = (await ScriptsAsync()).Single(s => s.Id == script.Id);
        Assert.That(marked.State, Is.AnyOf(MarkingState.ReadyForRelease, MarkingState.ReadyForModeration));
        if (marked.State == MarkingState.ReadyForModeration)
        {
            Assert.That(marked.ModerationReason, Does.Contain("sample"));
            return;
        }

        var admin = await PageForAsync("admin@npq.example");
        await admin.GotoAsync($"/outcomes/{script.CohortId}");
        await admin.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Release \\d+ outcome") }).ClickAsync();
        await Assertions.Expect(admin.Locator(".notice.success")).ToContainTextAsync("released together");
        Assert.That((await ScriptsAsync()).Single(s => s.Id == script.Id).State, Is.EqualTo(MarkingState.Released));
    }

    [Test]
    public async Task ArchivePage_WithScript_ShowsProgressThenDownloadLink()
    {
        var cohortId = (await ScriptsAsync())[0].CohortId;
        var admin = await PageForAsync("admin@npq.example");
        await admin.GotoAsync($"/outcomes/{cohortId}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Build the zip" }).ClickAsync();

        await Assertions.Expect(admin.Locator("#archive-download")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.That(await admin.Locator("#archive-status").InnerTextAsync(), Does.Contain("ready"));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(admin), Is.Empty);
    }

    [TestCase("assessor@npq.example", "/marking", false)]
    [TestCase("assessor@npq.example", "/marking/{mark}", false)]
    [TestCase("assessor2@npq.example", "/marking/{moderate}/moderate", false)]
    [TestCase("admin@npq.example", "/outcomes", false)]
    [TestCase("admin@npq.example", "/outcomes/{cohort}", false)]
    [TestCase("admin@npq.example", "/outcomes/{cohort}", true)]
    [TestCase("zoe.obrien@npq.example", "/final-assessment", true)]
    public async Task Page_HasNoSeriousAccessibilityViolations(string email, string path, bool phone)
    {
        var scripts = await ScriptsAsync();
        var users = _app.Factory.Services.GetRequiredService<UserRepository>();
        var tom = (await users.FindByNormalizedEmailAsync("ASSESSOR@NPQ.EXAMPLE"))!.Id;
        var grace = (await users.FindByNormalizedEmailAsync("ASSESSOR2@NPQ.EXAMPLE"))!.Id;
        var url = path
            .Replace("{mark}", scripts.First(s => s.AssessorUserId == tom).Id.ToString())
            .Replace("{moderate}", scripts.First(s => s.ModeratorUserId == grace).Id.ToString())
            .Replace("{cohort}", scripts[0].CohortId.ToString());
        var page = await PageForAsync(email, phone);

        var response = await page.GotoAsync(url);

        Assert.That(response!.Status, Is.EqualTo(200));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
        if (phone)
        {
            var overflow = await page.EvaluateAsync<bool>("() => document.body.scrollWidth > window.innerWidth + 1");
            var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
            Assert.That(overflow, Is.False, wide + " no sideways scrolling of the page on a phone (wide tables scroll inside their wrapper)");
        }
    }
}
