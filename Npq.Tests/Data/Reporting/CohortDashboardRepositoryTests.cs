using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Reporting;
using Npq.Tests.Core.Reporting;
using Npq.Tests.Web.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The cohort dashboard's counts in SQL (<see cref="CohortDashboardRepository"/>) and the engagement count, against the
/// C# they replaced (<see cref="DashboardMath"/> over the cohort's streamed completion rows, the declarations review's
/// own count) on a cohort of varied candidates: with no figures stored (all live), every figure stored, and half stored.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class CohortDashboardRepositoryTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly AtRiskRules Rules = new(75, 25);
    private readonly FakeFinalOutcomes _outcomes = new();
    private int _cohortId;

    private ReportScope Provider => ReportScope.ForProvider(ProviderId);

    [OneTimeSetUp]
    public async Task Cohort()
    {
        var mentor = await Data.UserAsync("mentor@dash.example", "Mo Mentor", Roles.Mentor);
        var school = await Data.SchoolAsync("Dash School");
        var course = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        _cohortId = await Data.CohortAsync(course, "Dashboard Cohort");
        var other = await Data.CohortAsync(course, "Another Cohort");
        var sessions = new List<int>();
        for (var s = 0; s < 4; s++)
        {
            sessions.Add(await Data.SessionAsync(_cohortId, At(2, 2 + 7 * s, 10)));
        }

        var module = await Data.ModuleAsync(course);
        var items = new List<int>();
        for (var m = 0; m < 4; m++)
        {
            items.Add(await Data.ItemAsync(module));
        }

        var t1 = await Data.TaskAsync(course, _cohortId, new DateOnly(2026, 3, 10));
        var t2 = await Data.TaskAsync(course, _cohortId, new DateOnly(2026, 4, 10));
        var final = await Data.TaskAsync(course, _cohortId, new DateOnly(2026, 5, 10), "Final");
        var statements = Data.StatementIds;
        string[] names = ["Ada Ames", "Ben Bell", "Cara Cole", "Dan Dale", "Eve Ellis", "Finn Ford", "Gus Gale", "Hal Hart", "Ivy Ince",
            "Jo Jones", "Kit King", "Lou Lane", "Sam Same", "Sam Same", "Zed Zane", "Amy Ames", "Tom Tate", "Una Urry"];
        for (var i = 0; i < names.Length; i++)
        {
            var user = await Data.UserAsync($"c{i}@dash.example", names[i], Roles.Candidate, i % 3 == 0 ? school : null);
            var status = i % 7 == 3 ? "Deferred" : i % 7 == 5 ? "Withdrawn" : "Active";
            var enrolment = await Data.EnrolAsync(_cohortId, user, i % 2 == 0 ? mentor : null, status);
            for (var s = 0; s < i % 5; s++)
            {
                // Some sessions attended in full, one only for ten minutes (under the threshold).
                await Data.SegmentAsync(sessions[s], user, At(2, 2 + 7 * s, 10), At(2, 2 + 7 * s, s == 2 && i % 2 == 1 ? 10 : 11, s == 2 && i % 2 == 1 ? 10 : 0));
            }

            if (i % 6 == 5)
            {
                await Data.MarkAsync(sessions[3], user, "Excused", mentor);
            }

            await Data.EvidenceAsync(user, At(2, 1, 12), draft: false, statements.Take(i * 16).ToArray());
            if (i % 3 == 0)
            {
                await Data.SubmitAsync(t1, user, _cohortId, At(3, 9, 12));
            }

            if (i % 4 == 0)
            {
                await Data.SubmitAsync(t2, user, _cohortId, At(4, 9, 12));
            }

            if (i % 5 == 1)
            {
                await Data.SubmitAsync(final, user, _cohortId, At(5, 9, 12));
                _outcomes.Outcomes[enrolment] = new FinalOutcome(enrolment, i % 2 == 0 ? OutcomeState.Passed : OutcomeState.Failed, new DateOnly(2026, 5, 20), At(5, 20, 12));
            }

            if (i % 2 == 0)
            {
                await Data.ProgressAsync(user, _cohortId, mentor, At(3, 1, 9), ("a", "Developing"), ("b", "Developing"));
                await Data.ProgressAsync(user, _cohortId, mentor, At(4, 1, 9), ("a", i % 4 == 0 ? "Developing" : "Secure"), ("b", "Developing"));
            }

            for (var m = 0; m < (i * 3 % 5); m++)
            {
                await Data.MaterialProgressAsync(user, items[m], complete: true);
            }

            // The same candidate in another cohort is not this cohort's.
            if (i == 0)
            {
                await Data.EnrolAsync(other, user, null);
            }
        }
    }

    [Test]
    public async Task Read_NoneStoredAllStoredAndHalf_TheCountsAndAtRiskPagesOfTheCohortsRows()
    {
        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures");
        await AssertAsTheRowsAsync("no figures stored");

        await FillAsync();
        Assert.That(await Data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentFigures f JOIN Enrolments e ON e.Id = f.EnrolmentId WHERE e.CohortId = @_cohortId", new { _cohortId }),
            Is.EqualTo(18), "every figure stored");
        await AssertAsTheRowsAsync("every figure stored");

        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures WHERE EnrolmentId % 2 = 0");
        await AssertAsTheRowsAsync("half stored");

        // A stale stored row (claimed by the job) reads as absent: computed live, counted once.
        await FillAsync();
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET Claim = 5, SessionsAttended = 0, TasksOverdue = 9 WHERE EnrolmentId % 3 = 0");
        await AssertAsTheRowsAsync("some claimed");
    }

    [Test]
    public async Task Read_PagePastTheEnd_FirstPage_NoCohortNothing()
    {
        var repository = new CohortDashboardRepository(Db, Frameworks, [_outcomes]);
        var first = await repository.ReadAsync(Provider, _cohortId, Rules, 1, 5, Now);
        var past = await repository.ReadAsync(Provider, _cohortId, Rules, 99, 5, Now);
        Assert.That(past.AtRiskPage, Is.EqualTo(1));
        Assert.That(past.AtRiskRows.Select(r => r.EnrolmentId), Is.EqualTo(first.AtRiskRows.Select(r => r.EnrolmentId)));

        var none = await repository.ReadAsync(Provider, 999_999, Rules, 1, 5, Now);
        Assert.That((none.AttendanceBands.Sum(), none.CoverageBands.Sum(), none.AtRiskTotal, none.AtRiskRows.Count, none.FinalSubmitted, none.Passed, none.MaterialsMedian),
            Is.EqualTo((0, 0, 0, 0, 0, 0, (int?)null)));
    }

    [Test]
    public async Task CountEngagement_StoredAttendance_AsTheReviewCountsIt()
    {
        var declarations = new DeclarationRepository(Db);
        var expected = DashboardReference.Engagement(await new DeclarationReviewService(declarations, []).ReviewCohortAsync(_cohortId, Now));
        Assert.That(expected.Started, Is.GreaterThan(0));
        Assert.That(expected.Retained, Is.GreaterThan(0));

        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures");
        Assert.That(await declarations.CountEngagementAsync(_cohortId, Now), Is.EqualTo(expected), "all live");
        await FillAsync();
        Assert.That(await declarations.CountEngagementAsync(_cohortId, Now), Is.EqualTo(expected), "all stored");
        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures WHERE EnrolmentId % 2 = 1");
        Assert.That(await declarations.CountEngagementAsync(_cohortId, Now), Is.EqualTo(expected), "half stored");

        // The stored count is the one read: a stored row saying nobody attended starts nobody by attendance.
        await FillAsync();
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET SessionsAttended = 0");
        var read = await declarations.CountEngagementAsync(_cohortId, Now);
        Assert.That(read.Retained, Is.EqualTo(0), "retained needs the sessions attended, read from the stored figures");
        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures");
    }

    /// <summary>What the dashboard's C# computed from the cohort's completion rows, against the counts and pages read in SQL.</summary>
    private async Task AssertAsTheRowsAsync(string state)
    {
        var report = new CompletionReportRepository(Db, Frameworks, [_outcomes]);
        var rows = new List<CompletionRow>();
        await foreach (var row in report.StreamAsync(Provider, new CompletionFilter { CohortId = _cohortId }, Now))
        {
            rows.Add(row);
        }

        Assert.That(rows, Has.Count.EqualTo(18), state);
        var atRisk = DashboardReference.AtRisk(rows, Rules.AttendancePercent, Rules.MaterialsGapPoints);
        Assert.That(atRisk, Has.Count.InRange(4, 14), $"{state}: some at risk and some not");
        var medians = DashboardReference.MaterialsMedians(rows.Where(r => r.TrainingStatus is Npq.Core.Enrolment.TrainingStatus.Active));

        var repository = new CohortDashboardRepository(Db, Frameworks, [_outcomes]);
        var whole = await repository.ReadAsync(Provider, _cohortId, Rules, 1, 100, Now);
        Assert.That(DashboardMath.Bands(whole.AttendanceBands, "None"), Is.EqualTo(DashboardReference.Distribution(rows.Select(r => r.AttendancePercent), "None")), $"{state}: attendance");
        Assert.That(DashboardMath.Bands(whole.CoverageBands, "None"), Is.EqualTo(DashboardReference.Distribution(rows.Select(r => r.CoveragePercent), "None")), $"{state}: coverage");
        Assert.That(whole.AttendanceBands.Count(c => c > 0), Is.GreaterThanOrEqualTo(3), $"{state}: the attendance bands are not all in one");
        Assert.That(whole.CoverageBands.Count(c => c > 0), Is.GreaterThanOrEqualTo(3), $"{state}: the coverage bands are not all in one");
        Assert.That((whole.FinalSubmitted, whole.Passed), Is.EqualTo((rows.Count(r => r.FinalSubmitted), rows.Count(r => r.Outcome == OutcomeState.Passed))), $"{state}: funnel");
        Assert.That(whole.Passed, Is.GreaterThan(0));
        Assert.That(whole.MaterialsMedian, Is.EqualTo(medians.TryGetValue(_cohortId, out var median) ? median : null), $"{state}: median");
        Assert.That(whole.AtRiskTotal, Is.EqualTo(atRisk.Count), $"{state}: at risk");
        Assert.That(Lines(whole.AtRiskRows, whole.MaterialsMedian), Is.EqualTo(atRisk.Select(Line)), $"{state}: the at-risk list in its order with its reasons");

        var paged = new List<CompletionRow>();
        for (var page = 1; page <= (atRisk.Count + 2) / 3; page++)
        {
            var read = await repository.ReadAsync(Provider, _cohortId, Rules, page, 3, Now);
            Assert.That((read.AtRiskPage, read.AtRiskTotal), Is.EqualTo((page, atRisk.Count)));
            paged.AddRange(read.AtRiskRows);
        }

        Assert.That(Lines(paged, whole.MaterialsMedian), Is.EqualTo(atRisk.Select(Line)), $"{state}: pages of three");
    }

    private static IEnumerable<string> Lines(IEnumerable<CompletionRow> rows, int? median) =>
        rows.Select(r => Line(new AtRisk(r, DashboardMath.Reasons(r, Rules.AttendancePercent, Rules.MaterialsGapPoints, median))));

    private static string Line(AtRisk risk) =>
        $"{risk.Row.EnrolmentId} {risk.Row.CandidateName} | {risk.Row.SchoolName} | {risk.Row.MentorName} | {string.Join("; ", risk.Reasons)}";

    private async Task FillAsync()
    {
        var store = new EnrolmentFiguresRepository(Db, Frameworks, [_outcomes]);
        for (var ids = await store.PickAsync(500, Now); ids.Count > 0; ids = await store.PickAsync(500, Now))
        {
            await store.ClaimAsync(ids, 1);
            await store.StoreAsync(await store.ComputeAsync(ids, Now), 1);
        }
    }
}
