using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Reporting;
using Npq.Core.Webinars;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Reporting;

/// <summary>
/// The completion report where the cohort's clock matters: tasks handed in near midnight in cohorts far from UTC,
/// and a session with three or more overlapping segments, on cohorts of their own built through the builders.
/// </summary>
public sealed class CompletionReportCohortClockTests : WebFixture
{
    protected override NpqWebFactory CreateFactory() => new NpqWebFactory();

    private ICompletionReportQueries _report = null!;
    private ReportScope _provider = null!;
    private int _singaporeCohort;
    private int _bogotaCohort;
    private int _siaEnrolment;
    private int _boEnrolment;

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [OneTimeSetUp]
    public async Task Start()
    {
        _report = Service<ICompletionReportQueries>();
        var build = new Build(Factory.Services);
        _provider = ReportScope.ForProvider(await build.ProviderIdAsync());
        var mentor = await build.People.MentorAsync("mentor@clock.example", "Clock Mentor");

        // Singapore is UTC+8 all year: 17:00 UTC on the due date is 01:00 the next day there, late.
        var singaporeCourse = await build.Cohorts.CourseAsync("npq-leading-primary-mathematics");
        _singaporeCohort = await build.Cohorts.CohortAsync(singaporeCourse, "Singapore Cohort", timeZone: "Asia/Singapore");
        var sia = await build.Cohorts.CandidateAsync(_singaporeCohort, "sia@clock.example", "Sia Singapore", mentorId: mentor);
        _siaEnrolment = sia.EnrolmentId;
        var lateThere = await build.Portfolio.TaskAsync(singaporeCourse, _singaporeCohort, new DateOnly(2026, 3, 10));
        var justInTime = await build.Portfolio.TaskAsync(singaporeCourse, _singaporeCohort, new DateOnly(2026, 4, 10));
        await build.Portfolio.SubmitAsync(lateThere, sia.UserId, Utc(3, 10, 17));
        await build.Portfolio.SubmitAsync(justInTime, sia.UserId, Utc(4, 10, 15, 59));

        // Bogotá is UTC-5 all year: 03:00 UTC the day after is 22:00 on the due date there, on time; so is an
        // extended task handed in at 23:30 on the extension's last day.
        var bogotaCourse = await build.Cohorts.CourseAsync("npq-leading-teaching-development");
        _bogotaCohort = await build.Cohorts.CohortAsync(bogotaCourse, "Bogota Cohort", timeZone: "America/Bogota");
        var bo = await build.Cohorts.CandidateAsync(_bogotaCohort, "bo@clock.example", "Bo Bogota", mentorId: mentor);
        _boEnrolment = bo.EnrolmentId;
        var onTimeThere = await build.Portfolio.TaskAsync(bogotaCourse, _bogotaCohort, new DateOnly(2026, 3, 10));
        var extended = await build.Portfolio.TaskAsync(bogotaCourse, _bogotaCohort, new DateOnly(2026, 4, 10));
        var missedByAnHour = await build.Portfolio.TaskAsync(bogotaCourse, _bogotaCohort, new DateOnly(2026, 5, 10));
        await build.Portfolio.ExtensionAsync(extended, bo.UserId, new DateOnly(2026, 4, 20), mentor, Utc(4, 9, 12));
        await build.Portfolio.SubmitAsync(onTimeThere, bo.UserId, Utc(3, 11, 3));
        await build.Portfolio.SubmitAsync(extended, bo.UserId, Utc(4, 21, 4, 30));
        await build.Portfolio.SubmitAsync(missedByAnHour, bo.UserId, Utc(5, 11, 6));

        // Sia's sessions, 60 minutes each with 75% (45 minutes) to attend. S1: 10:00-10:20 in three overlapping
        // pieces and 10:30-10:50 in two: 40 minutes, missed (the pieces add up to 51 minutes, first join to last leave is 50).
        // S2: 09:50-10:20 (clipped to the start), 10:10-10:30 and 10:25-10:45: 45 minutes, attended.
        var s1 = await build.Webinars.SessionAsync(_singaporeCohort, Utc(3, 2, 10));
        var s2 = await build.Webinars.SessionAsync(_singaporeCohort, Utc(3, 9, 10));
        foreach (var (join, leave) in S1Segments)
        {
            await build.Webinars.SegmentAsync(s1, sia.UserId, join, leave);
        }

        foreach (var (join, leave) in S2Segments)
        {
            await build.Webinars.SegmentAsync(s2, sia.UserId, join, leave);
        }
    }

