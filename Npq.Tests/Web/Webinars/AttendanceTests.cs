using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Webinars;

namespace Npq.Tests.Web.Webinars;

/// <summary>Attendance: the meeting platform import, the register, the figures each role sees and the rule. Through the real HTTP pipeline, over the demo data.</summary>
public sealed class AttendanceTests : WebinarsWebTest
{
    [Test]
    public async Task Import_Preview_ListsMatchedUnmatchedAndMalformedAndWritesNothingUntilConfirmed()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddDays(-3), "Import check", minutes: 90);
        using var admin = Factory.ClientFor("admin@npq.example");
        var local = Npq.Core.Time.ZonedTime.ToLocal(session.StartUtc, "Asia/Dubai");
        string Us(DateTime t) => t.ToString("MM/dd/yyyy hh:mm:ss tt", System.Globalization.CultureInfo.InvariantCulture);
        var csv = $"""
            Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)
            Amira Haddad,candidate1@npq.example,{Us(local)},{Us(local.AddMinutes(80))},80
            Visitor,visitor@elsewhere.example,{Us(local)},{Us(local.AddMinutes(10))},10
            Broken Row,broken@npq.example,yesterday,{Us(local)},0
            """;
        var token = await Forms.TokenFromAsync(admin, $"/webinars/sessions/{session.Id}/import");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent(token), Forms.TokenField },
            { new StringContent("Asia/Dubai"), "zone" },
            { new StringContent("MonthFirst"), "order" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        upload.Add(file, "file", "participants.csv");

        var preview = await Html.ReadAsync(await admin.PostAsync($"/webinars/sessions/{session.Id}/import", upload));

        Assert.That(preview.QuerySelector("#matched-heading").Text(), Is.EqualTo("Matched (1)"));
        Assert.That(preview.QuerySelector("#unmatched-heading").Text(), Is.EqualTo("Not matched (1)"));
        Assert.That(preview.QuerySelector(".unmatched").Text(), Does.Contain("Visitor"));
        Assert.That(preview.QuerySelector(".malformed").Text(), Does.Contain("Line 4").And.Contain("yesterday"));
        Assert.That(await Attendance.GetSegmentsForSessionAsync(session.Id), Is.Empty, "nothing is written by the preview");

        var confirm = preview.QuerySelector($"form[action='/webinars/sessions/{session.Id}/import/confirm']")!;
        var fields = confirm.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!));
        var confirmed = await admin.PostAsync($"/webinars/sessions/{session.Id}/import/confirm", new FormUrlEncodedContent(fields));

        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var segment = (await Attendance.GetSegmentsForSessionAsync(session.Id)).Single();
        Assert.That(segment.UserId, Is.EqualTo(await UserIdAsync("candidate1@npq.example")));
        Assert.That(segment.LeaveUtc! - segment.JoinUtc, Is.EqualTo(TimeSpan.FromMinutes(80)));
    }

    [Test]
    public async Task Import_TamperedPayload_WritesNothing()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddDays(-4), "Tamper check");
        using var admin = Factory.ClientFor("admin@npq.example");
        var token = await Forms.TokenFromAsync(admin, $"/webinars/sessions/{session.Id}/import");

        var response = await admin.PostAsync($"/webinars/sessions/{session.Id}/import/confirm", new FormUrlEncodedContent(
            [new(Forms.TokenField, token), new("payload", "{\"SessionId\":1,\"Rows\":[]}")]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await Attendance.GetSegmentsForSessionAsync(session.Id), Is.Empty);
    }

    [Test]
    public async Task Register_SavesMarksAndAnInvalidMarkKeepsEverythingTyped()
    {
        var (uk, _) = await CohortsAsync();
        var session = await AddSessionAsync(uk, DateTime.UtcNow.AddDays(-2), "Register check");
        var ben = await UserIdAsync("candidate2@npq.example");
        using var mentor = Factory.ClientFor("mentor@npq.example");

        var bad = await Forms.SubmitAsync(mentor, $"/webinars/sessions/{session.Id}/register", "form.register", new Dictionary<string, string>
        {
            [$"mark-{ben}"] = "Asleep", [$"note-{ben}"] = "Typed note",
        });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var badPage = await Html.ReadAsync(bad);
        Assert.That(badPage.QuerySelector($"#error-{ben}"), Is.Not.Null);
        Assert.That(badPage.QuerySelector($"#note-{ben}")!.GetAttribute("value"), Is.EqualTo("Typed note"));
        Assert.That(await Attendance.GetMarksForSessionAsync(session.Id), Is.Empty);

        var good = await Forms.SubmitAsync(mentor, $"/webinars/sessions/{session.Id}/register", "form.register", new Dictionary<string, string>
        {
            [$"mark-{ben}"] = "Excused", [$"note-{ben}"] = "Hospital appointment",
        });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var mark = (await Attendance.GetMarksForSessionAsync(session.Id)).Single();
        Assert.That((mark.UserId, mark.Mark, mark.Note), Is.EqualTo((ben, RegisterMark.Excused, "Hospital appointment")));
    }

    [Test]
    public async Task Attendance_DemoCandidateInDubai_ShowsTheFiguresWithExcusedExplained()
    {
        using var client = Factory.ClientFor("candidate1@npq.example");
        var me = await UserIdAsync("candidate1@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync($"/attendance/candidates/{me}"));
        var summary = await Factory.Services.GetRequiredService<IAttendanceQueries>().GetAttendanceAsync(me, (await CohortsAsync()).Dubai);

        // Demo: full, drop-out-and-rejoin (counted once), half (missed) and excused.
        Assert.That(summary!.SessionsExcused, Is.GreaterThanOrEqualTo(1));
        Assert.That(page.QuerySelector(".attendance-percent").Text(), Is.EqualTo($"{summary.Percentage}%"));
        Assert.That(page.QuerySelector(".attendance-summary").Text(), Does.Contain("excused, not counted"));
    }

    [Test]
    public async Task Attendance_MentorSeesBothMentees_HeadteacherOnlyTheirSchools()
    {
        var amira = await UserIdAsync("candidate1@npq.example");
        var ben = await UserIdAsync("candidate2@npq.example");
        using var mentor = Factory.ClientFor("mentor@npq.example");
        using var head = Factory.ClientFor("headteacher@npq.example");

        var mentorPage = await mentor.GetStringAsync("/attendance");
        var headPage = await head.GetStringAsync("/attendance");

        Assert.That(mentorPage, Does.Contain($"/attendance/candidates/{amira}\"").And.Contain($"/attendance/candidates/{ben}\""));
        Assert.That(headPage, Does.Contain($"/attendance/candidates/{ben}\"").And.Not.Contain($"/attendance/candidates/{amira}\""));
        Assert.That((await head.GetAsync($"/attendance/candidates/{amira}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await head.GetAsync($"/attendance/candidates/{ben}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Attendance_ManyMenteesAndSchoolCandidates_EachListPagedOnItsOwnKeepingTheOthersPage()
    {
        var build = new Npq.Tests.Builders.Build(Factory.Services);
        var cohort = await build.Cohorts.CohortAsync(await build.Cohorts.CourseAsync("npq-leading-primary-mathematics"), "Attendance overview paging");
        var school = await build.People.SchoolAsync("Overview Paging Primary");
        var mentor = await build.People.MentorAsync("overview-mentor@npq.example", "Olu Overview");
        await build.People.HeadteacherAsync("overview-head@npq.example", "Hana Overview", school);
        var people = new Dictionary<string, int>();
        for (var i = 0; i < 27; i++)
        {
            people[$"Overview {i:D2}"] = (await build.Cohorts.CandidateAsync(cohort, $"overview-{i:D2}@npq.example", $"Overview {i:D2}", i < 26 ? school : null, mentor)).UserId;
        }

        var expected = Enumerable.Range(0, 27).Select(i => $"Overview {i:D2}").ToList();
        const string mentees = "section[aria-labelledby=mentees-heading] tbody td:first-child a";
        const string pupils = "section[aria-labelledby=school-heading] tbody td:first-child a";
        using var client = Factory.ClientFor("overview-mentor@npq.example");
        async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient who, string path)
        {
            var response = await who.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            return await Html.ReadAsync(response);
        }

        static List<string> Names(AngleSharp.Dom.IDocument page, string selector) => page.QuerySelectorAll(selector).Select(a => a.Text().Trim()).ToList();

        var first = await PageAsync(client, "/attendance");
        Assert.That(Names(first, mentees), Is.EqualTo(expected.Take(25)), "25 mentees a page, by name");
        Assert.That(first.QuerySelector($"section[aria-labelledby=mentees-heading] a[href='/attendance/candidates/{people["Overview 00"]}']"), Is.Not.Null);
        var next = first.QuerySelector("nav[aria-label='Pages of your mentees'] a[rel=next]")!.GetAttribute("href");
        Assert.That(next, Is.EqualTo("/attendance?mpage=2"));
        Assert.That(Names(await PageAsync(client, next!), mentees), Is.EqualTo(expected.Skip(25)), "page 2 holds the rest");
        Assert.That(Names(await PageAsync(client, "/attendance?msize=50"), mentees), Is.EqualTo(expected));
        foreach (var bad in new[] { "?mpage=0", "?mpage=99", "?mpage=abc&msize=7" })
        {
            Assert.That(Names(await PageAsync(client, "/attendance" + bad), mentees), Is.EqualTo(expected.Take(25)), bad);
        }

        using var head = Factory.ClientFor("overview-head@npq.example");
        var school2 = await PageAsync(head, "/attendance?spage=2&mpage=3");
        Assert.That(Names(school2, pupils), Is.EqualTo(new[] { "Overview 25" }), "the school's 26 candidates: page 2 holds the last one");
        Assert.That(school2.QuerySelector("nav[aria-label='Pages of candidates from your school'] a[rel=prev]")!.GetAttribute("href"), Is.EqualTo("/attendance"),
            "page 1's link names no page; a headteacher has no mentees' page to keep");
        Assert.That(Names(school2, mentees), Is.Empty, "a headteacher has no mentees list");
    }

    [Test]
    public async Task Rule_AdminChangesTheThreshold_BadValueGetsAMessage()
    {
        var (uk, _) = await CohortsAsync();
        using var admin = Factory.ClientFor("admin@npq.example");

        var bad = await Forms.SubmitAsync(admin, $"/webinars/cohorts/{uk}", $"form[action='/attendance/cohorts/{uk}/rule']", new Dictionary<string, string> { ["thresholdPercent"] = "150" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(bad)).QuerySelector("#thresholdPercent-error").Text(), Does.Contain("1 to 100"));

        var good = await Forms.SubmitAsync(admin, $"/webinars/cohorts/{uk}", $"form[action='/attendance/cohorts/{uk}/rule']", new Dictionary<string, string> { ["thresholdPercent"] = "80" });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Webinars.GetCohortAsync(uk))!.AttendanceThresholdPercent, Is.EqualTo(80));
        await Webinars.SetAttendanceThresholdAsync(uk, 75);
    }

    [Test]
    public async Task CohortAndRegister_ManyCandidates_PageThemAndSavingOnePageKeepsTheOthersMarks()
    {
        var build = new Npq.Tests.Builders.Build(Factory.Services);
        var cohort = await build.Cohorts.CohortAsync(await build.Cohorts.CourseAsync("npq-leading-literacy"), "Attendance paging cohort");
        var people = new List<int>();
        for (var i = 0; i < 27; i++)
        {
            people.Add((await build.Cohorts.CandidateAsync(cohort, $"attendance-pager{i:D2}@school.example", $"Pager {i:D2}")).UserId);
        }

        var session = await AddSessionAsync(cohort, DateTime.UtcNow.AddDays(-2), "Paged register");
        using var admin = Factory.ClientFor("admin@npq.example");
        async Task<string[]> NamesAsync(string path, string selector)
        {
            var response = await admin.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            return (await Html.ReadAsync(response)).QuerySelectorAll(selector).Select(e => e.Text().Trim()).ToArray();
        }

        var attendance = $"/attendance/cohorts/{cohort}";
        const string attendanceRows = "main table tbody tr td:first-child a";
        var first = await NamesAsync(attendance, attendanceRows);
        Assert.That(first, Is.EqualTo(Enumerable.Range(0, 25).Select(i => $"Pager {i:D2}")), "25 a page by default, by name");
        Assert.That(await NamesAsync(attendance + "?page=2", attendanceRows), Is.EqualTo(new[] { "Pager 25", "Pager 26" }), "page 2 shows the rest");
        Assert.That(await NamesAsync(attendance + "?size=100", attendanceRows), Has.Length.EqualTo(27));
        foreach (var bad in new[] { "?page=0", "?page=-2", "?page=99", "?page=abc&size=7" })
        {
            Assert.That(await NamesAsync(attendance + bad, attendanceRows), Is.EqualTo(first), bad);
        }

        Assert.That(await NamesAsync(attendance, "nav.pager a[rel=next]"), Is.Not.Empty);

        var register = $"/webinars/sessions/{session.Id}/register";
        const string registerRows = "form.register tbody th[scope=row]";
        Assert.That(await NamesAsync(register, registerRows), Is.EqualTo(first), "the register pages the same way");
        Assert.That(await NamesAsync(register + "?page=2", registerRows), Is.EqualTo(new[] { "Pager 25", "Pager 26" }));
        Assert.That(await NamesAsync(register + "?page=99", registerRows), Is.EqualTo(first));

        var saveFirst = await Forms.SubmitAsync(admin, register, "form.register", new Dictionary<string, string> { [$"mark-{people[0]}"] = "Present" });
        var saveSecond = await Forms.SubmitAsync(admin, register + "?page=2", "form.register", new Dictionary<string, string> { [$"mark-{people[26]}"] = "Absent" });

        Assert.That(saveFirst.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Html.ReadAsync(saveSecond)).QuerySelectorAll(registerRows).Select(e => e.Text().Trim()), Is.EqualTo(new[] { "Pager 25", "Pager 26" }), "saving page 2 shows page 2");
        var marks = (await Attendance.GetMarksForSessionAsync(session.Id)).ToDictionary(m => m.UserId, m => m.Mark);
        Assert.That(marks, Is.EqualTo(new Dictionary<int, RegisterMark> { [people[0]] = RegisterMark.Present, [people[26]] = RegisterMark.Absent }), "saving page 2 left page 1's mark");
    }
}
