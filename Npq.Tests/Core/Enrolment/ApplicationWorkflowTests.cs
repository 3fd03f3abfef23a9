using Npq.Core.Enrolment;

namespace Npq.Tests.Core.Enrolment;

public sealed class ApplicationWorkflowTests
{
    [TestCase(ApplicationStatus.Pending, ApplicationStatus.Accepted)]
    [TestCase(ApplicationStatus.Pending, ApplicationStatus.WaitingList)]
    [TestCase(ApplicationStatus.Pending, ApplicationStatus.Withdrawn)]
    [TestCase(ApplicationStatus.WaitingList, ApplicationStatus.Accepted)]
    [TestCase(ApplicationStatus.WaitingList, ApplicationStatus.Withdrawn)]
    public void Move_OpenApplicationToAnAllowedStatus_IsAllowedWithoutAReason(ApplicationStatus from, ApplicationStatus to)
    {
        var move = ApplicationWorkflow.Move(from, to);

        Assert.That(move.Allowed, Is.True);
        Assert.That((move.From, move.To, move.Reason, move.Refusal), Is.EqualTo((from, to, (string?)null, (string?)null)));
    }

    [TestCase(ApplicationStatus.Pending)]
    [TestCase(ApplicationStatus.WaitingList)]
    public void Move_RejectWithAReason_IsAllowedAndKeepsItTrimmed(ApplicationStatus from)
    {
        var move = ApplicationWorkflow.Move(from, ApplicationStatus.Rejected, "  The cohort is for Gulf schools.  ");

        Assert.That(move.Allowed, Is.True);
        Assert.That(move.Reason, Is.EqualTo("The cohort is for Gulf schools."));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Move_RejectWithoutAReason_IsRefusedWithTheApplicantInMind(string? reason)
    {
        var move = ApplicationWorkflow.Move(ApplicationStatus.Pending, ApplicationStatus.Rejected, reason);

        Assert.That(move.Allowed, Is.False);
        Assert.That(move.Refusal, Is.EqualTo("Enter the reason: the applicant reads it."));
    }

    [Test]
    public void ReasonProblem_OverTheLimit_SaysHowLongItIs()
    {
        Assert.That(ApplicationWorkflow.ReasonProblem(new string('x', ApplicationWorkflow.MaxReasonLength)), Is.Null);
        Assert.That(ApplicationWorkflow.ReasonProblem(new string('x', ApplicationWorkflow.MaxReasonLength + 1)),
            Is.EqualTo("The reason must be 1000 characters or fewer (it has 1001)."));
    }

    [Test]
    public void Move_WaitingListAgain_IsRefused()
    {
        var move = ApplicationWorkflow.Move(ApplicationStatus.WaitingList, ApplicationStatus.WaitingList);

        Assert.That(move.Allowed, Is.False);
        Assert.That(move.Refusal, Is.EqualTo("An application on the waiting list cannot be put on the waiting list."));
    }

    [TestCase(ApplicationStatus.Accepted)]
    [TestCase(ApplicationStatus.Rejected)]
    [TestCase(ApplicationStatus.Withdrawn)]
    public void Move_FromADecidedApplication_IsAlwaysRefused(ApplicationStatus from)
    {
        foreach (var to in Enum.GetValues<ApplicationStatus>())
        {
            var move = ApplicationWorkflow.Move(from, to, "a reason");
            Assert.That(move.Allowed, Is.False, $"{from} → {to}");
            Assert.That(move.Refusal, Is.EqualTo("The application has already been decided."));
        }
    }

    [Test]
    public void Move_BackToPending_IsNeverAllowed()
    {
        Assert.That(Enum.GetValues<ApplicationStatus>().Where(from => ApplicationWorkflow.CanMove(from, ApplicationStatus.Pending)), Is.Empty);
        Assert.That(ApplicationWorkflow.From(ApplicationStatus.Pending), Is.Empty);
    }

    [Test]
    public void From_EachDecision_ListsTheStatusesTheUpdateIsGuardedBy()
    {
        Assert.That(ApplicationWorkflow.From(ApplicationStatus.WaitingList), Is.EqualTo(new[] { ApplicationStatus.Pending }));
        Assert.That(ApplicationWorkflow.From(ApplicationStatus.Accepted), Is.EquivalentTo(new[] { ApplicationStatus.Pending, ApplicationStatus.WaitingList }));
        Assert.That(ApplicationWorkflow.From(ApplicationStatus.Rejected), Is.EquivalentTo(new[] { ApplicationStatus.Pending, ApplicationStatus.WaitingList }));
        Assert.That(ApplicationWorkflow.From(ApplicationStatus.Withdrawn), Is.EquivalentTo(new[] { ApplicationStatus.Pending, ApplicationStatus.WaitingList }));
    }

    [Test]
    public void Next_EachStatus_ListsWhereItMayGo()
    {
        Assert.That(ApplicationWorkflow.Next(ApplicationStatus.Pending),
            Is.EqualTo(new[] { ApplicationStatus.Accepted, ApplicationStatus.WaitingList, ApplicationStatus.Rejected, ApplicationStatus.Withdrawn }));
        Assert.That(ApplicationWorkflow.Next(ApplicationStatus.WaitingList), Is.EqualTo(new[] { ApplicationStatus.Accepted, ApplicationStatus.Rejected, ApplicationStatus.Withdrawn }));
        Assert.That(ApplicationWorkflow.Next(ApplicationStatus.Accepted), Is.Empty);
    }

    [TestCase(ApplicationStatus.Pending, true, true)]
    [TestCase(ApplicationStatus.WaitingList, true, true)]
    [TestCase(ApplicationStatus.Accepted, false, true)]
    [TestCase(ApplicationStatus.Rejected, false, false)]
    [TestCase(ApplicationStatus.Withdrawn, false, false)]
    public void IsOpenAndIsLive_EachStatus_AnswerAsTheInboxAndTheApplyPageNeed(ApplicationStatus status, bool open, bool live)
    {
        Assert.That(ApplicationWorkflow.IsOpen(status), Is.EqualTo(open));
        Assert.That(ApplicationWorkflow.IsLive(status), Is.EqualTo(live));
    }

    [Test]
    public void InitialAndDone_AreWhatApplicantsAndAdminsRead()
    {
        Assert.That(ApplicationWorkflow.Initial, Is.EqualTo(ApplicationStatus.Pending));
        Assert.That(ApplicationSubmission.Complete(EnrolmentFakes.Application(ApplicationStatus.Rejected).Application, 100, 0.2m, new DateOnly(2026, 1, 1), EnrolmentFakes.Now).Status,
            Is.EqualTo(ApplicationWorkflow.Initial), "a submitted application starts where the workflow does");
        Assert.That(Enum.GetValues<ApplicationStatus>().Where(s => s != ApplicationStatus.Pending).Select(ApplicationWorkflow.Done),
            Is.EqualTo(new[] { "accepted into the cohort", "put on the waiting list", "rejected", "withdrawn" }));
    }
}
