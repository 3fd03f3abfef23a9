using Moq;
using Npq.Core.Accounts;

namespace Npq.Tests.Core.Accounts;

public sealed class AccountPasswordsTests
{
    private const string Ip = "203.0.113.8";

    [Test]
    public async Task RequestReset_ActivePerson_EmailsALinkAndAudits()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "candidate@npq.example");

        await fakes.Passwords().RequestResetAsync(user.Email, Ip);

        Assert.That(fakes.Sent.Single().Subject, Is.EqualTo("Reset your Npq password"));
        fakes.Identity.Verify(i => i.CreateLinkTokenAsync(user, AccountLink.PasswordReset), Times.Once);
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.PasswordResetRequested));
        Assert.That(fakes.Audited.Single().ActorUserId, Is.Null);
    }

    [Test]
    public async Task RequestReset_DeactivatedOrUnknown_SendsNothing()
    {
        var fakes = new AccountFakes();
        var former = fakes.Person(3, "former@npq.example", active: false);

        await fakes.Passwords().RequestResetAsync(former.Email, Ip);
        await fakes.Passwords().RequestResetAsync("nobody@npq.example", Ip);

        Assert.That(fakes.Sent, Is.Empty);
        Assert.That(fakes.Audited, Is.Empty);
    }

    [TestCase(0, "token")]
    [TestCase(3, null)]
    [TestCase(3, "")]
    public async Task OpenResetLink_Malformed_IsNullWithoutAskingIdentity(int userId, string? token)
    {
        var fakes = new AccountFakes();
        fakes.Person(3, "candidate@npq.example");

        var user = await fakes.Passwords().OpenResetLinkAsync(userId, token);

        Assert.That(user, Is.Null);
        fakes.Identity.Verify(i => i.VerifyLinkTokenAsync(It.IsAny<AppUser>(), It.IsAny<AccountLink>(), It.IsAny<string>()), Times.Never);
    }

    [Test]
    public async Task OpenResetLink_TooLongToken_IsNull()
    {
        var fakes = new AccountFakes();
        var person = fakes.Person(3, "candidate@npq.example");
        fakes.Identity.Setup(i => i.VerifyLinkTokenAsync(person, AccountLink.PasswordReset, It.IsAny<string>())).ReturnsAsync(true);

        Assert.That(await fakes.Passwords().OpenResetLinkAsync(3, new string('a', 2049)), Is.Null);
        Assert.That(await fakes.Passwords().OpenResetLinkAsync(3, new string('a', 2048)), Is.SameAs(person));
    }

    [Test]
    public async Task OpenResetLink_DeactivatedPersonWithValidToken_IsNull()
    {
        var fakes = new AccountFakes();
        var former = fakes.Person(3, "former@npq.example", active: false);
        fakes.Identity.Setup(i => i.VerifyLinkTokenAsync(former, AccountLink.PasswordReset, "t")).ReturnsAsync(true);

        Assert.That(await fakes.Passwords().OpenResetLinkAsync(3, "t"), Is.Null);
    }

    [Test]
    public async Task OpenInvitation_PersonWhoAlreadyHasAPassword_IsNull()
    {
        var fakes = new AccountFakes();
        var invited = fakes.Person(3, "invited@npq.example", passwordHash: null);
        var accepted = fakes.Person(4, "accepted@npq.example");
        fakes.Identity.Setup(i => i.VerifyLinkTokenAsync(It.IsAny<AppUser>(), AccountLink.Invitation, "t")).ReturnsAsync(true);

        Assert.That(await fakes.Passwords().OpenInvitationAsync(invited.Id, "t"), Is.SameAs(invited));
        Assert.That(await fakes.Passwords().OpenInvitationAsync(accepted.Id, "t"), Is.Null);
    }

    [Test]
    public async Task ResetPassword_Refused_ExplainsEachProblemOnTheNewPasswordAndDoesNotUnlock()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "candidate@npq.example");
        fakes.Identity.Setup(i => i.ResetPasswordAsync(user, "t", "short")).ReturnsAsync(AccountResult.Failed(
            new AccountError(AccountErrorCodes.PasswordTooShort, "identity's words"),
            new AccountError(AccountErrorCodes.PasswordRequiresUniqueChars, "identity's words"),
            new AccountError("CommonPassword", "This password is too common")));

        var outcome = await fakes.Passwords().ResetPasswordAsync(user, "t", "short", Ip);

        Assert.That(outcome.Succeeded, Is.False);
        Assert.That(outcome.Field, Is.EqualTo(AccountPasswords.NewPasswordField));
        Assert.That(outcome.Messages, Is.EqualTo(new[] { "Use at least 12 characters", "Use at least 4 different characters", "This password is too common" }));
        fakes.Identity.Verify(i => i.UnlockAsync(It.IsAny<AppUser>()), Times.Never);
        Assert.That(fakes.Audited, Is.Empty);
    }

    [Test]
    public async Task ResetPassword_Accepted_UnlocksAndAudits()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "candidate@npq.example");
        fakes.Identity.Setup(i => i.ResetPasswordAsync(user, "t", "a long new phrase")).ReturnsAsync(AccountResult.Success);

        var outcome = await fakes.Passwords().ResetPasswordAsync(user, "t", "a long new phrase", Ip);

        Assert.That(outcome.Succeeded, Is.True);
        fakes.Identity.Verify(i => i.UnlockAsync(user), Times.Once);
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.PasswordReset));
    }

    [Test]
    public async Task AcceptInvitation_Refused_LeavesTheEmailUnconfirmed()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "invited@npq.example", passwordHash: null);
        fakes.Identity.Setup(i => i.AddPasswordAsync(user, "x")).ReturnsAsync(AccountResult.Failed(new AccountError(AccountErrorCodes.InvalidToken, "bad")));

        var outcome = await fakes.Passwords().AcceptInvitationAsync(user, "x", Ip);

        Assert.That(outcome.Messages, Is.EqualTo(new[] { AccountPasswords.LinkNotValid }));
        Assert.That(user.EmailConfirmed, Is.False);
        Assert.That(fakes.Audited, Is.Empty);
    }

    [Test]
    public async Task AcceptInvitation_Accepted_ConfirmsTheEmailBeforeSavingAndAudits()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "invited@npq.example", passwordHash: null);
        var confirmedWhenSaved = false;
        fakes.Identity.Setup(i => i.AddPasswordAsync(user, "a long new phrase"))
            .Callback(() => confirmedWhenSaved = user.EmailConfirmed).ReturnsAsync(AccountResult.Success);

        var outcome = await fakes.Passwords().AcceptInvitationAsync(user, "a long new phrase", Ip);

        Assert.That(outcome.User, Is.SameAs(user));
        Assert.That(confirmedWhenSaved, Is.True);
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.InvitationAccepted));
    }

    [Test]
    public async Task ChangePassword_WrongCurrentPassword_PutsTheMessageOnTheCurrentPassword()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "candidate@npq.example");
        fakes.Identity.Setup(i => i.ChangePasswordAsync(user, "wrong", "new one")).ReturnsAsync(AccountResult.Failed(new AccountError(AccountErrorCodes.PasswordMismatch, "x")));

        var outcome = await fakes.Passwords().ChangePasswordAsync(user.Id, "wrong", "new one", Ip);

        Assert.That(outcome.Field, Is.EqualTo(AccountPasswords.CurrentPasswordField));
        Assert.That(outcome.Messages, Is.EqualTo(new[] { "Your current password is not right" }));
    }

    [Test]
    public async Task ChangePassword_ConcurrentChange_AsksToTryAgain()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "candidate@npq.example");
        fakes.Identity.Setup(i => i.ChangePasswordAsync(user, "old", "new one")).ReturnsAsync(AccountResult.Failed(new AccountError(AccountErrorCodes.ConcurrencyFailure, "x")));

        var outcome = await fakes.Passwords().ChangePasswordAsync(user.Id, "old", "new one", Ip);

        Assert.That(outcome.Field, Is.EqualTo(AccountPasswords.NewPasswordField));
        Assert.That(outcome.Messages, Is.EqualTo(new[] { "Your account changed while you were doing this. Try again." }));
    }

    [Test]
    public async Task ChangePassword_Accepted_ReturnsThePersonAndAudits()
    {
        var fakes = new AccountFakes();
        var user = fakes.Person(3, "candidate@npq.example");
        fakes.Identity.Setup(i => i.ChangePasswordAsync(user, "old", "new one")).ReturnsAsync(AccountResult.Success);

        var outcome = await fakes.Passwords().ChangePasswordAsync(user.Id, "old", "new one", Ip);

        Assert.That(outcome.User, Is.SameAs(user));
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.PasswordChanged));
        Assert.That(fakes.Audited.Single().IpAddress, Is.EqualTo(Ip));
    }

    [Test]
    public async Task ChangePassword_UnknownPerson_IsUserMissing()
    {
        var fakes = new AccountFakes();

        var outcome = await fakes.Passwords().ChangePasswordAsync(404, "old", "new one", Ip);

        Assert.That(outcome.UserMissing, Is.True);
        fakes.Identity.Verify(i => i.ChangePasswordAsync(It.IsAny<AppUser>(), It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }
}
