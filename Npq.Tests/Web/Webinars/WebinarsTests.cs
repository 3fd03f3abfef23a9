using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Webinars;
using Npq.Data.Accounts;
using Npq.Data.Webinars;
using Npq.Web.Features.Webinars.Sessions;

namespace Npq.Tests.Web.Webinars;

/// <summary>Webinars through the real HTTP pipeline, over the demo data.</summary>
public sealed class WebinarsTests
{
    private NpqWebFactory _factory = null!;

    [OneTimeSetUp]
    public void Start() => _factory = new NpqWebFactory(configureServices: s => s.AddTestAuthentication());

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    private WebinarRepository Webinars => _factory.Services.GetRequiredService<WebinarRepository>();

    private AttendanceRepository Attendance => _factory.Services.GetRequiredService<AttendanceRepository>();

    private async Task<int> UserIdAsync(string email) =>
        (await _factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync(email.ToUpperInvariant()))!.Id;

    private async Task<(int Uk, int Dubai)> CohortsAsync()
    {
        var cohorts = await Webinars.GetCohortsForUserAsync(await UserIdAsync("admin@npq.example"), isProviderAdmin: true);
        // The base demo cohorts are the first of their zones (later demo data adds more cohorts).
        return (cohorts.Where(c => c.TimeZone == "Europe/London").OrderBy(c => c.Id).First().Id, cohorts.Where(c => c.TimeZone == "Asia/Dubai").OrderBy(c => c.Id).First().Id);
    }

    private async Task<WebinarSession> AddSessionAsync(int cohortId, DateTime startUtc, string title, int minutes = 60)
    {
        var now = DateTime.UtcNow;
        var id = (await Webinars.CreateSessionsAsync(
        [
            new WebinarSession
            {
                CohortId = cohortId, Title = title, StartUtc = startUtc, DurationMinutes = minutes, JoinUrl = "https://meet.example/room",
                Capacity = 30, FacilitatorUserId = await UserIdAsync("mentor@npq.example"), CreatedUtc = now, UpdatedUtc = now,
            },
        ])).Single();
        return (await Webinars.GetSessionAsync(id))!;
    }

