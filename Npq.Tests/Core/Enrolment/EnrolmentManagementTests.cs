using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Validation;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class EnrolmentManagementTests
{
    private static readonly ActingUser Admin = new(AdminId);
    private Mock<IEnrolmentLifecycleRepository> _enrolments = null!;
    private Mock<ICohortRepository> _cohorts = null!;
    private Mock<IUserRepository> _users = null!;

    [SetUp]
    public void Fakes()
    {
        _enrolments = new Mock<IEnrolmentLifecycleRepository>(MockBehavior.Strict);
        _cohorts = new Mock<ICohortRepository>();
        // The repository's read is for the enrolment's cohort; what it returns is checked again here (course, later start).
        _cohorts.Setup(c => c.GetResumeTargetsAsync(CohortId, EnrolmentManagement.ResumeTargetsShown, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Cohort(),
            Cohort(31, start: new DateOnly(2027, 10, 1)),
            Cohort(32, start: new DateOnly(2025, 10, 1)),
            Cohort(33, start: new DateOnly(2027, 10, 1), courseId: 4),
        ]);
        _users = Users();
    }

    private EnrolmentManagement Manage() => new(_enrolments.Object, _cohorts.Object, _users.Object, new ProviderMentors(_users.Object), [], Clock(), NullLogger<EnrolmentManagement>.Instance);

    [Test]
    public async Task ChangeStatus_NothingChosen_IsAProblemOnStatus()
    {
        var decision = await Manage().ChangeStatusAsync(AnEnrolment(), 2, null, null, Admin);

        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("status", "Choose the new status.")));
    }

    [Test]
    public async Task ChangeStatus_DeferralWithAWithdrawalReason_IsRefusedByTheMachineOnTheReasonField()
    {
        var decision = await Manage().ChangeStatusAsync(AnEnrolment(), 2, TrainingStatus.Deferred, "non-payment-of-invoice", Admin);

        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("reason", "Choose one of DfE's deferral reasons.")));
        _enrolments.VerifyNoOtherCalls();
    }

    [Test]
    public async Task ChangeStatus_CompletedEnrolment_IsRefusedOnTheStatusField()
    {
        var decision = await Manage().ChangeStatusAsync(AnEnrolment(TrainingStatus.Completed), 2, TrainingStatus.Active, null, Admin);

        Assert.That(decision.Problem!.Field, Is.EqualTo("status"));
        Assert.That(decision.Problem.Message, Is.EqualTo("A completed enrolment cannot change status."));
    }

    [Test]
    public async Task ChangeStatus_Allowed_IsSavedAgainstTheVersionRead()
    {
        _enrolments.Setup(e => e.ChangeStatusAsync(70, 2, It.Is<StatusChange>(c => c.Allowed && c.To == TrainingStatus.Deferred && c.Reason == "bereavement"), AdminId, Now, It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);

        Assert.That((await Manage().ChangeStatusAsync(AnEnrolment(), 2, TrainingStatus.Deferred, "bereavement", Admin)).Outcome, Is.EqualTo(DecisionOutcome.Done));
    }

    [Test]
    public async Task ChangeStatus_ChangedSinceRead_IsAConflict()
    {
        _enrolments.Setup(e => e.ChangeStatusAsync(70, 1, It.IsAny<StatusChange>(), AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        Assert.That((await Manage().ChangeStatusAsync(AnEnrolment(), 1, TrainingStatus.Completed, "  ", Admin)).Outcome, Is.EqualTo(DecisionOutcome.AlreadyDecided));
    }

    [Test]
    public async Task Resume_ActiveEnrolment_IsAProblem()
    {
        var decision = await Manage().ResumeAsync(AnEnrolment(), 2, CohortId, Admin);

        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("cohortId", "Only a deferred enrolment can resume.")));
    }

    [TestCase(null)]
    [TestCase(32)]
    [TestCase(33)]
    public async Task Resume_IntoNoCohortAnEarlierOneOrAnotherCourses_IsAProblem(int? cohortId)
    {
        var decision = await Manage().ResumeAsync(AnEnrolment(TrainingStatus.Deferred), 2, cohortId, Admin);

        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("cohortId", "Choose the cohort to resume in.")));
    }

    [Test]
    public async Task Resume_SameCohort_IsTheMachinesDeferredToActive()
    {
        _enrolments.Setup(e => e.ChangeStatusAsync(70, 2, It.Is<StatusChange>(c => c.Allowed && c.From == TrainingStatus.Deferred && c.To == TrainingStatus.Active), AdminId, Now, It.IsAny<CancellationToken>()))
            .ReturnsAsync(true);

        Assert.That((await Manage().ResumeAsync(AnEnrolment(TrainingStatus.Deferred), 2, CohortId, Admin)).Outcome, Is.EqualTo(DecisionOutcome.Done));
    }

    [Test]
    public async Task Resume_LaterCohortOfTheCourse_MovesTheEnrolmentThere()
    {
        _enrolments.Setup(e => e.ResumeIntoCohortAsync(70, 2, 31, AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.CohortFull);

        Assert.That((await Manage().ResumeAsync(AnEnrolment(TrainingStatus.Deferred), 2, 31, Admin)).Outcome, Is.EqualTo(DecisionOutcome.CohortFull));
    }

    [Test]
    public async Task AssignMentor_NotTheProvidersMentor_IsAProblemAndNothingChanges()
    {
        var decision = await Manage().AssignMentorAsync(AnEnrolment(), 61, Admin);

        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("mentorUserId", "Choose a mentor from the list.")));
        _enrolments.VerifyNoOtherCalls();
    }

    [TestCase(MentorId)]
    [TestCase(null)]
    public async Task AssignMentor_ProvidersMentorOrNone_ChangesThisEnrolmentOnly(int? mentor)
    {
        _enrolments.Setup(e => e.AssignMentorAsync(CohortId, It.Is<IReadOnlyCollection<int>>(ids => ids.SequenceEqual(new[] { 70 })), mentor, AdminId, Now, It.IsAny<CancellationToken>()))
            .ReturnsAsync(1);

        Assert.That((await Manage().AssignMentorAsync(AnEnrolment(), mentor, Admin)).Outcome, Is.EqualTo(DecisionOutcome.Done));
    }

    [Test]
    public async Task Detail_ActiveEnrolmentWithoutAMentor_OffersTheMachinesNextStatusesAndItsOwnHistory_ReadingNoCohortsOrMentors()
    {
        _enrolments.Setup(e => e.GetHistoryForCandidateAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new EnrolmentHistoryEntry { EnrolmentId = 70, Change = "Enrolled" }, new EnrolmentHistoryEntry { EnrolmentId = 71, Change = "Enrolled elsewhere" }]);

        var detail = await Manage().DetailAsync(AnEnrolment());

        Assert.That(detail.NextStatuses, Is.EqualTo(new[] { TrainingStatus.Deferred, TrainingStatus.Withdrawn, TrainingStatus.Completed }));
        Assert.That(detail.ResumeTargets, Is.Empty, "only a deferred enrolment is offered cohorts to resume in");
        Assert.That(detail.Mentors, Is.Empty, "no mentor yet: any mentor is named by email");
        Assert.That(detail.History.Select(h => h.Change), Is.EqualTo(new[] { "Enrolled" }));
        _cohorts.Verify(c => c.GetResumeTargetsAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _cohorts.Verify(c => c.GetSummariesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _users.Verify(u => u.GetUsersInRoleAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _users.Verify(u => u.GetActiveInRoleAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<IReadOnlyCollection<int>?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Detail_DeferredEnrolmentWithAMentor_OffersItsOwnAndLaterCohortsOfTheCourse_AndItsMentorOnly()
    {
        _enrolments.Setup(e => e.GetHistoryForCandidateAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var deferred = AnEnrolment(TrainingStatus.Deferred);
        deferred = deferred with { Enrolment = deferred.Enrolment with { MentorUserId = MentorId } };

        var detail = await Manage().DetailAsync(deferred);

        Assert.That(detail.ResumeTargets.Select(c => c.Cohort.Id), Is.EqualTo(new[] { CohortId, 31 }), "not the earlier cohort 32 nor another course's 33");
        Assert.That(detail.Mentors.Select(m => m.UserId), Is.EqualTo(new[] { MentorId }));
        _cohorts.Verify(c => c.GetSummariesAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "never every cohort of the provider");
        _users.Verify(u => u.GetUsersInRoleAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never, "never every mentor of every provider");
        _users.Verify(u => u.GetActiveInRoleAsync(ProviderId, Roles.Mentor, It.Is<IReadOnlyCollection<int>?>(ids => ids != null && ids.SequenceEqual(new[] { MentorId })), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task AssignMentor_AnotherProvidersMentor_IsAProblem_CheckedWithAReadOfThatPersonOnly()
    {
        var decision = await Manage().AssignMentorAsync(AnEnrolment(), 62, Admin);

        Assert.That(decision.Problem, Is.EqualTo(new FieldProblem("mentorUserId", "Choose a mentor from the list.")));

        _users.Verify(u => u.GetUsersInRoleAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _users.Verify(u => u.GetActiveInRoleAsync(ProviderId, Roles.Mentor, It.Is<IReadOnlyCollection<int>?>(ids => ids != null && ids.SequenceEqual(new[] { 62 })), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Find_EnrolmentOnAnotherProvidersCohort_IsNull()
    {
        _enrolments.Setup(e => e.GetAsync(70, It.IsAny<CancellationToken>())).ReturnsAsync(AnEnrolment(providerId: ProviderId + 1));

        Assert.That(await Manage().FindAsync(ProviderId, 70), Is.Null);
        Assert.That(await Manage().FindAsync(ProviderId + 1, 70), Is.Not.Null);
    }

    [Test]
    public async Task History_OnlyThisProvidersEnrolmentsAndTheirChanges()
    {
        _users.Setup(u => u.FindByIdAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync(new AppUser { Id = ApplicantId, DisplayName = "Ann Applicant" });
        _enrolments.Setup(e => e.GetForCandidateAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync([AnEnrolment(), AnEnrolment(id: 71, providerId: ProviderId + 1)]);
        _enrolments.Setup(e => e.GetHistoryForCandidateAsync(ApplicantId, It.IsAny<CancellationToken>())).ReturnsAsync(
            [new EnrolmentHistoryEntry { EnrolmentId = 70, Change = "Enrolled" }, new EnrolmentHistoryEntry { EnrolmentId = 71, Change = "Elsewhere" }]);

        var history = await Manage().HistoryAsync(ProviderId, ApplicantId);

        Assert.That(history!.CandidateName, Is.EqualTo("Ann Applicant"));
        Assert.That(history.Enrolments.Select(e => e.Enrolment.Id), Is.EqualTo(new[] { 70 }));
        Assert.That(history.History.Select(h => h.Change), Is.EqualTo(new[] { "Enrolled" }));
        Assert.That(await Manage().HistoryAsync(ProviderId, 999), Is.Null, "nobody by that id");
    }
}
