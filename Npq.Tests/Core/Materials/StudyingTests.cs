using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Materials;

/// <summary>Studying against Moq fakes: which modules open (by day in the cohort's zone, after the previous, early), and how each kind completes.</summary>
public sealed class StudyingTests
{
    private const int Candidate = 5;
    private const int CohortId = 7;
    private const int CourseId = 3;

    // 12:00 UTC on 4 Oct is already 5 Oct in Auckland (UTC+13) and still 4 Oct in London and Los Angeles.
    private static readonly DateTime Now = new(2026, 10, 4, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Statement Statement1 = new("s1", StatementKind.LearnThat, "1.1", "Pupils learn", "", "culture", null, []);

    private Mock<IProgrammeRepository> _programmes = null!;
    private Mock<IStudyRepository> _studies = null!;
    private Mock<IEvidenceRepository> _evidence = null!;
    private Dictionary<int, ItemProgress> _progress = null!;
    private Dictionary<int, ModuleRelease> _releases = null!;
    private string _zone = "Europe/London";
    private Programme _programme = null!;
    private Studying _studying = null!;

    [SetUp]
    public void SetUp()
    {
        _programmes = new Mock<IProgrammeRepository>();
        _studies = new Mock<IStudyRepository>();
        _evidence = new Mock<IEvidenceRepository>();
        _progress = [];
        _releases = [];
        _zone = "Europe/London";
        _programme = Programme(
            Module(1, ReleaseRule.OnDate, Item(11, ItemKind.Page), Item(12, ItemKind.Video), Item(13, ItemKind.Page, ItemState.Draft)),
            Module(2, ReleaseRule.AfterPrevious, Item(21, ItemKind.KnowledgeCheck), Item(22, ItemKind.Reflection)),
            Module(3, ReleaseRule.OnDate, Item(31, ItemKind.Link)));
        _programmes.Setup(p => p.GetProgrammeAsync(CourseId, It.IsAny<CancellationToken>())).ReturnsAsync(() => _programme);
        _studies.Setup(s => s.GetCohortStudyAsync(Candidate, CohortId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new CohortStudy(new MaterialsCohort(CohortId, "Cohort", _zone, CourseId, "NPQSL", 1, "npqsl"), _releases, _progress));

        var framework = new Framework("npqsl", "SL", [new Area("culture", "Culture", 1, [Statement1], [])]);
        var catalog = new Mock<IFrameworkCatalog>();
        catalog.Setup(c => c.Find("npqsl")).Returns(framework);
        catalog.Setup(c => c.All).Returns([framework]);
        var placements = new Mock<IPlacementRepository>();
        placements.Setup(p => p.GetForCandidateAsync(Candidate, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new CandidatePlacement { CandidateUserId = Candidate, CohortId = CohortId, CohortZone = "Europe/London", FrameworkCode = "npqsl" }]);
        placements.Setup(p => p.GetFrameworkCodeAsync(Candidate, It.IsAny<CancellationToken>())).ReturnsAsync("npqsl");
        var time = new FakeTimeProvider(Now);
        var files = new Mock<IFileStore>();
        var evidence = new EvidenceService(_evidence.Object, new CandidateLookup(placements.Object, Mock.Of<IUserSessions>(), catalog.Object),
            files.Object, Options.Create(new StorageOptions()), time, NullLogger<EvidenceService>.Instance);
        _studying = new Studying(_programmes.Object, _studies.Object, evidence, files.Object, Mock.Of<IUserTimeZones>(), catalog.Object, time, NullLogger<Studying>.Instance);
    }

    private static Programme Programme(params ProgrammeModule[] modules) => new(CourseId, modules);

    private static ProgrammeModule Module(int id, ReleaseRule rule, params MaterialItem[] items) =>
        new(new MaterialModule { Id = id, CourseId = CourseId, Position = id, Title = $"Module {id}", ReleaseRule = rule }, items.Select(i => i with { ModuleId = id }).ToList());

    private static MaterialItem Item(int id, ItemKind kind, ItemState state = ItemState.Published) => new()
    {
        Id = id, Kind = kind, State = state, Title = $"Item {id}", StatementIds = ["s1"],
        Questions = kind == ItemKind.KnowledgeCheck ? KnowledgeCheck.Write(Builders.MaterialsBuilder.Questions()) : "",
    };

    private void OpensOn(int moduleId, DateOnly? day, bool early = false) =>
        _releases[moduleId] = new ModuleRelease(CohortId, moduleId, day, early ? Now.AddDays(-1) : null, early ? 9 : null);

    private void Completed(params int[] itemIds)
    {
        foreach (var id in itemIds)
        {
            _progress[id] = new ItemProgress { CandidateUserId = Candidate, ItemId = id, IsComplete = true, CompletedUtc = Now.AddDays(-2) };
        }
    }

    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> AllRight = new Dictionary<string, IReadOnlyList<string>> { ["q1"] = ["t"], ["q2"] = ["b"] };
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> HalfRight = new Dictionary<string, IReadOnlyList<string>> { ["q1"] = ["t"], ["q2"] = ["a"] };

    [TestCase("Pacific/Auckland", true)]
    [TestCase("Europe/London", false)]
    [TestCase("America/Los_Angeles", false)]
    public async Task Learn_DayOfOpening_OpensWhenTheDayHasComeInTheCohortsZone(string zone, bool open)
    {
        _zone = zone;
        OpensOn(1, new DateOnly(2026, 10, 5));

        var page = (await _studying.LearnAsync(Candidate, CohortId))!;

        Assert.That(page.Modules[0].Availability.IsOpen, Is.EqualTo(open));
        Assert.That(page.Modules[0].Availability.OpensOn, Is.EqualTo(new DateOnly(2026, 10, 5)), "the day itself never shifts");
        if (!open)
        {
            Assert.That(page.Modules[0].Items, Is.Empty, "an unopened module shows its title and date only");
            Assert.That(page.NextOpening!.OpensAtUtc, Is.EqualTo(Npq.Core.Time.ZonedTime.ToUtc(new DateTime(2026, 10, 5), zone)));
        }
    }

    [Test]
    public async Task Learn_AfterPrevious_OpensOnceEveryPublishedItemOfThePreviousIsComplete()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        Completed(11);
        var before = (await _studying.LearnAsync(Candidate, CohortId))!;
        Completed(12); // the draft item 13 does not count
        var after = (await _studying.LearnAsync(Candidate, CohortId))!;

        Assert.That(before.Modules[1].Availability.State, Is.EqualTo(OpenState.WaitingForPrevious));
        Assert.That(before.NextOpening!.PreviousTitle, Is.EqualTo("Module 1"));
        Assert.That(before.Continue!.ItemId, Is.EqualTo(12));
        Assert.That(before.Modules[0].Percent, Is.EqualTo(50));
        Assert.That(after.Modules[1].Availability.IsOpen, Is.True);
        Assert.That(after.Continue!.ItemId, Is.EqualTo(21));
        Assert.That(after.Modules[0].Items.Select(i => i.Id), Is.EqualTo(new[] { 11, 12 }), "drafts are never listed");
    }

    [Test]
    public async Task Learn_OpenedEarly_OpensBeforeItsDay_AndItsItemsAnswer()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        OpensOn(3, new DateOnly(2027, 1, 1), early: true);

        var page = (await _studying.LearnAsync(Candidate, CohortId))!;

        Assert.That(page.Modules[2].Availability, Is.EqualTo(new ModuleAvailability(3, OpenState.Open, new DateOnly(2027, 1, 1), true)));
        Assert.That(await _studying.ItemAsync(Candidate, CohortId, 31), Is.Not.Null);
    }

