using Npq.Core.Materials;

namespace Npq.Tests.Core.Materials;

public sealed class ReleaseRulesTests
{
    private static readonly DateOnly Today = new(2026, 9, 14);

    private static ProgrammeModule Module(int id, ReleaseRule rule, params int[] itemIds) => new(
        new MaterialModule { Id = id, CourseId = 1, Position = id, Title = "Module " + id, ReleaseRule = rule },
        itemIds.Select(i => new MaterialItem { Id = i, ModuleId = id, Kind = ItemKind.Page, State = ItemState.Published, Title = "Item " + i }).ToList());

    private static Dictionary<int, ModuleRelease> Dates(params (int ModuleId, DateOnly? On)[] dates) =>
        dates.ToDictionary(d => d.ModuleId, d => new ModuleRelease(5, d.ModuleId, d.On, null, null));

    [Test]
    public void OnDate_OpensOnItsDayAndNotTheDayBefore()
    {
        var programme = new Programme(1, [Module(1, ReleaseRule.OnDate, 10), Module(2, ReleaseRule.OnDate, 20)]);
        var result = ReleaseRules.Evaluate(programme, Dates((1, Today), (2, Today.AddDays(1))), new HashSet<int>(), Today);

        Assert.That(result[0].State, Is.EqualTo(OpenState.Open));
        Assert.That(result[1].State, Is.EqualTo(OpenState.NotYetDate));
        Assert.That(result[1].OpensOn, Is.EqualTo(Today.AddDays(1)));
    }

    [Test]
    public void OnDate_WithoutADateForTheCohort_IsNotOpen()
    {
        var programme = new Programme(1, [Module(1, ReleaseRule.OnDate, 10)]);
        Assert.That(ReleaseRules.Evaluate(programme, Dates(), new HashSet<int>(), Today)[0].State, Is.EqualTo(OpenState.NoDateSet));
    }

    [Test]
    public void AfterPrevious_OpensWhenEveryPublishedItemOfThePreviousModuleIsComplete()
    {
        var programme = new Programme(1, [Module(1, ReleaseRule.AfterPrevious, 10, 11), Module(2, ReleaseRule.AfterPrevious, 20)]);

        var halfway = ReleaseRules.Evaluate(programme, Dates(), new HashSet<int> { 10 }, Today);
        var done = ReleaseRules.Evaluate(programme, Dates(), new HashSet<int> { 10, 11 }, Today);

        Assert.That(halfway[0].State, Is.EqualTo(OpenState.Open), "the first module has no previous one");
        Assert.That(halfway[1].State, Is.EqualTo(OpenState.WaitingForPrevious));
        Assert.That(done[1].State, Is.EqualTo(OpenState.Open));
    }

    [Test]
    public void DraftItemsDoNotHoldTheNextModuleBack()
    {
        var first = Module(1, ReleaseRule.OnDate, 10);
        first = first with { Items = [.. first.Items, new MaterialItem { Id = 11, ModuleId = 1, State = ItemState.Draft }] };
        var programme = new Programme(1, [first, Module(2, ReleaseRule.AfterPrevious, 20)]);

        var result = ReleaseRules.Evaluate(programme, Dates((1, Today)), new HashSet<int> { 10 }, Today);

        Assert.That(result[1].State, Is.EqualTo(OpenState.Open));
    }

    [Test]
    public void Both_NeedTheDateAndThePreviousModule()
    {
        var programme = new Programme(1, [Module(1, ReleaseRule.OnDate, 10), Module(2, ReleaseRule.OnDateAndAfterPrevious, 20)]);
        var dates = Dates((1, Today.AddDays(-7)), (2, Today));

        Assert.That(ReleaseRules.Evaluate(programme, dates, new HashSet<int>(), Today)[1].State, Is.EqualTo(OpenState.WaitingForPrevious));
        Assert.That(ReleaseRules.Evaluate(programme, dates, new HashSet<int> { 10 }, Today)[1].State, Is.EqualTo(OpenState.Open));
        Assert.That(ReleaseRules.Evaluate(programme, dates, new HashSet<int> { 10 }, Today.AddDays(-1))[1].State, Is.EqualTo(OpenState.NotYetDate));
    }

    [Test]
    public void OpenedEarly_OpensWhateverTheRule()
    {
        var programme = new Programme(1, [Module(1, ReleaseRule.OnDate, 10), Module(2, ReleaseRule.OnDateAndAfterPrevious, 20)]);
        var releases = new Dictionary<int, ModuleRelease> { [2] = new(5, 2, Today.AddDays(30), new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), 3) };

        var result = ReleaseRules.Evaluate(programme, releases, new HashSet<int>(), Today);

        Assert.That(result[1].IsOpen, Is.True);
        Assert.That(result[1].OpenedEarly, Is.True);
    }

    [Test]
    public void WithoutACandidate_AfterPreviousModulesBeyondTheFirstAreNotOpen()
    {
        var programme = new Programme(1, [Module(1, ReleaseRule.AfterPrevious, 10), Module(2, ReleaseRule.AfterPrevious, 20)]);
        var result = ReleaseRules.Evaluate(programme, Dates(), null, Today);
        Assert.That(result.Select(r => r.State), Is.EqualTo(new[] { OpenState.Open, OpenState.WaitingForPrevious }));
    }
}
