using Npq.Core.Frameworks;
using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

public sealed class CoverageAndScheduleTests
{
    private static Framework SmallFramework()
    {
        Statement S(string id, string area) => new(id, StatementKind.LearnThat, id, "Text " + id, "", area, null, []);
        return new Framework("t", "Test", [
            new Area("one", "One", 1, [S("a1", "one"), S("a2", "one")], []),
            new Area("two", "Two", 2, [S("b1", "two")], []),
        ]);
    }

    [Test]
    public void Build_CountsPerStatement_AndListsTheGaps()
    {
        var report = CoverageReport.Build(SmallFramework(), new Dictionary<string, int> { ["a1"] = 3, ["gone"] = 5 });

        Assert.That(report.Areas[0].Covered, Is.EqualTo(1));
        Assert.That(report.Areas[0].Statements[0].EvidenceCount, Is.EqualTo(3));
        Assert.That(report.Covered, Is.EqualTo(1), "ids no longer in the framework are ignored");
        Assert.That(report.Total, Is.EqualTo(3));
        Assert.That(report.Percent, Is.EqualTo(33));
        Assert.That(report.Uncovered.Select(u => u.Statement.Id), Is.EqualTo(new[] { "a2", "b1" }));
    }

    [TestCase(0, 0)]
    [TestCase(1, 1)]
    [TestCase(2, 2)]
    [TestCase(7, 3)]
    public void Level_CapsAtThree(int count, int level) => Assert.That(CoverageReport.Level(count), Is.EqualTo(level));

    [Test]
    public void NextDue_FirstUpdate_IsOneCadenceAfterTheCohortStarts() =>
        Assert.That(ProgressSchedule.NextDue(new DateOnly(2026, 10, 1), 6, null, "Europe/London"), Is.EqualTo(new DateOnly(2026, 11, 12)));

    [Test]
    public void NextDue_AfterAnUpdate_IsOneCadenceAfterItsDateInTheCohortsZone() =>
        // 22:30 UTC on 1 Dec is already 2 Dec in Dubai.
        Assert.That(ProgressSchedule.NextDue(new DateOnly(2026, 10, 1), 4, new DateTime(2026, 12, 1, 22, 30, 0, DateTimeKind.Utc), "Asia/Dubai"), Is.EqualTo(new DateOnly(2026, 12, 30)));

    [TestCase("2026-11-01T12:00:00Z", UpdateDue.NotYet)]
    [TestCase("2026-11-05T12:00:00Z", UpdateDue.DueSoon)]
    [TestCase("2026-11-12T12:00:00Z", UpdateDue.DueSoon)]
    [TestCase("2026-11-13T12:00:00Z", UpdateDue.Overdue)]
    public void Status_AroundTheDueDate(string now, UpdateDue expected) =>
        Assert.That(ProgressSchedule.Status(new DateOnly(2026, 11, 12), DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal), "Europe/London"), Is.EqualTo(expected));

    [Test]
    public void Describe_NamesChangedFieldsAndStatementsButNotTheText()
    {
        var before = new EvidenceItem { Title = "A", Reflection = "secret words", StatementIds = ["x", "y"] };
        var after = before with { Reflection = "other secret", StatementIds = ["y", "z"] };

        var detail = EvidenceChanges.Describe(before, after);

        Assert.That(detail, Is.EqualTo("reflection; statements added: z; statements removed: x"));
        Assert.That(EvidenceChanges.Describe(before, before), Is.Null);
    }
}
