using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Accounts;
using Npq.Core.Webinars;

namespace Npq.Tests.Web.Webinars;

/// <summary>Sessions: the sessions page, access by id, scheduling, joining and downloading one session. Through the real HTTP pipeline, over the demo data.</summary>
public sealed class SessionsTests : WebinarsWebTest
{
    [Test]
    public async Task Index_Candidate_SeesOnlyTheirOwnCohortsSessions()
    {
        var (uk, dubai) = await CohortsAsync();
        using var client = Factory.ClientFor("candidate1@npq.example");

        var page = await Html.ReadAsync(await client.GetAsync("/webinars"));
        var links = page.QuerySelectorAll(".session-card h3 a").Select(a => a.GetAttribute("href")!).ToList();
        var dubaiIds = (await Webinars.GetSessionsForCohortAsync(dubai)).Select(s => $"/webinars/sessions/{s.Id}").ToList();
        var ukIds = (await Webinars.GetSessionsForCohortAsync(uk)).Select(s => $"/webinars/sessions/{s.Id}").ToList();

        Assert.That(links, Is.Not.Empty);
        Assert.That(links, Is.SubsetOf(dubaiIds));
        Assert.That(links.Intersect(ukIds), Is.Empty);
        Assert.That(page.QuerySelector(".session-when").Text(), Does.Contain("Dubai time"));
        var summary = await Factory.Services.GetRequiredService<IAttendanceQueries>().GetAttendanceAsync(await UserIdAsync("candidate1@npq.example"), dubai);
        Assert.That(page.QuerySelector("#attendance-heading + .attendance-summary .attendance-percent").Text(), Is.EqualTo($"{summary!.Percentage}%"));
    }

