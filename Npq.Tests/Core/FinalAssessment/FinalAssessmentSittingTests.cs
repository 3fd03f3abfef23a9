using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Enrolment;
using Npq.Core.FinalAssessment;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using Npq.Core.Webinars;
using static Npq.Tests.Core.FinalAssessment.MarkingFakes;
using Npq.Tests.Support;

namespace Npq.Tests.Core.FinalAssessment;

/// <summary>The candidate's answer: the final assessment's gate, then <see cref="SubmissionService"/>, then a script for marking.</summary>
public sealed class FinalAssessmentSittingTests
{
    private const int TaskId = 50;
    private MarkingFakes _fakes = null!;
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<IEnrolmentRepository> _enrolments = null!;
    private Submission _attempt = null!;
    private List<(Submission Attempt, int Expected)> _saved = null!;

    [SetUp]
    public void SetUp()
    {
        _fakes = new MarkingFakes();
        _fakes.Options.AttendanceThresholdPercent = 0;
        _tasks = new Mock<ITaskRepository>();
        _enrolments = new Mock<IEnrolmentRepository>();
        _saved = [];
        _attempt = new Submission { Id = 900, TaskId = TaskId, CandidateUserId = Candidate, CohortId = CohortId, State = SubmissionState.Draft, Version = 2 };
        var task = new AssessmentTask { Id = TaskId, CourseId = CourseId, Title = "Final", Kind = TaskKind.Final, WordLimit = 5, MaxAttempts = 2 };
        _fakes.Marking.Setup(m => m.GetFinalTaskDatesAsync(CohortId, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new TaskDates(TaskId, CohortId, new DateOnly(2026, 6, 25), new DateOnly(2026, 7, 8), new DateOnly(2026, 7, 8))]);
        _tasks.Setup(t => t.GetTaskAsync(TaskId, It.IsAny<CancellationToken>())).ReturnsAsync(task);
        _tasks.Setup(t => t.GetAttemptsAsync(TaskId, Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(() => [_attempt]);
        _tasks.Setup(t => t.SaveAttemptAsync(It.IsAny<Submission>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Callback<Submission, int, CancellationToken>((s, v, _) => _saved.Add((s, v)))
            .ReturnsAsync((Submission _, int v, CancellationToken _) => (SaveOutcome.Saved, v + 1));
        _enrolments.Setup(e => e.GetForCandidateAsync(Candidate, It.IsAny<CancellationToken>())).ReturnsAsync([new CohortEnrolment { Id = 1, CohortId = CohortId, CandidateUserId = Candidate }]);
    }

    private FinalAssessmentSitting Sitting()
    {
        var submissions = new SubmissionService(_tasks.Object, Mock.Of<IPlacementRepository>(), Mock.Of<INotifier>(), _fakes.Audit.Object, new InlineWrites(), _fakes.Time, NullLogger<SubmissionService>.Instance);
        return new FinalAssessmentSitting(_fakes.Marking.Object, _tasks.Object, _enrolments.Object, submissions, _fakes.Policies(), _fakes.Audit.Object, _fakes.Time,
            NullLogger<FinalAssessmentSitting>.Instance);
    }

    [Test]
    public async Task AnswerAsync_NotEnrolledOnTheCohort_NotFound()
    {
        _enrolments.Setup(e => e.GetForCandidateAsync(Candidate, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var result = await Sitting().AnswerAsync(Candidate, TaskId, CohortId, "An answer", submit: true, 2);

        Assert.That(result.Status, Is.EqualTo(AnswerStatus.NotFound));
        Assert.That(_saved, Is.Empty);
    }

    [Test]
    public async Task AnswerAsync_NotAFinalTask_NotFound()
    {
        _tasks.Setup(t => t.GetTaskAsync(TaskId, It.IsAny<CancellationToken>())).ReturnsAsync(new AssessmentTask { Id = TaskId, Title = "Reflection", Kind = TaskKind.Standard });

        var result = await Sitting().AnswerAsync(Candidate, TaskId, CohortId, "An answer", submit: false, 2);

        Assert.That(result.Status, Is.EqualTo(AnswerStatus.NotFound));
    }

    [Test]
    public async Task AnswerAsync_BelowTheAttendanceThreshold_RefusedBeforeAnAttemptIsStarted()
    {
        _fakes.Options.AttendanceThresholdPercent = 90;
        _fakes.Attendance.Setup(a => a.GetAttendanceAsync(Candidate, CohortId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AttendanceSummary { SessionsCounted = 10, SessionsAttended = 5 });

        var result = await Sitting().AnswerAsync(Candidate, TaskId, CohortId, "An answer", submit: true, 2);

        Assert.That(result.Status, Is.EqualTo(AnswerStatus.Refused));
        Assert.That(result.Message, Does.Contain("you need at least 90%"));
        _tasks.Verify(t => t.EnsureFirstAttemptAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task AnswerAsync_OverTheWordLimit_RefusedWithTheWorkflowsReason()
    {
        var result = await Sitting().AnswerAsync(Candidate, TaskId, CohortId, "one two three four five six", submit: true, 2);

        Assert.That(result.Status, Is.EqualTo(AnswerStatus.Refused));
        Assert.That(result.Message, Does.Contain("the limit is 5"));
        Assert.That(_saved, Is.Empty);
    }

    [Test]
    public async Task AnswerAsync_Submit_SavedThroughSubmissionService_OpensScriptsAndAudits()
    {
        var result = await Sitting().AnswerAsync(Candidate, TaskId, CohortId, "A short answer", submit: true, 2);

        Assert.That(result.Status, Is.EqualTo(AnswerStatus.Saved));
        var (attempt, expected) = _saved.Single();
        Assert.That((attempt.Id, attempt.State, attempt.Body, attempt.WordCount, attempt.SubmittedUtc, attempt.SubmittedByUserId, attempt.SubmittedOnBehalf, expected),
            Is.EqualTo((900, SubmissionState.Submitted, "A short answer", 3, (DateTime?)Now, (int?)Candidate, false, 2)));
        _tasks.Verify(t => t.EnsureFirstAttemptAsync(TaskId, Candidate, CohortId, Now, It.IsAny<CancellationToken>()), Times.Once);
        _fakes.Marking.Verify(m => m.EnsureScriptsAsync(CohortId, Now, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_fakes.AuditEntries.Select(e => (e.Action, e.Subject, e.Detail)), Is.EqualTo(new[] { ("assessment.submit", "script:0", "submission=900;words=3") }));
    }

    [Test]
    public async Task AnswerAsync_SaveDraft_OpensNoScriptAndWritesNoAudit()
    {
        var result = await Sitting().AnswerAsync(Candidate, TaskId, CohortId, "Draft", submit: false, 2);

        Assert.That(result.Status, Is.EqualTo(AnswerStatus.Saved));
        Assert.That(_saved.Single().Attempt.State, Is.EqualTo(SubmissionState.Draft));
        _fakes.Marking.Verify(m => m.EnsureScriptsAsync(It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.That(_fakes.AuditEntries, Is.Empty);
    }

    [Test]
    public async Task AnswerAsync_ChangedElsewhere_TheFinalAssessmentsConflictMessage()
    {
        _tasks.Setup(t => t.SaveAttemptAsync(It.IsAny<Submission>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync((SaveOutcome.Conflict, 0));

        var result = await Sitting().AnswerAsync(Candidate, TaskId, CohortId, "Text", submit: true, 1);

        Assert.That((result.Status, result.Message), Is.EqualTo((AnswerStatus.Refused, (string?)FinalAssessmentSitting.ConflictMessage)));
        _fakes.Marking.Verify(m => m.EnsureScriptsAsync(It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task GetAssessmentsAsync_UnreleasedScript_IsAwaitingRelease_ReleasedOneIsShown()
    {
        _fakes.Marking.Setup(m => m.GetScriptsForCandidateAsync(Candidate, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Script(2, MarkingState.Moderated) with { TaskId = TaskId },
            Script(1, MarkingState.Released, finalOutcome: MarkingOutcome.Fail) with { TaskId = TaskId },
        ]);

        var item = (await Sitting().GetAssessmentsAsync(Candidate)).Single();

        Assert.That(item.Released.Select(s => s.Id), Is.EqualTo(new[] { 1 }));
        Assert.That(item.AwaitingRelease, Is.True);
        Assert.That(item.IsOpen, Is.True);
        Assert.That(item.Eligibility.Eligible, Is.True);
    }
}
