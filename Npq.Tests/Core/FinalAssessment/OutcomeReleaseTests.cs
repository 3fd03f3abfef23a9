using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.FinalAssessment;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using static Npq.Tests.Core.FinalAssessment.MarkingFakes;
using Npq.Tests.Support;

namespace Npq.Tests.Core.FinalAssessment;

/// <summary>Sign-off and release decided by <see cref="MarkingWorkflow"/> script by script; the repository only writes.</summary>
public sealed class OutcomeReleaseTests
{
    private InlineWrites Writes { get; set; } = new();

    private MarkingFakes _fakes = null!;
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<INotifier> _notifier = null!;
    private List<MarkingScript> _written = null!;

    [SetUp]
    public void SetUp()
    {
        _fakes = new MarkingFakes();
        _tasks = new Mock<ITaskRepository>();
        _notifier = new Mock<INotifier>();
        _written = [];
        _fakes.Marking.Setup(m => m.SaveReleaseAsync(It.IsAny<IReadOnlyList<MarkingScript>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyList<MarkingScript>, CancellationToken>((scripts, _) => _written.AddRange(scripts))
            .ReturnsAsync(true);
        _fakes.Marking.Setup(m => m.GetFinalTaskDatesAsync(CohortId, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new TaskDates(50, CohortId, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 8))]);
    }

    private OutcomeRelease Release() =>
        new(_fakes.Marking.Object, _tasks.Object, _fakes.Audit.Object, _notifier.Object, Writes, [], _fakes.Time, NullLogger<OutcomeRelease>.Instance);

    [Test]
    public async Task ReleaseAsync_MixedStates_WritesOnlyTheReadyScriptsAsReleased()
    {
        _fakes.CohortScripts(
            Script(1, MarkingState.ReadyForRelease, assessor: Tom, finalOutcome: MarkingOutcome.Pass, version: 5),
            Script(2, MarkingState.Moderated, assessor: Tom, moderator: Grace, finalOutcome: MarkingOutcome.Pass),
            Script(3, MarkingState.InMarking, assessor: Tom),
            Script(4, MarkingState.Released, assessor: Tom, finalOutcome: MarkingOutcome.Fail),
            Script(5, MarkingState.ReadyForRelease, assessor: Grace, finalOutcome: MarkingOutcome.Fail, version: 9));

        var released = await Release().ReleaseAsync(CohortId, Admin);

        Assert.That(_written.Select(s => s.Id), Is.EqualTo(new[] { 1, 5 }));
        Assert.That(_written.Select(s => s.State), Has.All.EqualTo(MarkingState.Released));
        Assert.That(_written.Select(s => s.Version), Is.EqualTo(new[] { 5, 9 }), "each write is guarded by the version that was read");
        Assert.That(_written.Select(s => (s.ReleasedByUserId, s.ReleasedUtc)), Has.All.EqualTo(((int?)Admin, (DateTime?)Now)));
        Assert.That(released.Select(s => (s.Id, s.State)), Is.EqualTo(new[] { (1, MarkingState.Released), (5, MarkingState.Released) }));
        _fakes.Marking.Verify(m => m.SaveReleaseAsync(It.IsAny<IReadOnlyList<MarkingScript>>(), It.IsAny<CancellationToken>()), Times.Once, "released together, in one write");
    }

    [Test]
    public async Task ReleaseAsync_LateEveningUtc_CompletionDateIsTheDayInTheCohortsZone()
    {
        _fakes.Cohort = _fakes.Cohort with { TimeZone = "Asia/Dubai" };
        _fakes.Time.SetUtcNow(new DateTimeOffset(2026, 7, 1, 22, 30, 0, TimeSpan.Zero));
        _fakes.CohortScripts(Script(1, MarkingState.ReadyForRelease, assessor: Tom, finalOutcome: MarkingOutcome.Pass));

        await Release().ReleaseAsync(CohortId, Admin);

        Assert.That(_written.Single().CompletionDate, Is.EqualTo(new DateOnly(2026, 7, 2)));
    }

    [Test]
    public async Task ReleaseAsync_Released_TellsEachCandidateAndAudits()
    {
        _fakes.CohortScripts(Script(1, MarkingState.ReadyForRelease, assessor: Tom, finalOutcome: MarkingOutcome.Pass));

        await Release().ReleaseAsync(CohortId, Admin);

        _notifier.Verify(n => n.NotifyAsync(Candidate, "assessment-released", "Your NPQSL final assessment outcome has been released", "/final-assessment", It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_fakes.AuditEntries.Single().Action, Is.EqualTo("assessment.release"));
        Assert.That(_fakes.AuditEntries.Single().Subject, Is.EqualTo("script:1"));
        Assert.That(_fakes.AuditEntries.Single().Detail, Is.EqualTo("outcome=Pass;completion=2026-07-01"));
    }

    [Test]
    public async Task ReleaseAsync_ScriptChangedMeanwhile_ReleasesNothingAndTellsNobody()
    {
        _fakes.CohortScripts(Script(1, MarkingState.ReadyForRelease, assessor: Tom, finalOutcome: MarkingOutcome.Pass));
        _fakes.Marking.Setup(m => m.SaveReleaseAsync(It.IsAny<IReadOnlyList<MarkingScript>>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        var released = await Release().ReleaseAsync(CohortId, Admin);

        Assert.That(released, Is.Empty);
        Assert.That(_fakes.AuditEntries, Is.Empty);
        _notifier.VerifyNoOtherCalls();
        _tasks.VerifyNoOtherCalls();
    }

    [Test]
    public async Task ReleaseAsync_NothingReady_WritesNothing()
    {
        _fakes.CohortScripts(Script(1, MarkingState.Moderated, assessor: Tom, moderator: Grace), Script(2, MarkingState.Released, assessor: Tom));

        var released = await Release().ReleaseAsync(CohortId, Admin);

        Assert.That(released, Is.Empty);
        _fakes.Marking.Verify(m => m.SaveReleaseAsync(It.IsAny<IReadOnlyList<MarkingScript>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ReleaseAsync_FailWithAnAttemptLeft_ReopensTheSubmission_PassRecordsTheResult()
    {
        _fakes.CohortScripts(
            Script(1, MarkingState.ReadyForRelease, assessor: Tom, finalOutcome: MarkingOutcome.Fail),
            Script(2, MarkingState.ReadyForRelease, assessor: Tom, finalOutcome: MarkingOutcome.Pass));
        var failed = new Submission { Id = 1001, TaskId = 50, State = SubmissionState.Submitted, Attempt = 1, Version = 3 };
        var passed = new Submission { Id = 1002, TaskId = 50, State = SubmissionState.Submitted, Attempt = 1, Version = 2 };
        _tasks.Setup(t => t.GetSubmissionAsync(1001, It.IsAny<CancellationToken>())).ReturnsAsync(failed);
        _tasks.Setup(t => t.GetSubmissionAsync(1002, It.IsAny<CancellationToken>())).ReturnsAsync(passed);
        _tasks.Setup(t => t.GetTaskAsync(50, It.IsAny<CancellationToken>())).ReturnsAsync(new AssessmentTask { Id = 50, Title = "Final", Kind = TaskKind.Final, MaxAttempts = 2 });

        await Release().ReleaseAsync(CohortId, Admin);

        _tasks.Verify(t => t.ReopenAsync(failed, 3, Admin, Now, SubmissionResult.Fail, It.IsAny<CancellationToken>()), Times.Once);
        _tasks.Verify(t => t.RecordResultAsync(1002, 2, SubmissionResult.Pass, Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ApproveModeratedAsync_OnlyModeratedScripts_MoveToReadyForRelease_GuardedByVersion()
    {
        _fakes.CohortScripts(
            Script(1, MarkingState.Moderated, assessor: Tom, moderator: Grace, version: 6),
            Script(2, MarkingState.ReadyForModeration, assessor: Tom),
            Script(3, MarkingState.ReadyForRelease, assessor: Tom),
            Script(4, MarkingState.Moderated, assessor: Grace, moderator: Tom, version: 8));
        var written = new List<(MarkingScript Script, int Expected)>();
        _fakes.Marking.Setup(m => m.SaveStateAsync(It.IsAny<MarkingScript>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback<MarkingScript, int, CancellationToken>((script, expected, _) => written.Add((script, expected)))
            .ReturnsAsync((MarkingScript script, int _, CancellationToken _) => script.Id != 4);

        var count = await Release().ApproveModeratedAsync(CohortId, Admin);

        Assert.That(written.Select(w => (w.Script.Id, w.Script.State, w.Expected)), Is.EqualTo(new[]
        {
            (1, MarkingState.ReadyForRelease, 6), (4, MarkingState.ReadyForRelease, 8),
        }));
        Assert.That(count, Is.EqualTo(1), "script 4 changed meanwhile and is not counted");
        Assert.That(_fakes.AuditEntries.Select(e => (e.Action, e.Subject)), Is.EqualTo(new[] { ("assessment.approve", "script:1") }));
    }
}
