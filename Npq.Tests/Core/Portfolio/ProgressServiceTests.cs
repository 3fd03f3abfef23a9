using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Enrolment;
using Npq.Core.Notifications;
using Npq.Core.Portfolio;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Portfolio;

public sealed class ProgressServiceTests
{
    private InlineWrites Writes { get; set; } = new();

    private const int Admin = 2;
    private PortfolioFakes _fakes = null!;
    private Mock<IProgressRepository> _progress = null!;
    private Mock<IRelationships> _relationships = null!;
    private Mock<INotifier> _notifier = null!;
    private ProgressService _service = null!;

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _progress = new Mock<IProgressRepository>();
        _relationships = new Mock<IRelationships>();
        _notifier = new Mock<INotifier>();
        var users = new Mock<IUserRepository>();
        users.Setup(u => u.FindByIdAsync(Admin, It.IsAny<CancellationToken>())).ReturnsAsync(new AppUser { Id = Admin, ProviderId = 1 });
        _progress.Setup(p => p.CreateAsync(It.IsAny<ProgressUpdate>(), It.IsAny<CancellationToken>())).ReturnsAsync(88);
        _progress.Setup(p => p.IsCohortOfProviderAsync(30, 1, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        _relationships.Setup(r => r.HeadteachersOfAsync(It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        _service = new ProgressService(_progress.Object, new Mock<IMenteeCaseloadRepository>(MockBehavior.Strict).Object, _fakes.Lookup, new ProgressDueService(_fakes.Time),
            users.Object, _relationships.Object, _notifier.Object, Writes, _fakes.Time, NullLogger<ProgressService>.Instance);
    }

    private ProgressContext Context => new(_fakes.Placement, _fakes.Framework);

    private static ProgressInput Input(params (string Area, ProgressRating Rating)[] ratings) =>
        new(" Going well ", " Next ", ratings.ToDictionary(r => r.Area, r => r.Rating));

    [Test]
    public void CheckRatings_UnknownAreaOrValue_IsDroppedAndAMissingAreaRefused()
    {
        var (ratings, problems) = ProgressService.CheckRatings(
            new Dictionary<string, ProgressRating> { ["ONE"] = ProgressRating.Secure, ["gone"] = ProgressRating.Secure, ["two"] = (ProgressRating)9 }, _fakes.Framework);

        Assert.That(ratings, Is.EqualTo(new Dictionary<string, ProgressRating> { ["one"] = ProgressRating.Secure }));
        Assert.That(problems.Single().Field, Is.EqualTo("Ratings"));
    }

    [Test]
    public async Task CreateAsync_AreaWithoutRating_WritesNothing()
    {
        var written = await _service.CreateAsync(Context, Input(("one", ProgressRating.Secure)), PortfolioFakes.Mentor, true, default);

        Assert.That(written.Saved, Is.False);
        _progress.Verify(p => p.CreateAsync(It.IsAny<ProgressUpdate>(), It.IsAny<CancellationToken>()), Times.Never);
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task CreateAsync_EveryAreaRated_WritesAndTellsTheCandidateAndTheirHeadteachers()
    {
        _relationships.Setup(r => r.HeadteachersOfAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>())).ReturnsAsync([50, 51]);

        var written = await _service.CreateAsync(Context, Input(("one", ProgressRating.Secure), ("two", ProgressRating.Emerging)), PortfolioFakes.Mentor, true, default);

        Assert.That(written, Has.Property(nameof(ProgressWrite.Saved)).True.And.Property(nameof(ProgressWrite.Id)).EqualTo(88).And.Property(nameof(ProgressWrite.HeadteachersTold)).EqualTo(2));
        _progress.Verify(p => p.CreateAsync(It.Is<ProgressUpdate>(u =>
            u.CandidateUserId == PortfolioFakes.Candidate && u.CohortId == PortfolioFakes.Cohort && u.MentorUserId == PortfolioFakes.Mentor
            && u.Narrative == "Going well" && u.NextSteps == "Next" && u.CreatedUtc == PortfolioFakes.Now && u.Ratings.Count == 2), It.IsAny<CancellationToken>()));
        _notifier.Verify(n => n.NotifyAsync(PortfolioFakes.Candidate, "progress-update", "Your mentor wrote a progress update", "/progress#update-88", It.IsAny<CancellationToken>()));
        foreach (var head in new[] { 50, 51 })
        {
            _notifier.Verify(n => n.NotifyAsync(head, "progress-update", $"User {PortfolioFakes.Candidate}'s mentor wrote a progress update",
                $"/progress?candidate={PortfolioFakes.Candidate}#update-88", It.IsAny<CancellationToken>()));
        }
    }

    [Test]
    public async Task CreateAsync_TheUpdateAndEveryNotification_AreWrittenInOneUnitOfWrites()
    {
        _relationships.Setup(r => r.HeadteachersOfAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>())).ReturnsAsync([50]);
        var seen = new List<string>();
        _progress.Setup(p => p.CreateAsync(It.IsAny<ProgressUpdate>(), It.IsAny<CancellationToken>())).Callback(() => seen.Add("update " + Writes.InUnit)).ReturnsAsync(88);
        _notifier.Setup(n => n.NotifyAsync(It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback(() => seen.Add("notification " + Writes.InUnit)).Returns(Task.CompletedTask);
        var units = Writes.Units;

        await _service.CreateAsync(Context, Input(("one", ProgressRating.Secure), ("two", ProgressRating.Emerging)), PortfolioFakes.Mentor, true, default);

        Assert.That(seen, Is.EqualTo(new[] { "update True", "notification True", "notification True" }));
        Assert.That(Writes.Units - units, Is.EqualTo(1));
    }

    [Test]
    public async Task UpdateAsync_SomeoneSavedMeanwhile_IsAConflictAndNobodyIsTold()
    {
        var update = new ProgressUpdate { Id = 88, CandidateUserId = PortfolioFakes.Candidate, CohortId = PortfolioFakes.Cohort, Narrative = "n", NextSteps = "s", Version = 2 };
        _progress.Setup(p => p.UpdateAsync(It.IsAny<ProgressUpdate>(), 2, It.IsAny<CancellationToken>())).ReturnsAsync((SaveOutcome.Conflict, 2));

        var written = await _service.UpdateAsync(update, Context, Input(("one", ProgressRating.Secure), ("two", ProgressRating.Emerging)), 2, PortfolioFakes.Mentor, true, default);

        Assert.That(written, Has.Property(nameof(ProgressWrite.Saved)).False.And.Property(nameof(ProgressWrite.Conflict)).True);
        Assert.That(written.Problems.Single().Message, Is.EqualTo(ProgressService.ConflictMessage));
        _notifier.VerifyNoOtherCalls();
    }

    [Test]
    public async Task UpdateAsync_Saved_TellsTheCandidate()
    {
        var update = new ProgressUpdate { Id = 88, CandidateUserId = PortfolioFakes.Candidate, CohortId = PortfolioFakes.Cohort, Narrative = "n", NextSteps = "s", Version = 2 };
        _progress.Setup(p => p.UpdateAsync(It.IsAny<ProgressUpdate>(), 2, It.IsAny<CancellationToken>())).ReturnsAsync((SaveOutcome.Saved, 3));

        var written = await _service.UpdateAsync(update, Context, Input(("one", ProgressRating.Secure), ("two", ProgressRating.Emerging)), 2, PortfolioFakes.Mentor, true, default);

        Assert.That(written.Saved, Is.True);
        _progress.Verify(p => p.UpdateAsync(It.Is<ProgressUpdate>(u => u.Narrative == "Going well" && u.UpdatedUtc == PortfolioFakes.Now), 2, It.IsAny<CancellationToken>()));
        _notifier.Verify(n => n.NotifyAsync(PortfolioFakes.Candidate, "progress-update", "Your mentor revised a progress update", "/progress#update-88", It.IsAny<CancellationToken>()));
    }

    [TestCase(31, 4, false, null)]
    [TestCase(30, 0, true, "Enter a number of weeks between 1 and 26.")]
    [TestCase(30, 27, true, "Enter a number of weeks between 1 and 26.")]
    public async Task SetCadenceAsync_OtherProvidersCohortOrOutOfRange_IsNotSaved(int cohortId, int weeks, bool found, string? error)
    {
        var set = await _service.SetCadenceAsync(Admin, cohortId, weeks, default);

        Assert.That((set.Found, set.Error), Is.EqualTo((found, error)));
        _progress.Verify(p => p.SetCadenceWeeksAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SetCadenceAsync_MyCohortInRange_IsSaved()
    {
        var set = await _service.SetCadenceAsync(Admin, 30, 4, default);

        Assert.That((set.Found, set.Error), Is.EqualTo((true, (string?)null)));
        _progress.Verify(p => p.SetCadenceWeeksAsync(30, 4, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task ContextForAsync_NoPlace_IsNull()
    {
        _fakes.Placements.Setup(p => p.GetForCandidateAsync(PortfolioFakes.Candidate, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        Assert.That(await _service.ContextForAsync(PortfolioFakes.Candidate, default), Is.Null);
    }
}
