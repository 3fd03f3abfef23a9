using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Enrolment;
using Npq.Core.Notifications;
using Npq.Core.Validation;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Enrolment;

public sealed class ApplicationReviewTests
{
    private InlineWrites Writes { get; set; } = new();

    private static readonly ActingUser Admin = new(AdminId, "203.0.113.9");
    private Mock<IApplicationRepository> _applications = null!;
    private Mock<ICohortRepository> _cohorts = null!;
    private Mock<IAuditLog> _audit = null!;
    private Mock<INotifier> _notifier = null!;
    private Mock<IUserRepository> _users = null!;

    [SetUp]
    public void Fakes()
    {
        _applications = new Mock<IApplicationRepository>(MockBehavior.Strict);
        _cohorts = new Mock<ICohortRepository>();
        _audit = new Mock<IAuditLog>();
        _notifier = new Mock<INotifier>();
        _users = Users();
    }

    private ApplicationReview Review() => new(
        _applications.Object, _cohorts.Object, new ApplicationMoves(_applications.Object), new ProviderMentors(_users.Object),
        _audit.Object, _notifier.Object, Writes, [], Clock(), NullLogger<ApplicationReview>.Instance);

    private static ApplicationCase Case(ApplicationStatus status = ApplicationStatus.Pending) => new(Application(status), Cohort());

    [Test]
    public async Task Find_ApplicationToAnotherProvidersCohort_IsNull()
    {
        _applications.Setup(a => a.GetAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(Application());
        _cohorts.Setup(c => c.GetSummaryAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort(providerId: ProviderId + 1));

        Assert.That(await Review().FindAsync(ProviderId, 40), Is.Null);
    }

    [Test]
    public async Task Find_OwnApplication_ComesWithItsCohort()
    {
        _applications.Setup(a => a.GetAsync(40, It.IsAny<CancellationToken>())).ReturnsAsync(Application());
        _cohorts.Setup(c => c.GetSummaryAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort());

        var found = await Review().FindAsync(ProviderId, 40);

        Assert.That(found!.Cohort.Cohort.Id, Is.EqualTo(CohortId));
        Assert.That(found.Application.Application.Id, Is.EqualTo(40));
    }

    [Test]
    public async Task Find_MissingApplication_IsNull()
    {
        _applications.Setup(a => a.GetAsync(41, It.IsAny<CancellationToken>())).ReturnsAsync((ApplicationView?)null);

        Assert.That(await Review().FindAsync(ProviderId, 41), Is.Null);
    }

    [TestCase(61)]
    [TestCase(62)]
    public async Task Accept_MentorNotAnActiveMentorOfTheProvider_IsInvalidAndNothingIsWritten(int mentor)
    {
        var decision = await Review().AcceptAsync(Case(), mentor, Admin);

        Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.Invalid));
        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("mentorUserId", "Choose a mentor from the list.")));
        _applications.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Accept_PlaceLeft_AcceptsWithTheMentorAuditsAndTellsTheApplicant()
    {
        _applications.Setup(a => a.AcceptIntoCohortAsync(40, AdminId, MentorId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.Done);

        var decision = await Review().AcceptAsync(Case(ApplicationStatus.WaitingList), MentorId, Admin);

        Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.Done));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "application.decision" && e.Subject == "application:40" && e.Detail == "accepted into the cohort"
            && e.ActorUserId == AdminId && e.IpAddress == "203.0.113.9" && e.OccurredUtc == Now), It.IsAny<CancellationToken>()), Times.Once);
        _notifier.Verify(n => n.NotifyAsync(ApplicantId, "application-decision", "Your application for NPQ for Senior Leadership was accepted into the cohort",
            "/my/applications/40", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Accept_CohortFull_ReportsThePlacesTakenNowAndTellsNobody()
    {
        _applications.Setup(a => a.AcceptIntoCohortAsync(40, AdminId, null, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.CohortFull);
        _cohorts.Setup(c => c.GetSummaryAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(Cohort(enrolled: 10));

        var decision = await Review().AcceptAsync(Case(), null, Admin);

        Assert.That((decision.Outcome, decision.EnrolledNow), Is.EqualTo((DecisionOutcome.CohortFull, (int?)10)));
        _audit.VerifyNoOtherCalls();
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task MoveToWaitingList_AlreadyOnIt_IsAlreadyDecidedWithoutTouchingStorage()
    {
        var decision = await Review().MoveToWaitingListAsync(Case(ApplicationStatus.WaitingList), Admin);

        Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.AlreadyDecided));
        _applications.VerifyNoOtherCalls();
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task MoveToWaitingList_Pending_IsDoneAndTheApplicantIsTold()
    {
        _applications.Setup(a => a.MoveToWaitingListAsync(40, AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.Done);

        var decision = await Review().MoveToWaitingListAsync(Case(), Admin);

        Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.Done));
        _notifier.Verify(n => n.NotifyAsync(ApplicantId, "application-decision", "Your application for NPQ for Senior Leadership was put on the waiting list",
            "/my/applications/40", It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(null)]
    [TestCase("  ")]
    public async Task Reject_WithoutAReason_IsInvalidOnTheReasonField(string? reason)
    {
        var decision = await Review().RejectAsync(Case(), reason, Admin);

        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("reason", "Enter the reason: the applicant reads it.")));
        _applications.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Reject_WithAReason_StoresItTrimmed()
    {
        _applications.Setup(a => a.RejectAsync(40, "Too far to travel.", AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.Done);

        var decision = await Review().RejectAsync(Case(), "  Too far to travel. ", Admin);

        Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.Done));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Detail == "rejected"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Withdraw_SomeoneDecidedItFirst_IsAlreadyDecidedAndNobodyIsTold()
    {
        _applications.Setup(a => a.WithdrawAsync(40, AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.AlreadyDecided);

        var decision = await Review().WithdrawAsync(Case(), Admin);

        Assert.That(decision.Outcome, Is.EqualTo(DecisionOutcome.AlreadyDecided));
        _audit.VerifyNoOtherCalls();
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Mentors_AreTheCohortsFacilitatorsWhoAreTheProvidersActiveMentors_NeverItsWholeList()
    {
        // The cohort's facilitators: the provider's mentor, an inactive one (61) and another provider's (62).
        _cohorts.Setup(c => c.GetExtrasAsync(CohortId, It.IsAny<CancellationToken>())).ReturnsAsync(new CohortExtras([MentorId, 61, 62], [], []));

        var mentors = await Review().MentorsAsync(Case());

        Assert.That(mentors, Is.EqualTo(new[] { new CohortPerson(MentorId, "Priya Shah") }));
        _users.Verify(u => u.GetUsersInRoleAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _users.Verify(u => u.GetActiveInRoleAsync(It.IsAny<int>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()), Times.Never, "never the provider's whole list");
    }
}
