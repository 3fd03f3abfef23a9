using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Accounts;
using Npq.Core.Materials;

namespace Npq.Tests.Core.Materials;

public sealed class MaterialsFollowingTests
{
    private static readonly DateTime Now = new(2026, 3, 20, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 20);
    private const int CohortId = 7;
    private const int CourseId = 3;

    private Mock<IProgrammeRepository> _programmes = null!;
    private Mock<IMaterialsProgressQueries> _progress = null!;
    private Mock<IUserTimeZones> _zones = null!;

    [SetUp]
    public void Fresh()
    {
        _programmes = new();
        _progress = new();
        _zones = new();
    }

    private static ProgrammeModule Module(int id, int position, ReleaseRule rule, params (int Id, bool Published)[] items) => new(
        new MaterialModule { Id = id, CourseId = CourseId, Position = position, Title = $"Module {position}", ReleaseRule = rule },
        items.Select(i => new MaterialItem { Id = i.Id, ModuleId = id, Title = $"Item {i.Id}", State = i.Published ? ItemState.Published : ItemState.Draft }).ToList());

    private static Programme Programme(params ProgrammeModule[] modules) => new(CourseId, modules);

    private static Dictionary<int, ModuleRelease> Releases(params (int ModuleId, DateOnly? OpensOn, DateTime? EarlyUtc)[] rows) =>
        rows.ToDictionary(r => r.ModuleId, r => new ModuleRelease(CohortId, r.ModuleId, r.OpensOn, r.EarlyUtc, r.EarlyUtc is null ? null : 1));

    private MaterialsFollowing Following() =>
        new(_programmes.Object, _progress.Object, _zones.Object, new FakeTimeProvider(new DateTimeOffset(Now)), NullLogger<MaterialsFollowing>.Instance);

    [Test]
    public void DueModules_OpenForFourteenDaysOrMore_AreDue()
    {
        var programme = Programme(
            Module(1, 1, ReleaseRule.OnDate, (11, true)),
            Module(2, 2, ReleaseRule.OnDate, (21, true)),
            Module(3, 3, ReleaseRule.OnDateAndAfterPrevious, (31, true)),
            Module(4, 4, ReleaseRule.AfterPrevious, (41, true)),
            Module(5, 5, ReleaseRule.OnDate, (51, true)),
            Module(6, 6, ReleaseRule.OnDate, (61, false)),
            Module(7, 7, ReleaseRule.OnDate, (71, true)));
        var releases = Releases(
            (1, Today.AddDays(-14), null),          // exactly fourteen days: due
            (2, Today.AddDays(-13), null),          // thirteen: not yet
            (3, Today.AddDays(-30), null),          // the date counts for "date and previous"
            (4, Today.AddDays(-30), null),          // "after previous" goes at each candidate's pace
            (5, Today.AddDays(10), Now.AddDays(-15)), // opened early fifteen days ago
            (6, Today.AddDays(-30), null),          // nothing published
            (7, Today.AddDays(10), Now.AddDays(-3)));  // opened early only three days ago

        var due = BehindRule.DueModules(programme.PublishedOnly(), releases, Today, Now);

        Assert.That(due, Is.EquivalentTo(new[] { 1, 3, 5 }));
    }

    [Test]
    public async Task CohortAsync_UnknownCohort_IsNull()
    {
        Assert.That(await Following().CohortAsync(99, 1, 5), Is.Null);
    }

