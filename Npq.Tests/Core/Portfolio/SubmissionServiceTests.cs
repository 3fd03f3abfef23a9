using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Portfolio;

public sealed class SubmissionServiceTests
{
    private InlineWrites Writes { get; set; } = new();

    private const int Admin = 2;
    private PortfolioFakes _fakes = null!;
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<INotifier> _notifier = null!;
    private Mock<IAuditLog> _audit = null!;
    private SubmissionService _service = null!;

    private static readonly AssessmentTask Task1 = new() { Id = 3, CourseId = PortfolioFakes.Course, Title = "Task 1", WordLimit = 5, MaxAttempts = 2 };

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _tasks = new Mock<ITaskRepository>();
        _notifier = new Mock<INotifier>();
        _audit = new Mock<IAuditLog>();
        _service = new SubmissionService(_tasks.Object, _fakes.Placements.Object, _notifier.Object, _audit.Object, Writes, _fakes.Time, NullLogger<SubmissionService>.Instance);
    }

    /// <summary>The task is open (opened 10 days ago, due in 5, cut off in 10).</summary>
    private CandidateTask Standing(params Submission[] attempts) => new(
        Task1, _fakes.Placement, new TaskDates(3, PortfolioFakes.Cohort, PortfolioFakes.Today.AddDays(-10), PortfolioFakes.Today.AddDays(5), PortfolioFakes.Today.AddDays(10)), null, attempts);

    private static Submission Attempt(int id, SubmissionState state, int attempt = 1, string body = "") =>
        new() { Id = id, TaskId = 3, CandidateUserId = PortfolioFakes.Candidate, CohortId = PortfolioFakes.Cohort, Attempt = attempt, State = state, Body = body, Version = 4 };

    [Test]
    public async Task LoadAsync_TaskNotSetForTheCandidatesCohort_IsNull()
    {
        _tasks.Setup(t => t.GetTaskAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(Task1);

        Assert.That(await _service.LoadAsync(3, PortfolioFakes.Candidate, default), Is.Null);
        _tasks.Verify(t => t.EnsureFirstAttemptAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SaveAsync_NotTheCurrentAttempt_IsAConflict()
    {
        var result = await _service.SaveAsync(Standing(Attempt(1, SubmissionState.Reopened), Attempt(2, SubmissionState.Draft, 2)), 1, 4, "text", false, PortfolioFakes.Candidate, default);

        Assert.That(result, Is.EqualTo(new ChangeResult(false, "This attempt is closed; a later attempt carries on.", Conflict: true)));
        _tasks.VerifyNoOtherCalls();
    }

    [Test]
    public async Task SaveAsync_OverTheWordLimit_IsRefusedByTheWorkflow()
    {
        var result = await _service.SaveAsync(Standing(Attempt(1, SubmissionState.Draft)), 1, 4, "one two three four five six", true, PortfolioFakes.Candidate, default);

        Assert.That(result.Done, Is.False);
        Assert.That(result.Error, Does.StartWith("Your answer has 6 words; the limit is 5."));
        _tasks.VerifyNoOtherCalls();
    }

    [Test]
    public async Task SaveAsync_SubmittedByAnAdmin_IsAuditedAndTheCandidateTold()
    {
        _tasks.Setup(t => t.SaveAttemptAsync(It.IsAny<Submission>(), 4, It.IsAny<CancellationToken>())).ReturnsAsync((SaveOutcome.Saved, 5));

        var result = await _service.SaveAsync(Standing(Attempt(1, SubmissionState.Draft)), 1, 4, "three short words", true, Admin, default);

        Assert.That(result, Is.EqualTo(ChangeResult.Ok(5)));
        _tasks.Verify(t => t.SaveAttemptAsync(It.Is<Submission>(s =>
            s.State == SubmissionState.Submitted && s.WordCount == 3 && s.SubmittedUtc == PortfolioFakes.Now && s.SubmittedByUserId == Admin && s.SubmittedOnBehalf), 4, It.IsAny<CancellationToken>()));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "submission.submitted-on-behalf" && e.Subject == "submission:1" && e.ActorUserId == Admin), It.IsAny<CancellationToken>()));
        _notifier.Verify(n => n.NotifyAsync(PortfolioFakes.Candidate, "task-submitted", "Your provider submitted “Task 1” on your behalf", "/tasks/3", It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task SaveAsync_SubmittedByTheCandidate_IsNeitherAuditedNorAnnounced()
    {
        _tasks.Setup(t => t.SaveAttemptAsync(It.IsAny<Submission>(), 4, It.IsAny<CancellationToken>())).ReturnsAsync((SaveOutcome.Saved, 5));

        Assert.That((await _service.SaveAsync(Standing(Attempt(1, SubmissionState.Draft)), 1, 4, "three short words", true, PortfolioFakes.Candidate, default)).Done, Is.True);
        _audit.VerifyNoOtherCalls();
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task SaveAsync_SomeoneSavedMeanwhile_IsAConflict()
    {
        _tasks.Setup(t => t.SaveAttemptAsync(It.IsAny<Submission>(), 4, It.IsAny<CancellationToken>())).ReturnsAsync((SaveOutcome.Conflict, 4));

        var result = await _service.SaveAsync(Standing(Attempt(1, SubmissionState.Draft)), 1, 4, "draft", false, PortfolioFakes.Candidate, default);

        Assert.That(result, Is.EqualTo(new ChangeResult(false, SubmissionService.ConflictMessage, Conflict: true)));
    }

    [Test]
    public async Task AutosaveAsync_TextUnchanged_WritesNothing()
    {
        var saved = await _service.AutosaveAsync(Standing(Attempt(1, SubmissionState.Draft, body: "same") with { WordCount = 6 }), 1, 4, "same", PortfolioFakes.Candidate, default);

        Assert.That(saved, Is.EqualTo(new AttemptAutosave(ChangeResult.Ok(4), 6)));
        _tasks.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AutosaveAsync_TextChanged_SavesADraft()
    {
        _tasks.Setup(t => t.SaveAttemptAsync(It.IsAny<Submission>(), 4, It.IsAny<CancellationToken>())).ReturnsAsync((SaveOutcome.Saved, 5));

        var saved = await _service.AutosaveAsync(Standing(Attempt(1, SubmissionState.New)), 1, 4, "two words", PortfolioFakes.Candidate, default);

        Assert.That(saved, Is.EqualTo(new AttemptAutosave(ChangeResult.Ok(5), 2)));
        _tasks.Verify(t => t.SaveAttemptAsync(It.Is<Submission>(s => s.State == SubmissionState.Draft && s.Body == "two words"), 4, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task ReopenAsync_AttemptsRemain_OpensTheNextAndTellsTheCandidate()
    {
        _tasks.Setup(t => t.ReopenAsync(It.IsAny<Submission>(), 4, PortfolioFakes.Mentor, PortfolioFakes.Now, null, It.IsAny<CancellationToken>())).ReturnsAsync(9);

        var result = await _service.ReopenAsync(Standing(Attempt(1, SubmissionState.Submitted)), 1, 4, PortfolioFakes.Mentor, default);

        Assert.That(result.Done, Is.True);
        _notifier.Verify(n => n.NotifyAsync(PortfolioFakes.Candidate, "task-reopened", "“Task 1” is open again for attempt 2", "/tasks/3", It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task ReopenAsync_TheNewAttemptAndTheNotification_AreWrittenInOneUnitOfWrites()
    {
        var seen = new List<string>();
        _tasks.Setup(t => t.ReopenAsync(It.IsAny<Submission>(), 4, PortfolioFakes.Mentor, PortfolioFakes.Now, null, It.IsAny<CancellationToken>()))
            .Callback(() => seen.Add("reopen " + Writes.InUnit)).ReturnsAsync(9);
        _notifier.Setup(n => n.NotifyAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback(() => seen.Add("notification " + Writes.InUnit)).Returns(Task.CompletedTask);

        await _service.ReopenAsync(Standing(Attempt(1, SubmissionState.Submitted)), 1, 4, PortfolioFakes.Mentor, default);

        Assert.That(seen, Is.EqualTo(new[] { "reopen True", "notification True" }));
    }

    [Test]
    public async Task ReopenAsync_NoAttemptsLeft_IsRefused()
    {
        var result = await _service.ReopenAsync(Standing(Attempt(1, SubmissionState.Reopened), Attempt(2, SubmissionState.Submitted, 2)), 2, 4, PortfolioFakes.Mentor, default);

        Assert.That(result.Error, Is.EqualTo("No attempts remain: this task allows 2."));
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task RecordResultAsync_FailWithAttemptsLeft_ReopensForTheNextAttempt()
    {
        _tasks.Setup(t => t.ReopenAsync(It.IsAny<Submission>(), 4, null, PortfolioFakes.Now, SubmissionResult.Fail, It.IsAny<CancellationToken>())).ReturnsAsync(9);

        var result = await _service.RecordResultAsync(Standing(Attempt(1, SubmissionState.Submitted)), SubmissionResult.Fail, default);

        Assert.That(result.Done, Is.True);
        _tasks.Verify(t => t.RecordResultAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<SubmissionResult>(), It.IsAny<DateTime>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task RecordResultAsync_Pass_IsRecordedOnTheAttempt()
    {
        _tasks.Setup(t => t.RecordResultAsync(1, 4, SubmissionResult.Pass, PortfolioFakes.Now, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        Assert.That((await _service.RecordResultAsync(Standing(Attempt(1, SubmissionState.Submitted)), SubmissionResult.Pass, default)).Done, Is.True);
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task GrantExtensionAsync_NotAfterTheDueDate_IsRefused()
    {
        var standing = Standing(Attempt(1, SubmissionState.Draft));

        var result = await _service.GrantExtensionAsync(standing, standing.Dates.DueOn, PortfolioFakes.Mentor, default);

        Assert.That(result.Done, Is.False);
        _tasks.VerifyNoOtherCalls();
    }

    [Test]
    public async Task GrantExtensionAsync_AfterTheDueDate_IsSavedAuditedAndAnnounced()
    {
        var standing = Standing(Attempt(1, SubmissionState.Draft));
        var dueOn = standing.Dates.DueOn.AddDays(3);

        Assert.That((await _service.GrantExtensionAsync(standing, dueOn, PortfolioFakes.Mentor, default)).Done, Is.True);
        _tasks.Verify(t => t.GrantExtensionAsync(new TaskExtension(3, PortfolioFakes.Candidate, dueOn, PortfolioFakes.Mentor, PortfolioFakes.Now), It.IsAny<CancellationToken>()));
        _audit.Verify(a => a.WriteAsync(It.Is<AuditEntry>(e => e.Action == "task.extension-granted" && e.Subject == "task:3"), It.IsAny<CancellationToken>()));
        _notifier.Verify(n => n.NotifyAsync(PortfolioFakes.Candidate, "task-extension", It.IsAny<string>(), "/tasks/3", It.IsAny<CancellationToken>()));
    }
}
