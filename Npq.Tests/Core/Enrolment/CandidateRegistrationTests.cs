using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class CandidateRegistrationTests
{
    private const string Password = "correct horse battery";
    private Mock<IPasswordAccounts> _accounts = null!;

    [SetUp]
    public void Fakes()
    {
        _accounts = new Mock<IPasswordAccounts>(MockBehavior.Strict);
        _accounts.Setup(a => a.EmailTakenAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _accounts.Setup(a => a.PasswordProblemAsync(It.IsAny<AppUser>(), Password, It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
    }

    private CandidateRegistration Registration() => new(_accounts.Object, Clock(), NullLogger<CandidateRegistration>.Instance);

    [Test]
    public async Task Register_BadNameEmailAndShortPassword_ReturnsEachFieldsMessageAndCreatesNobody()
    {
        var result = await Registration().RegisterAsync(new string('a', 201), "not-an-email", "short");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Errors, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["DisplayName"] = "Your name must be 200 characters or fewer.",
            ["Email"] = "Enter an email address like name@school.org.",
            ["Password"] = "Your password must be at least 12 characters long.",
        }));
        _accounts.Verify(a => a.CreateAsync(It.IsAny<AppUser>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Register_PasswordAgainstThePolicy_ShowsThePolicysReason()
    {
        _accounts.Setup(a => a.PasswordProblemAsync(It.IsAny<AppUser>(), "passwordpassword", It.IsAny<CancellationToken>())).ReturnsAsync("That password is too common.");

        var result = await Registration().RegisterAsync("Ann", "ann@school.example", "passwordpassword");

        Assert.That(result.Errors["Password"], Is.EqualTo("That password is too common."));
    }

    [Test]
    public async Task Register_EmailTakenAtTheLastMoment_IsReportedOnTheEmail()
    {
        _accounts.Setup(a => a.CreateAsync(It.IsAny<AppUser>(), Password, Roles.Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(new AccountCreation(false, DuplicateEmail: true));

        var result = await Registration().RegisterAsync("Ann", "ann@school.example", Password);

        Assert.That(result.Errors, Is.EquivalentTo(new Dictionary<string, string> { ["Email"] = CandidateRegistration.EmailTaken }));
    }

    [Test]
    public async Task Register_StoreRefusesForAnotherReason_IsReportedOnThePassword()
    {
        _accounts.Setup(a => a.CreateAsync(It.IsAny<AppUser>(), Password, Roles.Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(new AccountCreation(false, Problem: "Too weak."));

        var result = await Registration().RegisterAsync("Ann", "ann@school.example", Password);

        Assert.That(result.Errors, Is.EquivalentTo(new Dictionary<string, string> { ["Password"] = "Too weak." }));
    }

    [Test]
    public async Task Register_Valid_CreatesATrimmedCandidateForTheProvider()
    {
        AppUser? created = null;
        _accounts.Setup(a => a.CreateAsync(It.IsAny<AppUser>(), Password, Roles.Candidate, It.IsAny<CancellationToken>()))
            .Callback<AppUser, string, string, CancellationToken>((u, _, _, _) => { u.Id = 77; created = u; }).ReturnsAsync(new AccountCreation(true));

        var result = await Registration().RegisterAsync(" Ann Applicant ", " Ann@School.example ", Password, ProviderId);

        Assert.That((result.Succeeded, result.UserId), Is.EqualTo((true, (int?)77)));
        Assert.That((created!.DisplayName, created.Email, created.NormalizedEmail, created.ProviderId, created.CreatedUtc),
            Is.EqualTo(("Ann Applicant", "Ann@School.example", "ANN@SCHOOL.EXAMPLE", (int?)ProviderId, Now)));
    }
}
