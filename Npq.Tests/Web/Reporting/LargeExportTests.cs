using System.Diagnostics;
using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Reporting;

/// <summary>The completion report at the size the issue names: 10,000 candidates in one cohort.</summary>
public sealed class LargeExportTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new NpqWebFactory(
        new Dictionary<string, string?> { ["Reports:BackgroundThresholdRows"] = "20000" },
        s => s.AddTestAuthentication());

    private const int Candidates = 10_000;
    private int _cohortId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _ = Factory.Server;
        var build = new Build(Factory.Services);
        var course = await build.Cohorts.CourseAsync("npq-senco");
        _cohortId = await build.Cohorts.CohortAsync(course, "Large Cohort");
        var providerId = await build.ProviderIdAsync();
        var session = await build.Webinars.SessionAsync(_cohortId, new DateTime(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc));

        // 10,000 people, each enrolled, half of them with a segment: the one place tests write rows with SQL outside the
        // repositories' contract fixtures, since 10,000 trips through the use cases would take minutes; set-based
        // inserts keep setup quick.
        await ExecuteAsync($"""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Candidates})
            INSERT INTO Users (Email, NormalizedEmail, DisplayName, SecurityStamp, ConcurrencyStamp, ProviderId, CreatedUtc)
            SELECT 'bulk' || i || '@reports.example', 'BULK' || i || '@REPORTS.EXAMPLE', 'Bulk ' || i, 's', 's', {providerId}, '2026-01-01 00:00:00.0000000' FROM n
            """);
        await ExecuteAsync($"""
            INSERT INTO Enrolments (CohortId, CandidateUserId, TrainingStatus, EnrolledUtc)
            SELECT {_cohortId}, Id, 'Active', '2026-01-01 00:00:00.0000000' FROM Users WHERE Email LIKE 'bulk%@reports.example'
            """);
        await ExecuteAsync($"""
            INSERT INTO AttendanceSegments (SessionId, UserId, JoinUtc, LeaveUtc, Source, CreatedUtc)
            SELECT {session}, Id, '2026-03-02 10:00:00.0000000', '2026-03-02 11:00:00.0000000', 'Import', '2026-03-02 11:00:00.0000000'
            FROM Users WHERE Email LIKE 'bulk%@reports.example' AND Id % 2 = 0
            """);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    [Test]
    public async Task CsvExport_TenThousandCandidates_StreamsEveryRow()
    {
        var admin = Factory.ClientFor("admin@npq.example");
        var watch = Stopwatch.StartNew();

        var response = await Forms.SubmitAsync(admin, $"/reports/completion?cohort={_cohortId}", "form.export-form", new Dictionary<string, string> { ["format"] = "csv" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var lines = 0;
        var attended = 0;
        using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync()))
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines++;
                if (line.Contains(",1,1,100,", StringComparison.Ordinal))
                {
                    attended++;
                }
            }
        }

        watch.Stop();
        Assert.That(lines, Is.EqualTo(Candidates + 1));
        Assert.That(attended, Is.EqualTo(Candidates / 2), "sessions attended, counted, percent for the half who attended");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(60)));
    }

    [Test]
    public async Task Stream_TenThousandCandidates_FirstRowArrivesBeforeTheRestAreRead()
    {
        var report = Service<ICompletionReportQueries>();
        var providerId = await new Build(Factory.Services).ProviderIdAsync();
        var watch = Stopwatch.StartNew();

        await using var rows = report.StreamAsync(ReportScope.ForProvider(providerId), new CompletionFilter { CohortId = _cohortId }, DateTime.UtcNow).GetAsyncEnumerator();
        Assert.That(await rows.MoveNextAsync(), Is.True);
        var first = watch.Elapsed;
        var firstName = rows.Current.CandidateName;
        var count = 1;
        while (await rows.MoveNextAsync())
        {
            count++;
        }

        Assert.That(count, Is.EqualTo(Candidates));
        Assert.That(firstName, Is.EqualTo("Bulk 1"), "sorted by name");
        TestContext.Out.WriteLine($"first row after {first.TotalMilliseconds:F0} ms, all {Candidates} after {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Test]
    public async Task CohortPages_TenThousandCandidates_ShowOnePageEach()
    {
        // Issue 23: a cohort's lists page, so their HTML stays bounded whatever the cohort's size; the completion
        // report's first page is chosen before its figures are computed.
        var admin = Factory.ClientFor("admin@npq.example");
        string[] Names(AngleSharp.Dom.IDocument page) => page.QuerySelectorAll("section.declaration-line h2").Select(h => h.Text().Trim()).ToArray();

        var first = await admin.GetAsync($"/declarations/cohorts/{_cohortId}");
        var firstPage = await Html.ReadAsync(first);
        var second = await Html.ReadAsync(await admin.GetAsync($"/declarations/cohorts/{_cohortId}?page=2&size=50"));
        var fifty = await (await admin.GetAsync($"/declarations/cohorts/{_cohortId}?size=50")).Content.ReadAsByteArrayAsync();
        var notOffered = await Html.ReadAsync(await admin.GetAsync($"/declarations/cohorts/{_cohortId}?size=100"));
        var bad = await admin.GetAsync($"/declarations/cohorts/{_cohortId}?page=100000");
        var report = await admin.GetAsync($"/reports/completion?cohort={_cohortId}");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Names(firstPage), Has.Length.EqualTo(25));
        Assert.That(firstPage.QuerySelector("nav[aria-label=\"Pages of candidates' declarations\"] a[aria-current='page']")!.Text(), Does.Contain("1"));
        Assert.That(firstPage.QuerySelector(".pager-status")!.Text(), Does.Contain("of 10,000"));
        Assert.That(Names(second), Has.Length.EqualTo(50), "a page size from the address");
        Assert.That(Names(second).Intersect(Names(firstPage)), Is.Empty, "page 2 of 50 (the 51st to the 100th) shows others");
        Assert.That((await first.Content.ReadAsByteArrayAsync()).Length, Is.LessThan(300 * 1024), "the page's HTML is bounded");
        Assert.That(fifty.Length, Is.LessThan(300 * 1024), "the largest size offered too");
        Assert.That(Names(notOffered), Is.EqualTo(Names(firstPage)), "100 a page is not offered here: 25");
        Assert.That(firstPage.QuerySelectorAll(".pager-sizes a, .pager-sizes strong").Select(e => e.Text().Trim()), Is.EqualTo(new[] { "25", "Show 50 per page" }),
            "the pager offers the review's own sizes");
        Assert.That(Names(await Html.ReadAsync(bad)), Is.EqualTo(Names(firstPage)), "a page past the end shows page 1");
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The DfE reconciliation of the cohort offers 25 or 50 a page too (its rows are as heavy).
        var reconcile = await Html.ReadAsync(await admin.GetAsync($"/dfe/cohorts/{_cohortId}?size=50"));
        var reconcileNotOffered = await Html.ReadAsync(await admin.GetAsync($"/dfe/cohorts/{_cohortId}?size=100"));
        Assert.That(reconcile.QuerySelector(".pager-status")!.Text(), Does.Contain("Showing 1 to 50 of 10,000"));
        Assert.That(reconcileNotOffered.QuerySelector(".pager-status")!.Text(), Does.Contain("Showing 1 to 25 of 10,000"), "100 a page is not offered: 25");
        Assert.That(reconcile.QuerySelectorAll(".pager-sizes a, .pager-sizes strong").Select(e => e.Text().Trim()), Is.EqualTo(new[] { "Show 25 per page", "50" }));
    }

    [Test]
    public async Task CompletionPage_SortedByAFigure_TenThousandCandidates_IsTheStreamsRowsThereComputedForThePageOnly()
    {
        // Issue 23: a sort by a figure computes that figure alone for every row, then every figure for the page's rows.
        var report = Service<ICompletionReportQueries>();
        var scope = ReportScope.ForProvider(await new Build(Factory.Services).ProviderIdAsync());
        var now = DateTime.UtcNow;
        foreach (var sort in new[] { CompletionSort.Attendance, CompletionSort.Coverage, CompletionSort.Submitted, CompletionSort.Rating, CompletionSort.Materials })
        {
            var filter = new CompletionFilter { CohortId = _cohortId, Sort = sort, Descending = true };
            await report.GetPageAsync(scope, filter, 1, 25, now);
            var watch = Stopwatch.StartNew();
            var page = await report.GetPageAsync(scope, filter, 2, 25, now);
            var pageTime = watch.Elapsed;
            watch.Restart();
            var every = new List<CompletionRow>();
            await foreach (var row in report.StreamAsync(scope, filter, now))
            {
                every.Add(row);
            }

            var everyTime = watch.Elapsed;
            Assert.That(page.Rows, Is.EqualTo(every.Skip(25).Take(25)), $"{sort}: page 2 is the 26th to the 50th row of the whole report");
            Assert.That(page.Total, Is.EqualTo(Candidates));
            TestContext.Out.WriteLine($"{sort} descending, 10,000 candidates: page 2 of 25 in {pageTime.TotalMilliseconds:F0} ms; every row computed (the stream) {everyTime.TotalMilliseconds:F0} ms");
        }

        var attendancePage = (await report.GetPageAsync(scope, new CompletionFilter { CohortId = _cohortId, Sort = CompletionSort.Attendance, Descending = true }, 2, 25, now)).Rows;
        Assert.That(attendancePage.Select(r => r.SessionsAttended), Is.All.EqualTo(1), "the half who attended come first");
    }

    [Test]
    public async Task CohortAttendance_TenThousandCandidates_OnePageInBoundedHtml()
    {
        var admin = Factory.ClientFor("admin@npq.example");
        await admin.GetAsync($"/attendance/cohorts/{_cohortId}");
        var watch = Stopwatch.StartNew();
        var first = await admin.GetAsync($"/attendance/cohorts/{_cohortId}?size=100");
        var time = watch.Elapsed;
        var page = await Html.ReadAsync(first);

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.QuerySelector(".pager-status")!.Text(), Does.Contain("Showing 1 to 100 of 10,000"));
        Assert.That(page.QuerySelector(".pager a[aria-current='page']")!.Text(), Does.Contain("1"));
        Assert.That((await first.Content.ReadAsByteArrayAsync()).Length, Is.LessThan(300 * 1024), "the page's HTML is bounded");
        TestContext.Out.WriteLine($"/attendance/cohorts/{{id}}?size=100 at 10,000 candidates: {time.TotalMilliseconds:F0} ms");
    }
}
