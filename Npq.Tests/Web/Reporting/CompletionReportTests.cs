using Npq.Core.Enrolment;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;

namespace Npq.Tests.Web.Reporting;

public sealed class CompletionReportTests : ReportingFixture
{
    private ICompletionReportQueries _report = null!;
    private ReportScope _provider = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _report = Service<ICompletionReportQueries>();
        _provider = ReportScope.ForProvider(await Build.ProviderIdAsync());
    }

    private async Task<List<CompletionRow>> RowsAsync(ReportScope scope, CompletionFilter filter)
    {
        var rows = new List<CompletionRow>();
        await foreach (var row in _report.StreamAsync(scope, filter, DateTime.UtcNow))
        {
            rows.Add(row);
        }

        return rows;
    }

    private Task<List<CompletionRow>> CohortAsync(CompletionFilter? filter = null) =>
        RowsAsync(_provider, (filter ?? new CompletionFilter()) with { CohortId = World.CohortId });

    [Test]
    public async Task Stream_HandBuiltCohort_AdaRowMatchesWhatWasBuilt()
    {
        var ada = (await CohortAsync()).Single(r => r.EnrolmentId == World.AdaEnrolment);

        Assert.Multiple(() =>
        {
            Assert.That(ada.CandidateName, Is.EqualTo("Ada Lovelace"));
            Assert.That(ada.SchoolName, Is.EqualTo("Hill School"));
            Assert.That(ada.MentorName, Is.EqualTo("Mo Mentor"));
            Assert.That(ada.DfeParticipantId, Is.EqualTo(ReportWorld.AdaParticipantId));
            Assert.That(ada.DfeApplicationId, Is.EqualTo(ReportWorld.AdaApplicationId));
            Assert.That(ada.CourseIdentifier, Is.EqualTo("npq-leading-teaching"));
            Assert.That(ada.DfeCohort, Is.EqualTo("2026b"));
            Assert.That(ada.DeliveryPartnerName, Is.EqualTo("Test Partner"));
            Assert.That(ada.TrainingStatus, Is.EqualTo(TrainingStatus.Active));

            // S1 duplicate segments merge to 40 of 60 minutes (missed), S2 attended, S3 excused, S4 absent by the
            // register; the cancelled and the future session never count.
            Assert.That(ada.SessionsCounted, Is.EqualTo(3));
            Assert.That(ada.SessionsAttended, Is.EqualTo(1));
            Assert.That(ada.AttendancePercent, Is.EqualTo(33));

            // Two submitted items cover statements 0, 1 and 2; the draft and the unknown id do not count.
            Assert.That(ada.StatementsCovered, Is.EqualTo(3));
            Assert.That(ada.StatementsTotal, Is.EqualTo(World.StatementsTotal));
            Assert.That(ada.CoveragePercent, Is.EqualTo((int)Math.Round(300.0 / World.StatementsTotal)));

            Assert.That(ada.TasksSet, Is.EqualTo(4));
            Assert.That(ada.TasksSubmitted, Is.EqualTo(2));
            Assert.That(ada.TasksOnTime, Is.EqualTo(1));
            Assert.That(ada.TasksOverdue, Is.EqualTo(1));
            Assert.That(ada.FinalSubmitted, Is.False);

            Assert.That(ada.LatestRating, Is.EqualTo(ProgressRating.Emerging));
            Assert.That(ada.LatestRatingSum, Is.EqualTo(World.AdaLatestRatingSum));
            Assert.That(ada.PreviousRatingSum, Is.EqualTo(World.AdaPreviousRatingSum));
            Assert.That(ada.RatingsNotMoving, Is.True);

            Assert.That(ada.Outcome, Is.EqualTo(OutcomeState.Passed));
            Assert.That(ada.CompletionDate, Is.EqualTo(new DateOnly(2026, 7, 15)));
        });
    }

    [Test]
    public async Task Stream_CoverageCountedBesideTheRows_MatchesCoverageCountedInTheSortedQuery()
    {
        // Sorted by coverage, coverage is counted inside the one query; in any other order, on a second connection.
        var byName = (await CohortAsync()).ToDictionary(r => r.EnrolmentId, r => r.StatementsCovered);
        var byCoverage = await CohortAsync(new CompletionFilter { Sort = CompletionSort.Coverage, Descending = true });

        Assert.That(byCoverage.Select(r => r.EnrolmentId), Is.EquivalentTo(byName.Keys));
        Assert.That(byCoverage.ToDictionary(r => r.EnrolmentId, r => r.StatementsCovered), Is.EquivalentTo(byName));
        Assert.That(byName[World.AdaEnrolment], Is.EqualTo(3));
        Assert.That(byCoverage.Select(r => r.StatementsCovered), Is.Ordered.Descending);
    }

    [Test]
    public async Task Stream_CandidateWithNothingDone_CountsEverySessionMissedAndNoOutcome()
    {
        var ben = (await CohortAsync()).Single(r => r.EnrolmentId == World.BenEnrolment);

        Assert.Multiple(() =>
        {
            Assert.That(ben.SessionsCounted, Is.EqualTo(4));
            Assert.That(ben.AttendancePercent, Is.EqualTo(0));
            Assert.That(ben.StatementsCovered, Is.EqualTo(0));
            Assert.That(ben.TasksOverdue, Is.EqualTo(3));
            Assert.That(ben.LatestRating, Is.Null);
            Assert.That(ben.RatingsNotMoving, Is.False);
            Assert.That(ben.MentorName, Is.Null);
            Assert.That(ben.DfeParticipantId, Is.Null);
            Assert.That(ben.Outcome, Is.Null);
            Assert.That(ben.CompletionDate, Is.Null);
        });
    }

    [Test]
    public async Task Stream_StatusFilter_OnlyThatStatus()
    {
        var rows = await CohortAsync(new CompletionFilter { Status = TrainingStatus.Withdrawn });

        Assert.That(rows.Select(r => r.EnrolmentId), Is.EqualTo(new[] { World.CatEnrolment }));
    }

    [Test]
    public async Task Stream_TaskDueToday_OverdueOnlyOnceTheDateHasEndedInTheCohortsZone()
    {
        // One task due on 10 March 2031 in an Auckland cohort (UTC+13 then) and a Los Angeles one (UTC-7).
        var course = await Build.Cohorts.CourseAsync("npq-leading-behaviour-culture");
        var cohorts = new Dictionary<string, int>();
        foreach (var zone in new[] { "Pacific/Auckland", "America/Los_Angeles" })
        {
            var cohort = await Build.Cohorts.CohortAsync(course, "Zones " + zone, timeZone: zone);
            await Build.Cohorts.CandidateAsync(cohort, $"zones-{cohort}@reports.example", "Zone Candidate " + zone);
            await Build.Portfolio.TaskAsync(course, cohort, new DateOnly(2031, 3, 10));
            cohorts[zone] = cohort;
        }

        async Task<int> OverdueAsync(string zone, DateTime nowUtc)
        {
            var rows = new List<CompletionRow>();
            await foreach (var row in _report.StreamAsync(_provider, new CompletionFilter { CohortId = cohorts[zone] }, nowUtc))
            {
                rows.Add(row);
            }

            var page = await _report.GetPageAsync(_provider, new CompletionFilter { CohortId = cohorts[zone] }, 1, 10, nowUtc);
            Assert.That(page.Rows.Single().TasksOverdue, Is.EqualTo(rows.Single().TasksOverdue), "the page and the export agree");
            return rows.Single().TasksOverdue;
        }

        // Noon UTC on the 10th is already the 11th in Auckland and still the morning of the 10th in Los Angeles.
        var noon = new DateTime(2031, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        // 03:00 UTC on the 11th is still the evening of the 10th in Los Angeles.
        var nextNight = new DateTime(2031, 3, 11, 3, 0, 0, DateTimeKind.Utc);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await OverdueAsync("Pacific/Auckland", noon), Is.EqualTo(1));
            Assert.That(await OverdueAsync("America/Los_Angeles", noon), Is.Zero);
            Assert.That(await OverdueAsync("Pacific/Auckland", nextNight), Is.EqualTo(1));
            Assert.That(await OverdueAsync("America/Los_Angeles", nextNight), Is.Zero);
            Assert.That(await OverdueAsync("America/Los_Angeles", new DateTime(2031, 3, 11, 8, 0, 0, DateTimeKind.Utc)), Is.EqualTo(1), "01:00 on the 11th there");
        });
    }

    [Test]
    public async Task Stream_PartnerFilter_OnlyThatPartnersCohorts()
    {
        var rows = await RowsAsync(_provider, new CompletionFilter { DeliveryPartnerId = World.PartnerId });

        Assert.That(rows.Select(r => r.CohortId).Distinct(), Is.EqualTo(new[] { World.CohortId }));
        Assert.That(rows, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Stream_SortByAttendanceDescending_AdaBeforeBen()
    {
        var rows = await CohortAsync(new CompletionFilter { Sort = CompletionSort.Attendance, Descending = true, Status = TrainingStatus.Active });

        Assert.That(rows.Select(r => r.EnrolmentId), Is.EqualTo(new[] { World.AdaEnrolment, World.BenEnrolment }));
    }

    [Test]
    public async Task Stream_SchoolScope_OnlyThatSchoolsCandidates()
    {
        var rows = await RowsAsync(ReportScope.ForSchool(World.HillSchoolId), new CompletionFilter());

        Assert.That(rows.Select(r => r.CandidateName), Is.EquivalentTo(new[] { "Ada Lovelace", "Cat Withdrawn" }));
    }

    [Test]
    public async Task Stream_MentorScope_OnlyTheirMentees()
    {
        var rows = await RowsAsync(ReportScope.ForMentor(World.MoId), new CompletionFilter());

        Assert.That(rows.Select(r => r.EnrolmentId), Is.EqualTo(new[] { World.AdaEnrolment }));
    }

    [Test]
    public async Task Stream_NobodyScope_IsEmpty()
    {
        Assert.That(await RowsAsync(ReportScope.Nobody, new CompletionFilter()), Is.Empty);
        Assert.That(await _report.CountAsync(ReportScope.Nobody, new CompletionFilter()), Is.Zero);
    }

    [Test]
    public async Task GetPage_PageBeyondTheEnd_ClampedToTheLastPage()
    {
        var page = await _report.GetPageAsync(_provider, new CompletionFilter { CohortId = World.CohortId }, page: 99, pageSize: 2, DateTime.UtcNow);

        Assert.That(page.Total, Is.EqualTo(3));
        Assert.That(page.PageCount, Is.EqualTo(2));
        Assert.That(page.Page, Is.EqualTo(2));
        Assert.That(page.Rows, Has.Count.EqualTo(1));
    }
}
