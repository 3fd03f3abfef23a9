using Moq;
using Npq.Core.Accounts;
using Npq.Core.Auditing;

namespace Npq.Tests.Core.Accounts;

public sealed class AccountSignInTests
{
    private const string Ip = "203.0.113.7";

    [Test]
    public async Task SignIn_UnknownEmail_SpendsADecoyCheckRefusesAndAudits()
    {
        var fakes = new AccountFakes();

        var outcome = await fakes.SignIn().SignInAsync("nobody@npq.example", "whatever-it-is", Ip);

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Refusal, Is.EqualTo(AccountSignIn.WrongCredentials));
        fakes.Identity.Verify(i => i.CheckDecoyPassword("whatever-it-is"), Times.Once);
        Assert.That(fakes.Audited.Single(), Is.EqualTo(new AuditEntry
        {
            OccurredUtc = AccountFakes.Now.UtcDateTime, Action = AccountAuditActions.SignInFailed, Detail = "unknown account", IpAddress = Ip,
        }));
    }

    [Test]
    public async Task SignIn_InvitedPersonWithoutPassword_IsRefusedLikeAnUnknownAddress()
    {
        var fakes = new AccountFakes();
        var invited = fakes.Person(4, "invited@npq.example", passwordHash: null);

        var outcome = await fakes.SignIn().SignInAsync(invited.Email, "whatever-it-is", Ip);

        Assert.That(outcome.Refusal, Is.EqualTo(AccountSignIn.WrongCredentials));
        fakes.Identity.Verify(i => i.CheckPasswordAsync(It.IsAny<AppUser>(), It.IsAny<string>()), Times.Never);
        Assert.That(fakes.Audited.Single().Detail, Is.EqualTo("no password set yet"));
        Assert.That(fakes.Audited.Single().Subject, Is.EqualTo("user:4"));
    }

    [Test]
    public async Task SignIn_LockedOut_IsRefusedWithoutCheckingThePassword()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(5, "locked@npq.example");
        fakes.Identity.Setup(i => i.IsLockedOutAsync(user)).ReturnsAsync(true);

        var outcome = await fakes.SignIn().SignInAsync(user.Email, "right-or-wrong", Ip);

        Assert.That(outcome.Refusal, Does.StartWith("Too many wrong passwords: this account is locked for 15 minutes."));
        fakes.Identity.Verify(i => i.CheckPasswordAsync(It.IsAny<AppUser>(), It.IsAny<string>()), Times.Never);
        Assert.That(fakes.Audited.Single().Detail, Is.EqualTo("locked out"));
    }

    [Test]
    public async Task SignIn_WrongPasswordThatLocksTheAccount_CountsTheFailureAndAuditsTheLockout()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(6, "careless@npq.example");
        fakes.Identity.SetupSequence(i => i.IsLockedOutAsync(user)).ReturnsAsync(false).ReturnsAsync(true);

        var outcome = await fakes.SignIn().SignInAsync(user.Email, "wrong", Ip);

        Assert.That(outcome.Refusal, Does.StartWith("Too many wrong passwords"));
        fakes.Identity.Verify(i => i.AccessFailedAsync(user), Times.Once);
        Assert.That(fakes.Audited.Select(a => (a.Action, a.Detail)), Is.EqualTo(new[]
        {
            (AccountAuditActions.SignInFailed, "wrong password"),
            (AccountAuditActions.LockedOut, "after 5 failed sign-ins"),
        }));
    }

    [Test]
    public async Task SignIn_WrongPassword_IsRefusedWithTheSameMessageAsAnUnknownAddress()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(7, "careless@npq.example");

        var outcome = await fakes.SignIn().SignInAsync(user.Email, "wrong", Ip);

        Assert.That(outcome.Refusal, Is.EqualTo(AccountSignIn.WrongCredentials));
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.SignInFailed));
    }

    [Test]
    public async Task SignIn_DeactivatedWithRightPassword_IsRefusedAndNotReset()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(8, "former@npq.example", active: false);
        fakes.Identity.Setup(i => i.CheckPasswordAsync(user, "right")).ReturnsAsync(true);

        var outcome = await fakes.SignIn().SignInAsync(user.Email, "right", Ip);

        Assert.That(outcome.Refusal, Is.EqualTo(AccountSignIn.Deactivated));
        fakes.Identity.Verify(i => i.ResetAccessFailedCountAsync(It.IsAny<AppUser>()), Times.Never);
        Assert.That(fakes.Audited.Single().Detail, Is.EqualTo("deactivated"));
    }

    [Test]
    public async Task SignIn_RightPassword_ReturnsThePersonResetsFailuresAndAuditsWithTheAddress()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(9, "mentor@npq.example");
        fakes.Identity.Setup(i => i.CheckPasswordAsync(user, "right")).ReturnsAsync(true);

        var outcome = await fakes.SignIn().SignInAsync(user.Email, "right", Ip);

        Assert.That(outcome.User, Is.SameAs(user));
        fakes.Identity.Verify(i => i.ResetAccessFailedCountAsync(user), Times.Once);
        var entry = fakes.Audited.Single();
        Assert.That((entry.Action, entry.ActorUserId, entry.Subject, entry.IpAddress), Is.EqualTo((AccountAuditActions.SignIn, (int?)9, "user:9", Ip)));
    }

    [Test]
    public async Task SignOutEverywhere_KnownPerson_ChangesTheStampAndAudits()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(10, "mentor@npq.example");

        var signedOut = await fakes.SignIn().SignOutEverywhereAsync(user.Id, Ip);

        Assert.That(signedOut, Is.True);
        fakes.Identity.Verify(i => i.UpdateSecurityStampAsync(user), Times.Once);
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.SignOut));
    }

    [Test]
    public async Task SignOutEverywhere_UnknownPerson_DoesNothing()
    {
        var fakes = new AccountFakes();

        var signedOut = await fakes.SignIn().SignOutEverywhereAsync(404, Ip);

        Assert.That(signedOut, Is.False);
        fakes.Identity.Verify(i => i.UpdateSecurityStampAsync(It.IsAny<AppUser>()), Times.Never);
        Assert.That(fakes.Audited, Is.Empty);
    }
}
