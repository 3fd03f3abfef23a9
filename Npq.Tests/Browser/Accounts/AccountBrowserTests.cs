using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Data.Accounts;
using Npq.Data.Auditing;
using Npq.Web.Demo;

namespace Npq.Tests.Browser.Accounts;

/// <summary>Signing in and out, a wrong password and a reset through the emailed link, in a real browser.</summary>
[Category("Browser")]
public sealed class AccountBrowserTests
{
    private BrowserApp _app = null!;

    [OneTimeSetUp]
    public async Task Start() => _app = await BrowserApp.StartAsync();

    [OneTimeTearDown]
    public async Task Stop() => await _app.DisposeAsync();

    [Test]
    public async Task SignInThenSignOut_ByKeyboard_ShowsTheNameThenTheSignInLink()
    {
        var page = await _app.NewPageAsync();
        await page.GotoAsync("/notifications");
        await page.WaitForURLAsync("**/account/sign-in?ReturnUrl=%2Fnotifications");

        await page.GetByLabel("Email address").FillAsync("mentor@npq.example");
        await page.GetByLabel("Password").FillAsync(DemoSeeder.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/notifications");

        Assert.That(await page.Locator(".signed-in-as").InnerTextAsync(), Is.EqualTo("Priya Shah"));
        var audit = await _app.Factory.Services.GetRequiredService<AuditLogRepository>().FilterAsync(new AuditFilter(AccountAuditActions.SignIn, null, null, null), 0, 50);
        var mentorId = (await _app.Factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync("MENTOR@NPQ.EXAMPLE"))!.Id;
        Assert.That(audit.Entries.First(e => e.ActorUserId == mentorId).IpAddress, Is.EqualTo("127.0.0.1"), "the audit log records where from");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");

        Assert.That(await page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("You have signed out"));
        Assert.That(await page.Locator("nav.main-nav a[href='/account/sign-in']").CountAsync(), Is.EqualTo(1));
        await page.GotoAsync("/account");
        await page.WaitForURLAsync("**/account/sign-in?ReturnUrl=%2Faccount");
    }

    [Test]
    public async Task WrongPassword_ShowsTheProblemAndFocusesTheSummary()
    {
        var page = await _app.NewPageAsync(phone: true);
        await page.GotoAsync("/account/sign-in");

        await page.GetByLabel("Email address").FillAsync("assessor@npq.example");
        await page.GetByLabel("Password").FillAsync("definitely-not-right");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("The email address or password is not right");
        Assert.That(await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('error-summary') === true"), Is.True);
        Assert.That(await page.GetByLabel("Email address").InputValueAsync(), Is.EqualTo("assessor@npq.example"));
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390));
    }

    [Test]
    public async Task ForgottenPassword_ResetThroughTheEmlLink_ThenSignInWithTheNewPassword()
    {
        var page = await _app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgotten your password?" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync("assessor2@npq.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Check your email");

        await _app.Factory.DrainMailAsync();
        var link = Mailbox.LinkTo(Mailbox.LatestWithLinkTo(_app.Factory.MailFolder, "assessor2@npq.example", "/account/reset-password"), "/account/reset-password");
        await page.GotoAsync(link);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("saffron glacier piano wren");
        await page.GetByLabel("Confirm new password").FillAsync("saffron glacier piano wren");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the new password" }).ClickAsync();
        await page.WaitForURLAsync("**/account/sign-in");
        Assert.That(await page.GetByRole(AriaRole.Status).InnerTextAsync(), Does.Contain("Your password has been changed"));

        await page.GetByLabel("Email address").FillAsync("assessor2@npq.example");
        await page.GetByLabel("Password").FillAsync("saffron glacier piano wren");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(_app.BaseUrl + "/");
        Assert.That(await page.Locator(".signed-in-as").InnerTextAsync(), Is.EqualTo("Grace Lin"));
    }

