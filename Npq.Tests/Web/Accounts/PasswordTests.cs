using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Data.Accounts;
using Npq.Data.Auditing;
using Npq.Web.Demo;
using Npq.Web.Features.Accounts.Account;

namespace Npq.Tests.Web.Accounts;

/// <summary>Password policy, forgotten passwords and invitations through the links in the .eml files.</summary>
public sealed class PasswordTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new NpqWebFactory(new Dictionary<string, string?> { ["RateLimiting:Account:PermitLimit"] = "1000" });

    private UserRepository Users => Service<UserRepository>();

    [TestCase("password1234")]
    [TestCase("Password1234!")]
    [TestCase("QWERTYUIOP123")]
    [TestCase("correcthorsebatterystaple")]
    [TestCase("aaaaaaaaaaaaaaaa")]
    [TestCase("passwordpassword")]
    public void IsCommon_ListedOrTriviallyExtended_IsRefused(string password) =>
        Assert.That(CommonPasswordValidator.IsCommon(password, "someone@npq.example"), Is.True);

    [TestCase("violet kettle harbour moss")]
    [TestCase("Tr4nsit-Orchid-Lantern")]
    public void IsCommon_UnusualPhrase_IsAccepted(string password) =>
        Assert.That(CommonPasswordValidator.IsCommon(password, "someone@npq.example"), Is.False);

    [Test]
    public void IsCommon_TheOwnEmailAddress_IsRefused() =>
        Assert.That(CommonPasswordValidator.IsCommon("amira.haddad@npq.example", "amira.haddad@npq.example"), Is.True);

    [Test]
    public void CommonPasswordList_ShipsWithTheApp() =>
        Assert.That(CommonPasswordValidator.Passwords, Has.Count.GreaterThan(150).And.Contains("password1234"));

    [TestCase("short words", "Use at least 12 characters")]
    [TestCase("password1234", "too common")]
    public async Task ChangePassword_WeakPassword_IsRefusedWithAMessageBesideTheField(string weak, string message)
    {
        using var client = await Factory.SignedInClientAsync("assessor@npq.example");
        var before = (await Users.FindByNormalizedEmailAsync("ASSESSOR@NPQ.EXAMPLE"))!.PasswordHash;

        var response = await Forms.SubmitAsync(client, "/account/change-password", "form.account-form", new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoSeeder.DemoPassword,
            ["NewPassword"] = weak,
            ["ConfirmPassword"] = weak,
        });
        var page = await Html.ReadAsync(response);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector("#NewPassword-error").Text(), Does.Contain(message));
        Assert.That((await Users.FindByNormalizedEmailAsync("ASSESSOR@NPQ.EXAMPLE"))!.PasswordHash, Is.EqualTo(before));
    }

    [Test]
    public async Task ForgotPassword_ThroughTheEmailedLink_SetsANewPasswordOnce()
    {
        using var client = Factory.NewClient();
        var sent = await Forms.SubmitAsync(client, "/account/forgot-password", "form.account-form", new Dictionary<string, string> { ["Email"] = "candidate2@npq.example" });
        Assert.That((await Html.ReadAsync(sent)).QuerySelector("h1").Text(), Is.EqualTo("Check your email"));

        await Factory.DrainMailAsync();
        var mail = Mailbox.LatestWithLinkTo(Factory.MailFolder, "candidate2@npq.example", "/account/reset-password");
        var link = Mailbox.LinkTo(mail, "/account/reset-password");
        var reset = await Forms.SubmitAsync(client, link, "form.account-form", new Dictionary<string, string>
        {
            ["NewPassword"] = "amber quarry velvet tide",
            ["ConfirmPassword"] = "amber quarry velvet tide",
        });

        Assert.That(reset.Headers.Location!.OriginalString, Is.EqualTo("/account/sign-in"));
        Assert.That((await RealSignIn.SignInAsync(Factory.NewClient(), "candidate2@npq.example", "amber quarry velvet tide")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var reused = await Html.ReadAsync(await client.GetAsync(link));
        Assert.That(reused.QuerySelector("h1").Text(), Is.EqualTo("This link cannot be used"), "the link works once");
        var audit = Service<AuditLogRepository>();
        var user = (await Users.FindByNormalizedEmailAsync("CANDIDATE2@NPQ.EXAMPLE"))!;
        Assert.That((await audit.FilterAsync(new AuditFilter(AccountAuditActions.PasswordReset, user.Id, null, null), 0, 5)).Total, Is.EqualTo(1));
        Assert.That(mail, Does.Contain("works once"));
    }

    [Test]
    public async Task ForgotPassword_UnknownEmail_SameAnswerAndNoEmail()
    {
        using var client = Factory.NewClient();

        var page = await Html.ReadAsync(await Forms.SubmitAsync(client, "/account/forgot-password", "form.account-form", new Dictionary<string, string> { ["Email"] = "stranger@npq.example" }));

        Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("Check your email"));
        await Factory.DrainMailAsync();
        Assert.That(Mailbox.CountTo(Factory.MailFolder, "stranger@npq.example"), Is.Zero);
    }

    [Test]
    public async Task ForgotPassword_NotAnEmail_ShowsAMessage()
    {
        using var client = Factory.NewClient();

        var page = await Html.ReadAsync(await Forms.SubmitAsync(client, "/account/forgot-password", "form.account-form", new Dictionary<string, string> { ["Email"] = "not an email" }));

        Assert.That(page.QuerySelector("#Email-error").Text(), Does.Contain("Enter an email address like"));
    }

    [TestCase("/account/reset-password?userId=1&token=forged")]
    [TestCase("/account/reset-password?userId=abc&token=")]
    [TestCase("/account/invitation?userId=999999&token=forged")]
    public async Task Links_ForgedOrMissingToken_ShowTheExpiredPage(string url)
    {
        using var client = Factory.NewClient();

        var response = await client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Html.ReadAsync(response)).QuerySelector("h1").Text(), Is.EqualTo("This link cannot be used"));
    }

    [Test]
    public async Task Reset_ExpiredLink_IsRefused()
    {
        using var expiring = new NpqWebFactory(new Dictionary<string, string?> { ["Account:ResetLinkHours"] = "0.0000001" });
        using var client = expiring.NewClient();
        await Forms.SubmitAsync(client, "/account/forgot-password", "form.account-form", new Dictionary<string, string> { ["Email"] = "mentor@npq.example" });
        await expiring.DrainMailAsync();
        var link = Mailbox.LinkTo(Mailbox.LatestWithLinkTo(expiring.MailFolder, "mentor@npq.example", "/account/reset-password"), "/account/reset-password");
        await Task.Delay(50);

        var page = await Html.ReadAsync(await client.GetAsync(link));

        Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("This link cannot be used"));
    }

    [Test]
    public async Task Invitation_AdminInvites_PersonSetsPasswordThroughTheEmailAndIsSignedInWithTheRoles()
    {
        using var admin = await Factory.SignedInClientAsync("admin@npq.example");
        var invite = await Forms.SubmitAsync(admin, "/admin/users/invite", "form[action='/admin/users/invite']", new Dictionary<string, string>
        {
            ["Form.DisplayName"] = "Nadia Rahman",
            ["Form.Email"] = "nadia.rahman@npq.example",
            ["Form.Roles"] = Roles.Headteacher,
        });
        Assert.That(invite.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        await Factory.DrainMailAsync();
        var link = Mailbox.LinkTo(Mailbox.LatestWithLinkTo(Factory.MailFolder, "nadia.rahman@npq.example", "/account/invitation"), "/account/invitation");
        using var person = Factory.NewClient();
        var welcome = await Html.ReadAsync(await person.GetAsync(link));
        Assert.That(welcome.QuerySelector("main").Text(), Does.Contain("Hello Nadia Rahman"));
        var weak = await Html.ReadAsync(await Forms.SubmitAsync(person, link, "form.account-form", new Dictionary<string, string>
        {
            ["NewPassword"] = "password1234",
            ["ConfirmPassword"] = "password1234",
        }));
        Assert.That(weak.QuerySelector("#NewPassword-error").Text(), Does.Contain("too common"));

        var accepted = await Forms.SubmitAsync(person, link, "form.account-form", new Dictionary<string, string>
        {
            ["NewPassword"] = "copper lantern meadow fig",
            ["ConfirmPassword"] = "copper lantern meadow fig",
        });
        var account = await Html.ReadAsync(await person.GetAsync("/account"));
        var user = (await Users.FindByNormalizedEmailAsync("NADIA.RAHMAN@NPQ.EXAMPLE"))!;

        Assert.That(accepted.Headers.Location!.OriginalString, Is.EqualTo("/"));
        Assert.That(account.QuerySelector(".account-details").Text(), Does.Contain(Roles.Headteacher));
        Assert.That(user.EmailConfirmed, Is.True);
        Assert.That((await Html.ReadAsync(await Factory.NewClient().GetAsync(link))).QuerySelector("h1").Text(), Is.EqualTo("This link cannot be used"));
    }
}
