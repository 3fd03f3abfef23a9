using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Materials;
using Npq.Core.Reporting;
using Npq.Tests.Core.Reporting;

namespace Npq.Tests.Core.Materials;

public sealed class MaterialsFinderTests
{
    private static readonly DateTime Now = new(2026, 3, 20, 12, 0, 0, DateTimeKind.Utc);
    private const int Candidate = 40;

    private Mock<IMaterialsProgressQueries> _queries = null!;
    private Mock<IProgrammeRepository> _programmes = null!;
    private Mock<IStudyRepository> _study = null!;

    [SetUp]
    public void Fresh()
    {
        _queries = new();
        _programmes = new();
        _study = new();
    }

    private MaterialsFinder Finder() => new(_queries.Object, _programmes.Object, _study.Object, new FakeTimeProvider(new DateTimeOffset(Now)));

    private static MaterialLink Link(int itemId, int? cohort) => new(itemId, $"Item {itemId}", ItemKind.Page, 1, "Module 1", 3, "NPQSL", cohort);

    /// <summary>The candidate studies cohort 7 of course 3: module 1 open by date, module 2 opens in April.</summary>
    private void Studying()
    {
        _queries.Setup(q => q.GetStudiedCohortsAsync(Candidate, default)).ReturnsAsync([new StudiedCohort(7, 3)]);
        _programmes.Setup(p => p.GetCohortAsync(7, default)).ReturnsAsync(new MaterialsCohort(7, "Spring", "Europe/London", 3, "NPQSL", 1, "npqsl"));
        _programmes.Setup(p => p.GetProgrammeAsync(3, default)).ReturnsAsync(new Programme(3,
        [
            new ProgrammeModule(new MaterialModule { Id = 1, Position = 1, ReleaseRule = ReleaseRule.OnDate }, [new MaterialItem { Id = 11, State = ItemState.Published }]),
            new ProgrammeModule(new MaterialModule { Id = 2, Position = 2, ReleaseRule = ReleaseRule.OnDate }, [new MaterialItem { Id = 21, State = ItemState.Published }]),
        ]));
        _programmes.Setup(p => p.GetReleasesAsync(7, default)).ReturnsAsync(new Dictionary<int, ModuleRelease>
        {
            [1] = new(7, 1, new DateOnly(2026, 1, 10), null, null),
            [2] = new(7, 2, new DateOnly(2026, 4, 10), null, null),
        });
        _study.Setup(s => s.GetProgressAsync(Candidate, 3, default)).ReturnsAsync(new Dictionary<int, ItemProgress>());
    }

    [Test]
    public async Task ForCandidateAsync_Candidate_GetsLinksAndUnopenedModulesAreLeftOut()
    {
        Studying();
        _queries.Setup(q => q.GetStatementMaterialsAsync(
                It.Is<MaterialsAudience>(a => a.UserId == Candidate && a.StudyingOnly), It.IsAny<IReadOnlyCollection<string>>(),
                It.Is<IReadOnlyCollection<int>>(c => c.SequenceEqual(new[] { 2 })), default))
            .ReturnsAsync([new StatementMaterial("st-1", Link(11, 7))]);

        var found = await Finder().ForCandidateAsync(Candidate, viewerIsCandidate: true, ["ST-1", "st-1"]);

        Assert.That(found["st-1"].Single().Href, Is.EqualTo("/learn/7/items/11"));
        Assert.That(found.ContainsKey("ST-1"), Is.True, "statement ids match in any case");
    }

    [Test]
    public async Task ForCandidateAsync_SomeoneElse_GetsTitlesOnly()
    {
        Studying();
        _queries.Setup(q => q.GetStatementMaterialsAsync(It.IsAny<MaterialsAudience>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<IReadOnlyCollection<int>>(), default))
            .ReturnsAsync([new StatementMaterial("st-1", Link(11, 7))]);

        var found = await Finder().ForCandidateAsync(Candidate, viewerIsCandidate: false, ["st-1"]);

        Assert.That(found["st-1"].Single().Href, Is.Null);
        Assert.That(found["st-1"].Single().Title, Is.EqualTo("Item 11"));
    }

    [Test]
    public async Task SearchAsync_EmptyQuery_AsksNothing()
    {
        var page = await Finder().SearchAsync(new MaterialsAudience(Candidate, false, false), "   ", 1);

        Assert.That(page.Total, Is.Zero);
        _queries.VerifyNoOtherCalls();
    }

    [Test]
    public async Task SearchAsync_LongQueryAndPage_TrimmedAndPaged()
    {
        Studying();
        _queries.Setup(q => q.SearchAsync(It.IsAny<MaterialsAudience>(), It.IsAny<string>(), It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<int>(), It.IsAny<int>(), default))
            .ReturnsAsync((45, (IReadOnlyList<MaterialLink>)[Link(11, 7)]));

        var page = await Finder().SearchAsync(new MaterialsAudience(Candidate, false, false), new string('a', 300), 3);

        _queries.Verify(q => q.SearchAsync(It.IsAny<MaterialsAudience>(), It.Is<string>(t => t.Length == MaterialsFinder.MaxQueryLength),
            It.Is<IReadOnlyCollection<int>>(c => c.SequenceEqual(new[] { 2 })), 2 * MaterialsFinder.PageSize, MaterialsFinder.PageSize, default));
        Assert.That((page.Page, page.PageCount), Is.EqualTo((3, 3)));
    }

    [Test]
    public void AtRisk_MaterialsFarBelowTheCohortsMedian_IsAReason()
    {
        static CompletionRow Row(string name, int done, int cohort = 1) => new() { CandidateName = name, CohortId = cohort, MaterialsCompleted = done, MaterialsTotal = 20 };
        var rows = new[] { Row("A", 20), Row("B", 14), Row("C", 12), Row("D", 5), Row("E", 6), Row("Alone", 0, cohort: 2) };

        var medians = DashboardReference.MaterialsMedians(rows);
        var result = DashboardReference.AtRisk(rows, 75, materialsGapPoints: 25);

        Assert.That(medians[1], Is.EqualTo(60));
        Assert.That(result.Select(r => r.Row.CandidateName), Is.EquivalentTo(new[] { "D", "E" }), "25 and 30 are 35 and 30 points under 60; a cohort of one is its own median");
        Assert.That(result.Single(r => r.Row.CandidateName == "D").Reasons, Is.EqualTo(new[] { "Materials 25% completed (cohort median 60%)" }));
    }
}
