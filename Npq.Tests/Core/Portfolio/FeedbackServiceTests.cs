using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Portfolio;

public sealed class FeedbackServiceTests
{
    private InlineWrites Writes { get; set; } = new();

    private PortfolioFakes _fakes = null!;
    private Mock<IFeedbackRepository> _feedback = null!;
    private Mock<IEvidenceRepository> _evidence = null!;
    private Mock<ITaskRepository> _tasks = null!;
    private Mock<INotifier> _notifier = null!;
    private FeedbackService _service = null!;

    private static readonly FeedbackSubject OnEvidence = new(FeedbackTarget.Evidence, 12, PortfolioFakes.Candidate, null, ["a1"], "New feedback on your evidence “T”", "/evidence/12#feedback");

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _feedback = new Mock<IFeedbackRepository>();
        _evidence = new Mock<IEvidenceRepository>();
        _tasks = new Mock<ITaskRepository>();
        _notifier = new Mock<INotifier>();
        _feedback.Setup(f => f.AddAsync(It.IsAny<FeedbackComment>(), It.IsAny<CancellationToken>())).ReturnsAsync(70);
        _service = new FeedbackService(_feedback.Object, _evidence.Object, _tasks.Object, _fakes.Lookup, _notifier.Object, Writes, _fakes.Time, NullLogger<FeedbackService>.Instance);
    }

    [TestCase(null, null, "Write your comment before you send it.")]
    [TestCase("  ", null, "Write your comment before you send it.")]
    [TestCase("Good", "b1", "Point at one of the statements listed, or none.")]
    public async Task AddAsync_BadComment_IsRefusedAndNobodyIsTold(string? body, string? statement, string error)
    {
        Assert.That(await _service.AddAsync(OnEvidence, body, statement, PortfolioFakes.Mentor, default), Is.EqualTo(error));
        _feedback.VerifyNoOtherCalls();
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AddAsync_TooLong_IsRefused() =>
        Assert.That(await _service.AddAsync(OnEvidence, new string('x', FeedbackService.MaxBody + 1), null, PortfolioFakes.Mentor, default), Does.StartWith("Keep your comment under 20,000"));

    [Test]
    public async Task AddAsync_ByTheMentor_IsKeptAndTellsTheCandidate()
    {
        Assert.That(await _service.AddAsync(OnEvidence, " Well done ", "A1", PortfolioFakes.Mentor, default), Is.Null);

        _feedback.Verify(f => f.AddAsync(It.Is<FeedbackComment>(c =>
            c.EvidenceId == 12 && c.SubmissionId == null && c.Body == "Well done" && c.StatementId == "A1" && c.AuthorUserId == PortfolioFakes.Mentor
            && c.CandidateUserId == PortfolioFakes.Candidate && c.CreatedUtc == PortfolioFakes.Now), It.IsAny<CancellationToken>()));
        _notifier.Verify(n => n.NotifyAsync(PortfolioFakes.Candidate, "feedback", OnEvidence.CandidateTitle, OnEvidence.CandidateLink, It.IsAny<CancellationToken>()));
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AddAsync_TheCommentAndTheNotification_AreWrittenInOneUnitOfWrites()
    {
        var seen = new List<string>();
        _feedback.Setup(f => f.AddAsync(It.IsAny<FeedbackComment>(), It.IsAny<CancellationToken>())).Callback(() => seen.Add("comment " + Writes.InUnit)).ReturnsAsync(70);
        _notifier.Setup(n => n.NotifyAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback(() => seen.Add("notification " + Writes.InUnit)).Returns(Task.CompletedTask);
        var units = Writes.Units;

        await _service.AddAsync(OnEvidence, "Well done", null, PortfolioFakes.Mentor, default);

        Assert.That(seen, Is.EqualTo(new[] { "comment True", "notification True" }));
        Assert.That(Writes.Units - units, Is.EqualTo(1));
    }

    [Test]
    public async Task AddAsync_TheCandidatesReply_TellsTheirMentor()
    {
        Assert.That(await _service.AddAsync(OnEvidence, "Thanks", null, PortfolioFakes.Candidate, default), Is.Null);

        _notifier.Verify(n => n.NotifyAsync(PortfolioFakes.Mentor, "feedback-reply", $"User {PortfolioFakes.Candidate} replied to your feedback", "/evidence/12#feedback", It.IsAny<CancellationToken>()));
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task AddAsync_ReplyWithoutAMentor_TellsNobody()
    {
        _fakes.Placement = _fakes.Placement with { MentorUserId = null };

        await _service.AddAsync(OnEvidence, "Thanks", null, PortfolioFakes.Candidate, default);

        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task OnSubmissionAsync_Attempt_PointsAtItsTasksThread()
    {
        _tasks.Setup(t => t.GetSubmissionAsync(9, It.IsAny<CancellationToken>())).ReturnsAsync(new Submission { Id = 9, TaskId = 3, CandidateUserId = PortfolioFakes.Candidate, Attempt = 2 });
        _tasks.Setup(t => t.GetTaskAsync(3, It.IsAny<CancellationToken>())).ReturnsAsync(new AssessmentTask { Id = 3, Title = "Task 1", StatementIds = ["a1"] });

        var subject = await _service.OnSubmissionAsync(9, default);

        Assert.That(subject, Is.EqualTo(new FeedbackSubject(FeedbackTarget.Submission, 9, PortfolioFakes.Candidate, 3, subject!.Statements,
            "New feedback on your task “Task 1” (attempt 2)", "/tasks/3#feedback-9")));
    }

    [Test]
    public async Task OnEvidenceAsync_NoSuchItem_IsNull() => Assert.That(await _service.OnEvidenceAsync(5, default), Is.Null);
}
