using Moq;
using Npq.Core.Enrolment;
using static Npq.Tests.Core.Enrolment.EnrolmentFakes;

namespace Npq.Tests.Core.Enrolment;

public sealed class ApplicationMovesTests
{
    [Test]
    public async Task Apply_RefusedMove_TouchesNothing()
    {
        var applications = new Mock<IApplicationRepository>(MockBehavior.Strict);

        var outcome = await new ApplicationMoves(applications.Object).ApplyAsync(40, ApplicationWorkflow.Move(ApplicationStatus.Rejected, ApplicationStatus.Accepted), AdminId, Now);

        Assert.That(outcome, Is.EqualTo(DecisionOutcome.AlreadyDecided));
        applications.VerifyNoOtherCalls();
    }

    [Test]
    public async Task Apply_EachAllowedMove_IsTheRepositorysMatchingDecision()
    {
        var applications = new Mock<IApplicationRepository>(MockBehavior.Strict);
        applications.Setup(a => a.AcceptIntoCohortAsync(40, AdminId, MentorId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.CohortFull);
        applications.Setup(a => a.MoveToWaitingListAsync(41, AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.Done);
        applications.Setup(a => a.RejectAsync(42, "No.", AdminId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.Done);
        applications.Setup(a => a.WithdrawAsync(43, ApplicantId, Now, It.IsAny<CancellationToken>())).ReturnsAsync(DecisionOutcome.NotFound);
        var moves = new ApplicationMoves(applications.Object);

        Assert.That(await moves.ApplyAsync(40, ApplicationWorkflow.Move(ApplicationStatus.Pending, ApplicationStatus.Accepted), AdminId, Now, MentorId), Is.EqualTo(DecisionOutcome.CohortFull));
        Assert.That(await moves.ApplyAsync(41, ApplicationWorkflow.Move(ApplicationStatus.Pending, ApplicationStatus.WaitingList), AdminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That(await moves.ApplyAsync(42, ApplicationWorkflow.Move(ApplicationStatus.WaitingList, ApplicationStatus.Rejected, " No. "), AdminId, Now), Is.EqualTo(DecisionOutcome.Done));
        Assert.That(await moves.ApplyAsync(43, ApplicationWorkflow.Move(ApplicationStatus.Pending, ApplicationStatus.Withdrawn), ApplicantId, Now), Is.EqualTo(DecisionOutcome.NotFound));
    }
}
