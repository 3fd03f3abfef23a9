using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.FinalAssessment;
using static Npq.Tests.Core.FinalAssessment.MarkingFakes;

namespace Npq.Tests.Core.FinalAssessment;

public sealed class ScriptMarkingTests
{
    private MarkingFakes _fakes = null!;
    private List<(MarkingScript Script, IReadOnlyList<CriterionMark> Judgements, int Expected)> _marked = null!;
    private List<(MarkingScript Script, IReadOnlyList<CriterionMark> Judgements, int Expected)> _moderated = null!;

    [SetUp]
    public void SetUp()
    {
        _fakes = new MarkingFakes();
        _marked = [];
        _moderated = [];
        _fakes.Options.ModerationSamplePercent = 0;
        _fakes.Marking.Setup(m => m.GetCriteriaAsync(CourseId, It.IsAny<CancellationToken>())).ReturnsAsync(Criteria(2));
        _fakes.Marking.Setup(m => m.SaveAssessorMarkingAsync(It.IsAny<MarkingScript>(), It.IsAny<IReadOnlyList<CriterionMark>>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback<MarkingScript, IReadOnlyList<CriterionMark>, int, CancellationToken>((s, j, v, _) => _marked.Add((s, j, v)))
            .ReturnsAsync((MarkingScript _, IReadOnlyList<CriterionMark> _, int v, CancellationToken _) => v + 1);
        _fakes.Marking.Setup(m => m.SaveModerationAsync(It.IsAny<MarkingScript>(), It.IsAny<IReadOnlyList<CriterionMark>>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback<MarkingScript, IReadOnlyList<CriterionMark>, int, CancellationToken>((s, j, v, _) => _moderated.Add((s, j, v)))
            .ReturnsAsync((MarkingScript _, IReadOnlyList<CriterionMark> _, int v, CancellationToken _) => v + 1);
    }

    private ScriptMarking Marking() => new(_fakes.Marking.Object, _fakes.Policies(), _fakes.Audit.Object, _fakes.Time, NullLogger<ScriptMarking>.Instance);

    private static List<CriterionInput> AllMet => [new(1, true, " Clear. "), new(2, true, "Also clear.")];

    [Test]
    public async Task SaveMarkingAsync_Save_KeepsMarkingOpen_WithTrimmedJudgements()
    {
        var result = await Marking().SaveMarkingAsync(Script(1, MarkingState.NotMarked, assessor: Tom), [new(1, true, " Clear. ")], null, "So far", finish: false, 4, Tom);

        Assert.That((result.Status, result.State), Is.EqualTo((MarkingSaveStatus.Saved, (MarkingState?)MarkingState.InMarking)));
        var (script, judgements, expected) = _marked.Single();
        Assert.That((script.State, script.MarkedUtc, script.FinalOutcome, expected), Is.EqualTo((MarkingState.InMarking, (DateTime?)null, (MarkingOutcome?)null, 4)));
        Assert.That(judgements, Is.EqualTo(new[] { new CriterionMark(1, JudgementRole.Assessor, true, "Clear."), new CriterionMark(2, JudgementRole.Assessor, null, "") }));
        Assert.That(_fakes.AuditEntries.Single().Detail, Is.EqualTo("state=InMarking;outcome=none;met=1/2"));
    }

    [Test]
    public async Task SaveMarkingAsync_FinishAPass_OutsideTheSample_ReadyForRelease()
    {
        var result = await Marking().SaveMarkingAsync(Script(1, MarkingState.InMarking, assessor: Tom), AllMet, MarkingOutcome.Pass, "Secure", finish: true, 4, Tom);

        Assert.That(result.State, Is.EqualTo(MarkingState.ReadyForRelease));
        var script = _marked.Single().Script;
        Assert.That((script.MarkedUtc, script.FinalOutcome, script.ModerationReason), Is.EqualTo(((DateTime?)Now, (MarkingOutcome?)MarkingOutcome.Pass, (string?)null)));
        Assert.That(_fakes.AuditActions, Is.EqualTo(new[] { "assessment.mark-complete" }));
    }

    [Test]
    public async Task SaveMarkingAsync_FinishAFail_GoesToModerationWithItsReason()
    {
        var result = await Marking().SaveMarkingAsync(Script(1, MarkingState.InMarking, assessor: Tom), AllMet, MarkingOutcome.Fail, "Not yet", finish: true, 4, Tom);

        Assert.That(result.State, Is.EqualTo(MarkingState.ReadyForModeration));
        Assert.That(_marked.Single().Script.ModerationReason, Is.EqualTo("Every proposed fail is moderated."));
    }

    [Test]
    public async Task SaveMarkingAsync_FinishWithACriterionUnjudged_RefusedAndNothingWritten()
    {
        var result = await Marking().SaveMarkingAsync(Script(1, MarkingState.InMarking, assessor: Tom), [new(1, true, "")], MarkingOutcome.Pass, "", finish: true, 4, Tom);

        Assert.That((result.Status, result.Message), Is.EqualTo((MarkingSaveStatus.Refused, (string?)"Judge every criterion (met or not met) before you finish.")));
        Assert.That(_marked, Is.Empty);
        Assert.That(_fakes.AuditEntries, Is.Empty);
    }

    [Test]
    public async Task SaveMarkingAsync_OverlongComment_InvalidBeforeAnythingIsRead()
    {
        var result = await Marking().SaveMarkingAsync(Script(1, MarkingState.InMarking, assessor: Tom), AllMet, null, new string('x', 20_001), finish: false, 4, Tom);

        Assert.That((result.Status, result.Message), Is.EqualTo((MarkingSaveStatus.InvalidComment, (string?)"Keep the overall comment under 20,000 characters.")));
        _fakes.Marking.Verify(m => m.GetCriteriaAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SaveMarkingAsync_OverlongCriterionComment_IsCutTo10000Characters()
    {
        await Marking().SaveMarkingAsync(Script(1, MarkingState.InMarking, assessor: Tom), [new(1, true, new string('y', 12_000))], null, "", finish: false, 4, Tom);

        Assert.That(_marked.Single().Judgements[0].Comment, Has.Length.EqualTo(10_000));
    }

    [Test]
    public async Task SaveMarkingAsync_SomeoneSavedFirst_ConflictAndNoAudit()
    {
        _fakes.Marking.Setup(m => m.SaveAssessorMarkingAsync(It.IsAny<MarkingScript>(), It.IsAny<IReadOnlyList<CriterionMark>>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((int?)null);

        var result = await Marking().SaveMarkingAsync(Script(1, MarkingState.InMarking, assessor: Tom), AllMet, null, "", finish: false, 3, Tom);

        Assert.That(result.Status, Is.EqualTo(MarkingSaveStatus.Conflict));
        Assert.That(result.Message, Does.StartWith("Someone else saved this script while you were marking."));
        Assert.That(_fakes.AuditEntries, Is.Empty);
    }

    [Test]
    public async Task SaveMarkingAsync_MarkingFinished_RefusedByTheWorkflow()
    {
        var result = await Marking().SaveMarkingAsync(Script(1, MarkingState.ReadyForRelease, assessor: Tom), AllMet, MarkingOutcome.Pass, "", finish: false, 4, Tom);

        Assert.That((result.Status, result.Message), Is.EqualTo((MarkingSaveStatus.Refused, (string?)"Marking has finished on this script; its marks can no longer change.")));
        Assert.That(_marked, Is.Empty);
    }

    [Test]
    public async Task SaveModerationAsync_OverturnedFail_ModeratorsDecisionStands_DisagreementAudited()
    {
        var row = Script(1, MarkingState.ReadyForModeration, assessor: Tom, moderator: Grace, assessorOutcome: MarkingOutcome.Fail, finalOutcome: MarkingOutcome.Fail);

        var result = await Marking().SaveModerationAsync(row, AllMet, MarkingOutcome.Pass, "Overturned", 4, Grace);

        Assert.That(result.State, Is.EqualTo(MarkingState.Moderated));
        var (script, judgements, expected) = _moderated.Single();
        Assert.That((script.State, script.FinalOutcome, script.ModeratorOutcome, script.AssessorOutcome, script.ModeratedUtc, expected),
            Is.EqualTo((MarkingState.Moderated, (MarkingOutcome?)MarkingOutcome.Pass, (MarkingOutcome?)MarkingOutcome.Pass, (MarkingOutcome?)MarkingOutcome.Fail, (DateTime?)Now, 4)));
        Assert.That(judgements.Select(j => j.Role), Has.All.EqualTo(JudgementRole.Moderator));
        Assert.That(_fakes.AuditEntries.Single().Detail, Is.EqualTo("assessor=Fail;moderator=Pass;disagree=true"));
    }

    [Test]
    public async Task SaveModerationAsync_NoModeratorYet_Refused()
    {
        var result = await Marking().SaveModerationAsync(Script(1, MarkingState.ReadyForModeration, assessor: Tom), AllMet, MarkingOutcome.Pass, "", 4, Grace);

        Assert.That((result.Status, result.Message), Is.EqualTo((MarkingSaveStatus.Refused, (string?)"This script has no moderator yet.")));
        Assert.That(_moderated, Is.Empty);
    }
}
