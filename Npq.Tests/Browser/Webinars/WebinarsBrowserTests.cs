using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Core.Webinars;
using Npq.Data.Accounts;

namespace Npq.Tests.Browser.Webinars;

/// <summary>
/// The webinar pages in chromium: the countdown and join button, the register, the browser's time-zone guess, and
/// axe on every main page. People are signed in with the test-only header scheme.
/// </summary>
[Category("Browser")]
public sealed class WebinarsBrowserTests
{
    private BrowserApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await BrowserApp.StartAsync(configureServices: s => s.AddTestAuthentication());
    }

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    private async Task<IPage> PageAsAsync(string email, bool phone = false, string? timezoneId = null)
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl,
            BypassCSP = true,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = timezoneId,
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthHandler.Header] = email },
        });

        // The meeting platform is outside the test: answer for it.
        await context.RouteAsync("https://meet.example/**", route => route.FulfillAsync(new RouteFulfillOptions { Body = "<title>Meeting</title>", ContentType = "text/html" }));
        return await context.NewPageAsync();
    }

    private async Task<int> UserIdAsync(string email) =>
        (await _app.Factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant()))!.Id;

    private async Task<int> CohortAsync(string zone)
    {
        var webinars = _app.Factory.Services.GetRequiredService<IWebinarRepository>();
        return (await webinars.GetCohortsForUserAsync(await UserIdAsync("admin@npq.example"), true)).Where(c => c.TimeZone == zone).OrderBy(c => c.Id).First().Id; // the base demo cohort of that zone
    }

    private async Task<int> AddSessionAsync(string zone, DateTime startUtc, string title)
    {
        var now = DateTime.UtcNow;
        return (await _app.Factory.Services.GetRequiredService<IWebinarRepository>().CreateSessionsAsync(
        [
            new WebinarSession
            {
                CohortId = await CohortAsync(zone), Title = title, StartUtc = startUtc, DurationMinutes = 60, JoinUrl = "https://meet.example/room",
                Capacity = 30, FacilitatorUserId = await UserIdAsync("mentor@npq.example"), CreatedUtc = now, UpdatedUtc = now,
            },
        ])).Single();
    }

    [Test]
    public async Task SessionsPage_CountdownTicksAndTheJoinButtonTurnsOnWhenTheSessionOpens()
    {
        // The page's clock stands still a second from now, so however long the page takes to load it shows the session
        // as not yet open; the session opens (15 minutes before its start) four seconds from now by the server's clock.
        var page = await PageAsAsync("candidate1@npq.example");
        await page.Clock.InstallAsync();
        await page.Clock.PauseAtAsync(DateTime.UtcNow.AddSeconds(1));
        var opensUtc = DateTime.UtcNow.AddSeconds(4);
        var id = await AddSessionAsync("Asia/Dubai", opensUtc.AddMinutes(15), "Opening shortly");
        await page.GotoAsync($"/webinars/sessions/{id}");

        var button = page.GetByRole(AriaRole.Button, new() { Name = "Join Opening shortly" });
        await Assertions.Expect(button).ToBeDisabledAsync();
        await Assertions.Expect(page.Locator(".countdown")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Starts in 15 minutes$"));

        // Once the server would let them in, the page's next tick (every 15 seconds) turns the button on.
        var wait = opensUtc.AddMilliseconds(500) - DateTime.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        await Assertions.Expect(button).ToBeDisabledAsync();
        await page.Clock.FastForwardAsync(20_000);
        await Assertions.Expect(button).ToBeEnabledAsync();
        await Assertions.Expect(page.Locator(".countdown")).ToHaveTextAsync("Starts in 14 minutes");
        await button.ClickAsync();
        await page.WaitForURLAsync("https://meet.example/room");

        var segments = await _app.Factory.Services.GetRequiredService<IAttendanceRepository>().GetSegmentsForSessionAsync(id);
        Assert.That(segments.Single().UserId, Is.EqualTo(await UserIdAsync("candidate1@npq.example")));
    }

    [Test]
    public async Task Register_ByKeyboardAndMouse_SavesTheMarks()
    {
        var id = await AddSessionAsync("Europe/London", DateTime.UtcNow.AddHours(-3), "Register in the browser");
        var page = await PageAsAsync("mentor@npq.example");
        await page.GotoAsync($"/webinars/sessions/{id}/register");

        await page.GetByLabel("Mark for Ben Carter").SelectOptionAsync("Late");
        await page.GetByLabel("Note for Ben Carter").FillAsync("Joined after the break");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the register" }).ClickAsync();

        await Assertions.Expect(page.GetByText("The register is saved.")).ToBeVisibleAsync();
        var mark = (await _app.Factory.Services.GetRequiredService<IAttendanceRepository>().GetMarksForSessionAsync(id)).Single();
        Assert.That((mark.Mark, mark.Note), Is.EqualTo((RegisterMark.Late, "Joined after the break")));
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }

    [Test]
    public async Task TimeZoneSettings_ProposesTheBrowsersZone()
    {
        var page = await PageAsAsync("candidate2@npq.example", timezoneId: "America/Bogota");
        await page.GotoAsync("/webinars");

        await page.GetByRole(AriaRole.Link, new() { Name = "Confirm your own time zone" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("America/Bogota");
        await Assertions.Expect(page.Locator("[data-tz-guess-text]")).ToBeVisibleAsync();
    }

    [TestCase("/webinars")]
    [TestCase("/webinars/past")]
    public async Task SessionsPage_Phone_HasNoSidewaysScrolling(string path)
    {
        var page = await PageAsAsync("candidate1@npq.example", phone: true);
        await page.GotoAsync(path);

        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390));
    }

    [TestCase("candidate1@npq.example", "/webinars")]
    [TestCase("candidate1@npq.example", "/webinars/past")]
    [TestCase("candidate1@npq.example", "/attendance")]
    [TestCase("candidate1@npq.example", "/calendar")]
    [TestCase("candidate1@npq.example", "/settings/time-zone")]
    [TestCase("mentor@npq.example", "/attendance")]
    [TestCase("headteacher@npq.example", "/attendance")]
    [TestCase("admin@npq.example", "/webinars")]
    [TestCase("admin@npq.example", "/webinars/past")]
    [TestCase("admin@npq.example", "/webinars/cohorts")]
    public async Task Page_HasNoSeriousAccessibilityViolations(string email, string path)
    {
        var page = await PageAsAsync(email);
        await page.GotoAsync(path);

        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }

    [Test]
    public async Task SessionCohortScheduleImportAndCandidatePages_HaveNoSeriousAccessibilityViolations()
    {
        var dubai = await CohortAsync("Asia/Dubai");
        var session = (await _app.Factory.Services.GetRequiredService<IWebinarRepository>().GetSessionsForCohortAsync(dubai)).First();
        var candidate = await UserIdAsync("candidate1@npq.example");
        var page = await PageAsAsync("admin@npq.example");

        foreach (var path in new[]
        {
            $"/webinars/sessions/{session.Id}", $"/webinars/cohorts/{dubai}", $"/webinars/cohorts/{dubai}/schedule",
            $"/webinars/sessions/{session.Id}/import", $"/attendance/cohorts/{dubai}", $"/attendance/candidates/{candidate}",
        })
        {
            await page.GotoAsync(path);
            Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, path);
        }

        // The form with every error showing.
        await page.GotoAsync($"/webinars/cohorts/{dubai}/schedule");
        await page.GetByLabel("Join link (online sessions)").FillAsync("http://insecure.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#JoinUrl-error")).ToBeVisibleAsync();
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "schedule form with errors");

        // A facilitator named by email address who may not facilitate (a candidate): a message by the field, the address kept.
        await page.GotoAsync($"/webinars/cohorts/{dubai}/schedule");
        await page.GetByLabel("Title").FillAsync("By email");
        await page.GetByLabel("Another facilitator (email address)").FillAsync("candidate1@npq.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule" }).ClickAsync();
        await Assertions.Expect(page.Locator("#facilitatorEmail-error")).ToContainTextAsync("Nobody who may facilitate has that email address");
        await Assertions.Expect(page.GetByLabel("Another facilitator (email address)")).ToHaveValueAsync("candidate1@npq.example");
        await Assertions.Expect(page.GetByLabel("Title")).ToHaveValueAsync("By email");
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty, "schedule form with a refused facilitator address");
    }
}
