using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Discussions;
using Npq.Core.Notifications;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Discussions;

/// <summary>Following topics and threads, notifications to followers, discussion emails: immediate mails and digests.</summary>
public sealed partial class DiscussionPagesTests
{
    private const string Hal = "hal@discuss.example";
    private const string Ivy = "ivy@discuss.example";
    private const string Jo = "jo@discuss.example";
    private const string Kim = "kim@discuss.example";
    private const string Lea = "lea@discuss.example";
    private const string Max = "max@discuss.example";

    private readonly Dictionary<string, (int UserId, int EnrolmentId)> _followers = [];

    [OneTimeSetUp]
    public async Task ArrangeFollowers()
    {
        var build = new Build(Factory.Services);
        foreach (var (email, name) in new[] { (Hal, "Hal Hill"), (Ivy, "Ivy Irwin"), (Jo, "Jo Jones"), (Kim, "Kim King"), (Lea, "Lea Lamb"), (Max, "Max Moss") })
        {
            var enrolled = await build.Cohorts.CandidateAsync(CohortId, email, name);
            _followers[email] = (enrolled.UserId, enrolled.EnrolmentId);
        }
    }

    [Test]
    public async Task FollowButton_OnTopicAndThread_ShowsItsState_AndTogglesBothWays_AnotherCohortGets404()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Lea, general, "Follow me", "Anyone?");
        var hal = Factory.ClientFor(Hal);

        foreach (var (page, what) in new[] { ($"/discussions/topics/{general}", "topic"), ($"/discussions/threads/{thread}", "thread") })
        {
            Assert.That((await Html.ReadAsync(await hal.GetAsync(page))).QuerySelector(".follow button").Text(), Is.EqualTo($"Follow this {what}"), page);
            var on = await Forms.SubmitAsync(hal, page, "form[action$='/follow']", new Dictionary<string, string>());
            Assert.That(on.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), page);
            var after = await Html.ReadAsync(await hal.GetAsync(page));
            Assert.That(after.QuerySelector(".follow button").Text(), Is.EqualTo($"Stop following this {what}"), page);
            Assert.That(after.QuerySelector(".follow .follow-state").Text(), Does.StartWith("Following"), page);
            await Forms.SubmitAsync(hal, page, "form[action$='/follow']", new Dictionary<string, string>());
            Assert.That((await Html.ReadAsync(await hal.GetAsync(page))).QuerySelector(".follow button").Text(), Is.EqualTo($"Follow this {what}"), page);
        }

        var olly = Factory.ClientFor(Olly);
        var token = await Forms.TokenFromAsync(olly, $"/discussions/{OtherCohortId}");
        foreach (var url in new[] { $"/discussions/topics/{general}/follow", $"/discussions/threads/{thread}/follow" })
        {
            var refused = await olly.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { [Forms.TokenField] = token, ["follow"] = "true" }));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }

        Assert.That(await Follows.IsFollowingAsync(_followers[Lea].UserId, FollowKind.Thread, thread), Is.True, "starting a thread follows it");
    }

    [Test]
    public async Task NewPost_TellsFollowersOfTheThreadAndTopic_NotTheAuthor_NorAFollowerWhoWithdrew()
    {
        var module = (await TopicsAsync())["Module 1: School culture"];
        var thread = await StartThreadAsync(Ivy, module, "Walking the corridors", "What did you see?");
        await Forms.SubmitAsync(Factory.ClientFor(Hal), $"/discussions/topics/{module}", "form[action$='/follow']", new Dictionary<string, string>());
        await Forms.SubmitAsync(Factory.ClientFor(Kim), $"/discussions/threads/{thread}", "form[action$='/follow']", new Dictionary<string, string>());
        await new Build(Factory.Services).Cohorts.WithdrawAsync(_followers[Kim].EnrolmentId);

        var reply = await ReplyAsync(Jo, thread, "Queues at the canteen.");

        var link = $"/discussions/posts/{reply}";
        Assert.Multiple(async () =>
        {
            Assert.That(await FollowNotesAsync(Ivy, link), Is.EqualTo(1), "the thread's starter follows it");
            Assert.That(await FollowNotesAsync(Hal, link), Is.EqualTo(1), "the topic's follower");
            Assert.That(await FollowNotesAsync(Jo, link), Is.Zero, "never the author");
            Assert.That(await FollowNotesAsync(Kim, link), Is.Zero, "withdrawn since following");
        });

        var answer = await ReplyAsync(Ivy, thread, "Thanks!");
        Assert.That(await FollowNotesAsync(Jo, $"/discussions/posts/{answer}"), Is.EqualTo(1), "replying followed the thread");
        Assert.That(await FollowNotesAsync(Ivy, $"/discussions/posts/{answer}"), Is.Zero);
        var list = await Html.ReadAsync(await Factory.ClientFor(Jo).GetAsync("/notifications"));
        Assert.That(list.QuerySelector($"a[href='/discussions/posts/{answer}']").Text(), Is.EqualTo("New post in Walking the corridors"));
    }

    [Test]
    public async Task Digest_PutsOneMailPerPerson_LinkingStraightToEachPost_WithNothingHiddenOrFromASpaceTheyCannotRead()
    {
        var general = (await TopicsAsync())["General"];
        var saved = await Forms.SubmitAsync(Factory.ClientFor(Hal), "/discussions/emails", "form[action='/discussions/emails']",
            new Dictionary<string, string> { ["frequency"] = "Daily", ["localTime"] = "07:30", ["weekday"] = "Monday" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var emailsPage = await Html.ReadAsync(await Factory.ClientFor(Hal).GetAsync("/discussions/emails"));
        Assert.That(emailsPage.QuerySelector("#frequency-Daily")!.HasAttribute("checked"), Is.True);
        Assert.That(emailsPage.QuerySelector("main, body")!.TextContent, Does.Contain("07:30"));

        var thread = await StartThreadAsync(Max, general, "Digest me", "Opening post");
        await Forms.SubmitAsync(Factory.ClientFor(Hal), $"/discussions/threads/{thread}", "form[action$='/follow']", new Dictionary<string, string>());
        var kept = await ReplyAsync(Max, thread, "A reply worth reading");
        var hidden = await ReplyAsync(Lea, thread, "A rude reply");
        await Service<IDiscussionModerationRepository>().HideAsync(hidden, _followers[Max].UserId, "Unkind", DateTime.UtcNow);

        // A subscription left over from a space Hal cannot read (another course's cohort): never mailed.
        var othersTopic = (await TopicsAsync(OtherCohortId, Olly))["General"];
        var othersThread = await StartThreadAsync(Olly, othersTopic, "Elsewhere only", "Not for Hal");
        await Follows.FollowAsync(_followers[Hal].UserId, FollowKind.Thread, othersThread, DateTime.UtcNow);
        var othersReply = await ReplyAsync(Olly, othersThread, "Still not for Hal");

        await using (var connection = await Service<IDbConnectionFactory>().OpenForWriteAsync())
        {
            await connection.ExecuteAsync("UPDATE DiscussionDigestPreferences SET NextDigestUtc = @due WHERE UserId = @userId", new { due = DateTime.UtcNow.AddMinutes(-1), userId = _followers[Hal].UserId });
        }

        await RunDigestsAsync();
        await RunDigestsAsync();

        var mails = await DigestMailsAsync(Hal);
        Assert.That(mails, Has.Count.EqualTo(1), "one mail, sent once");
        var body = mails[0].TextBody;
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Contain($"/discussions/threads/{thread}?page=1#post-{kept}"));
            Assert.That(body, Does.Contain("A reply worth reading"));
            Assert.That(body, Does.Not.Contain($"#post-{hidden}").And.Not.Contain("A rude reply"));
            Assert.That(body, Does.Not.Contain($"#post-{othersReply}").And.Not.Contain("Elsewhere only").And.Not.Contain("Still not for Hal"));
            Assert.That(body, Does.Contain("London time").Or.Contain("UTC"));
        });
        var preference = await Follows.GetPreferenceAsync(_followers[Hal].UserId);
        Assert.That(preference!.NextDigestUtc, Is.GreaterThan(DateTime.UtcNow), "the next digest is tomorrow");
        Assert.That(preference.LastPostId, Is.GreaterThanOrEqualTo(othersReply), "the watermark moved on");
    }

    [Test]
    public async Task Immediately_PutsAMailForEachNewPost_WithTheLinkToIt()
    {
        var general = (await TopicsAsync())["General"];
        await Forms.SubmitAsync(Factory.ClientFor(Jo), "/discussions/emails", "form[action='/discussions/emails']",
            new Dictionary<string, string> { ["frequency"] = "Immediately", ["localTime"] = "18:00", ["weekday"] = "Friday" });
        var thread = await StartThreadAsync(Jo, general, "Tell me at once", "Opening");

        var reply = await ReplyAsync(Ivy, thread, "Here is a reply **now**");

        var mails = (await MailsToAsync(Jo)).Where(m => m.Subject == "New post in Tell me at once").ToList();
        Assert.That(mails, Has.Count.EqualTo(1));
        Assert.That(mails[0].TextBody, Does.Contain($"/discussions/threads/{thread}?page=1#post-{reply}").And.Contain("Here is a reply **now**"));
        Assert.That((await MailsToAsync(Ivy)).Where(m => m.Subject == "New post in Tell me at once"), Is.Empty, "never the author");
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        Assert.That(await connection.QueryAsync<int>("SELECT PostId FROM MailOutboxPosts WHERE MailId = @id", new { id = mails[0].Id }), Is.EqualTo(new[] { reply }),
            "the mail records the post it quotes, by which erasing its author finds it");
    }

    [Test]
    public async Task Emails_BadChoice_Is400WithTheMessage_AndNothingIsSaved()
    {
        var response = await Forms.SubmitAsync(Factory.ClientFor(Lea), "/discussions/emails", "form[action='/discussions/emails']",
            new Dictionary<string, string> { ["frequency"] = "Hourly", ["localTime"] = "25:99", ["weekday"] = "Someday" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var page = await Html.ReadAsync(response);
        Assert.That(page.QuerySelector("main, body")!.TextContent, Does.Contain("Choose how often").And.Contain("for example 18:00").And.Contain("Choose the day"));
        Assert.That(page.QuerySelector("#localTime")!.GetAttribute("value"), Is.EqualTo("25:99"), "what was typed is kept");
        Assert.That(await Follows.GetPreferenceAsync(_followers[Lea].UserId), Is.Null);
    }

    [Test]
    public async Task DiscussionEmails_IsReachableFromNotifications()
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(Lea).GetAsync("/notifications"));
        Assert.That(page.QuerySelector("a[href='/discussions/emails']").Text(), Is.EqualTo("Discussion emails"));
        Assert.That((await Factory.ClientFor(Lea).GetAsync("/discussions/emails")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Demo_AmiraFollowsHerGeneralTopicWithADailyDigest_BenAModuleWeekly()
    {
        var amira = Factory.ClientFor("candidate1@npq.example");
        var cohort = await DemoCohortSpaceAsync(amira);
        var general = (await Html.ReadAsync(await amira.GetAsync(cohort))).QuerySelectorAll("table.topics th a").First(a => a.Text() == "General").GetAttribute("href")!;
        Assert.That((await Html.ReadAsync(await amira.GetAsync(general))).QuerySelector(".follow button").Text(), Is.EqualTo("Stop following this topic"));
        var emails = await Html.ReadAsync(await amira.GetAsync("/discussions/emails"));
        Assert.That(emails.QuerySelector("#frequency-Daily")!.HasAttribute("checked"), Is.True);
        Assert.That(emails.QuerySelector("#localTime")!.GetAttribute("value"), Is.EqualTo("18:00"));
        var ben = await Html.ReadAsync(await Factory.ClientFor("candidate2@npq.example").GetAsync("/discussions/emails"));
        Assert.That(ben.QuerySelector("#frequency-Weekly")!.HasAttribute("checked"), Is.True);
    }

    private IDiscussionFollowRepository Follows => Service<IDiscussionFollowRepository>();

    private async Task RunDigestsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DiscussionDigests>().SendDueAsync();
    }

    private async Task<int> FollowNotesAsync(string who, string link) =>
        (await Service<INotificationRepository>().GetForUserAsync(UsersOrFollowers(who), 200)).Count(n => n.Kind == "discussion-post" && n.Link == link);

    private int UsersOrFollowers(string who) => _followers.TryGetValue(who, out var f) ? f.UserId : Users[who];

    private async Task<IReadOnlyList<OutboxMail>> MailsToAsync(string who)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        return (await connection.QueryAsync<OutboxMail>("SELECT Id, ToAddress, Subject, TextBody FROM MailOutbox WHERE RecipientUserId = @userId ORDER BY Id", new { userId = UsersOrFollowers(who) })).ToList();
    }

    private async Task<IReadOnlyList<OutboxMail>> DigestMailsAsync(string who) =>
        (await MailsToAsync(who)).Where(m => m.Subject.EndsWith("in discussions you follow", StringComparison.Ordinal)).ToList();
}
