using Moq;
using Npq.Core.Accounts;

namespace Npq.Tests.Core.Accounts;

public sealed class UserAdministrationTests
{
    private const string Ip = "203.0.113.9";

    private static Invitation Invite(string email = "new.mentor@npq.example", int? schoolId = null, params string[] roles) =>
        new(email, "  New Mentor ", roles.Length == 0 ? [Roles.Mentor] : roles, schoolId);

    [TestCase("Superuser", "Choose roles from the list")]
    [TestCase(" ", "Choose at least one role")]
    public async Task Invite_BadRoles_IsRefusedOnTheRolesField(string role, string message)
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");

        var (result, userId) = await fakes.Administration().InviteAsync(admin, Invite(roles: role), Ip);

        Assert.That(result, Is.EqualTo(AdminResult.Fail(nameof(Invitation.Roles), message)));
        Assert.That(userId, Is.Null);
        fakes.Identity.Verify(i => i.CreateAsync(It.IsAny<AppUser>()), Times.Never);
    }

    [Test]
    public async Task Invite_UnknownSchool_IsRefusedOnTheSchoolField()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        fakes.Users.Setup(u => u.GetSchoolAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync(new SchoolOption { Id = 7, Name = "Oak", Country = "UAE" });

        var (result, userId) = await fakes.Administration().InviteAsync(admin, Invite(schoolId: 8), Ip);

        Assert.That(result.Field, Is.EqualTo(nameof(Invitation.SchoolId)));
        Assert.That(result.Message, Does.Contain("does not exist"));
        Assert.That(userId, Is.Null);
        fakes.Users.Verify(u => u.GetSchoolAsync(8, It.IsAny<CancellationToken>()), Times.Once, "the one school asked about is read, not every school");
        fakes.Identity.Verify(i => i.CreateAsync(It.IsAny<AppUser>()), Times.Never);
    }

    [Test]
    public async Task Invite_AddressAlreadyTaken_IsRefusedOnTheEmailField()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        fakes.Person(2, "taken@npq.example");

        var (result, _) = await fakes.Administration().InviteAsync(admin, Invite(" taken@npq.example "), Ip);

        Assert.That(result, Is.EqualTo(AdminResult.Fail(nameof(Invitation.Email), "Someone already has an account with this email address")));
        Assert.That(fakes.Sent, Is.Empty);
    }

    [Test]
    public async Task Invite_Valid_CreatesThePersonInTheAdminsProviderWithRolesMailsAndAudits()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example", providerId: 42);
        fakes.Users.Setup(u => u.GetSchoolAsync(7, It.IsAny<CancellationToken>())).ReturnsAsync(new SchoolOption { Id = 7, Name = "Oak", Country = "UAE" });
        AppUser? created = null;
        fakes.Identity.Setup(i => i.CreateAsync(It.IsAny<AppUser>())).Callback<AppUser>(u => { u.Id = 77; created = u; }).ReturnsAsync(AccountResult.Success);

        var (result, userId) = await fakes.Administration().InviteAsync(admin, Invite(" new.mentor@npq.example ", 7, "mentor", Roles.Headteacher, "Mentor"), Ip);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(userId, Is.EqualTo(77));
        Assert.That((created!.Email, created.DisplayName, created.ProviderId, created.SchoolId, created.CreatedUtc),
            Is.EqualTo(("new.mentor@npq.example", "New Mentor", (int?)42, (int?)7, AccountFakes.Now.UtcDateTime)));
        fakes.Users.Verify(u => u.AddToRoleAsync(77, Roles.Mentor, It.IsAny<CancellationToken>()), Times.Once);
        fakes.Users.Verify(u => u.AddToRoleAsync(77, Roles.Headteacher, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(fakes.Sent.Single().Subject, Is.EqualTo("Your invitation to Npq"));
        Assert.That(fakes.Audited.Single().Detail, Is.EqualTo("roles: Mentor, Headteacher"));
        Assert.That(fakes.Audited.Single().IpAddress, Is.EqualTo(Ip));
    }

    [Test]
    public async Task ResendInvitation_PersonWithAPassword_IsRefused()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        var user = fakes.Person(2, "active@npq.example");

        var result = await fakes.Administration().ResendInvitationAsync(admin, user, Ip);

        Assert.That(result.Succeeded, Is.False);
        Assert.That(fakes.Sent, Is.Empty);
    }

    [Test]
    public async Task ResendInvitation_InvitedPerson_MailsAgainAndAudits()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        var user = fakes.Person(2, "invited@npq.example", passwordHash: null);

        var result = await fakes.Administration().ResendInvitationAsync(admin, user, Ip);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(fakes.Sent, Has.Count.EqualTo(1));
        Assert.That(fakes.Audited.Single().Detail, Is.EqualTo("invitation sent again"));
    }

    [Test]
    public async Task SetRoles_AdminDroppingTheirOwnAdminRole_IsRefused()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");

        var result = await fakes.Administration().SetRolesAsync(admin, admin, [Roles.Mentor], Ip);

        Assert.That(result.Message, Does.Contain("cannot remove your own ProviderAdmin role"));
        fakes.Users.Verify(u => u.RemoveFromRoleAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SetRoles_SameRoles_ChangesNothing()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        var user = fakes.Person(2, "mentor@npq.example");
        fakes.Users.Setup(u => u.GetRolesAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync([Roles.Mentor]);

        var result = await fakes.Administration().SetRolesAsync(admin, user, ["mentor"], Ip);

        Assert.That(result.Succeeded, Is.True);
        fakes.Identity.Verify(i => i.UpdateSecurityStampAsync(It.IsAny<AppUser>()), Times.Never);
        Assert.That(fakes.Audited, Is.Empty);
    }

    [Test]
    public async Task SetRoles_Changed_AddsRemovesEndsSessionsAndAuditsTheDifference()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        var user = fakes.Person(2, "mentor@npq.example");
        fakes.Users.Setup(u => u.GetRolesAsync(2, It.IsAny<CancellationToken>())).ReturnsAsync([Roles.Mentor]);

        var result = await fakes.Administration().SetRolesAsync(admin, user, [Roles.Assessor], Ip);

        Assert.That(result.Succeeded, Is.True);
        fakes.Users.Verify(u => u.AddToRoleAsync(2, Roles.Assessor, It.IsAny<CancellationToken>()), Times.Once);
        fakes.Users.Verify(u => u.RemoveFromRoleAsync(2, Roles.Mentor, It.IsAny<CancellationToken>()), Times.Once);
        fakes.Identity.Verify(i => i.UpdateSecurityStampAsync(user), Times.Once);
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.RolesChanged));
        Assert.That(fakes.Audited.Single().Detail, Is.EqualTo("added: Assessor; removed: Mentor"));
    }

    [Test]
    public async Task SetActive_AdminDeactivatingThemselves_IsRefused()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");

        var result = await fakes.Administration().SetActiveAsync(admin, admin, false, Ip);

        Assert.That(result.Message, Does.Contain("cannot deactivate your own account"));
        Assert.That(admin.IsActive, Is.True);
    }

    [Test]
    public async Task SetActive_Deactivate_ChangesTheStampSoSessionsEndAndAudits()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        var user = fakes.Person(2, "mentor@npq.example");

        var result = await fakes.Administration().SetActiveAsync(admin, user, false, Ip);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(user.IsActive, Is.False);
        fakes.Identity.Verify(i => i.UpdateSecurityStampAsync(user), Times.Once);
        Assert.That(fakes.Audited.Single().Action, Is.EqualTo(AccountAuditActions.Deactivated));
    }

    [Test]
    public async Task SetActive_ReactivateRefusedAsConcurrent_AsksToTryAgainWithoutAudit()
    {
        var fakes = new AccountFakes();
        var admin = fakes.Person(1, "admin@npq.example");
        var user = fakes.Person(2, "former@npq.example", active: false);
        fakes.Identity.Setup(i => i.UpdateAsync(user)).ReturnsAsync(AccountResult.Failed(new AccountError(AccountErrorCodes.ConcurrencyFailure, "x")));

        var result = await fakes.Administration().SetActiveAsync(admin, user, true, Ip);

        Assert.That(result, Is.EqualTo(AdminResult.Fail(null, "The account changed while you were doing this. Try again.")));
        Assert.That(fakes.Audited, Is.Empty);
    }
}