    [Test]
    public async Task Item_UnopenedModuleDraftOrUnknownItem_IsNull()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));

        Assert.That(await _studying.ItemAsync(Candidate, CohortId, 11), Is.Not.Null);
        Assert.That(await _studying.ItemAsync(Candidate, CohortId, 13), Is.Null, "draft");
        Assert.That(await _studying.ItemAsync(Candidate, CohortId, 21), Is.Null, "module 2 waits for module 1");
        Assert.That(await _studying.ItemAsync(Candidate, CohortId, 31), Is.Null, "module 3 has no day set");
        Assert.That(await _studying.ItemAsync(Candidate, CohortId, 999), Is.Null, "another course's item");
        Assert.That(await _studying.MarkDoneAsync(Candidate, CohortId, 31), Is.EqualTo(DoneOutcome.NotFound));
    }

    [Test]
    public async Task MarkDone_PageOnce_ThenIdempotent_VideoRefused()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));

        Assert.That(await _studying.MarkDoneAsync(Candidate, CohortId, 11), Is.EqualTo(DoneOutcome.Done));
        Completed(11);
        Assert.That(await _studying.MarkDoneAsync(Candidate, CohortId, 11), Is.EqualTo(DoneOutcome.Done));
        Assert.That(await _studying.MarkDoneAsync(Candidate, CohortId, 12), Is.EqualTo(DoneOutcome.NotThisKind));

        _studies.Verify(s => s.MarkCompleteAsync(Candidate, 11, Now, It.IsAny<CancellationToken>()), Times.Once);
    }

    [TestCase(53.9, false)]
    [TestCase(54, true)]
    public async Task ReportVideo_CompleteAtNinetyPercentWatched(double watchedTo, bool complete)
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        VideoProgress? saved = null;
        Target(12, ItemKind.Video, null, p => saved = p);

        // 60 s long: 0–53.9 marks seconds 0–53 (54 of 60 = 90 %); 0–53 stops one second short.
        var result = await _studying.ReportVideoAsync(Candidate, CohortId, 12, new VideoReport(watchedTo, 60, [(0, Math.Floor(watchedTo))]));

        Assert.That(result!.IsComplete, Is.EqualTo(complete));
        Assert.That(saved!.IsComplete, Is.EqualTo(complete));
        Assert.That(saved.PositionSeconds, Is.EqualTo(watchedTo));
    }

    [Test]
    public async Task ReportVideo_SeekingAheadCountsNothing_AndLaterReportsSkipTheFullCheck()
    {
        var map = VideoWatch.Merge(null, 60, [(0, 10)]);
        var started = new ItemProgress { CandidateUserId = Candidate, ItemId = 12, PositionSeconds = 10, DurationSeconds = 60, WatchedMap = map };
        Target(12, ItemKind.Video, started);

        // Jumped to the end and watched the last 5 seconds: 15 of 60 watched, not complete. A report of a shorter length does not shrink it.
        var result = await _studying.ReportVideoAsync(Candidate, CohortId, 12, new VideoReport(60, 20, [(55, 60)]));

        Assert.That(result, Is.EqualTo(new VideoReportResult(25, false)));
        _programmes.Verify(p => p.GetProgrammeAsync(It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never, "a started video is not re-checked on every report");
    }

    [Test]
    public async Task ReportVideo_NotAVideoOrNotStartedAndUnopened_IsNull()
    {
        var saves = 0;
        Target(12, ItemKind.Video, null, _ => saves++);
        Target(11, ItemKind.Page, null, _ => saves++);

        Assert.That(await _studying.ReportVideoAsync(Candidate, CohortId, 12, new VideoReport(5, 60, [(0, 5)])), Is.Null, "module 1 has no day set");
        Assert.That(await _studying.ReportVideoAsync(Candidate, CohortId, 11, new VideoReport(5, 60, [(0, 5)])), Is.Null);
        Assert.That(await _studying.ReportVideoAsync(Candidate, CohortId, 13, new VideoReport(5, 60, [(0, 5)])), Is.Null, "not studying the cohort: the repository finds nothing");
        Assert.That(saves, Is.Zero);
    }

    /// <summary>
    /// The repository's read-and-save as the data layer runs it: the item (with <paramref name="progress"/>) given to the
    /// use case's merge, and what it returns passed to <paramref name="saved"/>. Any other item: nothing found.
    /// </summary>
    private void Target(int itemId, ItemKind kind, ItemProgress? progress, Action<VideoProgress>? saved = null)
    {
        _studies.Setup(s => s.SaveVideoProgressAsync(Candidate, CohortId, itemId, It.IsAny<Func<StudyTarget, VideoProgress?>>(), It.IsAny<CancellationToken>()))
            .Returns((int _, int _, int _, Func<StudyTarget, VideoProgress?> next, CancellationToken _) =>
            {
                var target = new StudyTarget(itemId, 1, kind, ItemState.Published, progress);
                if (next(target) is { } save)
                {
                    saved?.Invoke(save);
                }

                return Task.FromResult<StudyTarget?>(target);
            });
    }

    [Test]
    public async Task SubmitCheck_LowerScoreAfterAPass_KeepsTheBestAndStaysComplete()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        Completed(11, 12);
        _progress[21] = new ItemProgress { CandidateUserId = Candidate, ItemId = 21, IsComplete = true, BestScorePercent = 100, Attempts = 1 };

        var outcome = (await _studying.SubmitCheckAsync(Candidate, CohortId, 21, HalfRight))!;

        Assert.That((outcome.Result.ScorePercent, outcome.BestScorePercent, outcome.IsComplete), Is.EqualTo((50, 100, true)));
        _studies.Verify(s => s.AddAttemptAsync(It.Is<KnowledgeCheckAttempt>(a => a.ScorePercent == 50 && a.CandidateUserId == Candidate), false, It.IsAny<CancellationToken>()));
    }

    [Test]
    public async Task SubmitCheck_FailThenPass_CompletesAtEightyPercent()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        Completed(11, 12);

        var first = (await _studying.SubmitCheckAsync(Candidate, CohortId, 21, HalfRight))!;
        var second = (await _studying.SubmitCheckAsync(Candidate, CohortId, 21, AllRight))!;

        Assert.That(first.IsComplete, Is.False);
        Assert.That((second.Result.ScorePercent, second.IsComplete), Is.EqualTo((100, true)));
        _studies.Verify(s => s.AddAttemptAsync(It.IsAny<KnowledgeCheckAttempt>(), true, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task AnswerReflection_First_CreatesADraftEvidenceItemWithTheItemsTitleAndStatements_ThenUpdatesIt()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        Completed(11, 12);
        EvidenceItem? created = null;
        _evidence.Setup(e => e.CreateAsync(It.IsAny<EvidenceItem>(), Candidate, It.IsAny<CancellationToken>()))
            .Callback((EvidenceItem e, int _, CancellationToken _) => created = e).ReturnsAsync(55);

        var first = (await _studying.AnswerReflectionAsync(Candidate, CohortId, 22, "What I learnt"))!;

        Assert.That((first.Saved, first.EvidenceId), Is.EqualTo((true, (int?)55)));
        Assert.That((created!.Title, created.Reflection, created.IsDraft), Is.EqualTo(("Item 22", "What I learnt", true)));
        Assert.That(created.StatementIds, Is.EqualTo(new[] { "s1" }));
        _studies.Verify(s => s.SetReflectionEvidenceAsync(Candidate, 22, 55, Now, It.IsAny<CancellationToken>()));

        _progress[22] = new ItemProgress { CandidateUserId = Candidate, ItemId = 22, IsComplete = true, EvidenceId = 55 };
        _evidence.Setup(e => e.GetAsync(55, It.IsAny<CancellationToken>())).ReturnsAsync(created with { Id = 55, CandidateUserId = Candidate, Version = 2 });
        _evidence.Setup(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), 2, Candidate, It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SaveOutcome.Saved, 3));

        var second = (await _studying.AnswerReflectionAsync(Candidate, CohortId, 22, "What I learnt, and more"))!;

        Assert.That((second.Saved, second.EvidenceId), Is.EqualTo((true, (int?)55)));
        _evidence.Verify(e => e.UpdateAsync(It.Is<EvidenceItem>(i => i.Id == 55 && i.Reflection == "What I learnt, and more" && i.IsDraft), 2, Candidate, It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()));
        _evidence.Verify(e => e.CreateAsync(It.IsAny<EvidenceItem>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task AnswerReflection_RecordedOrBlank_IsRefused()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        Completed(11, 12);
        _progress[22] = new ItemProgress { CandidateUserId = Candidate, ItemId = 22, IsComplete = true, EvidenceId = 55 };
        _evidence.Setup(e => e.GetAsync(55, It.IsAny<CancellationToken>())).ReturnsAsync(new EvidenceItem { Id = 55, CandidateUserId = Candidate, Title = "T", IsDraft = false });

        Assert.That((await _studying.AnswerReflectionAsync(Candidate, CohortId, 22, "  "))!.Problem, Is.EqualTo(Studying.BlankAnswer));
        Assert.That((await _studying.AnswerReflectionAsync(Candidate, CohortId, 22, "New"))!.Problem, Is.EqualTo(Studying.AnswerRecorded));
        _evidence.Verify(e => e.UpdateAsync(It.IsAny<EvidenceItem>(), It.IsAny<int>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Item_ReflectionOfSomeoneElsesEvidence_ShowsNoEvidence()
    {
        OpensOn(1, new DateOnly(2026, 9, 1));
        Completed(11, 12);
        _progress[22] = new ItemProgress { CandidateUserId = Candidate, ItemId = 22, IsComplete = true, EvidenceId = 56 };
        _evidence.Setup(e => e.GetAsync(56, It.IsAny<CancellationToken>())).ReturnsAsync(new EvidenceItem { Id = 56, CandidateUserId = 99, Title = "Not mine" });

        var page = (await _studying.ItemAsync(Candidate, CohortId, 22))!;

        Assert.That(page.Evidence, Is.Null);
        Assert.That(page.Statements.Select(s => s.Id), Is.EqualTo(new[] { "s1" }));
    }
}
