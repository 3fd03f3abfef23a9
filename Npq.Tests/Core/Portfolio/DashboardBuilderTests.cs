using Moq;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

public sealed class DashboardBuilderTests
{
    private PortfolioFakes _fakes = null!;
    private Mock<ICandidateHomeRepository> _home = null!;
    private Mock<IEvidenceRepository> _evidence = null!;
    private Mock<IMenteeCaseloadRepository> _caseloads = null!;
    private Mock<ISchoolPageRepository> _schools = null!;

    /// <summary>What the candidate's one read answers (placed on the fakes' cohort, 3 items and 1 draft, one statement shown once).</summary>
    private CandidateHomeData _read = null!;

    [SetUp]
    public void Create()
    {
        _fakes = new PortfolioFakes();
        _home = new Mock<ICandidateHomeRepository>();
        _evidence = new Mock<IEvidenceRepository>();
        _caseloads = new Mock<IMenteeCaseloadRepository>(MockBehavior.Strict);
        _schools = new Mock<ISchoolPageRepository>(MockBehavior.Strict);
        _read = new CandidateHomeData([_fakes.Placement], [], new Dictionary<int, TaskExtension>(), [], 3, 1, [], null, new Dictionary<string, int> { ["a1"] = 1 });
        _home.Setup(h => h.ReadAsync(PortfolioFakes.Candidate, DashboardBuilder.FeedbackShown, It.IsAny<CancellationToken>())).ReturnsAsync(() => _read);
    }

    private DashboardBuilder Builder() => new(_fakes.Lookup, _home.Object, _caseloads.Object, _schools.Object, _evidence.Object,
        new ProgressDueService(_fakes.Time), _fakes.Time);

    private static MenteeCaseload Caseload(
        IReadOnlyList<CandidatePlacement> placements, IReadOnlyDictionary<(int, int), DateTime>? last = null, IReadOnlyDictionary<int, int>? cadences = null,
        IReadOnlyList<DraftAwaitingReview>? drafts = null) =>
        new(placements, last ?? new Dictionary<(int, int), DateTime>(), cadences ?? new Dictionary<int, int>(), new Dictionary<int, Npq.Core.Materials.MaterialsSummary>(), drafts ?? []);

    private static DashboardViewer Candidate => new(PortfolioFakes.Candidate, "Cand", true, false, false, false);

    private static (AssessmentTask, TaskDates) Task(int id, int opens, int due, int cutOff) =>
        (new AssessmentTask { Id = id, Title = $"Task {id}" },
         new TaskDates(id, PortfolioFakes.Cohort, PortfolioFakes.Today.AddDays(opens), PortfolioFakes.Today.AddDays(due), PortfolioFakes.Today.AddDays(cutOff)));

