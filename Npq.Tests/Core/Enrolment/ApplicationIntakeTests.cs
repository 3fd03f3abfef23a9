using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Core.Validation;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class ApplicationIntakeTests
{
    private Mock<ICohortRepository> _cohorts = null!;
    private Mock<IApplicationRepository> _applications = null!;
    private Mock<IPasswordAccounts> _accounts = null!;
    private Mock<IFrameworkCatalog> _frameworks = null!;

    [SetUp]
    public void Fakes()
    {
        _cohorts = new Mock<ICohortRepository>();
        _applications = new Mock<IApplicationRepository>(MockBehavior.Strict);
        _accounts = new Mock<IPasswordAccounts>(MockBehavior.Strict);
        _frameworks = new Mock<IFrameworkCatalog>();
    }

    private ApplicationIntake Intake() => new(
        _cohorts.Object, _applications.Object, new ApplicationMoves(_applications.Object),
        new CandidateRegistration(_accounts.Object, Clock(), NullLogger<CandidateRegistration>.Instance),
        _frameworks.Object, Options.Create(new FeeOptions { VatRate = 0.2m }), Clock(), NullLogger<ApplicationIntake>.Instance);

    private static Application Draft() => new()
    {
        SchoolName = "  Riverside Academy ", Role = " Deputy head ", Qualification = TeachingQualification.Qts, QualificationGainedOn = new DateOnly(2015, 7, 1),
        YearsTeachingSince = 1, FundingRoute = FundingRoute.Self, Trn = " 1234567 ",
    };

    [Test]
    public async Task OpenCohort_ClosedToApplications_IsNull()
    {
        _cohorts.Setup(c => c.GetSummaryAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort() with { Cohort = Cohort().Cohort with { OpenForApplications = false } });

        Assert.That(await Intake().OpenCohortAsync(CohortId), Is.Null);
    }

    [Test]
    public async Task OpenCohorts_FrameworksWithContent_AreNamed()
    {
        _cohorts.Setup(c => c.GetOpenPageAsync(OpenCohortFilter.All, Now, 0, 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync((2, [Cohort(), Cohort(31) with { Course = Cohort().Course with { FrameworkCode = "npqh" } }]));
        _frameworks.Setup(f => f.Find("npqsl")).Returns(new Framework("npqsl", "Senior leadership", []));

        var open = await Intake().OpenCohortsAsync(OpenCohortFilter.All, 0, 25);

        Assert.That(open.Cohorts, Has.Count.EqualTo(2));
        Assert.That((open.Total, open.FromStart), Is.EqualTo((2, false)));
        Assert.That(open.FrameworksWithContent, Is.EquivalentTo(new[] { "npqsl" }));
    }

    [Test]
    public async Task OpenCohorts_APagePastTheEnd_ShowsTheFirst()
    {
        var filter = new OpenCohortFilter(Delivery: DeliveryModel.Online);
        _cohorts.Setup(c => c.GetOpenPageAsync(filter, Now, 50, 25, It.IsAny<CancellationToken>())).ReturnsAsync((3, []));
        _cohorts.Setup(c => c.GetOpenPageAsync(filter, Now, 0, 25, It.IsAny<CancellationToken>())).ReturnsAsync((3, [Cohort()]));

        var open = await Intake().OpenCohortsAsync(filter, 50, 25);

        Assert.That((open.Total, open.FromStart, open.Cohorts.Count), Is.EqualTo((3, true, 1)));
    }

    [Test]
    public async Task LiveApplication_OnlyAnOpenOrAcceptedOneToThisCohortCounts()
    {
        _applications.Setup(a => a.GetForApplicantAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync(
            [Application(ApplicationStatus.Rejected, 40), Application(ApplicationStatus.Accepted, 41, cohortId: CohortId + 1), Application(ApplicationStatus.WaitingList, 42)]);

        Assert.That(await Intake().LiveApplicationAsync(ApplicantId, CohortId), Is.EqualTo(42));
        Assert.That(await Intake().LiveApplicationAsync(ApplicantId, CohortId + 1), Is.EqualTo(41));
        Assert.That(await Intake().LiveApplicationAsync(null, CohortId), Is.Null, "nobody signed in has none");
    }

    [Test]
    public void Offer_PricesWithAndWithoutVat()
    {
        var offer = Intake().Offer(Cohort());

        Assert.That(offer.OrganisationPrice, Is.EqualTo(new PriceQuote(155_000, 0)));
        Assert.That(offer.SelfPrice, Is.EqualTo(new PriceQuote(155_000, 31_000)));
        Assert.That((offer.VatRate, offer.FrameworkHasContent), Is.EqualTo((0.2m, false)));
    }

    [Test]
    public void Check_DateInTheFutureOfTheCohortsZone_IsAProblem()
    {
        var problems = Intake().Check(Cohort(), TeachingQualification.Qts, new DateOnly(2026, 11, 23), null);

        Assert.That(problems, Is.EqualTo(new[] { new FieldProblem("QualificationGainedOn", "Enter the date you gained it: a real date, not in the future.") }));
    }

    [Test]
    public void Check_QualificationWithoutDate_IsAProblemButNoneNeedsNoDate()
    {
        Assert.That(Intake().Check(Cohort(), TeachingQualification.Qtls, null, null).Single().Message, Is.EqualTo("Enter the date you gained your qualification."));
        Assert.That(Intake().Check(Cohort(), TeachingQualification.None, null, null), Is.Empty);
        Assert.That(Intake().Check(Cohort(), null, null, null), Is.Empty, "the missing qualification says so itself");
    }

    [Test]
    public void Check_AccountAskedForWithNothingFilledIn_NamesEachField()
    {
        var problems = Intake().Check(Cohort(), TeachingQualification.Qts, new DateOnly(2015, 7, 1), new NewAccount(" ", null, "short"));

        Assert.That(problems.Select(p => p.Field), Is.EqualTo(new[] { "DisplayName", "Email", "Password" }));
        Assert.That(problems[2].Message, Is.EqualTo("Your password must be at least 12 characters long."));
    }

    [Test]
    public async Task Submit_SignedIn_StoresTheApplicationPricedAndCheckedWithoutMakingAnAccount()
    {
        Application? stored = null;
        _applications.Setup(a => a.CreateAsync(It.IsAny<Application>(), It.IsAny<CancellationToken>())).Callback<Application, CancellationToken>((a, _) => stored = a).ReturnsAsync(90);

        var result = await Intake().SubmitAsync(Cohort(), Draft(), ApplicantId, null);

        Assert.That((result.Succeeded, result.ApplicationId, result.NewAccount), Is.EqualTo((true, (int?)90, (Npq.Core.Accounts.AppUser?)null)));
        Assert.That((stored!.CohortId, stored.ApplicantUserId, stored.SchoolName, stored.Role, stored.Trn), Is.EqualTo((CohortId, ApplicantId, "Riverside Academy", "Deputy head", "1234567")));
        Assert.That((stored.Status, stored.IsEligible, stored.VatPence, stored.SubmittedUtc), Is.EqualTo((ApplicationStatus.Pending, false, 31_000, Now)));
    }

    [Test]
    public async Task Submit_NewAccountRefused_ReturnsTheProblemsAndStoresNothing()
    {
        _accounts.Setup(a => a.EmailTakenAsync("taken@school.example", It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _accounts.Setup(a => a.PasswordProblemAsync(It.IsAny<AppUser>(), "correct horse battery", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);

        var result = await Intake().SubmitAsync(Cohort(), Draft(), null, new NewAccount("Ann", "taken@school.example", "correct horse battery"));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Problems, Is.EqualTo(new[] { new FieldProblem("Email", CandidateRegistration.EmailTaken) }));
        _applications.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Submit_NewAccount_IsACandidateOfTheCohortsProviderAndTheApplicationIsTheirs()
    {
        _accounts.Setup(a => a.EmailTakenAsync("ann@school.example", It.IsAny<CancellationToken>())).ReturnsAsync(false);
        _accounts.Setup(a => a.PasswordProblemAsync(It.IsAny<AppUser>(), "correct horse battery", It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        _accounts.Setup(a => a.CreateAsync(It.Is<AppUser>(u => u.ProviderId == ProviderId && u.Email == "ann@school.example"), "correct horse battery", Roles.Candidate, It.IsAny<CancellationToken>()))
            .Callback<AppUser, string, string, CancellationToken>((u, _, _, _) => u.Id = 55).ReturnsAsync(new AccountCreation(true));
        _applications.Setup(a => a.CreateAsync(It.Is<Application>(x => x.ApplicantUserId == 55), It.IsAny<CancellationToken>())).ReturnsAsync(91);

        var result = await Intake().SubmitAsync(Cohort(), Draft(), null, new NewAccount(" Ann ", " ann@school.example ", "correct horse battery"));

        Assert.That(result.ApplicationId, Is.EqualTo(91));
        Assert.That((result.NewAccount!.Id, result.NewAccount.DisplayName), Is.EqualTo((55, "Ann")));
    }

    [Test]
    public async Task WithdrawMine_SomeoneElsesApplication_IsNotFoundAndUntouched()
    {
        _applications.Setup(a => a.GetAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(Application(applicantId: ApplicantId + 1));

        Assert.That(await Intake().WithdrawMineAsync(ApplicantId, 40), Is.EqualTo(DecisionOutcome.NotFound));
        Assert.That(await Intake().FindMineAsync(ApplicantId, 40), Is.Null);
    }

    [Test]
    public async Task WithdrawMine_Accepted_IsAlreadyDecidedAndUntouched()
    {
        _applications.Setup(a => a.GetAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(Application(ApplicationStatus.Accepted));

        Assert.That(await Intake().WithdrawMineAsync(ApplicantId, 40), Is.EqualTo(DecisionOutcome.AlreadyDecided));
    }

    [Test]
    public async Task WithdrawMine_Pending_IsWithdrawnByTheApplicant()
    {
        _applications.Setup(a => a.GetAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(Application());
        _applications.Setup(a => a.WithdrawAsync(40, ApplicantId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.Done);

        Assert.That(await Intake().WithdrawMineAsync(ApplicantId, 40), Is.EqualTo(DecisionOutcome.Done));
    }

    [Test]
    public async Task Record_OnTheApplicantsBehalf_IsSentWhenSaidAndCheckedAsOfNow()
    {
        Application? stored = null;
        _applications.Setup(a => a.CreateAsync(It.IsAny<Application>(), It.IsAny<CancellationToken>())).Callback<Application, CancellationToken>((a, _) => stored = a).ReturnsAsync(92);

        var id = await Intake().RecordAsync(Cohort(), Draft() with { CohortId = CohortId, ApplicantUserId = ApplicantId, YearsTeachingSince = 8 }, Now, Now.AddDays(-3));

        Assert.That(id, Is.EqualTo(92));
        Assert.That((stored!.SubmittedUtc, stored.IsEligible, stored.PriceTotalPence), Is.EqualTo((Now.AddDays(-3), true, 186_000)));
    }
}
