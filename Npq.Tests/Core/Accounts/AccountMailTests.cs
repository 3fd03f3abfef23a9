using Npq.Core.Accounts;

namespace Npq.Tests.Core.Accounts;

public sealed class AccountMailTests
{
    [Test]
    public async Task SendResetLink_LinksToTheResetPageWithTheEscapedTokenAndSaysHowLongItWorks()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(12, "candidate@npq.example");

        await fakes.Mail(new AccountMailOptions { PublicBaseUrl = "https://npq.example.org/", ResetLinkHours = 1.5 }).SendResetLinkAsync(user);

        var message = fakes.Sent.Single();
        Assert.That(message.To, Is.EqualTo("candidate@npq.example"));
        Assert.That(message.TextBody, Does.Contain("https://npq.example.org/account/reset-password?userId=12&token=to%2Bken%2F1"));
        Assert.That(message.TextBody, Does.Contain("for 1.5 hours").And.StartWith("Hello Person 12,"));
    }

    [Test]
    public async Task SendInvitation_LinksToTheInvitationPageAndSaysHowManyDays()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(13, "invited@npq.example", passwordHash: null);

        await fakes.Mail(new AccountMailOptions { PublicBaseUrl = "https://npq.example.org", InvitationDays = 7 }).SendInvitationAsync(user);

        var message = fakes.Sent.Single();
        Assert.That(message.Subject, Is.EqualTo("Your invitation to Npq"));
        Assert.That(message.TextBody, Does.Contain("https://npq.example.org/account/invitation?userId=13&token=to%2Bken%2F1"));
        Assert.That(message.TextBody, Does.Contain("for 7 days"));
    }
}