    [Test]
    public async Task BuildAsync_OnlyACandidate_BuildsOnlyTheirSection()
    {
        var page = await Builder().BuildAsync(Candidate, default);

        Assert.That(page.Candidate, Is.Not.Null);
        Assert.That((page.Mentor, page.Headteacher, page.IsAdmin), Is.EqualTo(((MentorDashboard?)null, (HeadteacherDashboard?)null, false)));
        Assert.That(page.ViewerZone, Is.EqualTo("Europe/London"));
        Assert.That((page.Candidate!.EvidenceCount, page.Candidate.DraftCount, page.Candidate.Coverage!.Covered), Is.EqualTo((3, 1, 1)));
        _caseloads.Verify(c => c.ReadAsync(It.IsAny<int>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Never);
        _schools.Verify(p => p.ReadAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task BuildAsync_Candidate_ReadsEverythingInOneGo_AndShowsItsFeedbackUpdateAndPlace()
    {
        var update = new ProgressUpdate { Id = 8, CandidateUserId = PortfolioFakes.Candidate, Narrative = "N", NextSteps = "Read more" };
        var feedback = new FeedbackComment { Id = 5, CandidateUserId = PortfolioFakes.Candidate, Body = "Good" };
        _read = _read with { RecentFeedback = [feedback], LatestUpdate = update };

        var page = (await Builder().BuildAsync(Candidate, default)).Candidate!;

        Assert.That((page.Placement, page.LatestUpdate, page.Feedback.Single()), Is.EqualTo((_fakes.Placement, update, feedback)));
        _home.Verify(h => h.ReadAsync(PortfolioFakes.Candidate, DashboardBuilder.FeedbackShown, It.IsAny<CancellationToken>()), Times.Once);
        _fakes.Placements.Verify(p => p.GetForCandidateAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "the place comes with the one read");
        _caseloads.VerifyNoOtherCalls();
        _evidence.VerifyNoOtherCalls();
        _schools.VerifyNoOtherCalls();
    }

    [Test]
    public async Task BuildAsync_CandidateTasks_ShowsOnlyThoseStillToHandIn_EarliestDueFirst_WithTheirExtension()
    {
        _read = _read with
        {
            Tasks =
            [
                Task(1, -10, 20, 30), // open, not yet due
                Task(2, -30, -20, -10), // past its cut-off: missing, not shown
                Task(3, -10, 5, 10), // submitted: not shown
                Task(4, -10, -2, 10), // overdue but accepted late, extended to tomorrow
            ],
            LatestAttempts = [new AttemptStatus { TaskId = 3, State = SubmissionState.Submitted }, new AttemptStatus { TaskId = 1, State = SubmissionState.Draft }],
            Extensions = new Dictionary<int, TaskExtension> { [4] = new(4, PortfolioFakes.Candidate, PortfolioFakes.Today.AddDays(1), PortfolioFakes.Mentor, PortfolioFakes.Now) },
        };

        var tasks = (await Builder().BuildAsync(Candidate, default)).Candidate!.Tasks;

        Assert.That(tasks.Select(t => (t.Task.Id, t.DueOn, t.State, t.Lateness)), Is.EqualTo(new[]
        {
            (4, PortfolioFakes.Today.AddDays(1), SubmissionState.New, Lateness.Extended),
            (1, PortfolioFakes.Today.AddDays(20), SubmissionState.Draft, Lateness.None),
        }));
    }

    [Test]
    public async Task BuildAsync_CandidateOnTwoCohorts_ShowsEachCohortsOwnTasksInItsZone_AndNoneOfACohortTheyAreNotOn()
    {
        var second = _fakes.Placement with { EnrolmentId = 99, CohortId = 77, CohortZone = "Europe/London" };
        (AssessmentTask, TaskDates) Other(int id, int cohortId) =>
            (new AssessmentTask { Id = id, Title = $"Task {id}" }, new TaskDates(id, cohortId, PortfolioFakes.Today.AddDays(-1), PortfolioFakes.Today.AddDays(id), PortfolioFakes.Today.AddDays(30)));
        _read = _read with { Placements = [_fakes.Placement, second], Tasks = [Task(1, -10, 3, 30), Other(2, 77), Other(5, 78)] };

        var tasks = (await Builder().BuildAsync(Candidate, default)).Candidate!.Tasks;

        Assert.That(tasks.Select(t => (t.Task.Id, t.CohortZone)), Is.EqualTo(new[] { (2, "Europe/London"), (1, "Asia/Dubai") }),
            "earliest due first across both cohorts; task 5 belongs to neither");
    }

    [Test]
    public async Task BuildAsync_Headteacher_ShowsTheFirstPageOfTheirSchoolsCandidates_FromOneRead_CountingOnlyWhatIsNotKept()
    {
        var other = _fakes.Placement with { CandidateUserId = 70, EnrolmentId = 71, FrameworkCode = "t" };
        var third = _fakes.Placement with { CandidateUserId = 80, EnrolmentId = 81, FrameworkCode = "t" };
        var written = new DateTime(2026, 11, 2, 9, 0, 0, DateTimeKind.Utc);
        var kept = new Npq.Core.Materials.MaterialsSummary(71, 3, 10, 1, 4);
        _schools.Setup(s => s.ReadAsync(9, 0, HeadteacherDashboard.CandidatesShown, It.IsAny<CancellationToken>())).ReturnsAsync(new SchoolPage(
            23,
            [_fakes.Placement, other, third],
            new Dictionary<int, Npq.Core.Materials.MaterialsSummary> { [71] = kept },
            new Dictionary<(int, string), int> { [(80, _fakes.Framework.Code)] = 5 },
            new Dictionary<int, LatestUpdateSummary> { [70] = new(70, written, new Dictionary<ProgressRating, int> { [ProgressRating.Secure] = 1 }) }));
        var statements = _fakes.Framework.AllStatements.Select(s => s.Id).ToList();
        _evidence.Setup(e => e.CountStatementsCoveredAsync(
                It.Is<IReadOnlyCollection<int>>(ids => ids.Order().SequenceEqual(new[] { 70, PortfolioFakes.Candidate }.Order())),
                _fakes.Framework, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, int> { [70] = 2 });

        var page = await Builder().BuildAsync(new DashboardViewer(9, "Head", false, false, true, false), default);

        Assert.That(page.Candidate, Is.Null);
        Assert.That(page.Headteacher!.CandidateTotal, Is.EqualTo(23), "how many the school has, beyond the page shown");
        Assert.That(page.Headteacher.Candidates.Select(c => (c.Placement.CandidateUserId, c.LatestUpdate?.CreatedUtc)),
            Is.EqualTo(new[] { (PortfolioFakes.Candidate, (DateTime?)null), (70, (DateTime?)written), (80, (DateTime?)null) }));
        Assert.That(page.Headteacher.Candidates.Select(c => c.Coverage),
            Is.EqualTo(new[] { new CoverageSummary(0, statements.Count), new CoverageSummary(2, statements.Count), new CoverageSummary(5, statements.Count) }),
            "80's coverage as kept; the others' counted");
        Assert.That(page.Headteacher.Candidates.Select(c => c.Materials), Is.EqualTo(new[] { null, kept, null }), "materials as kept (none wired in for the rest)");
        _evidence.Verify(e => e.CountStatementsCoveredAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<Framework>(), It.IsAny<CancellationToken>()), Times.Once,
            "one query for the candidates of the framework with none kept, not one per candidate");
        _evidence.Verify(e => e.GetStatementCountsAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "never one query per candidate");
        _schools.Verify(s => s.ReadAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task BuildAsync_Headteacher_EverythingKept_CountsNothingMore()
    {
        _schools.Setup(s => s.ReadAsync(9, 0, HeadteacherDashboard.CandidatesShown, It.IsAny<CancellationToken>())).ReturnsAsync(new SchoolPage(
            1, [_fakes.Placement], new Dictionary<int, Npq.Core.Materials.MaterialsSummary>(),
            new Dictionary<(int, string), int> { [(PortfolioFakes.Candidate, _fakes.Framework.Code)] = 4 }, new Dictionary<int, LatestUpdateSummary>()));

        var page = await Builder().BuildAsync(new DashboardViewer(9, "Head", false, false, true, false), default);

        Assert.That(page.Headteacher!.Candidates.Single().Coverage!.Covered, Is.EqualTo(4));
        _evidence.Verify(e => e.CountStatementsCoveredAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<Framework>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task BuildAsync_Mentor_ListsMenteesAndDraftsToReview_FromOneReadOfTheCaseload()
    {
        _caseloads.Setup(c => c.ReadAsync(PortfolioFakes.Mentor, true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Caseload([_fakes.Placement], drafts: [new DraftAwaitingReview { SubmissionId = 4 }]));

        var page = await Builder().BuildAsync(new DashboardViewer(PortfolioFakes.Mentor, "Ment", false, true, false, false), default);

        Assert.That(page.Mentor!.Mentees.Single().Placement.CandidateUserId, Is.EqualTo(PortfolioFakes.Candidate));
        Assert.That(page.Mentor.Drafts.Single().SubmissionId, Is.EqualTo(4));
        _caseloads.Verify(c => c.ReadAsync(It.IsAny<int>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task BuildAsync_Mentor_ManyMentees_ShowsTheMostUrgentTenAndCountsThemAll()
    {
        var mentees = Enumerable.Range(101, 12).Select(id => _fakes.Placement with { CandidateUserId = id, EnrolmentId = id, CandidateName = $"C{id}" }).ToList();
        // Every mentee updated yesterday but the last two listed, whose last updates are months old: they are overdue.
        _caseloads.Setup(c => c.ReadAsync(PortfolioFakes.Mentor, true, It.IsAny<CancellationToken>())).ReturnsAsync(Caseload(
            mentees,
            mentees.ToDictionary(m => (m.CandidateUserId, m.CohortId), m => PortfolioFakes.Now.AddDays(m.CandidateUserId > 110 ? -200 : -1)),
            new Dictionary<int, int> { [PortfolioFakes.Cohort] = 4 }));

        var page = await Builder().BuildAsync(new DashboardViewer(PortfolioFakes.Mentor, "Ment", false, true, false, false), default);

        Assert.That(page.Mentor!.Mentees, Has.Count.EqualTo(MentorDashboard.MenteesShown));
        Assert.That(page.Mentor.MenteeTotal, Is.EqualTo(12));
        Assert.That(page.Mentor.Mentees.Take(2).Select(m => (m.Placement.CandidateUserId, m.Status)), Is.EqualTo(new[] { (111, UpdateDue.Overdue), (112, UpdateDue.Overdue) }),
            "the most urgent first, whichever place the list gave them");
    }
}
