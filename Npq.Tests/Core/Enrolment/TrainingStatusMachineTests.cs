using Npq.Core.Enrolment;

namespace Npq.Tests.Core.Enrolment;

public sealed class TrainingStatusMachineTests
{
    [Test]
    public void Change_ActiveToDeferredWithDfeReason_IsAllowedAndKeepsTheReason()
    {
        var change = TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Deferred, "parental-leave");

        Assert.That(change.Allowed, Is.True);
        Assert.That(change.Reason, Is.EqualTo("parental-leave"));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("holiday")]
    [TestCase("non-payment-of-invoice")]
    public void Change_ActiveToDeferredWithoutADeferralReason_IsRefused(string? reason)
    {
        var change = TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Deferred, reason);

        Assert.That(change.Allowed, Is.False);
        Assert.That(change.Refusal, Does.Contain("deferral reasons"));
    }

    [TestCase(TrainingStatus.Active)]
    [TestCase(TrainingStatus.Deferred)]
    public void Change_ToWithdrawnWithDfeReason_IsAllowed(TrainingStatus from)
    {
        var change = TrainingStatusMachine.Change(from, TrainingStatus.Withdrawn, "disengaged-and-unresponsive");

        Assert.That(change.Allowed, Is.True);
        Assert.That(change.Reason, Is.EqualTo("disengaged-and-unresponsive"));
    }

    [TestCase(null)]
    [TestCase("bereavement-typo")]
    [TestCase("career-break")]
    public void Change_ToWithdrawnWithoutAWithdrawalReason_IsRefused(string? reason)
    {
        var change = TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Withdrawn, reason);

        Assert.That(change.Allowed, Is.False);
        Assert.That(change.Refusal, Does.Contain("withdrawal reasons"));
    }

    [Test]
    public void Change_DeferredToActive_ResumesWithoutAReason()
    {
        var change = TrainingStatusMachine.Change(TrainingStatus.Deferred, TrainingStatus.Active, "ignored");

        Assert.That(change.Allowed, Is.True);
        Assert.That(change.Reason, Is.Null);
    }

    [Test]
    public void Change_ActiveToCompleted_IsAllowed()
    {
        Assert.That(TrainingStatusMachine.Change(TrainingStatus.Active, TrainingStatus.Completed, null).Allowed, Is.True);
    }

    [Test]
    public void Change_DeferredToCompleted_IsRefusedUntilResumed()
    {
        var change = TrainingStatusMachine.Change(TrainingStatus.Deferred, TrainingStatus.Completed, null);

        Assert.That(change.Allowed, Is.False);
        Assert.That(change.Refusal, Does.Contain("must resume"));
    }

    [TestCase(TrainingStatus.Withdrawn, TrainingStatus.Active)]
    [TestCase(TrainingStatus.Withdrawn, TrainingStatus.Deferred)]
    [TestCase(TrainingStatus.Withdrawn, TrainingStatus.Completed)]
    [TestCase(TrainingStatus.Completed, TrainingStatus.Active)]
    [TestCase(TrainingStatus.Completed, TrainingStatus.Deferred)]
    [TestCase(TrainingStatus.Completed, TrainingStatus.Withdrawn)]
    public void Change_FromAFinalStatus_IsRefused(TrainingStatus from, TrainingStatus to)
    {
        var change = TrainingStatusMachine.Change(from, to, "other");

        Assert.That(change.Allowed, Is.False);
        Assert.That(change.Refusal, Does.Contain("cannot change status"));
    }

    [TestCase(TrainingStatus.Active)]
    [TestCase(TrainingStatus.Deferred)]
    public void Change_ToTheSameStatus_IsRefused(TrainingStatus status)
    {
        Assert.That(TrainingStatusMachine.Change(status, status, "other").Allowed, Is.False);
    }

    [Test]
    public void Change_DeferredToDeferred_IsRefusedAsAlreadyDeferred()
    {
        Assert.That(TrainingStatusMachine.Change(TrainingStatus.Deferred, TrainingStatus.Deferred, "other").Refusal, Does.Contain("already deferred"));
    }

    [Test]
    public void Next_ListsExactlyTheAllowedTargets()
    {
        foreach (var from in Enum.GetValues<TrainingStatus>())
        {
            var allowed = Enum.GetValues<TrainingStatus>()
                .Where(to => TrainingStatusMachine.Change(to: to, from: from, reason: to == TrainingStatus.Deferred ? "other" : "other").Allowed);
            Assert.That(TrainingStatusMachine.Next(from), Is.EquivalentTo(allowed), from.ToString());
        }
    }

    [Test]
    public void Reasons_AreDfesV3Codes()
    {
        Assert.That(DfeReasons.Deferral, Is.EqualTo(new[] { "bereavement", "long-term-sickness", "parental-leave", "career-break", "other" }));
        Assert.That(DfeReasons.Withdrawal, Has.Count.EqualTo(21).And.Contains("insufficient-capacity-to-undertake-programme")
            .And.Contains("assessment-requirements-not-met").And.Contains("non-payment-of-invoice").And.Contains("other"));
        Assert.That(DfeReasons.Withdrawal, Is.Unique);
    }

    [Test]
    public void Label_ReasonCode_ReadsAsASentence()
    {
        Assert.That(DfeReasons.Label("long-term-sickness"), Is.EqualTo("Long term sickness"));
        Assert.That(DfeReasons.Label("quality-of-programme-structure-not-suitable."), Is.EqualTo("Quality of programme structure not suitable"));
    }
}
