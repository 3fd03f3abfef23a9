using Npq.Core.Materials;
using Npq.Core.Portfolio;
using Npq.Web.Features.Portfolio.Progress;

namespace Npq.Tests.Web.Portfolio;

/// <summary>A mentor's mentees as their home and the mentees' progress page write them, straight to the response.</summary>
public sealed class MenteeTableHtmlTests
{
    private static readonly DateOnly Due = new(2026, 10, 5);

    private static MenteeDue Mentee(int id, UpdateDue status, string name = "Ann <b>Lee</b>", MaterialsSummary? materials = null, string? because = null) =>
        new(new CandidatePlacement { EnrolmentId = id, CandidateUserId = 100 + id, CandidateName = name, CohortName = "Cohort <2>" }, null, Due, status)
        {
            Materials = materials, NoneExpectedBecause = because,
        };

    private static AngleSharp.Dom.IDocument Render(IReadOnlyList<MenteeDue> mentees) => Html.Written(new MenteeTableHtml(mentees));

    private static string[] Cells(AngleSharp.Dom.IElement row) =>
        row.Children.Select(c => System.Text.RegularExpressions.Regex.Replace(c.TextContent, @"\s+", " ").Trim()).ToArray();

    [Test]
    public void EachMentee_ShowsWhenTheirNextUpdateIsDue_TheirMaterials_AndLinksNamedForThem()
    {
        var document = Render(
        [
            Mentee(1, UpdateDue.Overdue, materials: new MaterialsSummary(1, 9, 20, 4, 10)),
            Mentee(2, UpdateDue.DueSoon, name: "Bo"),
            Mentee(3, UpdateDue.NotYet, name: "Cy"),
            Mentee(4, UpdateDue.NoneExpected, name: "Di", because: "Deferred <now>"),
        ]);

        var rows = document.QuerySelectorAll("table.mentees tbody tr");
        Assert.That(Cells(rows[0]).Take(4), Is.EqualTo(new[] { "Ann <b>Lee</b>", "Cohort <2>", "Mon 5 Oct 2026 Overdue", "45% (4 of 10 modules)" }));
        Assert.That(document.QuerySelector("b"), Is.Null, "names are text");
        Assert.That(rows[0].QuerySelector("time")!.GetAttribute("datetime"), Is.EqualTo("2026-10-05"));
        Assert.That(rows[0].QuerySelector(".tag.danger")!.TextContent, Is.EqualTo("Overdue"));
        Assert.That(Cells(rows[1])[2..4], Is.EqualTo(new[] { "Mon 5 Oct 2026 Due soon", "None published" }));
        Assert.That(rows[1].QuerySelector(".tag.warn")!.TextContent, Is.EqualTo("Due soon"));
        Assert.That(Cells(rows[2])[2], Is.EqualTo("Mon 5 Oct 2026"));
        Assert.That(rows[2].QuerySelector(".tag"), Is.Null);
        Assert.That(Cells(rows[3])[2], Is.EqualTo("No more updates due Deferred <now>"));
        Assert.That(rows[3].QuerySelector("time"), Is.Null);

        var links = rows[0].QuerySelectorAll("td:last-child a");
        Assert.That(links.Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { "/progress/new?candidate=101", "/evidence?candidate=101", "/tasks?candidate=101", "/progress?candidate=101" }));
        Assert.That(links.Select(a => a.TextContent), Is.EqualTo(new[]
        {
            "Write update for Ann <b>Lee</b>", "Evidence of Ann <b>Lee</b>", "Tasks of Ann <b>Lee</b>", "Updates for Ann <b>Lee</b>",
        }));
        Assert.That(links.Select(a => a.QuerySelector(".visually-hidden")!.TextContent), Is.All.StartWith(" "));
        Assert.That(document.QuerySelector("caption")!.TextContent, Is.EqualTo("Progress updates due, most urgent first"));
    }

    [Test]
    public void NoMentees_SaysSo() =>
        Assert.That(Render([]).QuerySelector("main")!.InnerHtml.Trim(), Is.EqualTo("<p>You have no mentees yet.</p>"));
}