    [Test]
    public async Task SessionOfAnotherCohort_ByIdForEveryAction_IsNotFound()
    {
        var (uk, _) = await CohortsAsync();
        var ukSession = (await Webinars.GetSessionsForCohortAsync(uk)).First();
        using var client = Factory.ClientFor("candidate1@npq.example");

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
        using var client = Factory.ClientFor("candidate1@npq.example");

        var response = await client.GetAsync($"/webinars/cohorts/{dubai}/schedule");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Schedule_WeeklySeriesAcrossTheClockChange_StoresEachAtNineLondon()
    {
        var (uk, _) = await CohortsAsync();
        using var client = Factory.ClientFor("admin@npq.example");
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
        using var client = Factory.ClientFor("admin@npq.example");
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

    /// <summary>A mentor of the demo provider with nothing to do with any cohort: not on the form's short list, but may facilitate.</summary>
    private async Task<(int Id, string Email)> UnrelatedMentorAsync(string tag)
    {
        var users = Service<IUserRepository>();
        var providerId = (await users.FindByIdAsync(await UserIdAsync("admin@npq.example")))!.ProviderId;
        var email = $"unrelated-{tag}-{Guid.NewGuid():N}@npq.example";
        var id = await users.CreateAsync(new AppUser
        {
            Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Unrelated {tag}", ProviderId = providerId, CreatedUtc = DateTime.UtcNow,
            SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"),
        });
        await users.AddToRoleAsync(id, Roles.Mentor);
        return (id, email);
    }

    private static Dictionary<string, string> GoodSession(string title, string facilitatorEmail) => new()
    {
        ["Title"] = title, ["Date"] = "2027-11-10", ["StartTime"] = "09:00", ["DurationMinutes"] = "60", ["Mode"] = "Online",
        ["JoinUrl"] = "https://meet.example/room", ["Capacity"] = "20", ["facilitatorEmail"] = facilitatorEmail,
    };

    [Test]
    public async Task Schedule_FacilitatorByEmail_SomeoneOffTheListIsChosen_UnknownOrNotAllowedIsAMessageKeepingTheForm()
    {
        var (_, dubai) = await CohortsAsync();
        var (ursula, ursulaEmail) = await UnrelatedMentorAsync("schedule");
        using var admin = Factory.ClientFor("admin@npq.example");
        var url = $"/webinars/cohorts/{dubai}/schedule";

        var form = await Html.ReadAsync(await admin.GetAsync(url));
        var offered = form.QuerySelectorAll("#FacilitatorUserId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.That(offered, Does.Contain((await UserIdAsync("admin@npq.example")).ToString()), "the person scheduling, an admin");
        Assert.That(offered, Does.Not.Contain(ursula.ToString()), "not every mentor of the provider");
        Assert.That(offered, Has.Count.LessThanOrEqualTo(WebinarScheduling.MaxFacilitatorChoices + 3));
        Assert.That(form.QuerySelector("label[for=facilitatorEmail]")!.TextContent, Does.Contain("Another facilitator (email address)"));

        foreach (var (email, why) in new[] { ("nobody-at-all@npq.example", "unknown"), ("candidate1@npq.example", "a candidate may not facilitate"), (new string('x', 300), "not an address") })
        {
            var refused = await Forms.SubmitAsync(admin, url, "form.session-form", GoodSession("Kept by email " + why, email));

            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), why);
            var page = await Html.ReadAsync(refused);
            Assert.That(page.QuerySelector("#facilitatorEmail-error")?.TextContent, Does.Contain("Nobody who may facilitate has that email address"), why);
            Assert.That(page.QuerySelector("#facilitatorEmail")!.GetAttribute("value"), Is.EqualTo(email), why);
            Assert.That(page.QuerySelector("#facilitatorEmail")!.GetAttribute("aria-invalid"), Is.EqualTo("true"), why);
            Assert.That(page.QuerySelector("#Title")!.GetAttribute("value"), Is.EqualTo("Kept by email " + why), why);
            Assert.That(page.QuerySelector(".error-summary a[href='#facilitatorEmail']"), Is.Not.Null, why);
        }

        Assert.That((await Webinars.GetSessionsForCohortAsync(dubai)).Where(s => s.Title.StartsWith("Kept by email", StringComparison.Ordinal)), Is.Empty);

        var chosen = await Forms.SubmitAsync(admin, url, "form.session-form", GoodSession("Facilitated by Ursula", $"  {ursulaEmail.ToUpperInvariant()} "));

        Assert.That(chosen.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var session = (await Webinars.GetSessionsForCohortAsync(dubai)).Single(s => s.Title == "Facilitated by Ursula");
        Assert.That(session.FacilitatorUserId, Is.EqualTo(ursula));

        // Her session's edit form offers her, chosen (she is its facilitator), and so does the cohort's schedule form now.
        var edit = await Html.ReadAsync(await admin.GetAsync($"/webinars/sessions/{session.Id}/edit"));
        Assert.That(edit.QuerySelector($"#FacilitatorUserId option[value='{ursula}']")?.HasAttribute("selected"), Is.True);
        Assert.That((await Html.ReadAsync(await admin.GetAsync(url))).QuerySelector($"#FacilitatorUserId option[value='{ursula}']"), Is.Not.Null);
    }

    [Test]
    public async Task Edit_FacilitatorByEmail_RefusedKeepsTheInputAndTheSession_AllowedChangesIt()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddDays(40), "Edited by email");
        var (ursula, ursulaEmail) = await UnrelatedMentorAsync("edit");
        using var admin = Factory.ClientFor("admin@npq.example");
        var url = $"/webinars/sessions/{session.Id}/edit";

        var refused = await Forms.SubmitAsync(admin, url, "form.session-form", new Dictionary<string, string> { ["Title"] = "Renamed", ["facilitatorEmail"] = "candidate1@npq.example" });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var page = await Html.ReadAsync(refused);
        Assert.That(page.QuerySelector("#facilitatorEmail")!.GetAttribute("value"), Is.EqualTo("candidate1@npq.example"));
        Assert.That(page.QuerySelector("#Title")!.GetAttribute("value"), Is.EqualTo("Renamed"));
        var unchanged = (await Webinars.GetSessionAsync(session.Id))!;
        Assert.That((unchanged.Title, unchanged.FacilitatorUserId), Is.EqualTo(("Edited by email", session.FacilitatorUserId)));

        var changed = await Forms.SubmitAsync(admin, url, "form.session-form", new Dictionary<string, string> { ["facilitatorEmail"] = ursulaEmail });

        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Webinars.GetSessionAsync(session.Id))!.FacilitatorUserId, Is.EqualTo(ursula));
    }

    [Test]
    public async Task Schedule_AFacilitatorIdOffTheRules_IsRefusedNotSaved()
    {
        var (_, dubai) = await CohortsAsync();
        using var admin = Factory.ClientFor("admin@npq.example");
        var post = GoodSession("Posted a candidate's id", "");
        post["FacilitatorUserId"] = (await UserIdAsync("candidate1@npq.example")).ToString();

        var response = await Forms.SubmitAsync(admin, $"/webinars/cohorts/{dubai}/schedule", "form.session-form", post);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Html.ReadAsync(response)).QuerySelector("#FacilitatorUserId-error")?.TextContent, Does.Contain("Choose a facilitator from the list"));
        Assert.That((await Webinars.GetSessionsForCohortAsync(dubai)).Where(s => s.Title == "Posted a candidate's id"), Is.Empty);
    }

    [Test]
    public async Task Schedule_BlankDateAndTime_AsksForThemInsteadOfFailing()
    {
        var (_, dubai) = await CohortsAsync();
        using var client = Factory.ClientFor("admin@npq.example");
        var before = (await Webinars.GetSessionsForCohortAsync(dubai)).Count;

        var response = await Forms.SubmitAsync(client, $"/webinars/cohorts/{dubai}/schedule", "form.session-form", new Dictionary<string, string>
        {
            ["Title"] = "No date yet", ["Date"] = "", ["StartTime"] = "", ["DurationMinutes"] = "60", ["Mode"] = "Online",
            ["JoinUrl"] = "https://meet.example/room", ["Capacity"] = "20",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var page = await Html.ReadAsync(response);
        Assert.That(page.QuerySelector("#Date-error").Text(), Does.Contain("Enter the date of the session"));
        Assert.That(page.QuerySelector("#StartTime-error").Text(), Does.Contain("Enter the start time"));
        Assert.That((await Webinars.GetSessionsForCohortAsync(dubai)).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task Edit_CancelledSession_IsRefusedWithTheReasonAndNothingChanges()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddDays(30), "Cancelled then edited");
        using var admin = Factory.ClientFor("admin@npq.example");
        await Forms.SubmitAsync(admin, $"/webinars/sessions/{session.Id}", $"form[action='/webinars/sessions/{session.Id}/cancel']", new Dictionary<string, string>());

        var response = await Forms.SubmitAsync(admin, $"/webinars/sessions/{session.Id}/edit", "form.session-form", new Dictionary<string, string> { ["Title"] = "Renamed" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("This session was cancelled, so it can no longer be changed."));
        Assert.That((await Webinars.GetSessionAsync(session.Id))!.Title, Is.EqualTo("Cancelled then edited"));
    }

    [Test]
    public async Task Join_WhenOpen_RecordsTheJoinAndRedirectsToTheMeeting()
    {
        var (_, dubai) = await CohortsAsync();
        var session = await AddSessionAsync(dubai, DateTime.UtcNow.AddMinutes(5), "Starting soon");
        using var client = Factory.ClientFor("candidate1@npq.example");

        var response = await Forms.ClickAsync(client, $"/webinars/sessions/{session.Id}", $"button[formaction='/webinars/sessions/{session.Id}/join']");

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
        using var client = Factory.ClientFor("candidate1@npq.example");
        var token = await Forms.TokenFromAsync(client, $"/webinars/sessions/{session.Id}");

        var response = await client.PostAsync($"/webinars/sessions/{session.Id}/join", new FormUrlEncodedContent([new(Forms.TokenField, token)]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("You can join from 15 minutes before the start"));
        Assert.That(await Attendance.GetSegmentsForSessionAsync(session.Id), Is.Empty);
    }

    [Test]
    public async Task SessionDownload_IsAnIcsWithTheSessionsUid()
    {
        var (_, dubai) = await CohortsAsync();
        var session = (await Webinars.GetSessionsForCohortAsync(dubai)).First();
        using var client = Factory.ClientFor("candidate1@npq.example");

        var response = await client.GetAsync($"/webinars/sessions/{session.Id}/calendar.ics");

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/calendar"));
        Assert.That(Unfold(await response.Content.ReadAsStringAsync()), Does.Contain($"UID:session-{session.Id}@localhost").And.Contain("DTSTART:"));
    }

    [Test]
    public async Task TimeZoneSetting_UnknownZoneGetsAMessage_KnownZoneIsSavedAndShown()
    {
        using var client = Factory.ClientFor("candidate2@npq.example");

        var bad = await Forms.SubmitAsync(client, "/settings/time-zone", "form[action='/settings/time-zone']", new Dictionary<string, string> { ["timeZone"] = "Mars/Olympus" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(bad)).QuerySelector("#timeZone-error").Text(), Does.Contain("Choose your time zone"));

        var good = await Forms.SubmitAsync(client, "/settings/time-zone", "form[action='/settings/time-zone']", new Dictionary<string, string> { ["timeZone"] = "America/Bogota" });
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var sessions = await client.GetStringAsync("/webinars");
        Assert.That(System.Net.WebUtility.HtmlDecode(sessions), Does.Contain("Bogota time for you").And.Contain("London time"));
    }

    [Test]
    public async Task TimeZonePrompt_AsksWhoHasNotConfirmedTheirZone_NotOnTheSettingsPageItself_NorOnceConfirmed()
    {
        using var client = Factory.ClientFor("headteacher@npq.example");

        var before = await Html.ReadAsync(await client.GetAsync("/webinars"));
        Assert.That(before.QuerySelector(".tz-prompt a[data-tz-guess-link]")?.GetAttribute("href"), Is.EqualTo("/settings/time-zone?returnUrl=%2Fwebinars"));
        Assert.That(before.QuerySelectorAll(".tz-prompt"), Has.Length.EqualTo(1));
        Assert.That((await Html.ReadAsync(await client.GetAsync("/settings/time-zone"))).QuerySelector(".tz-prompt"), Is.Null);
        Assert.That((await Html.ReadAsync(await Factory.CreateClient().GetAsync("/frameworks"))).QuerySelector(".tz-prompt"), Is.Null);

        var saved = await Forms.SubmitAsync(client, "/settings/time-zone", "form[action='/settings/time-zone']", new Dictionary<string, string> { ["timeZone"] = "Europe/London" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Html.ReadAsync(await client.GetAsync("/webinars"))).QuerySelector(".tz-prompt"), Is.Null);
    }
}
