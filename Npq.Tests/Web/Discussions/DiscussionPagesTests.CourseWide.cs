using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Discussions;
using Npq.Core.Notifications;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Discussions;

/// <summary>
/// The course-wide space itself (issue 21): a course of its own (NPQLTD) with a UK cohort (Uma), an international one
/// (Vic; Wes withdrawn) and that cohort's facilitator (Pearl). Ann and Olly are candidates of other courses. Each test
/// switches the space off again, whatever happens, so the other tests meet it off.
/// </summary>
public sealed partial class DiscussionPagesTests
{
    private const string Uma = "uma@course-space.example";
    private const string Vic = "vic@course-space.example";
    private const string Wes = "wes@course-space.example";
    private const string Pearl = "pearl@course-space.example";
    private const string Yan = "yan@course-space.example";

    private readonly Dictionary<string, int> _wide = [];
    private int _wideCourse;

    [OneTimeSetUp]
    public async Task ArrangeCourseWideSpace()
    {
        var build = new Build(Factory.Services);
        _wideCourse = await build.Cohorts.CourseAsync("npq-leading-teaching-development");
        var uk = await build.Cohorts.CohortAsync(_wideCourse, "LTD England");
        var international = await build.Cohorts.CohortAsync(_wideCourse, "LTD International", timeZone: "Asia/Dubai");
        _wide[Uma] = (await build.Cohorts.CandidateAsync(uk, Uma, "Uma Underwood")).UserId;
        _wide[Yan] = (await build.Cohorts.CandidateAsync(uk, Yan, "Yan Young")).UserId;
        _wide[Vic] = (await build.Cohorts.CandidateAsync(international, Vic, "Vic Vale")).UserId;
        var wes = await build.Cohorts.CandidateAsync(international, Wes, "Wes Withdrawn");
        _wide[Wes] = wes.UserId;
        await build.Cohorts.WithdrawAsync(wes.EnrolmentId);
        _wide[Pearl] = await build.People.MentorAsync(Pearl, "Pearl Pearce");
        await using var connection = await Service<IDbConnectionFactory>().OpenForWriteAsync();
        await connection.ExecuteAsync("INSERT INTO CohortFacilitators (CohortId, UserId) VALUES (@international, @pearl)", new { international, pearl = _wide[Pearl] });
    }

