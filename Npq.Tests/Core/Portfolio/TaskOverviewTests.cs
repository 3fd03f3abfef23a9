using Moq;
using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

public sealed class TaskOverviewTests
{
    private PortfolioFakes _fakes = null!;
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<IFeedbackRepository> _feedback = null!;

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _tasks = new Mock<ITaskRepository>();
        _feedback = new Mock<IFeedbackRepository>();
        _feedback.Setup(f => f.GetThreadAsync(FeedbackTarget.Submission, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _tasks.Setup(t => t.GetExtensionsForCandidateAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, TaskExtension>());
    }

    private TaskOverview Overview() => new(_tasks.Object, _feedback.Object, _fakes.Lookup, _fakes.Time);

    private CandidateTask Standing(bool mentorReviewsDrafts, params Submission[] attempts) => new(
        new AssessmentTask { Id = 3, Title = "T", MentorReviewsDrafts = mentorReviewsDrafts, MaxAttempts = 2, StatementIds = ["a1", "gone"] },
        _fakes.Placement,
        new TaskDates(3, PortfolioFakes.Cohort, PortfolioFakes.Today.AddDays(-10), PortfolioFakes.Today.AddDays(5), PortfolioFakes.Today.AddDays(10)),
        null,
        attempts);

    private static Submission Attempt(int id, SubmissionState state) => new() { Id = id, TaskId = 3, CandidateUserId = PortfolioFakes.Candidate, State = state };

    [Test]
    public async Task DetailAsync_MentorOnATaskWithoutDraftReview_SeesNeitherTheDraftNorItsThread()
    {
        var detail = await Overview().DetailAsync(Standing(false, Attempt(1, SubmissionState.Submitted), Attempt(2, SubmissionState.Draft)), mayEdit: false, mayMentor: true, default);

        Assert.That(detail.Attempts.Select(a => (a.Attempt.Id, a.ShowBody, a.Thread is not null)), Is.EqualTo(new[] { (1, true, true), (2, false, false) }));
        Assert.That(detail.CanEdit, Is.False);
        Assert.That(detail.Statements.Select(s => s.Id), Is.EqualTo(new[] { "a1" }));
        _feedback.Verify(f => f.GetThreadAsync(FeedbackTarget.Submission, 2, It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task DetailAsync_MentorOnATaskWithDraftReview_SeesTheDraftAndItsThread()
    {
        var detail = await Overview().DetailAsync(Standing(true, Attempt(2, SubmissionState.Draft)), mayEdit: false, mayMentor: true, default);

        Assert.That((detail.Attempts[0].ShowBody, detail.Attempts[0].Thread is not null), Is.EqualTo((true, true)));
    }

    [Test]
    public async Task DetailAsync_CandidateWithAnOpenDraft_CanEditButHasNoThreadWithoutDraftReview()
    {
        var detail = await Overview().DetailAsync(Standing(false, Attempt(2, SubmissionState.Draft)), mayEdit: true, mayMentor: false, default);

        Assert.That((detail.CanEdit, detail.IsOpen, detail.Lateness), Is.EqualTo((true, true, Lateness.None)));
        Assert.That((detail.Attempts[0].ShowBody, detail.Attempts[0].Thread), Is.EqualTo((true, (IReadOnlyList<FeedbackComment>?)null)));
    }

    [Test]
    public async Task ListAsync_SubmittedLate_IsMarkedLate()
    {
        var dates = new TaskDates(3, PortfolioFakes.Cohort, PortfolioFakes.Today.AddDays(-20), PortfolioFakes.Today.AddDays(-5), PortfolioFakes.Today.AddDays(5));
        _tasks.Setup(t => t.GetTasksForCohortAsync(PortfolioFakes.Cohort, It.IsAny<CancellationToken>())).ReturnsAsync([(new AssessmentTask { Id = 3, Title = "T" }, dates)]);
        _tasks.Setup(t => t.GetLatestAttemptsForCandidateAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new AttemptStatus { TaskId = 3, State = SubmissionState.Submitted, SubmittedUtc = PortfolioFakes.Now.AddDays(-1) }]);

        var list = await Overview().ListAsync(PortfolioFakes.Candidate, default);

        Assert.That(list.Rows.Single().Lateness, Is.EqualTo(Lateness.Late));
        Assert.That(list.CandidateName, Is.EqualTo($"User {PortfolioFakes.Candidate}"));
    }

    [Test]
    public async Task ListAsync_ReadsTheCandidatesExtensionsOnce_AndShowsEachOnItsTask()
    {
        var due = PortfolioFakes.Today.AddDays(-5);
        _tasks.Setup(t => t.GetTasksForCohortAsync(PortfolioFakes.Cohort, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            (new AssessmentTask { Id = 3, Title = "Extended" }, new TaskDates(3, PortfolioFakes.Cohort, due.AddDays(-20), due, due.AddDays(10))),
            (new AssessmentTask { Id = 4, Title = "Not extended" }, new TaskDates(4, PortfolioFakes.Cohort, due.AddDays(-20), due, due.AddDays(10))),
        ]);
        _tasks.Setup(t => t.GetLatestAttemptsForCandidateAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var extended = PortfolioFakes.Today.AddDays(7);
        _tasks.Setup(t => t.GetExtensionsForCandidateAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, TaskExtension> { [3] = new TaskExtension(3, PortfolioFakes.Candidate, extended, 1, PortfolioFakes.Now) });

        var list = await Overview().ListAsync(PortfolioFakes.Candidate, default);

        Assert.That(list.Rows.Select(r => (r.Task.Id, r.ExtensionDueOn, r.Lateness)),
            Is.EqualTo(new[] { (3, (DateOnly?)extended, Lateness.Extended), (4, (DateOnly?)null, Lateness.Late) }));
        _tasks.Verify(t => t.GetExtensionAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
        _tasks.Verify(t => t.GetExtensionsForCandidateAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>()), Times.Once);
    }
}
