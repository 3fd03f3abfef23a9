using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.FinalAssessment;
using static Npq.Tests.Core.FinalAssessment.MarkingFakes;

namespace Npq.Tests.Core.FinalAssessment;

public sealed class MarkingAllocationTests
{
    private MarkingFakes _fakes = null!;
    private List<(MarkingScript Script, int Expected)> _assessors = null!;
    private List<(MarkingScript Script, int Expected)> _moderators = null!;

    [SetUp]
    public void SetUp()
    {
        _fakes = new MarkingFakes();
        _assessors = [];
        _moderators = [];
        _fakes.Marking.Setup(m => m.AllocateAssessorAsync(It.IsAny<MarkingScript>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback<MarkingScript, int, CancellationToken>((s, v, _) => _assessors.Add((s, v))).ReturnsAsync(true);
        _fakes.Marking.Setup(m => m.AllocateModeratorAsync(It.IsAny<MarkingScript>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback<MarkingScript, int, CancellationToken>((s, v, _) => _moderators.Add((s, v))).ReturnsAsync(true);
    }

    private MarkingAllocation Allocation() => new(_fakes.Marking.Object, _fakes.Audit.Object, _fakes.Time, NullLogger<MarkingAllocation>.Instance);

    [Test]
    public async Task AllocateAsync_PermittedAssessor_WritesTheDecidedStateGuardedByVersion_AndAudits()
    {
        var refusal = await Allocation().AllocateAsync(Script(1, MarkingState.InMarking).ToScript(), Tom, 4, Admin);

        Assert.That(refusal, Is.Null);
        var (script, expected) = _assessors.Single();
        Assert.That((script.State, script.AssessorUserId, script.AllocatedUtc, script.UpdatedUtc, expected), Is.EqualTo((MarkingState.InMarking, (int?)Tom, (DateTime?)Now, Now, 4)));
        Assert.That(_fakes.AuditEntries.Select(e => (e.Action, e.Subject, e.Detail, e.ActorUserId)),
            Is.EqualTo(new[] { ("assessment.allocate", "script:1", $"assessor={Tom}", (int?)Admin) }));
    }

    [Test]
    public async Task AllocateAsync_CandidatesMentor_RefusedAndNothingWritten()
    {
        var refusal = await Allocation().AllocateAsync(Script(1, MarkingState.NotMarked).ToScript(), Mentor, 4, Admin);

        Assert.That(refusal, Does.Contain("mentor"));
        Assert.That(_assessors, Is.Empty);
        Assert.That(_fakes.AuditEntries, Is.Empty);
    }

    [Test]
    public async Task AllocateAsync_MarkingFinished_RefusedByTheWorkflow()
    {
        var refusal = await Allocation().AllocateAsync(Script(1, MarkingState.ReadyForRelease, assessor: Grace).ToScript(), Tom, 4, Admin);

        Assert.That(refusal, Is.EqualTo("Marking has finished on this script, so its assessor can no longer change."));
        Assert.That(_assessors, Is.Empty);
    }

    [Test]
    public async Task AllocateAsync_NotOneOfTheProvidersAssessors_Refused()
    {
        var refusal = await Allocation().AllocateAsync(Script(1, MarkingState.NotMarked).ToScript(), 999, 4, Admin);

        Assert.That(refusal, Is.EqualTo("Choose one of the provider's assessors."));
        Assert.That(_assessors, Is.Empty);
    }

    [Test]
    public async Task AllocateAsync_ScriptChangedMeanwhile_ConflictMessageAndNoAudit()
    {
        _fakes.Marking.Setup(m => m.AllocateAssessorAsync(It.IsAny<MarkingScript>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var refusal = await Allocation().AllocateAsync(Script(1, MarkingState.NotMarked).ToScript(), Tom, 3, Admin);

        Assert.That(refusal, Is.EqualTo(MarkingAllocation.ConflictMessage));
        Assert.That(_fakes.AuditEntries, Is.Empty);
    }

    [Test]
    public async Task AllocateModeratorAsync_TheFirstAssessor_Refused_ASecondAssessorAllowed()
    {
        var script = Script(1, MarkingState.ReadyForModeration, assessor: Tom).ToScript();

        var first = await Allocation().AllocateModeratorAsync(script, Tom, 4, Admin);
        var second = await Allocation().AllocateModeratorAsync(script, Grace, 4, Admin);

        Assert.That(first, Does.Contain("second assessor"));
        Assert.That(second, Is.Null);
        Assert.That(_moderators.Select(m => (m.Script.ModeratorUserId, m.Script.State, m.Expected)), Is.EqualTo(new[] { ((int?)Grace, MarkingState.ReadyForModeration, 4) }));
        Assert.That(_fakes.AuditActions, Is.EqualTo(new[] { "assessment.allocate-moderator" }));
    }

    [Test]
    public async Task AllocateModeratorAsync_ScriptNotWaitingForModeration_RefusedByTheWorkflow()
    {
        var refusal = await Allocation().AllocateModeratorAsync(Script(1, MarkingState.InMarking, assessor: Tom).ToScript(), Grace, 4, Admin);

        Assert.That(refusal, Is.EqualTo("Only a script waiting for moderation can be given a moderator."));
        Assert.That(_moderators, Is.Empty);
    }

    [Test]
    public async Task AllocateInCohortAsync_ScriptOfAnotherCohort_NotFound()
    {
        _fakes.Marking.Setup(m => m.GetScriptAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(Script(1, MarkingState.NotMarked) with { CohortId = 99 });

        var result = await Allocation().AllocateInCohortAsync(CohortId, 1, Tom, 4, moderator: false, Admin);

        Assert.That(result.Found, Is.False);
        Assert.That(_assessors, Is.Empty);
    }

    [Test]
    public async Task AllocateInCohortAsync_NobodyChosen_AsksForAnAssessor()
    {
        _fakes.Marking.Setup(m => m.GetScriptAsync(1, It.IsAny<CancellationToken>())).ReturnsAsync(Script(1, MarkingState.NotMarked));

        var result = await Allocation().AllocateInCohortAsync(CohortId, 1, null, 4, moderator: false, Admin);

        Assert.That((result.Found, result.Refusal), Is.EqualTo((true, "Choose an assessor.")));
    }

    [Test]
    public async Task AllocateEvenlyAsync_SharesUnallocatedScripts_NeverToTheMentor_AndGivesModerators()
    {
        _fakes.CohortScripts(
            Script(1, MarkingState.NotMarked, candidate: 101),
            Script(2, MarkingState.NotMarked, candidate: 102),
            Script(3, MarkingState.NotMarked),
            Script(4, MarkingState.ReadyForModeration, assessor: Tom, candidate: 103),
            Script(5, MarkingState.InMarking, assessor: Grace, candidate: 104));

        var changed = await Allocation().AllocateEvenlyAsync(CohortId, Admin);

        Assert.That(changed, Is.EqualTo(4));
        Assert.That(_assessors.Select(a => a.Script.Id), Is.EquivalentTo(new[] { 1, 2, 3 }));
        Assert.That(_assessors.Single(a => a.Script.Id == 3).Script.AssessorUserId, Is.Not.EqualTo(Mentor), "script 3 is the mentor's mentee's");
        Assert.That(_assessors.GroupBy(a => a.Script.AssessorUserId).Select(g => g.Count()), Has.All.LessThanOrEqualTo(2), "shared, not piled on one");
        Assert.That(_moderators.Single().Script.Id, Is.EqualTo(4));
        Assert.That(_moderators.Single().Script.ModeratorUserId, Is.Not.EqualTo(Tom), "never the first assessor");
    }

    [Test]
    public async Task OpenSubmittedScriptsAsync_OpensAtTheCurrentTime()
    {
        await Allocation().OpenSubmittedScriptsAsync(CohortId);

        _fakes.Marking.Verify(m => m.EnsureScriptsAsync(CohortId, Now, It.IsAny<CancellationToken>()), Times.Once);
    }
}