    [Test]
    public async Task Index_Candidate_SeesOnlyTheirOwnCohortsSessions()
    {
        var (uk, dubai) = await CohortsAsync();
        using var client = _factory.ClientFor("candidate1@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync("/webinars"));
        var links = page.QuerySelectorAll(".session-card h3 a").Select(a => a.GetAttribute("href")!).ToList();
        var dubaiIds = (await Webinars.GetSessionsForCohortAsync(dubai)).Select(s => $"/webinars/sessions/{s.Id}").ToList();
        var ukIds = (await Webinars.GetSessionsForCohortAsync(uk)).Select(s => $"/webinars/sessions/{s.Id}").ToList();

        Assert.That(links, Is.Not.Empty);
        Assert.That(links, Is.SubsetOf(dubaiIds));
        Assert.That(links.Intersect(ukIds), Is.Empty);
        Assert.That(page.QuerySelector(".session-when").Text(), Does.Contain("Dubai time"));
        var summary = await _factory.Services.GetRequiredService<IAttendanceQueries>().GetAttendanceAsync(await UserIdAsync("candidate1@npq.example"), dubai);
        Assert.That(page.QuerySelector("#attendance-heading + .attendance-summary .attendance-percent").Text(), Is.EqualTo($"{summary!.Percentage}%"));
    }

    [Test]
    public async Task SessionOfAnotherCohort_ByIdForEveryAction_IsNotFound()
    {
        var (uk, _) = await CohortsAsync();
        var ukSession = (await Webinars.GetSessionsForCohortAsync(uk)).First();
        using var client = _factory.ClientFor("candidate1@npq.example");

        foreach (var path in new[] { "", "/calendar.ics", "/edit", "/register", "/import" })
        {
            var response = await client.GetAsync($"/webinars/sessions/{ukSession.Id}{path}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }

        var cohortPage = await client.GetAsync($"/webinars/cohorts/{uk}");
        Assert.That(cohortPage.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden).Or.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Schedule_Candidate_IsForbidden()
    {
        var (_, dubai) = await CohortsAsync();
        using var client = _factory.ClientFor("candidate1@npq.example");

        var response = await client.GetAsync($"/webinars/cohorts/{dubai}/schedule");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Schedule_WeeklySeriesAcrossTheClockChange_StoresEachAtNineLondon()
    {
        var (uk, _) = await CohortsAsync();
        using var client = _factory.ClientFor("admin@npq.example");
        var before = (await Webinars.GetSessionsForCohortAsync(uk)).Count;

        var response = await Forms.SubmitAsync(client, $"/webinars/cohorts/{uk}/schedule", "form.session-form", new Dictionary<string, string>
        {
            ["Title"] = "DST series",
            ["Agenda"] = "## Plan\n<script>alert(1)</script>",
            ["Date"] = "2027-10-20",
            ["StartTime"] = "09:00",
            ["DurationMinutes"] = "60",
            ["Recurrence"] = "Weekly",
            ["Occurrences"] = "3",
            ["Mode"] = "Online",
            ["JoinUrl"] = "https://teams.microsoft.com/l/meetup-join/abc",
            ["Capacity"] = "25",
            ["Areas"] = "school-culture",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var series = (await Webinars.GetSessionsForCohortAsync(uk)).Where(s => s.Title.StartsWith("DST series", StringComparison.Ordinal)).ToList();
        Assert.That(series, Has.Count.EqualTo(3));
        Assert.That((await Webinars.GetSessionsForCohortAsync(uk)).Count, Is.EqualTo(before + 3));

        // BST ends on 31 October 2027: 08:00 UTC twice, then 09:00 UTC.
        Assert.That(series.Select(s => s.StartUtc.Hour), Is.EqualTo(new[] { 8, 8, 9 }));
        Assert.That(series.Select(s => s.SeriesId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(series[0].FrameworkAreas, Is.EqualTo(new[] { "school-culture" }));

        var page = await client.GetStringAsync($"/webinars/sessions/{series[0].Id}");
        Assert.That(page, Does.Not.Contain("<script>alert(1)"));
        Assert.That(page, Does.Contain("09:00 London time"));
    }

    [Test]
    public async Task Schedule_BadInput_ShowsMessagesByTheFieldsAndWritesNothing()
    {
        var (_, dubai) = await CohortsAsync();
        using var client = _factory.ClientFor("admin@npq.example");
        var before = (await Webinars.GetSessionsForCohortAsync(dubai)).Count;

        var response = await Forms.SubmitAsync(client, $"/webinars/cohorts/{dubai}/schedule", "form.session-form", new Dictionary<string, string>
        {
            ["Title"] = "Kept title",
            ["Date"] = "not-a-date",
            ["StartTime"] = "09:00",
            ["DurationMinutes"] = "abc",
            ["Mode"] = "Online",
            ["JoinUrl"] = "http://insecure.example/room",
            ["Capacity"] = "20",
            ["Areas"] = "no-such-area",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await Html.ReadAsync(response);
        Assert.That(page.QuerySelector("#JoinUrl-error").Text(), Does.Contain("https://"));
        Assert.That(page.QuerySelector("#Date-error"), Is.Not.Null);
        Assert.That(page.QuerySelector("#DurationMinutes-error").Text(), Does.Contain("between 15 and 480"));
        Assert.That(page.QuerySelector("#Areas-error"), Is.Not.Null);
        Assert.That(page.QuerySelector("#Title")!.GetAttribute("value"), Is.EqualTo("Kept title"));
        Assert.That((await Webinars.GetSessionsForCohortAsync(dubai)).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Join_WhenOpen_RecordsTheJoinAndRedirectsToTheMeeting()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddMinutes(5), "Starting soon");
        using var client = _factory.ClientFor("candidate1@npq.example");

        var response = await Forms.SubmitAsync(client, $"/webinars/sessions/{session.Id}", $"form[action='/webinars/sessions/{session.Id}/join']", new Dictionary<string, string>());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo("https://meet.example/room"));
        var segments = await Attendance.GetSegmentsForSessionAsync(session.Id);
        Assert.That(segments.Single().UserId, Is.EqualTo(await UserIdAsync("candidate1@npq.example")));
        Assert.That(segments.Single().Source, Is.EqualTo(AttendanceSource.JoinButton));
    }

    [Test]
    public async Task Join_TooEarly_IsRefusedOnTheServerAndRecordsNothing()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddHours(3), "Later today");
        using var client = _factory.ClientFor("candidate1@npq.example");
        var token = await Forms.TokenFromAsync(client, $"/webinars/sessions/{session.Id}");

        var response = await client.PostAsync($"/webinars/sessions/{session.Id}/join", new FormUrlEncodedContent([new(Forms.TokenField, token)]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("You can join from 15 minutes before the start"));
        Assert.That(await Attendance.GetSegmentsForSessionAsync(session.Id), Is.Empty);
    }

    [Test]
    public async Task Feed_OwnersUrlServesTheirSessions_UpdatesRaiseSequence_CancelsAreSent_RevokedGetsNothing()
    {
        var (uk, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddDays(20), "Feed check");
        using var candidate = _factory.ClientFor("candidate1@npq.example");
        using var anonymous = _factory.NewClient();

        var created = await Html.ReadAsync(await Forms.SubmitAsync(candidate, "/calendar", "form[action='/calendar/feed']", new Dictionary<string, string>()));
        var url = new Uri(created.QuerySelector("#feed-url")!.GetAttribute("value")!);
        var feed = await anonymous.GetAsync(url.PathAndQuery);
        var ics = await feed.Content.ReadAsStringAsync();

        Assert.That(feed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(feed.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/calendar"));
        Assert.That(ics, Does.Contain($"UID:session-{session.Id}@localhost"));
        var ukSession = (await Webinars.GetSessionsForCohortAsync(uk)).First();
        Assert.That(ics, Does.Not.Contain($"UID:session-{ukSession.Id}@"));

        using var admin = _factory.ClientFor("admin@npq.example");
        await Forms.SubmitAsync(admin, $"/webinars/sessions/{session.Id}/edit", "form.session-form", new Dictionary<string, string> { ["Title"] = "Feed check, moved" });
        await Forms.SubmitAsync(admin, $"/webinars/sessions/{session.Id}", $"form[action='/webinars/sessions/{session.Id}/cancel']", new Dictionary<string, string>());
        var after = Unfold(await anonymous.GetStringAsync(url.PathAndQuery));
        var vevent = after.Split("BEGIN:VEVENT").Single(e => e.Contains($"UID:session-{session.Id}@", StringComparison.Ordinal));
        Assert.That(vevent, Does.Contain("SEQUENCE:2"));
        Assert.That(vevent, Does.Contain("STATUS:CANCELLED"));
        Assert.That(vevent, Does.Contain("Feed check\\, moved"));

        await Forms.SubmitAsync(candidate, "/calendar", "form[action='/calendar/feed/revoke']", new Dictionary<string, string>());
        Assert.That((await anonymous.GetAsync(url.PathAndQuery)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Feed_UnknownToken_IsNotFound_AndAnotherUsersFeedShowsOnlyTheirSessions()
    {
        using var anonymous = _factory.NewClient();
        Assert.That((await anonymous.GetAsync("/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var (uk, dubai) = await CohortsAsync();
        using var candidate2 = _factory.ClientFor("candidate2@npq.example");
        var created = await Html.ReadAsync(await Forms.SubmitAsync(candidate2, "/calendar", "form[action='/calendar/feed']", new Dictionary<string, string>()));
        var ics = await anonymous.GetStringAsync(new Uri(created.QuerySelector("#feed-url")!.GetAttribute("value")!).PathAndQuery);
        foreach (var s in await Webinars.GetSessionsForCohortAsync(dubai))
        {
            Assert.That(ics, Does.Not.Contain($"UID:session-{s.Id}@"));
        }

        Assert.That(ics, Does.Contain($"UID:session-{(await Webinars.GetSessionsForCohortAsync(uk)).First().Id}@"));
    }

    [Test]
    public async Task SessionDownload_IsAnIcsWithTheSessionsUid()
    {
        var (_, dubai) = await CohortsAsync();
        var session = (await Webinars.GetSessionsForCohortAsync(dubai)).First();
        using var client = _factory.ClientFor("candidate1@npq.example");

        var response = await client.GetAsync($"/webinars/sessions/{session.Id}/calendar.ics");

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/calendar"));
        Assert.That(Unfold(await response.Content.ReadAsStringAsync()), Does.Contain($"UID:session-{session.Id}@localhost").And.Contain("DTSTART:"));
    }

    [Test]
    public async Task Import_Preview_ListsMatchedUnmatchedAndMalformedAndWritesNothingUntilConfirmed()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddDays(-3), "Import check", minutes: 90);
        using var admin = _factory.ClientFor("admin@npq.example");
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
        using var admin = _factory.ClientFor("admin@npq.example");
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
        using var mentor = _factory.ClientFor("mentor@npq.example");

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
        using var client = _factory.ClientFor("candidate1@npq.example");
        var me = await UserIdAsync("candidate1@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync($"/attendance/candidates/{me}"));
        var summary = await _factory.Services.GetRequiredService<IAttendanceQueries>().GetAttendanceAsync(me, (await CohortsAsync()).Dubai);

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
        using var mentor = _factory.ClientFor("mentor@npq.example");
        using var head = _factory.ClientFor("headteacher@npq.example");

        var mentorPage = await mentor.GetStringAsync("/attendance");
        var headPage = await head.GetStringAsync("/attendance");

        Assert.That(mentorPage, Does.Contain($"/attendance/candidates/{amira}\"").And.Contain($"/attendance/candidates/{ben}\""));
        Assert.That(headPage, Does.Contain($"/attendance/candidates/{ben}\"").And.Not.Contain($"/attendance/candidates/{amira}\""));
        Assert.That((await head.GetAsync($"/attendance/candidates/{amira}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await head.GetAsync($"/attendance/candidates/{ben}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Rule_AdminChangesTheThreshold_BadValueGetsAMessage()
    {
        var (uk, _) = await CohortsAsync();
        using var admin = _factory.ClientFor("admin@npq.example");

        var bad = await Forms.SubmitAsync(admin, $"/webinars/cohorts/{uk}", $"form[action='/attendance/cohorts/{uk}/rule']", new Dictionary<string, string> { ["thresholdPercent"] = "150" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(bad)).QuerySelector("#thresholdPercent-error").Text(), Does.Contain("1 to 100"));

        var good = await Forms.SubmitAsync(admin, $"/webinars/cohorts/{uk}", $"form[action='/attendance/cohorts/{uk}/rule']", new Dictionary<string, string> { ["thresholdPercent"] = "80" });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Webinars.GetCohortAsync(uk))!.AttendanceThresholdPercent, Is.EqualTo(80));
        await Webinars.SetAttendanceThresholdAsync(uk, 75);
    }

    [Test]
    public async Task Reminders_SessionWithinTheLeadTime_EachPersonIsRemindedOnce()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddMinutes(200), "Reminder check");
        var job = _factory.Services.GetRequiredService<SessionReminderJob>();
        var now = session.StartUtc.AddMinutes(-30);

        var first = await job.RunOnceAsync(now);
        var second = await job.RunOnceAsync(now.AddMinutes(1));

        Assert.That(first, Is.GreaterThanOrEqualTo(2), "the candidate and the facilitator");
        Assert.That(second, Is.EqualTo(0));
        using var client = _factory.ClientFor("candidate1@npq.example");
        Assert.That(System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/notifications")), Does.Contain("Reminder: “Reminder check” starts"));
    }

    [Test]
    public async Task TimeZoneSetting_UnknownZoneGetsAMessage_KnownZoneIsSavedAndShown()
    {
        using var client = _factory.ClientFor("candidate2@npq.example");

        var bad = await Forms.SubmitAsync(client, "/settings/time-zone", "form[action='/settings/time-zone']", new Dictionary<string, string> { ["timeZone"] = "Mars/Olympus" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(bad)).QuerySelector("#timeZone-error").Text(), Does.Contain("Choose your time zone"));

        var good = await Forms.SubmitAsync(client, "/settings/time-zone", "form[action='/settings/time-zone']", new Dictionary<string, string> { ["timeZone"] = "America/Bogota" });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var sessions = await client.GetStringAsync("/webinars");
        Assert.That(System.Net.WebUtility.HtmlDecode(sessions), Does.Contain("Bogota time for you").And.Contain("London time"));
    }

    private static string Unfold(string ics) => ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
}
