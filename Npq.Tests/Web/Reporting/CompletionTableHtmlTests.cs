using Npq.Core.Enrolment;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Web.Features.Reporting.Reports;

namespace Npq.Tests.Web.Reporting;

/// <summary>The completion report's table as the report and a school's dashboard write it, straight to the response.</summary>
public sealed class CompletionTableHtmlTests
{
    private static CompletionRow Row(string name) => new()
    {
        EnrolmentId = 1, CandidateName = name, SchoolName = "St <Mary's> & \"Co\"", DfeParticipantId = "p-1", CohortName = "Cohort <1>", DfeCohort = "2026",
        TrainingStatus = TrainingStatus.Deferred, MentorName = "Mo <i>Khan</i>", SessionsCounted = 4, SessionsAttended = 3, StatementsCovered = 50, StatementsTotal = 200,
        MaterialsCompleted = 1, MaterialsTotal = 3, TasksSet = 4, TasksSubmitted = 2, TasksOnTime = 1, TasksOverdue = 2, LatestRating = ProgressRating.NotStarted,
        Outcome = OutcomeState.Passed, CompletionDate = new DateOnly(2026, 7, 31),
    };

    private static AngleSharp.Dom.IDocument Render(CompletionTableModel model) => Html.Written(new CompletionTableHtml(model));

    private static string[] Cells(AngleSharp.Dom.IElement row) => row.Children.Select(c => c.TextContent.Trim()).ToArray();

    [Test]
    public void ARow_ShowsEveryFigure_EveryTextEncoded()
    {
        var document = Render(new([Row("Ann <script>alert(1)</script>")], null));

        var row = document.QuerySelector("tbody tr")!;
        Assert.That(Cells(row), Is.EqualTo(new[]
        {
            "Ann <script>alert(1)</script>", "St <Mary's> & \"Co\"", "p-1", "Cohort <1> (2026)", "Deferred", "Mo <i>Khan</i>", "75% (3 of 4)", "25% (50 of 200)",
            "33% (1 of 3 items)", "2 (1) of 4 2 overdue", "Not started", "Passed", "Fri 31 Jul 2026",
        }));
        Assert.That(document.QuerySelector("script"), Is.Null);
        Assert.That(document.QuerySelector("i"), Is.Null);
        Assert.That(row.QuerySelector("th[scope=row]")!.TextContent, Does.StartWith("Ann"));
        Assert.That(row.QuerySelector(".tag.danger")!.TextContent, Is.EqualTo("2 overdue"));
        Assert.That(row.QuerySelector("time")!.GetAttribute("datetime"), Is.EqualTo("2026-07-31"));
        Assert.That(row.QuerySelectorAll("td.num").Length, Is.EqualTo(4));
        Assert.That(row.QuerySelector("td.num.materials"), Is.Not.Null);
    }

    [Test]
    public void NothingToCount_IsADash_AndNoOutcomeIsNotReleased()
    {
        var empty = Row("Bo") with
        {
            SchoolName = null, DfeParticipantId = null, MentorName = null, SessionsCounted = 0, SessionsAttended = 0, StatementsTotal = 0, StatementsCovered = 0,
            MaterialsTotal = 0, MaterialsCompleted = 0, TasksOverdue = 0, LatestRating = null, Outcome = null, CompletionDate = null,
        };

        var cells = Cells(Render(new([empty], null)).QuerySelector("tbody tr")!);

        Assert.That(cells, Is.EqualTo(new[]
        {
            "Bo", "–", "–", "Cohort <1> (2026)", "Deferred", "–", "– (0 of 0)", "– (0 of 0)", "– (0 of 0 items)", "2 (1) of 4", "No update yet", "Not released", "–",
        }));
    }

    [Test]
    public void WithAQuery_EachSortableHeaderSortsByItsColumn_AndTheCurrentOneReverses_KeepingTheFilters()
    {
        var query = new CompletionQuery { Course = 2, Status = TrainingStatus.Active, Sort = CompletionSort.Attendance, Descending = true, Page = 3 };

        var headers = Render(new([Row("Ann")], query)).QuerySelectorAll("thead th");

        Assert.That(headers.Select(h => h.TextContent), Is.EqualTo(new[]
        {
            "Candidate", "School", "DfE participant id", "Cohort", "Training status", "Mentor", "Attendance ▼", "Evidence coverage", "Materials completed",
            "Tasks submitted (on time) of set", "Latest progress (weakest area)", "Final outcome", "Completion date",
        }));
        Assert.That(headers.Select(h => h.GetAttribute("aria-sort")), Is.EqualTo(new string?[] { null, null, null, null, null, null, "descending", null, null, null, null, null, null }));
        Assert.That(headers[0].QuerySelector("a")!.GetAttribute("href"), Is.EqualTo("/reports/completion?course=2&status=Active&sort=Candidate"), "a new sort starts at the first page");
        Assert.That(headers[6].QuerySelector("a")!.GetAttribute("href"), Is.EqualTo("/reports/completion?course=2&status=Active&sort=Attendance"), "the current column reverses");
        Assert.That(headers[2].QuerySelector("a"), Is.Null);
        Assert.That(headers[6].QuerySelector(".sort-mark")!.GetAttribute("aria-hidden"), Is.EqualTo("true"));
        var ascending = Render(new([Row("Ann")], query with { Descending = false })).QuerySelectorAll("thead th")[6];
        Assert.That((ascending.GetAttribute("aria-sort"), ascending.QuerySelector("a")!.GetAttribute("href")), Is.EqualTo(("ascending", "/reports/completion?course=2&status=Active&sort=Attendance&dir=desc")));
    }

    [Test]
    public void WithoutAQuery_TheHeadersAreNotLinks() =>
        Assert.That(Render(new([Row("Ann")], null)).QuerySelectorAll("thead th a"), Is.Empty);
}
