using Npq.Core.Reporting;
using Npq.Tests.Data.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Web.Reporting;

/// <summary>
/// The completion figures kept per enrolment over the demo data: the figures job's work (<see cref="EnrolmentFiguresKeeping"/>)
/// stores a row for every enrolment, and the report read through the stored rows is, row by row and in every sort,
/// the report computed live. The recurring job is switched off so that this test alone fills the table.
/// </summary>
public sealed class EnrolmentFiguresDemoTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new(new Dictionary<string, string?> { ["Reports:FiguresEverySeconds"] = "0" }, services => services.AddTestAuthentication());

    [Test]
    public async Task Fill_DemoData_EveryStoredRowReadsAsTheLiveOne()
    {
        var data = new ReportRows(Factory.Services);
        var report = Service<ICompletionReportQueries>();
        var scope = ReportScope.ForProvider(await data.ProviderIdAsync());
        var now = Service<TimeProvider>().GetUtcNow().UtcDateTime;
        await data.ExecuteAsync("DELETE FROM EnrolmentFigures");
        var filters = Enum.GetValues<CompletionSort>().SelectMany(sort => new[] { false, true }.Select(descending => new CompletionFilter { Sort = sort, Descending = descending })).ToList();
        var live = await ToListAsync(report.StreamAsync(scope, new CompletionFilter(), now));
        var livePages = new List<CompletionPage>();
        foreach (var filter in filters)
        {
            livePages.Add(await report.GetPageAsync(scope, filter, 2, 10, now));
        }

        var stored = await Service<EnrolmentFiguresKeeping>().FillAsync();

        Assert.That(live, Has.Count.GreaterThan(20), "the demo has enrolments with figures");
        Assert.That(live.Sum(r => r.SessionsCounted + r.StatementsCovered + r.TasksSubmitted + r.MaterialsCompleted), Is.GreaterThan(0));
        Assert.That(stored, Is.EqualTo(await data.ScalarAsync("SELECT COUNT(*) FROM Enrolments")), "a row for every enrolment");
        Assert.That(await data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentFigures WHERE Claim IS NULL"), Is.EqualTo(stored));
        Assert.That(await ToListAsync(report.StreamAsync(scope, new CompletionFilter(), now)), Is.EqualTo(live));
        for (var i = 0; i < filters.Count; i++)
        {
            Assert.That(await report.GetPageAsync(scope, filters[i], 2, 10, now), Is.EqualTo(livePages[i]).Using<CompletionPage>((a, b) => a.Total == b.Total && a.Rows.SequenceEqual(b.Rows)),
                $"{filters[i].Sort} {(filters[i].Descending ? "descending" : "ascending")}");

            // The screen's page: the same rows with what the table shows, and the fields it does not show left unread.
            var table = await report.GetPageAsync(scope, filters[i], 2, 10, now, CompletionColumns.Table);
            Assert.That(table.Rows, Is.EqualTo(livePages[i].Rows.Select(TableOnly)), $"table: {filters[i].Sort} {(filters[i].Descending ? "descending" : "ascending")}");
            Assert.That(table.Total, Is.EqualTo(livePages[i].Total));
        }

        // A mentor's and a school's pages (each read by its own statement) likewise.
        foreach (var person in new[]
        {
            ReportScope.ForMentor(await data.ScalarAsync("SELECT MentorUserId FROM Enrolments WHERE MentorUserId IS NOT NULL GROUP BY MentorUserId ORDER BY COUNT(*) DESC LIMIT 1")),
            ReportScope.ForSchool(await data.ScalarAsync("SELECT u.SchoolId FROM Enrolments e JOIN Users u ON u.Id = e.CandidateUserId WHERE u.SchoolId IS NOT NULL GROUP BY u.SchoolId ORDER BY COUNT(*) DESC LIMIT 1")),
        })
        {
            foreach (var filter in new[] { new CompletionFilter(), new CompletionFilter { Sort = CompletionSort.Cohort, Descending = true }, new CompletionFilter { Sort = CompletionSort.Attendance } })
            {
                var full = await report.GetPageAsync(person, filter, 1, 25, now);
                Assert.That(full.Rows, Is.Not.Empty, person.Describe());
                Assert.That((await report.GetPageAsync(person, filter, 1, 25, now, CompletionColumns.Table)).Rows, Is.EqualTo(full.Rows.Select(TableOnly)), $"{person.Describe()} {filter.Sort}");
            }
        }

        // Half the rows stored, half not (a write since the job ran): each page mixes rows read as stored with rows
        // computed live, in the same order and with the same figures.
        await data.ExecuteAsync("DELETE FROM EnrolmentFigures WHERE EnrolmentId % 2 = 0");
        Assert.That(await data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentFigures"), Is.InRange(1, stored - 1), "some rows stored, some not");
        Assert.That(await ToListAsync(report.StreamAsync(scope, new CompletionFilter(), now)), Is.EqualTo(live), "every row, half stored");
        Assert.That(await ToListAsync(report.StreamAsync(scope, new CompletionFilter { Sort = CompletionSort.School, Descending = true }, now)),
            Is.EqualTo(live.OrderByDescending(r => r.SchoolName, StringComparer.Ordinal).ThenBy(r => r.CandidateName, StringComparer.Ordinal).ThenBy(r => r.CandidateUserId).ThenBy(r => r.EnrolmentId).ToList()),
            "every row by school, half stored");
        for (var i = 0; i < filters.Count; i++)
        {
            Assert.That(await report.GetPageAsync(scope, filters[i], 2, 10, now), Is.EqualTo(livePages[i]).Using<CompletionPage>((a, b) => a.Total == b.Total && a.Rows.SequenceEqual(b.Rows)),
                $"half stored: {filters[i].Sort} {(filters[i].Descending ? "descending" : "ascending")}");
            Assert.That((await report.GetPageAsync(scope, filters[i], 2, 10, now, CompletionColumns.Table)).Rows.Select(TableOnly), Is.EqualTo(livePages[i].Rows.Select(TableOnly)),
                $"half stored, table: {filters[i].Sort} {(filters[i].Descending ? "descending" : "ascending")}");
        }
    }

    /// <summary>A row as the table's page reads it when stored: the fields the table does not show at their defaults.</summary>
    private static CompletionRow TableOnly(CompletionRow row) => row with
    {
        CandidateUserId = 0,
        CohortId = 0,
        DfeApplicationId = null,
        CourseIdentifier = string.Empty,
        DeliveryPartnerName = null,
        FinalSubmitted = false,
        LatestRatingSum = -1,
        PreviousRatingSum = -1,
    };
}