    [Test]
    public async Task CohortAsync_CountsEachModuleAndNamesWhereEachBehindCandidateIs()
    {
        _programmes.Setup(p => p.GetCohortAsync(CohortId, default)).ReturnsAsync(new MaterialsCohort(CohortId, "Spring", "Asia/Dubai", CourseId, "NPQSL", 1, "npqsl"));
        _programmes.Setup(p => p.GetProgrammeAsync(CourseId, default)).ReturnsAsync(Programme(
            Module(1, 1, ReleaseRule.OnDate, (11, true), (12, true)),
            Module(2, 2, ReleaseRule.OnDate, (21, true), (22, false)),
            Module(3, 3, ReleaseRule.OnDate, (31, false))));
        _programmes.Setup(p => p.GetReleasesAsync(CohortId, default)).ReturnsAsync(Releases((1, Today.AddDays(-20), null), (2, Today.AddDays(-2), null)));
        _progress.Setup(p => p.GetModuleCompletionAsync(CohortId, CourseId, default))
            .ReturnsAsync(new CohortCompletionCounts(4, [new ModuleCompletionCount(1, 2, 3), new ModuleCompletionCount(2, 1, 1)]));
        _progress.Setup(p => p.GetBehindAsync(CohortId, CourseId, It.Is<IReadOnlyCollection<int>>(d => d.SequenceEqual(new[] { 1 })), 0, MaterialsFollowing.PageSize, default))
            .ReturnsAsync((1, (IReadOnlyList<BehindRow>)[new BehindRow { CandidateUserId = 40, CandidateName = "Bea", ModulesOverdue = 1, FirstOverduePosition = 1, ItemsCompleted = 1, ItemsTotal = 3 }]));
        _zones.Setup(z => z.GetAsync(5, default)).ReturnsAsync(new UserTimeZone { TimeZone = "Europe/London" });

        var progress = (await Following().CohortAsync(CohortId, 1, 5))!;

        Assert.Multiple(() =>
        {
            Assert.That(progress.Candidates, Is.EqualTo(4));
            Assert.That(progress.Modules.Select(m => (m.Title, m.PublishedItems, m.CandidatesCompleted, m.Percent, m.Due)),
                Is.EqualTo(new[] { ("Module 1", 2, 3, 75, true), ("Module 2", 1, 1, 25, false) }), "a module with nothing published is left out");
            Assert.That(progress.Behind.Total, Is.EqualTo(1));
            Assert.That(progress.Behind.Rows[0].FirstOverdueModule, Is.EqualTo("Module 1"));
            Assert.That(progress.Behind.Rows[0].FirstOverdueOpensOn, Is.EqualTo(Today.AddDays(-20)));
            Assert.That(progress.Behind.Rows[0].Percent, Is.EqualTo(33));
            Assert.That(progress.ViewerZone, Is.EqualTo("Europe/London"));
            Assert.That(progress.TodayInCohortZone, Is.EqualTo(Today));
        });
    }

    [Test]
    public async Task CohortAsync_NothingDue_AsksForNobodyBehind()
    {
        _programmes.Setup(p => p.GetCohortAsync(CohortId, default)).ReturnsAsync(new MaterialsCohort(CohortId, "Spring", "Europe/London", CourseId, "NPQSL", 1, "npqsl"));
        _programmes.Setup(p => p.GetProgrammeAsync(CourseId, default)).ReturnsAsync(Programme(Module(1, 1, ReleaseRule.AfterPrevious, (11, true))));
        _programmes.Setup(p => p.GetReleasesAsync(CohortId, default)).ReturnsAsync(new Dictionary<int, ModuleRelease>());
        _progress.Setup(p => p.GetModuleCompletionAsync(CohortId, CourseId, default)).ReturnsAsync(new CohortCompletionCounts(2, []));

        var progress = (await Following().CohortAsync(CohortId, 3, 5))!;

        Assert.That(progress.Behind.Total, Is.Zero);
        _progress.Verify(p => p.GetBehindAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<int>(), It.IsAny<int>(), default), Times.Never);
    }

    [Test]
    public async Task CohortAsync_PagePastTheEnd_ShowsTheLastPage()
    {
        _programmes.Setup(p => p.GetCohortAsync(CohortId, default)).ReturnsAsync(new MaterialsCohort(CohortId, "Spring", "Europe/London", CourseId, "NPQSL", 1, "npqsl"));
        _programmes.Setup(p => p.GetProgrammeAsync(CourseId, default)).ReturnsAsync(Programme(Module(1, 1, ReleaseRule.OnDate, (11, true))));
        _programmes.Setup(p => p.GetReleasesAsync(CohortId, default)).ReturnsAsync(Releases((1, Today.AddDays(-40), null)));
        _progress.Setup(p => p.GetModuleCompletionAsync(CohortId, CourseId, default)).ReturnsAsync(new CohortCompletionCounts(30, []));
        var row = new BehindRow { CandidateUserId = 1, CandidateName = "Al", ModulesOverdue = 1, FirstOverduePosition = 1, ItemsTotal = 1 };
        _progress.Setup(p => p.GetBehindAsync(CohortId, CourseId, It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<int>(), MaterialsFollowing.PageSize, default))
            .ReturnsAsync((int _, int _, IReadOnlyCollection<int> _, int skip, int _, CancellationToken _) => (30, skip == 25 ? [row] : []));

        var progress = (await Following().CohortAsync(CohortId, 9, 5))!;

        Assert.That((progress.Behind.Page, progress.Behind.PageCount, progress.Behind.Rows.Count), Is.EqualTo((2, 2, 1)));
    }

    [Test]
    public void Summary_RoundsDownAndNamesModules()
    {
        Assert.Multiple(() =>
        {
            Assert.That(new MaterialsSummary(1, 9, 20, 4, 10).Describe(), Is.EqualTo("Materials: 45% (4 of 10 modules)"));
            Assert.That(new MaterialsSummary(1, 199, 200, 9, 10).Percent, Is.EqualTo(99), "100% only when every item is done");
            Assert.That(new MaterialsSummary(1, 0, 0, 0, 0).Percent, Is.Null);
            Assert.That(new MaterialsSummary(1, 0, 0, 0, 0).Describe(), Is.EqualTo("Materials: none published yet"));
        });
    }
}
