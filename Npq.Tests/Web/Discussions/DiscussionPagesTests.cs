using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Npq.Core.Notifications;

namespace Npq.Tests.Web.Discussions;

/// <summary>Spaces, threads and replies, live updates, unread counts and mentions, through the pages, as each person sees them.</summary>
public sealed partial class DiscussionPagesTests : DiscussionsWebTest
{
    [Test]
    public async Task Space_HasAnnouncementsGeneralAndATopicPerModule_ForCandidatesFacilitatorsAndAdmins()
    {
        foreach (var who in new[] { Ann, Fran, Admin })
        {
            var topics = await TopicsAsync(who: who);
            Assert.That(topics.Keys.Where(k => !k.StartsWith("Study group", StringComparison.Ordinal)), Is.EqualTo(new[] { "Announcements", "General", "Module 1: School culture" }), who);
        }
    }

    [Test]
    public async Task Candidate_StartsAThread_AnotherReplies_BothReadIt()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Ann, general, "Culture audits", "How did you **start** yours?");
        var reply = await ReplyAsync(Ben, thread, "With a staff survey.");

        var page = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}"));
        Assert.Multiple(() =>
        {
            Assert.That(page.QuerySelector("h1").Text(), Is.EqualTo("Culture audits"));
            Assert.That(page.QuerySelector(".post .post-body strong").Text(), Is.EqualTo("start"));
            Assert.That(page.QuerySelector($"#post-{reply} .post-author").Text(), Does.StartWith("Ben Brown"));
            Assert.That(page.QuerySelector($"#post-{reply} .post-meta").Text(), Does.Contain("London time"));
        });
    }

    [Test]
    public async Task AnotherCohortsCandidate_GetsNotFound_ForTheSpaceTopicThreadPostAndLiveUpdates()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Cat, general, "Only for us", "Private to the cohort.");
        var olly = Factory.ClientFor(Olly);
        foreach (var url in new[] { $"/discussions/{CohortId}", $"/discussions/topics/{general}", $"/discussions/threads/{thread}", $"/discussions/threads/{thread}/since?after=0", $"/discussions/threads/{thread}/unread" })
        {
            Assert.That((await olly.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }

        var token = await Forms.TokenFromAsync(olly, $"/discussions/{OtherCohortId}");
        var reply = await olly.PostAsync($"/discussions/threads/{thread}/replies", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["body"] = "Let me in" }));
        Assert.That(reply.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Factory.ClientFor(Olly).GetAsync("/discussions")).Headers.Location?.OriginalString, Is.EqualTo($"/discussions/{OtherCohortId}"));
    }

    [Test]
    public async Task WithdrawnCandidate_ReadsNothing()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Cat, general, "Before you left", "Hello.");
        var wendy = Factory.ClientFor(Wendy);

        var list = await wendy.GetAsync("/discussions");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), "no space to go to");
        Assert.That((await Html.ReadAsync(list)).QuerySelectorAll(".cards a"), Is.Empty);
        foreach (var url in new[] { $"/discussions/{CohortId}", $"/discussions/topics/{general}", $"/discussions/threads/{thread}" })
        {
            Assert.That((await wendy.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }
    }

    [Test]
    public async Task UserText_InTitleBodyAndMention_IsInert()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Dev, general, "Title " + Xss, $"Body {Xss} [link](javascript:alert(1)) @[{Xss}]({Users[Ann]})");

        var html = await (await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}")).Content.ReadAsStringAsync();
        var page = Html.Parse(html);
        Assert.Multiple(() =>
        {
            Assert.That(page.QuerySelector("h1").Text(), Does.Contain("<script>"), "the title shows as text");
            Assert.That(page.QuerySelectorAll("main script"), Is.Empty);
            Assert.That(page.QuerySelectorAll("[onerror]"), Is.Empty);
            Assert.That(page.QuerySelectorAll("a[href^='javascript']"), Is.Empty);
        });
    }

    [Test]
    public async Task Forms_WithoutTheAntiforgeryToken_AreRefused()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Dev, general, "Tokens", "Hello.");
        var client = Factory.ClientFor(Dev);

        var reply = await client.PostAsync($"/discussions/threads/{thread}/replies", new FormUrlEncodedContent(new Dictionary<string, string> { ["body"] = "No token" }));
        var start = await client.PostAsync($"/discussions/topics/{general}/threads", new FormUrlEncodedContent(new Dictionary<string, string> { ["title"] = "x", ["body"] = "y" }));

        Assert.That(new[] { reply.StatusCode, start.StatusCode }, Is.All.EqualTo(HttpStatusCode.BadRequest));
        var page = await Html.ReadAsync(await client.GetAsync($"/discussions/threads/{thread}"));
        Assert.That(page.QuerySelectorAll(".post"), Has.Length.EqualTo(1), "nothing was posted");
    }

    [Test]
    public async Task Announcements_OnlyModeratorsPost_AndEveryoneIsNotified()
    {
        var announcements = (await TopicsAsync())["Announcements"];
        var ann = Factory.ClientFor(Ann);
        var token = await Forms.TokenFromAsync(ann, $"/discussions/{CohortId}");
        Assert.That((await Html.ReadAsync(await ann.GetAsync($"/discussions/topics/{announcements}"))).QuerySelector("form[action$='/threads']"), Is.Null, "a candidate is offered no form");
        var refused = await ann.PostAsync($"/discussions/topics/{announcements}/threads",
            new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["title"] = "Not mine to say", ["body"] = "Hello." }));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));

        var thread = await StartThreadAsync(Fran, announcements, "Webinar moved", "Now on Thursday.");

        var notes = await Service<INotificationRepository>().GetForUserAsync(Users[Gus], 50);
        Assert.That(notes.Select(n => (n.Kind, n.Title)), Does.Contain(("announcement", "Announcement: Webinar moved")));
        Assert.That((await Service<INotificationRepository>().GetForUserAsync(Users[Olly], 50)).Select(n => n.Title), Has.None.Contains("Webinar moved"));
        var page = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}"));
        Assert.That(page.QuerySelector("form[action$='/replies']"), Is.Null);
    }

    [Test]
    public async Task Mention_NotifiesAReaderOfTheSpace_NeverSomeoneOutsideIt()
    {
        var module = (await TopicsAsync())["Module 1: School culture"];
        var thread = await StartThreadAsync(Eve, module, "Reading group", "Anyone?");
        await ReplyAsync(Dev, thread, $"@Gus Green and @[Olly Other]({Users[Olly]}) what do you think?");

        var gus = await Service<INotificationRepository>().GetForUserAsync(Users[Gus], 50);
        var olly = await Service<INotificationRepository>().GetForUserAsync(Users[Olly], 50);
        Assert.That(gus.Where(n => n.Kind == "mention").Select(n => n.Title), Does.Contain("You were mentioned in Reading group"));
        Assert.That(olly.Where(n => n.Kind == "mention"), Is.Empty);
        var link = gus.First(n => n.Kind == "mention").Link!;
        var go = await Factory.ClientFor(Gus).GetAsync(link);
        Assert.That(go.Headers.Location!.OriginalString, Does.StartWith($"/discussions/threads/{thread}?page=1#post-"));
    }

    [Test]
    public async Task PersonalDataZip_HoldsThePersonsPosts()
    {
        var general = (await TopicsAsync())["General"];
        await StartThreadAsync(Eve, general, "Data rights", "Zebra-crossing duty rota.");

        var response = await Factory.ClientFor(Eve).GetAsync("/my-data/download");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var sections = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open()).RootElement.GetProperty("sections");

        Assert.That(sections.GetProperty("discussion_posts").EnumerateArray().Select(p => p.GetProperty("Body").GetString()), Does.Contain("Zebra-crossing duty rota."));
        Assert.That(sections.GetProperty("discussion_threads_started").EnumerateArray().Select(p => p.GetProperty("Title").GetString()), Does.Contain("Data rights"));
    }

    [Test]
    public async Task MentionPicker_OffersOnlyReadersOfTheSpace()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Gus, general, "Who can I mention?", "Let us see.");

        var page = await Html.ReadAsync(await Factory.ClientFor(Gus).GetAsync($"/discussions/threads/{thread}"));
        var offered = page.QuerySelectorAll(".mention-picker option").Select(o => o.Text()).ToList();
        Assert.That(offered, Does.Contain("Ben Brown").And.Contain("Fran Facilitator"));
        Assert.That(offered, Does.Not.Contain("Olly Other").And.Not.Contain("Wendy Withdrawn").And.Not.Contain("Gus Green"));
    }

    [Test]
    public async Task Since_GivesThePostsAfterTheLastOneSeen_AsJsonWithSafeHtml()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Gus, general, "Live", "First.");
        var page = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}"));
        var last = int.Parse(page.QuerySelector("#posts")!.GetAttribute("data-last")!, System.Globalization.CultureInfo.InvariantCulture);
        var reply = await ReplyAsync(Cat, thread, "Second <script>x</script> *now*");

        var json = JsonDocument.Parse(await (await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}/since?after={last}")).Content.ReadAsStringAsync());
        var posts = json.RootElement.GetProperty("posts").EnumerateArray().ToList();
        Assert.That(posts.Select(p => p.GetProperty("id").GetInt32()), Is.EqualTo(new[] { reply }));
        Assert.That(posts[0].GetProperty("author").GetString(), Is.EqualTo("Cat Cole"));
        Assert.That(posts[0].GetProperty("html").GetString(), Does.Contain("<em>now</em>").And.Not.Contain("<script"));
    }

    [Test]
    public async Task Unread_CountsOthersPosts_JumpsToTheFirst_AndMarkAllReadClearsThem()
    {
        var module = (await TopicsAsync())["Module 1: School culture"];
        var thread = await StartThreadAsync(Cat, module, "Unread please", "One.");
        var firstUnread = await ReplyAsync(Dev, thread, "Two.");
        await ReplyAsync(Eve, thread, "Three.");
        var ben = Factory.ClientFor(Ben);

        var topics = await Html.ReadAsync(await ben.GetAsync($"/discussions/topics/{module}"));
        var line = topics.QuerySelectorAll(".thread-line").Single(l => l.QuerySelector("h2").Text().StartsWith("Unread please", StringComparison.Ordinal));
        Assert.That(line.Text(), Does.Contain("3 unread"));
        var jump = await ben.GetAsync($"/discussions/threads/{thread}/unread");
        Assert.That(jump.Headers.Location!.OriginalString, Does.EndWith($"#post-{(await FirstPostAsync(thread))}"), "nothing read yet: the opening post");

        await ben.GetAsync($"/discussions/threads/{thread}");
        var afterReading = await Html.ReadAsync(await ben.GetAsync($"/discussions/topics/{module}"));
        Assert.That(afterReading.QuerySelectorAll(".thread-line").Single(l => l.QuerySelector("h2").Text().StartsWith("Unread please", StringComparison.Ordinal)).Text(), Does.Not.Contain("unread"));

        await ReplyAsync(Gus, thread, "Four.");
        Assert.That((await TopicsAsync(who: Ben)).ContainsKey("Module 1: School culture"));
        var space = await Html.ReadAsync(await ben.GetAsync($"/discussions/{CohortId}"));
        Assert.That(space.QuerySelector("table.topics").Text(), Does.Contain("unread"));
        var markAll = await Forms.SubmitAsync(ben, $"/discussions/{CohortId}", "form[action$='/read-all']", new Dictionary<string, string>());
        Assert.That(markAll.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cleared = await Html.ReadAsync(await ben.GetAsync($"/discussions/{CohortId}"));
        Assert.That(cleared.QuerySelector("table.topics").Text(), Does.Not.Contain("unread"));
        Assert.That(firstUnread, Is.GreaterThan(0));
    }

    [Test]
    public async Task RateLimit_TheSixthPostInAMinute_IsHeldBackWithAClearMessage_AndTheTextKept()
    {
        var general = (await TopicsAsync())["General"];
        var rater = "rater@discuss.example";
        var build = new Npq.Tests.Builders.Build(Factory.Services);
        await build.Cohorts.EnrolAsync(CohortId, await build.People.CandidateAsync(rater, "Rae Rater"));
        var thread = await StartThreadAsync(rater, general, "Quick fire", "One.");
        for (var i = 2; i <= 5; i++)
        {
            await ReplyAsync(rater, thread, $"Post {i}.");
        }

        var sixth = await PostReplyAsync(rater, thread, "Post six, kept.");

        Assert.That(sixth.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        var page = await Html.ReadAsync(sixth);
        Assert.That(page.QuerySelector(".error-summary").Text(), Does.Contain("You have posted 5 times in the last minute"));
        Assert.That(page.QuerySelector("textarea#body")!.TextContent, Is.EqualTo("Post six, kept."));
    }

    [Test]
    public async Task EmptyReply_Answers400_WithTheMessageBesideTheField()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Ann, general, "Empty", "Hello.");

        var response = await PostReplyAsync(Ann, thread, "   ");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(response)).QuerySelector("#body-error").Text(), Does.Contain("Write something to post."));
    }

    [Test]
    public async Task DemoSpace_HasAnAnnouncementModuleThreadsTwoGroupsAReportAndUnreadRepliesForAmira()
    {
        var amira = Factory.ClientFor("candidate1@npq.example");
        var cohortPath = await DemoCohortSpaceAsync(amira);
        var space = await Html.ReadAsync(await amira.GetAsync(cohortPath));
        var rows = space.QuerySelectorAll("table.topics tbody tr").ToDictionary(r => r.QuerySelector("th a").Text(), r => r.Text());
        Assert.Multiple(() =>
        {
            Assert.That(rows["Announcements"], Does.Contain("unread"));
            Assert.That(rows.Where(r => r.Key.StartsWith("Module", StringComparison.Ordinal)).Count(r => r.Value.Contains("unread", StringComparison.Ordinal)), Is.EqualTo(2));
            Assert.That(rows.Keys.Count(k => k.StartsWith("Study group", StringComparison.Ordinal)), Is.EqualTo(1), "Amira reads her own group only");
        });
        var cohortId = cohortPath.Split('/')[^1];
        var queue = await Html.ReadAsync(await Factory.ClientFor("mentor@npq.example").GetAsync($"/discussions/{cohortId}/moderation"));
        Assert.That(queue.QuerySelectorAll(".report"), Has.Length.EqualTo(1));
        var groups = await Html.ReadAsync(await Factory.ClientFor("mentor@npq.example").GetAsync($"/discussions/{cohortId}/groups"));
        Assert.That(groups.QuerySelectorAll("main h2").Count(h => h.Text().StartsWith("Study group", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    /// <summary>
    /// The demo candidate's cohort's space, from the discussions page, which lists it and (the demo switches it on) the
    /// NPQSL course-wide space: two spaces, so no longer a redirect.
    /// </summary>
    private static async Task<string> DemoCohortSpaceAsync(HttpClient candidate)
    {
        var index = await Html.ReadAsync(await candidate.GetAsync("/discussions"));
        var links = index.QuerySelectorAll("main ul.cards h2 a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.That(links.Count(l => l.StartsWith("/discussions/courses/", StringComparison.Ordinal)), Is.EqualTo(1), "the demo course-wide space is listed");
        return links.Single(l => !l.StartsWith("/discussions/courses/", StringComparison.Ordinal));
    }

    [Test]
    public async Task DemoCourseWideSpace_IsOn_AmiraAndBenMeetThere_EachPostWithItsCohort()
    {
        var amira = Factory.ClientFor("candidate1@npq.example");
        var index = await Html.ReadAsync(await amira.GetAsync("/discussions"));
        var course = index.QuerySelectorAll("main ul.cards h2 a").Select(a => a.GetAttribute("href")!).Single(l => l.StartsWith("/discussions/courses/", StringComparison.Ordinal));
        var space = await Html.ReadAsync(await amira.GetAsync(course));
        var general = space.QuerySelectorAll("table.topics th[scope=row] a").Single(a => a.Text() == "General").GetAttribute("href")!;
        var topic = await Html.ReadAsync(await Factory.ClientFor("candidate2@npq.example").GetAsync(general));
        var hello = topic.QuerySelectorAll("main a").First(a => a.Text() == "Hello from Dubai").GetAttribute("href")!;
        var thread = await Html.ReadAsync(await Factory.ClientFor("candidate2@npq.example").GetAsync(hello));
        var authors = thread.QuerySelectorAll(".post .post-author").Select(a => a.Text()).ToList();
        Assert.That(authors, Has.Count.EqualTo(2));
        Assert.That(authors[0], Does.StartWith("Amira Haddad").And.Contain("International"));
        Assert.That(authors[1], Does.StartWith("Ben Carter").And.Contain("Riverside"));
    }

    private async Task<int> FirstPostAsync(int thread)
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Admin).GetAsync($"/discussions/threads/{thread}?page=1"));
        return int.Parse(page.QuerySelector(".post")!.Id!["post-".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