    private static readonly (DateTime Join, DateTime Leave)[] S1Segments =
    [
        (Utc(3, 2, 10, 0), Utc(3, 2, 10, 10)),
        (Utc(3, 2, 10, 5), Utc(3, 2, 10, 20)),
        (Utc(3, 2, 10, 8), Utc(3, 2, 10, 12)),
        (Utc(3, 2, 10, 30), Utc(3, 2, 10, 40)),
        (Utc(3, 2, 10, 38), Utc(3, 2, 10, 50)),
    ];

    private static readonly (DateTime Join, DateTime Leave)[] S2Segments =
    [
        (Utc(3, 9, 9, 50), Utc(3, 9, 10, 20)),
        (Utc(3, 9, 10, 10), Utc(3, 9, 10, 30)),
        (Utc(3, 9, 10, 25), Utc(3, 9, 10, 45)),
    ];

    private async Task<CompletionRow> RowAsync(int cohortId, int enrolmentId)
    {
        var rows = new List<CompletionRow>();
        await foreach (var row in _report.StreamAsync(_provider, new CompletionFilter { CohortId = cohortId }, Utc(6, 1, 12)))
        {
            rows.Add(row);
        }

        return rows.Single(r => r.EnrolmentId == enrolmentId);
    }

    [Test]
    public async Task Stream_CohortEastOfUtc_TaskHandedInAfterMidnightThereIsLate()
    {
        var sia = await RowAsync(_singaporeCohort, _siaEnrolment);

        Assert.That(sia.TasksSubmitted, Is.EqualTo(2));
        Assert.That(sia.TasksOnTime, Is.EqualTo(1), "17:00 UTC on the due date is the next day in Singapore; 15:59 UTC is 23:59 there");
    }

    [Test]
    public async Task Stream_CohortWestOfUtc_TaskHandedInBeforeMidnightThereIsOnTime()
    {
        var bo = await RowAsync(_bogotaCohort, _boEnrolment);

        Assert.That(bo.TasksSubmitted, Is.EqualTo(3));
        Assert.That(bo.TasksOnTime, Is.EqualTo(2), "03:00 UTC is 22:00 the evening before in Bogotá, and an extension's date counts the same way; 06:00 UTC is 01:00 the day after");
    }

    [Test]
    public async Task Page_CohortClock_SameOnTimeCountAsTheExport()
    {
        var page = await _report.GetPageAsync(_provider, new CompletionFilter { CohortId = _bogotaCohort }, 1, 10, Utc(6, 1, 12));

        Assert.That(page.Rows.Single().TasksOnTime, Is.EqualTo(2));
    }

    [Test]
    public async Task Stream_ThreeOrMoreOverlappingSegments_MergedAsTheAttendancePageMergesThem()
    {
        var sia = await RowAsync(_singaporeCohort, _siaEnrolment);

        Assert.Multiple(() =>
        {
            Assert.That(AttendanceCalculator.MinutesAttended(Segments(S1Segments), Utc(3, 2, 10), Utc(3, 2, 11)), Is.EqualTo(40));
            Assert.That(AttendanceCalculator.MinutesAttended(Segments(S2Segments), Utc(3, 9, 10), Utc(3, 9, 11)), Is.EqualTo(45));
            Assert.That(sia.SessionsCounted, Is.EqualTo(2));
            Assert.That(sia.SessionsAttended, Is.EqualTo(1), "40 merged minutes miss the 45 needed; 45 attend");
        });
    }

    private static List<AttendanceSegment> Segments(IEnumerable<(DateTime Join, DateTime Leave)> segments) =>
        segments.Select(s => new AttendanceSegment { JoinUtc = s.Join, LeaveUtc = s.Leave }).ToList();
}
