using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Core.Webinars;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Reporting;

/// <summary>
/// The completion report where the cohort's clock matters: tasks handed in near midnight in cohorts far from UTC,
/// and a session with three or more overlapping segments. Its own application, so the shared report world keeps
/// its counts.
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
        _ = Factory.Server;
        _report = Service<ICompletionReportQueries>();
        var data = new ReportData(Factory.Services);
        _provider = ReportScope.ForProvider(await data.ProviderIdAsync());
        var mentor = await data.UserAsync("mentor@clock.example", "Clock Mentor", Roles.Mentor);
        var sia = await data.UserAsync("sia@clock.example", "Sia Singapore", Roles.Candidate);
        var bo = await data.UserAsync("bo@clock.example", "Bo Bogota", Roles.Candidate);

        // Singapore is UTC+8 all year: 17:00 UTC on the due date is 01:00 the next day there, late.
        var singaporeCourse = await data.CourseAsync("npq-clock-singapore", leadership: false);
        _singaporeCohort = await data.CohortAsync(singaporeCourse, "Singapore Cohort", timeZone: "Asia/Singapore");
        _siaEnrolment = await data.EnrolAsync(_singaporeCohort, sia, mentor);
        var lateThere = await data.TaskAsync(singaporeCourse, _singaporeCohort, new DateOnly(2026, 3, 10));
        var justInTime = await data.TaskAsync(singaporeCourse, _singaporeCohort, new DateOnly(2026, 4, 10));
        await data.SubmitAsync(lateThere, sia, _singaporeCohort, Utc(3, 10, 17));
        await data.SubmitAsync(justInTime, sia, _singaporeCohort, Utc(4, 10, 15, 59));

        // Bogotá is UTC-5 all year: 03:00 UTC the day after is 22:00 on the due date there, on time; so is an
        // extended task handed in at 23:30 on the extension's last day.
        var bogotaCourse = await data.CourseAsync("npq-clock-bogota", leadership: false);
        _bogotaCohort = await data.CohortAsync(bogotaCourse, "Bogota Cohort", timeZone: "America/Bogota");
        _boEnrolment = await data.EnrolAsync(_bogotaCohort, bo, mentor);
        var onTimeThere = await data.TaskAsync(bogotaCourse, _bogotaCohort, new DateOnly(2026, 3, 10));
        var extended = await data.TaskAsync(bogotaCourse, _bogotaCohort, new DateOnly(2026, 4, 10));
        var missedByAnHour = await data.TaskAsync(bogotaCourse, _bogotaCohort, new DateOnly(2026, 5, 10));
        await data.ExtensionAsync(extended, bo, new DateOnly(2026, 4, 20), mentor);
        await data.SubmitAsync(onTimeThere, bo, _bogotaCohort, Utc(3, 11, 3));
        await data.SubmitAsync(extended, bo, _bogotaCohort, Utc(4, 21, 4, 30));
        await data.SubmitAsync(missedByAnHour, bo, _bogotaCohort, Utc(5, 11, 6));

        // Sia's sessions, 60 minutes each with 75% (45 minutes) to attend. S1: 10:00-10:20 in three overlapping
        // pieces and 10:30-10:50 in two: 40 minutes, missed (the pieces add up to 51 minutes, first join to last leave is 50).
        // S2: 09:50-10:20 (clipped to the start), 10:10-10:30 and 10:25-10:45: 45 minutes, attended.
        var s1 = await data.SessionAsync(_singaporeCohort, Utc(3, 2, 10));
        var s2 = await data.SessionAsync(_singaporeCohort, Utc(3, 9, 10));
        foreach (var (join, leave) in S1Segments)
        {
            await data.SegmentAsync(s1, sia, join, leave);
        }

        foreach (var (join, leave) in S2Segments)
        {
            await data.SegmentAsync(s2, sia, join, leave);
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