    [TestCase("/account/sign-in", null)]
    [TestCase("/account/forgot-password", null)]
    [TestCase("/account/reset-password?userId=1&token=x", null)]
    [TestCase("/account", "candidate1@npq.example")]
    [TestCase("/account/change-password", "candidate1@npq.example")]
    [TestCase("/admin/users", "admin@npq.example")]
    [TestCase("/admin/users/invite", "admin@npq.example")]
    [TestCase("/admin/users/1", "admin@npq.example")]
    [TestCase("/admin/audit", "admin@npq.example")]
    public async Task AccountPages_HaveNoSeriousAccessibilityViolations(string path, string? signedInAs)
    {
        var page = await _app.NewPageAsync();
        if (signedInAs is not null)
        {
            await page.GotoAsync("/account/sign-in");
            await page.GetByLabel("Email address").FillAsync(signedInAs);
            await page.GetByLabel("Password").FillAsync(DemoSeeder.DemoPassword);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await page.WaitForURLAsync(_app.BaseUrl + "/");
        }

        await page.GotoAsync(path);

        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }

    [Test]
    public async Task SignInPage_WithErrors_HasNoSeriousAccessibilityViolations()
    {
        var page = await _app.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();

        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
    }

    /// <summary>
    /// Issue 23: the invite form finds a school by part of its name. With script the schools appear as the admin types
    /// and are chosen with the keyboard; without it "Find school" posts the form and shows it again with the schools.
    /// Either way the person is invited at the school chosen, and the form is accessible on a phone with its choices shown.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public async Task Invite_FindsASchoolByPartOfItsName_AndInvitesThePersonThere(bool script)
    {
        var email = $"school.search.{(script ? "script" : "plain")}@invite.example";
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseUrl, BypassCSP = true, JavaScriptEnabled = script, Locale = "en-GB", ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email address").FillAsync("admin@npq.example");
        await page.GetByLabel("Password").FillAsync(DemoSeeder.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(_app.BaseUrl + "/");
        await page.GotoAsync("/admin/users/invite");

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Sana Mirza");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Mentor").CheckAsync();
        var riverside = page.GetByRole(AriaRole.Radio, new() { Name = "Riverside Academy URN 100001, United Kingdom" });
        if (script)
        {
            await page.GetByLabel("School (name or URN)").PressSequentiallyAsync("rsid", new() { Delay = 50 });
            await Assertions.Expect(riverside).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#school-live")).ToHaveTextAsync("1 school matches “rsid”.");
            // By keyboard: past "Find school" to the choices, then the arrow key chooses the school found.
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.PressAsync("Tab");
            Assert.That(await page.EvaluateAsync<string>("() => document.activeElement.id"), Is.EqualTo("Form_SchoolId"), "the choices follow the search in tab order");
            await page.Keyboard.PressAsync("ArrowDown");
        }
        else
        {
            await page.GetByLabel("School (name or URN)").FillAsync("rsid");
            await page.GetByRole(AriaRole.Button, new() { Name = "Find school" }).ClickAsync();
            await Assertions.Expect(riverside).ToBeVisibleAsync();
            Assert.That(await page.GetByLabel("Name", new() { Exact = true }).InputValueAsync(), Is.EqualTo("Sana Mirza"), "what was typed is kept");
            Assert.That(await page.GetByLabel("Mentor").IsCheckedAsync(), Is.True);
            await riverside.CheckAsync();
        }

        await Assertions.Expect(riverside).ToBeCheckedAsync();
        if (script)
        {
            // axe-core runs as script; the page without script is checked, as the server renders it, below.
            Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
        }

        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390), "no sideways scrolling on a phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Invitation sent to " + email);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Riverside Academy (United Kingdom)");
        var invited = await _app.Factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant());
        var school = await _app.Factory.Services.GetRequiredService<UserRepository>().GetSchoolAsync(invited!.SchoolId!.Value);
        Assert.That(school!.Urn, Is.EqualTo("100001"));
        await context.CloseAsync();
    }

    [Test]
    public async Task Invite_AsTheServerShowsItAgain_WithSchoolsAndProblems_HasNoSeriousAccessibilityViolations()
    {
        var page = await _app.SignedInPageAsync("admin@npq.example", phone: true);
        await page.GotoAsync("/admin/users/invite");

        await page.GetByLabel("School (name or URN)").FillAsync("a");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find school" }).ClickAsync();
        await Assertions.Expect(page.Locator("#school-status")).ToContainTextAsync("match");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Riverside Academy URN 100001, United Kingdom" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Enter the person's name");

        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Riverside Academy URN 100001, United Kingdom" })).ToBeCheckedAsync();
        Assert.That(await BrowserApp.SeriousAccessibilityViolationsAsync(page), Is.Empty);
        Assert.That(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), Is.LessThanOrEqualTo(390));
    }
}