    private async Task<IReadOnlyDictionary<string, int>> CourseTopicsAsync(string who)
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(who).GetAsync($"/discussions/courses/{_wideCourse}"));
        return page.QuerySelectorAll("table.topics th[scope=row] a").ToDictionary(a => a.Text(), a => int.Parse(a.GetAttribute("href")!.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Every page and action of the course-wide space by id, as someone who may not read it meets it: 404 each.</summary>
    private async Task AssertNotFoundEverywhereAsync(string who, int topicId, int threadId, int postId, string attachmentUrl)
    {
        var client = Factory.ClientFor(who);
        var gets = new[]
        {
            $"/discussions/courses/{_wideCourse}", $"/discussions/courses/{_wideCourse}/moderation", $"/discussions/topics/{topicId}",
            $"/discussions/threads/{threadId}", $"/discussions/threads/{threadId}/unread", $"/discussions/threads/{threadId}/since?after=0",
            $"/discussions/posts/{postId}", $"/discussions/posts/{postId}/edit", attachmentUrl,
        };
        foreach (var url in gets)
        {
            Assert.That((await client.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{who} GET {url}");
        }

        var token = await Forms.TokenFromAsync(client, "/discussions/emails");
        var posts = new (string Url, Dictionary<string, string> Values)[]
        {
            ($"/discussions/courses/{_wideCourse}/read-all", []),
            ($"/discussions/topics/{topicId}/threads", new() { ["title"] = "Let me in", ["body"] = "Please" }),
            ($"/discussions/threads/{threadId}/replies", new() { ["body"] = "Let me in" }),
            ($"/discussions/topics/{topicId}/follow", new() { ["follow"] = "true" }),
            ($"/discussions/threads/{threadId}/follow", new() { ["follow"] = "true" }),
            ($"/discussions/posts/{postId}/edit", new() { ["body"] = "Changed" }),
            ($"/discussions/posts/{postId}/delete", []),
            ($"/discussions/posts/{postId}/helpful", []),
            ($"/discussions/posts/{postId}/report", new() { ["reason"] = "Spam" }),
            ($"/discussions/posts/{postId}/hide", new() { ["reason"] = "Spam" }),
            ($"/discussions/threads/{threadId}/lock", []),
        };
        foreach (var (url, values) in posts)
        {
            values[Forms.TokenField] = token;
            Assert.That((await client.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{who} POST {url}");
        }
    }

    private async Task WithCourseSpaceOnAsync(Func<Task> test)
    {
        Assert.That((await SwitchCourseSpaceAsync(_wideCourse, "true")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        try
        {
            await test();
        }
        finally
        {
            await SwitchCourseSpaceAsync(_wideCourse, "false");
        }
    }

    [Test]
    public async Task CourseWideSpace_OffByDefault_OnForEveryCohortOfTheCourse_OthersAndWithdrawn404ByEveryId_AndOffAgainHidesIt()
    {
        Assert.That((await Factory.ClientFor(Uma).GetAsync($"/discussions/courses/{_wideCourse}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "off by default");
        Assert.That((await Factory.ClientFor(Admin).GetAsync($"/discussions/courses/{_wideCourse}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "off: not even the admin");

        int topic = 0, thread = 0, post = 0;
        await WithCourseSpaceOnAsync(async () =>
        {
            var index = await Html.ReadAsync(await Factory.ClientFor(Uma).GetAsync("/discussions"));
            Assert.That(index.QuerySelector($"main a[href='/discussions/courses/{_wideCourse}']"), Is.Not.Null, "listed on the discussions page");
            var annIndex = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync("/discussions"));
            Assert.That(annIndex.QuerySelector($"main a[href='/discussions/courses/{_wideCourse}']"), Is.Null, "never to another course's candidate");

            var topics = await CourseTopicsAsync(Uma);
            Assert.That(topics.Keys, Is.EquivalentTo(new[] { "General", "Announcements" }));
            topic = topics["General"];
            thread = await StartThreadAsync(Uma, topic, "Hello from England", "Who else is doing NPQLTD? [[sc-lt-1]]");
            var reply = await ReplyAsync(Vic, thread, $"Greetings from Dubai, @[Uma Underwood]({_wide[Uma]}) and @[Ann Archer]({Users[Ann]})!");
            post = await ReplyAsync(Pearl, thread, "Welcome, both of you.");

            var space = await Html.ReadAsync(await Factory.ClientFor(Uma).GetAsync($"/discussions/courses/{_wideCourse}"));
            Assert.That(space.QuerySelector("main")!.Text(), Does.Contain("Times are in London time, the course's home zone"), "times are named");
            Assert.That(space.QuerySelector("form[action$='/read-all'] button")!.Text(), Does.Contain("2 unread"), "Uma has two unread replies");
            Assert.That((await Forms.SubmitAsync(Factory.ClientFor(Uma), $"/discussions/courses/{_wideCourse}", "form[action$='/read-all']", new Dictionary<string, string>())).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            var afterRead = await Html.ReadAsync(await Factory.ClientFor(Uma).GetAsync($"/discussions/courses/{_wideCourse}"));
            Assert.That(afterRead.QuerySelector("form[action$='/read-all'] button")!.Text(), Does.Not.Contain("unread"));

            var upload = await ReplyWithFilesAsync(Vic, thread, "My timetable.", ("Timetable.pdf", SampleFiles.Pdf));
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await upload.Content.ReadAsStringAsync());
            var attachment = await AttachmentLinkAsync(Uma, thread, PostIdFrom(upload));
            Assert.That((await Factory.ClientFor(Uma).GetAsync(attachment)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a reader of another cohort downloads it");

            var page = await Html.ReadAsync(await Factory.ClientFor(Vic).GetAsync($"/discussions/threads/{thread}"));
            var authors = page.QuerySelectorAll(".post .post-author").Select(a => a.Text()).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(authors[0], Does.StartWith("Uma Underwood").And.Contain("LTD England"), "the poster's cohort is shown");
                Assert.That(authors[1], Does.StartWith("Vic Vale").And.Contain("LTD International"));
                Assert.That(authors[2], Does.StartWith("Pearl Pearce").And.Contain(DiscussionText.CourseTeam));
                Assert.That(page.QuerySelector(".breadcrumbs a")!.GetAttribute("href"), Is.EqualTo($"/discussions/courses/{_wideCourse}"));
                Assert.That(page.QuerySelector(".post .post-body a.statement-link"), Is.Not.Null, "statement links work with the course's framework");
            });

            var offered = (await Html.ReadAsync(await Factory.ClientFor(Yan).GetAsync($"/discussions/threads/{thread}"))).QuerySelectorAll(".mention-picker option").Select(o => o.Text()).ToList();
            Assert.That(offered, Does.Contain("Uma Underwood").And.Contain("Vic Vale").And.Contain("Pearl Pearce"), "readers of every cohort of the course");
            Assert.That(offered, Does.Not.Contain("Ann Archer").And.Not.Contain("Wes Withdrawn").And.Not.Contain("Olly Other").And.Not.Contain("Fran Facilitator"));
            var umaNotes = await Service<INotificationRepository>().GetForUserAsync(_wide[Uma], 50);
            var annNotes = await Service<INotificationRepository>().GetForUserAsync(Users[Ann], 50);
            Assert.That(umaNotes.Where(n => n.Kind == "mention").Select(n => n.Link), Does.Contain($"/discussions/posts/{reply}"));
            Assert.That(annNotes.Where(n => n.Kind == "mention" && n.Link == $"/discussions/posts/{reply}"), Is.Empty, "a mention never reaches someone who cannot read the space");

            var live = JsonDocument.Parse(await (await Factory.ClientFor(Uma).GetAsync($"/discussions/threads/{thread}/since?after={reply - 1}")).Content.ReadAsStringAsync());
            Assert.That(live.RootElement.GetProperty("posts")[0].GetProperty("author").GetString(), Is.EqualTo("Vic Vale (LTD International)"), "live updates show the cohort too");

            Assert.That((await Factory.ClientFor(Pearl).GetAsync($"/discussions/courses/{_wideCourse}/moderation")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "facilitators of any cohort moderate");
            Assert.That((await Factory.ClientFor(Admin).GetAsync($"/discussions/courses/{_wideCourse}/moderation")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await Factory.ClientFor(Uma).GetAsync($"/discussions/courses/{_wideCourse}/moderation")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a candidate reads but does not moderate");

            foreach (var outsider in new[] { Ann, Olly, Wes, Fran })
            {
                await AssertNotFoundEverywhereAsync(outsider, topic, thread, post, attachment);
            }

            await SwitchCourseSpaceAsync(_wideCourse, "false");
            foreach (var insider in new[] { Uma, Vic, Pearl, Admin })
            {
                await AssertNotFoundEverywhereAsync(insider, topic, thread, post, attachment);
            }

            Assert.That((await Html.ReadAsync(await Factory.ClientFor(Uma).GetAsync("/discussions"))).QuerySelector($"main a[href='/discussions/courses/{_wideCourse}']"), Is.Null, "off: no longer listed");
        });

        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DiscussionPosts WHERE ThreadId = @thread", new { thread }), Is.EqualTo(4), "nothing an outsider sent was kept");

        // The poster's own data still holds their course-space posts, named by the course's space, while it is off.
        var download = await Factory.ClientFor(Vic).GetAsync("/my-data/download");
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(await download.Content.ReadAsByteArrayAsync()));
        var exported = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open()).RootElement.GetProperty("sections").GetProperty("discussion_posts").EnumerateArray()
            .Select(p => (p.GetProperty("Body").GetString(), p.GetProperty("Cohort").GetString())).ToList();
        Assert.That(exported, Does.Contain(("My timetable.", (string?)"Course npq-leading-teaching-development: all cohorts")));
    }

    [Test]
    public async Task CourseWideSpace_ReportsReachItsQueue_MovesStayInsideIt_AndDigestsAndNotesGoOnlyToItsReaders()
    {
        await WithCourseSpaceOnAsync(async () =>
        {
            var topics = await CourseTopicsAsync(Pearl);
            var thread = await StartThreadAsync(Yan, topics["General"], "Assessment dates", "When is everyone's final assessment?");
            await Forms.SubmitAsync(Factory.ClientFor(Vic), $"/discussions/threads/{thread}", "form[action$='/follow']", new Dictionary<string, string>());
            // Ann follows it from before (say, a link kept from elsewhere); she never reads the space.
            await Follows.FollowAsync(Users[Ann], FollowKind.Thread, thread, DateTime.UtcNow);
            foreach (var who in new[] { Vic, Ann })
            {
                var saved = await Forms.SubmitAsync(Factory.ClientFor(who), "/discussions/emails", "form[action='/discussions/emails']",
                    new Dictionary<string, string> { ["frequency"] = "Daily", ["localTime"] = "08:00", ["weekday"] = "Monday" });
                Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), who);
            }

            var reply = await ReplyAsync(Uma, thread, "Mine is in June.");
            await using (var connection = await Service<IDbConnectionFactory>().OpenForWriteAsync())
            {
                await connection.ExecuteAsync("UPDATE DiscussionDigestPreferences SET NextDigestUtc = @due WHERE UserId IN (@vic, @ann)", new { due = DateTime.UtcNow.AddMinutes(-1), vic = _wide[Vic], ann = Users[Ann] });
            }

            Assert.That((await Service<INotificationRepository>().GetForUserAsync(_wide[Vic], 50)).Count(n => n.Kind == "discussion-post" && n.Link == $"/discussions/posts/{reply}"), Is.EqualTo(1));
            Assert.That((await Service<INotificationRepository>().GetForUserAsync(Users[Ann], 200)).Count(n => n.Link == $"/discussions/posts/{reply}"), Is.Zero, "a follower who cannot read it is not told");

            await using (var scope = Factory.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<DiscussionDigests>().SendDueAsync();
            }

            await using (var connection = await Service<IDbConnectionFactory>().OpenAsync())
            {
                var vicMail = await connection.QueryAsync<string>("SELECT TextBody FROM MailOutbox WHERE RecipientUserId = @vic AND Subject LIKE '%in discussions you follow'", new { vic = _wide[Vic] });
                var annMail = await connection.QueryAsync<string>("SELECT TextBody FROM MailOutbox WHERE RecipientUserId = @ann", new { ann = Users[Ann] });
                Assert.That(vicMail.Single(), Does.Contain($"#post-{reply}").And.Contain("Mine is in June."), "a reader's digest has the course-space post");
                Assert.That(annMail.Where(b => b.Contains("Mine is in June.", StringComparison.Ordinal)), Is.Empty, "never a non-reader's");
            }

            var report = await Forms.SubmitAsync(Factory.ClientFor(Vic), $"/discussions/threads/{thread}", $"form[action='/discussions/posts/{reply}/report']", new Dictionary<string, string> { ["reason"] = "Off topic" });
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            var queue = await Html.ReadAsync(await Factory.ClientFor(Pearl).GetAsync($"/discussions/courses/{_wideCourse}/moderation"));
            Assert.That(queue.QuerySelector("main")!.Text(), Does.Contain("Off topic").And.Contain("Mine is in June."), "the course-space report is in its queue");
            var hide = await Forms.SubmitAsync(Factory.ClientFor(Pearl), $"/discussions/courses/{_wideCourse}/moderation", $"form[action='/discussions/posts/{reply}/hide']", new Dictionary<string, string> { ["reason"] = "Please keep to the topic" });
            Assert.That(hide.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(hide.Headers.Location!.OriginalString, Does.StartWith($"/discussions/courses/{_wideCourse}/moderation"));
            var seen = await Html.ReadAsync(await Factory.ClientFor(Vic).GetAsync($"/discussions/threads/{thread}"));
            Assert.That(seen.QuerySelector($"#post-{reply}")!.Text(), Does.Not.Contain("Mine is in June."), "hidden from other readers");

            var cohortGeneral = (await TopicsAsync())["General"];
            var page = await Html.ReadAsync(await Factory.ClientFor(Admin).GetAsync($"/discussions/threads/{thread}"));
            var targets = page.QuerySelectorAll("form[action$='/move'] option").Select(o => o.GetAttribute("value")).ToList();
            Assert.That(targets, Does.Contain(topics["Announcements"].ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Not.Contain(cohortGeneral.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var token = await Forms.TokenFromAsync(Factory.ClientFor(Admin), $"/discussions/threads/{thread}");
            await Factory.ClientFor(Admin).PostAsync($"/discussions/threads/{thread}/move", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["topicId"] = cohortGeneral.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            Assert.That((await Service<IDiscussionRepository>().GetThreadAsync(thread))!.TopicId, Is.EqualTo(topics["General"]), "never moved into a cohort's space");
            var moved = await Forms.SubmitAsync(Factory.ClientFor(Admin), $"/discussions/threads/{thread}", "form[action$='/move']", new Dictionary<string, string> { ["topicId"] = topics["Announcements"].ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That((await Service<IDiscussionRepository>().GetThreadAsync(thread))!.TopicId, Is.EqualTo(topics["Announcements"]), "moved within the course-wide space");
        });
    }
}
