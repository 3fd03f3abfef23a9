using System.Net;
using Npq.Core.Auditing;

namespace Npq.Tests.Web.Discussions;

/// <summary>Editing, deleting, helpful marks and answers; reports and moderation; study groups.</summary>
public sealed partial class DiscussionPagesTests
{
    private const string Mod1 = "mod1@discuss.example";
    private const string Mod2 = "mod2@discuss.example";

    [Test]
    public async Task Edit_ByTheAuthor_MarksItEdited_AndOthersCannotEdit()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Gus, general, "Typos", "Teh first version.");
        var post = await FirstPostAsync(thread);

        Assert.That((await Factory.ClientFor(Ben).GetAsync($"/discussions/posts/{post}/edit")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var saved = await Forms.SubmitAsync(Factory.ClientFor(Gus), $"/discussions/posts/{post}/edit", "form[action$='/edit']", new Dictionary<string, string> { ["body"] = "The second version." });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var asBen = await Html.ReadAsync(await Factory.ClientFor(Ben).GetAsync($"/discussions/threads/{thread}"));
        Assert.That(asBen.QuerySelector($"#post-{post} .post-body").Text(), Is.EqualTo("The second version."));
        Assert.That(asBen.QuerySelector($"#post-{post} .post-meta").Text(), Does.Contain("Edited"));
        Assert.That(asBen.QuerySelector($"#post-{post} .post-history"), Is.Null, "only moderators see earlier versions");
        var asFran = await Html.ReadAsync(await Factory.ClientFor(Fran).GetAsync($"/discussions/threads/{thread}"));
        Assert.That(asFran.QuerySelector($"#post-{post} .post-history").Text(), Does.Contain("Teh first version."));
    }

    [Test]
    public async Task Delete_Own_LeavesDeletedByItsAuthor_AndHelpfulAndAnswerMarksShow()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Ben, general, "Which framework?", "Any ideas?");
        var good = await ReplyAsync(Cat, thread, "Try the EEF guide.");
        var regret = await ReplyAsync(Eve, thread, "Something I regret.");

        var cat = Factory.ClientFor(Cat);
        var token = await Forms.TokenFromAsync(cat, $"/discussions/threads/{thread}");
        Assert.That((await cat.PostAsync($"/discussions/posts/{regret}/delete", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token }))).StatusCode,
            Is.EqualTo(HttpStatusCode.Forbidden), "only its author deletes a post");
        await Forms.SubmitAsync(Factory.ClientFor(Eve), $"/discussions/threads/{thread}", $"form[action='/discussions/posts/{regret}/delete']", new Dictionary<string, string>());
        await Forms.SubmitAsync(Factory.ClientFor(Gus), $"/discussions/threads/{thread}", $"form[action='/discussions/posts/{good}/helpful']", new Dictionary<string, string>());
        await Forms.SubmitAsync(Factory.ClientFor(Ben), $"/discussions/threads/{thread}", $"form[action='/discussions/posts/{good}/answer']", new Dictionary<string, string>());

        var page = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}"));
        Assert.Multiple(() =>
        {
            Assert.That(page.QuerySelector($"#post-{regret} .post-state").Text(), Is.EqualTo("Deleted by its author."));
            Assert.That(page.QuerySelector($"#post-{regret}").Text(), Does.Not.Contain("regret"));
            Assert.That(page.QuerySelector($"#post-{good} .post-meta").Text(), Does.Contain("Answer").And.Contain("1 found this helpful"));
        });
    }

    [Test]
    public async Task Report_GoesToTheQueue_AFacilitatorHidesIt_TheAuthorSeesTheReason_AndItIsAudited()
    {
        var build = new Npq.Tests.Builders.Build(Factory.Services);
        await build.Cohorts.EnrolAsync(CohortId, await build.People.CandidateAsync(Mod1, "Mo Rude"));
        await build.Cohorts.EnrolAsync(CohortId, await build.People.CandidateAsync(Mod2, "Rita Reporter"));
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Mod2, general, "Behaviour policies", "Share yours?");
        var rude = await ReplyAsync(Mod1, thread, "Something unkind.");

        Assert.That((await Factory.ClientFor(Mod2).GetAsync($"/discussions/{CohortId}/moderation")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var reported = await Forms.SubmitAsync(Factory.ClientFor(Mod2), $"/discussions/threads/{thread}", $"form[action='/discussions/posts/{rude}/report']", new Dictionary<string, string> { ["reason"] = "Unkind" });
        Assert.That(reported.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var queue = await Html.ReadAsync(await Factory.ClientFor(Fran).GetAsync($"/discussions/{CohortId}/moderation"));
        Assert.That(queue.QuerySelectorAll(".report h2").Select(h => h.Text()), Does.Contain("Mo Rude in Behaviour policies"));

        var empty = await Forms.SubmitAsync(Factory.ClientFor(Fran), $"/discussions/{CohortId}/moderation", $"form[action='/discussions/posts/{rude}/hide']", new Dictionary<string, string> { ["reason"] = " " });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var hidden = await Forms.SubmitAsync(Factory.ClientFor(Fran), $"/discussions/{CohortId}/moderation", $"form[action='/discussions/posts/{rude}/hide']", new Dictionary<string, string> { ["reason"] = "Please keep it kind" });
        Assert.That(hidden.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var asAuthor = await Html.ReadAsync(await Factory.ClientFor(Mod1).GetAsync($"/discussions/threads/{thread}"));
        var asOther = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}"));
        Assert.Multiple(async () =>
        {
            Assert.That(asAuthor.QuerySelector($"#post-{rude} .post-state").Text(), Does.Contain("Reason: Please keep it kind"));
            Assert.That(asOther.QuerySelector($"#post-{rude}").Text(), Does.Contain("Hidden by a moderator.").And.Not.Contain("unkind").And.Not.Contain("Please keep"));
            var after = await Html.ReadAsync(await Factory.ClientFor(Fran).GetAsync($"/discussions/{CohortId}/moderation"));
            Assert.That(after.QuerySelectorAll(".report h2").Select(h => h.Text()), Does.Not.Contain("Mo Rude in Behaviour policies"));
            var entries = (await Service<IAuditLogReader>().FilterAsync(new AuditFilter("discussions.post-hidden", Users[Fran], null, null), 0, 10)).Entries;
            Assert.That(entries.Select(e => e.Subject), Does.Contain("post:" + rude));
        });
    }

    [Test]
    public async Task LockPinAndMove_ByAFacilitator_AreAudited_AndALockedThreadTakesNoCandidateReplies()
    {
        var topics = await TopicsAsync();
        var thread = await StartThreadAsync(Ann, topics["General"], "Move me", "Belongs in module 1.");
        var fran = Factory.ClientFor(Fran);

        Assert.That((await Forms.SubmitAsync(fran, $"/discussions/threads/{thread}", "form[action$='/lock']", new Dictionary<string, string>())).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await Forms.SubmitAsync(fran, $"/discussions/threads/{thread}", "form[action$='/pin']", new Dictionary<string, string>());
        await Forms.SubmitAsync(fran, $"/discussions/threads/{thread}", "form[action$='/move']", new Dictionary<string, string> { ["topicId"] = topics["Module 1: School culture"].ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var moduleTopic = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/topics/{topics["Module 1: School culture"]}"));
        var first = moduleTopic.QuerySelector(".thread-line h2")!;
        Assert.That(first.Text(), Does.StartWith("Move me").And.Contain("Pinned").And.Contain("Locked"));
        var ann = Factory.ClientFor(Ann);
        var token = await Forms.TokenFromAsync(ann, $"/discussions/{CohortId}");
        var refused = await ann.PostAsync($"/discussions/threads/{thread}/replies", new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["body"] = "Still?" }));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var actions = (await Service<IAuditLogReader>().FilterAsync(new AuditFilter(null, Users[Fran], null, null), 0, 50)).Entries.Where(e => e.Subject == "thread:" + thread).Select(e => e.Action);
        Assert.That(actions, Is.SupersetOf(new[] { "discussions.thread-locked", "discussions.thread-pinned", "discussions.thread-moved" }));
        Assert.That((await Forms.SubmitAsync(Factory.ClientFor(Ben), $"/discussions/{CohortId}", "form[action$='/read-all']", new Dictionary<string, string>())).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task StudyGroups_SplitEvenly_AndAGroupsSpaceIsReadOnlyByItsMembersFacilitatorsAndAdmins()
    {
        Assert.That((await Factory.ClientFor(Ann).GetAsync($"/discussions/{CohortId}/groups")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var bad = await Forms.SubmitAsync(Factory.ClientFor(Fran), $"/discussions/{CohortId}/groups", "form[action$='/split']", new Dictionary<string, string> { ["count"] = "lots" });
        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var split = await Forms.SubmitAsync(Factory.ClientFor(Fran), $"/discussions/{CohortId}/groups", "form[action$='/split']", new Dictionary<string, string> { ["count"] = "2" });
        Assert.That(split.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var groups = await Html.ReadAsync(await Factory.ClientFor(Fran).GetAsync($"/discussions/{CohortId}/groups"));
        var sizes = groups.QuerySelectorAll("main h2").Select(h => h.Text()).Where(t => t.StartsWith("Study group", StringComparison.Ordinal)).ToList();
        Assert.That(sizes, Has.Count.EqualTo(2));
        var options = groups.QuerySelector($"#group-{Users[Ann]}")!.QuerySelectorAll("option").Skip(1).Select(o => o.GetAttribute("value")!).ToList();
        await Forms.SubmitAsync(Factory.ClientFor(Fran), $"/discussions/{CohortId}/groups", $"form:has(#group-{Users[Ann]})", new Dictionary<string, string> { ["groupId"] = options[0] });
        await Forms.SubmitAsync(Factory.ClientFor(Fran), $"/discussions/{CohortId}/groups", $"form:has(#group-{Users[Ben]})", new Dictionary<string, string> { ["groupId"] = options[1] });

        var annTopics = await TopicsAsync(who: Ann);
        var mine = annTopics.Single(t => t.Key.StartsWith("Study group", StringComparison.Ordinal));
        Assert.That((await TopicsAsync(who: Admin)).Keys.Count(k => k.StartsWith("Study group", StringComparison.Ordinal)), Is.EqualTo(2), "the admin reads every group");
        var thread = await StartThreadAsync(Ann, mine.Value, "Our group", "Just us.");
        Assert.Multiple(async () =>
        {
            Assert.That((await Factory.ClientFor(Ben).GetAsync($"/discussions/topics/{mine.Value}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Factory.ClientFor(Ben).GetAsync($"/discussions/threads/{thread}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await Factory.ClientFor(Fran).GetAsync($"/discussions/threads/{thread}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var again = await Html.ReadAsync(await Factory.ClientFor(Fran).GetAsync($"/discussions/{CohortId}/groups"));
            Assert.That(again.QuerySelector("form[action$='/split']"), Is.Null, "posted to: the groups are kept");
        });
    }
}
