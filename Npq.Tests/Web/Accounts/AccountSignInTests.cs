using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Data.Accounts;
using Npq.Data.Auditing;
using Npq.Web.Demo;

namespace Npq.Tests.Web.Accounts;

/// <summary>Signing in and out through the real pages, with the real cookie.</summary>
public sealed class AccountSignInTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new NpqWebFactory(new Dictionary<string, string?> { ["RateLimiting:Account:PermitLimit"] = "1000" });

    private UserRepository Users => Service<UserRepository>();

    private AuditLogRepository Audit => Service<AuditLogRepository>();

    [TestCaseSource(typeof(DemoSeeder), nameof(DemoSeeder.Accounts))]
    public async Task SignIn_EveryDemoAccount_SignsInWithItsRolesAndName(DemoAccount account)
    {
        using var client = Factory.NewClient();

        var response = await RealSignIn.SignInAsync(client, account.Email, DemoSeeder.DemoPassword);
        var page = await Html.ReadAsync(await client.GetAsync("/account"));

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/"));
        Assert.That(page.QuerySelector(".signed-in-as").Text(), Is.EqualTo(account.DisplayName));
        Assert.That(page.QuerySelector(".account-details").Text(), Does.Contain(string.Join(", ", account.Roles)));
    }

    [Test]
    public async Task SignIn_Cookie_IsHttpOnlySecureAndLax()
    {
        using var client = Factory.NewClient();

        var response = await RealSignIn.SignInAsync(client, "mentor@npq.example", DemoSeeder.DemoPassword);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("npq.auth=", StringComparison.Ordinal)).ToLowerInvariant();

        Assert.That(cookie, Does.Contain("httponly"));
        Assert.That(cookie, Does.Contain("secure"));
        Assert.That(cookie, Does.Contain("samesite=lax"));
    }

    [Test]
    public async Task SignIn_LocalReturnUrl_RedirectsThere()
    {
        using var client = Factory.NewClient();
        var challenge = await client.GetAsync("/notifications");
        Assert.That(RealSignIn.IsSignInRedirect(challenge), Is.True);

        var response = await RealSignIn.SignInAsync(client, "candidate2@npq.example", DemoSeeder.DemoPassword, challenge.Headers.Location!.PathAndQuery);

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/notifications"));
    }

    [TestCase("https://evil.example/phish")]
    [TestCase("//evil.example/phish")]
    [TestCase("/\\evil.example")]
    public async Task SignIn_ForeignReturnUrl_RedirectsHome(string returnUrl)
    {
        using var client = Factory.NewClient();

        var response = await RealSignIn.SignInAsync(client, "candidate2@npq.example", DemoSeeder.DemoPassword, "/account/sign-in?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/"));
    }

    [Test]
    public async Task SignIn_WrongPassword_ShowsMessageKeepsEmailAndAudits()
    {
        using var client = Factory.NewClient();
        var assessor = (await Users.FindByNormalizedEmailAsync("ASSESSOR2@NPQ.EXAMPLE"))!;

        var response = await RealSignIn.SignInAsync(client, "assessor2@npq.example", "not-the-password-at-all");
        var page = await Html.ReadAsync(response);
        var failures = await Audit.FilterAsync(new AuditFilter(AccountAuditActions.SignInFailed, assessor.Id, null, null), 0, 10);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector(".error-summary").Text(), Does.Contain("The email address or password is not right"));
        Assert.That(page.QuerySelector("input[name=Email]")!.GetAttribute("value"), Is.EqualTo("assessor2@npq.example"));
        Assert.That(page.QuerySelector("input[name=Password]")!.GetAttribute("value"), Is.Null.Or.Empty);
        Assert.That(failures.Entries, Has.Count.EqualTo(1));
        Assert.That(failures.Entries[0].Detail, Is.EqualTo("wrong password"));
        Assert.That(failures.Entries[0].Detail + failures.Entries[0].Subject, Does.Not.Contain("not-the-password"));
    }

    [Test]
    public async Task SignIn_EmptyFields_ShowsAMessageForEach()
    {
        using var client = Factory.NewClient();

        var page = await Html.ReadAsync(await RealSignIn.SignInAsync(client, "", ""));

        Assert.That(page.QuerySelector("#Email-error").Text(), Does.Contain("Enter your email address"));
        Assert.That(page.QuerySelector("#Password-error").Text(), Does.Contain("Enter your password"));
        Assert.That(page.QuerySelector("input[name=Email]")!.GetAttribute("aria-invalid"), Is.EqualTo("true"));
    }

    [Test]
    public async Task SignIn_UnknownEmail_SameMessageAsWrongPassword()
    {
        using var client = Factory.NewClient();

        var page = await Html.ReadAsync(await RealSignIn.SignInAsync(client, "nobody@npq.example", DemoSeeder.DemoPassword));

        Assert.That(page.QuerySelector(".error-summary").Text(), Does.Contain("The email address or password is not right"));
    }

    [Test]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccountEvenForTheRightPassword()
    {
        var user = await CreateUserAsync("lockout@npq.example");
        using var client = Factory.NewClient();

        for (var i = 0; i < 4; i++)
        {
            var wrong = await Html.ReadAsync(await RealSignIn.SignInAsync(client, user.Email, "wrong-password-" + i));
            Assert.That(wrong.QuerySelector(".error-summary").Text(), Does.Contain("not right"));
        }

        var fifth = await Html.ReadAsync(await RealSignIn.SignInAsync(client, user.Email, "wrong-password-5"));
        var right = await RealSignIn.SignInAsync(client, user.Email, DemoSeeder.DemoPassword);
        var stored = (await Users.FindByIdAsync(user.Id))!;
        var lockouts = await Audit.FilterAsync(new AuditFilter(AccountAuditActions.LockedOut, user.Id, null, null), 0, 10);

        Assert.That(fifth.QuerySelector(".error-summary").Text(), Does.Contain("locked for 15 minutes"));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the right password does not open a locked account");
        Assert.That((await Html.ReadAsync(right)).QuerySelector(".error-summary").Text(), Does.Contain("locked"));
        Assert.That(stored.LockoutEndUtc, Is.EqualTo(DateTime.UtcNow.AddMinutes(15)).Within(TimeSpan.FromMinutes(1)));
        Assert.That(lockouts.Total, Is.EqualTo(1));
    }

    [Test]
    public async Task SignOut_CopiedCookie_NoLongerWorks()
    {
        using var client = Factory.NewClient();
        var signIn = await RealSignIn.SignInAsync(client, "candidate1@npq.example", DemoSeeder.DemoPassword);
        using var thief = Factory.ClientWithCookie(RealSignIn.AuthCookie(signIn));
        Assert.That((await thief.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the copy works while the session lives");

        var signOut = await Forms.SubmitAsync(client, "/account", "form[action='/account/sign-out']", new Dictionary<string, string>());
        var afterThief = await thief.GetAsync("/account");
        var afterOwner = await client.GetAsync("/account");

        Assert.That(signOut.Headers.Location!.OriginalString, Is.EqualTo("/account/sign-in"));
        Assert.That(RealSignIn.IsSignInRedirect(afterThief), Is.True);
        Assert.That(RealSignIn.IsSignInRedirect(afterOwner), Is.True);
    }

    [Test]
    public async Task ChangePassword_EndsOtherSessionsButKeepsThisOne()
    {
        var user = await CreateUserAsync("changer@npq.example");
        using var laptop = await Factory.SignedInClientAsync(user.Email);
        using var phone = await Factory.SignedInClientAsync(user.Email);

        var response = await Forms.SubmitAsync(laptop, "/account/change-password", "form.account-form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoSeeder.DemoPassword,
            ["NewPassword"] = "violet kettle harbour moss",
            ["ConfirmPassword"] = "violet kettle harbour moss",
        });

        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/account"));
        Assert.That((await laptop.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(RealSignIn.IsSignInRedirect(await phone.GetAsync("/account")), Is.True);
        using var fresh = Factory.NewClient();
        Assert.That((await RealSignIn.SignInAsync(fresh, user.Email, DemoSeeder.DemoPassword)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "old password refused");
        Assert.That((await RealSignIn.SignInAsync(fresh, user.Email, "violet kettle harbour moss")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task ChangePassword_EndsAnotherSessionWhoseDashboardWasCached()
    {
        var user = await CreateUserAsync("cached@npq.example", Roles.Candidate);
        using var laptop = await Factory.SignedInClientAsync(user.Email);
        using var phone = await Factory.SignedInClientAsync(user.Email);
        await phone.GetAsync("/");
        var cached = await Html.ReadAsync(await phone.GetAsync("/"));

        await Forms.SubmitAsync(laptop, "/account/change-password", "form.account-form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoSeeder.DemoPassword,
            ["NewPassword"] = "violet kettle harbour moss",
            ["ConfirmPassword"] = "violet kettle harbour moss",
        });
        var after = await Html.ReadAsync(await phone.GetAsync("/"));

        Assert.That(cached.QuerySelector("h1")!.Text(), Does.StartWith("Welcome"));
        Assert.That(after.QuerySelector("h1")!.Text(), Does.Not.StartWith("Welcome"), "the phone is signed out, not served its cached dashboard");
    }

    [Test]
    public async Task ChangePassword_WrongCurrentPassword_SaysSoAndChangesNothing()
    {
        var user = await CreateUserAsync("wrongcurrent@npq.example");
        using var client = await Factory.SignedInClientAsync(user.Email);
        var before = (await Users.FindByIdAsync(user.Id))!.PasswordHash;

        var page = await Html.ReadAsync(await Forms.SubmitAsync(client, "/account/change-password", "form.account-form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "this is not it at all",
            ["NewPassword"] = "violet kettle harbour moss",
            ["ConfirmPassword"] = "violet kettle harbour moss",
        }));

        Assert.That(page.QuerySelector("#CurrentPassword-error").Text(), Does.Contain("current password is not right"));
        Assert.That((await Users.FindByIdAsync(user.Id))!.PasswordHash, Is.EqualTo(before));
    }

    [Test]
    public async Task Deactivated_CannotSignInAndLosesSessions()
    {
        var user = await CreateUserAsync("leaver@npq.example");
        using var session = await Factory.SignedInClientAsync(user.Email);
        using var admin = await Factory.SignedInClientAsync("admin@npq.example");

        var deactivate = await Forms.SubmitAsync(admin, $"/admin/users/{user.Id}", $"form[action='/admin/users/{user.Id}/deactivate']", new Dictionary<string, string>());
        using var again = Factory.NewClient();
        var refused = await Html.ReadAsync(await RealSignIn.SignInAsync(again, user.Email, DemoSeeder.DemoPassword));

        Assert.That(deactivate.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(RealSignIn.IsSignInRedirect(await session.GetAsync("/account")), Is.True);
        Assert.That(refused.QuerySelector(".error-summary").Text(), Does.Contain("deactivated"));
        Assert.That((await Users.FindByIdAsync(user.Id))!.IsActive, Is.False);
        Assert.That((await Audit.FilterAsync(new AuditFilter(AccountAuditActions.Deactivated, user.Id, null, null), 0, 5)).Total, Is.EqualTo(1));
    }

    [Test]
    public async Task RoleRemoval_EndsTheSessionAndTheRoleIsGoneAfterSigningInAgain()
    {
        var user = await CreateUserAsync("demoted@npq.example", Roles.Mentor, Roles.Assessor);
        using var session = await Factory.SignedInClientAsync(user.Email);
        using var admin = await Factory.SignedInClientAsync("admin@npq.example");

        var response = await Forms.SubmitAsync(admin, $"/admin/users/{user.Id}", $"form[action='/admin/users/{user.Id}/roles']",
            new Dictionary<string, string> { ["Roles"] = Roles.Mentor });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(RealSignIn.IsSignInRedirect(await session.GetAsync("/account")), Is.True);
        Assert.That(await Users.GetRolesAsync(user.Id), Is.EqualTo(new[] { Roles.Mentor }));
        using var again = await Factory.SignedInClientAsync(user.Email);
        var page = await Html.ReadAsync(await again.GetAsync("/account"));
        Assert.That(page.QuerySelector(".account-details").Text(), Does.Not.Contain(Roles.Assessor));
    }

    [Test]
    public async Task SignIn_PostWithoutAntiforgeryToken_Is400()
    {
        using var client = Factory.NewClient();

        var response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "candidate1@npq.example",
            ["Password"] = DemoSeeder.DemoPassword,
        }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("npq.auth=", StringComparison.Ordinal)), Is.False);
    }

    [Test]
    public async Task SignOut_PostWithoutAntiforgeryToken_Is400AndKeepsTheSession()
    {
        using var client = await Factory.SignedInClientAsync("headteacher@npq.example");

        var response = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent([]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await client.GetAsync("/account")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Nav_SignedIn_ShowsNameNotificationsAccountAndSignOut()
    {
        using var client = await Factory.SignedInClientAsync("candidate2@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync("/"));
        var nav = page.QuerySelector("nav.main-nav")!;

        Assert.That(nav.QuerySelector(".signed-in-as").Text(), Is.EqualTo("Ben Carter"));
        Assert.That(nav.QuerySelector("a[href='/notifications']"), Is.Not.Null);
        Assert.That(nav.QuerySelector("a[href='/account']"), Is.Not.Null);
        Assert.That(nav.QuerySelector("form[action='/account/sign-out'][method=post] input[name=__RequestVerificationToken]"), Is.Not.Null);
        Assert.That(nav.QuerySelector("a[href='/admin/users']"), Is.Null, "no admin links for a candidate");
        Assert.That(nav.QuerySelector("a[href='/account/sign-in']"), Is.Null);
    }

    private async Task<AppUser> CreateUserAsync(string email, params string[] roles)
    {
        var hasher = Service<Microsoft.AspNetCore.Identity.IPasswordHasher<AppUser>>();
        var admin = (await Users.FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
        var user = new AppUser
        {
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = "Test " + email.Split('@')[0],
            EmailConfirmed = true,
            ProviderId = admin.ProviderId,
            CreatedUtc = DateTime.UtcNow,
        };
        user.PasswordHash = hasher.HashPassword(user, DemoSeeder.DemoPassword);
        await Users.CreateAsync(user);
        foreach (var role in roles.DefaultIfEmpty(Roles.Candidate))
        {
            await Users.AddToRoleAsync(user.Id, role);
        }

        return user;
    }
}
