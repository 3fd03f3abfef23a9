using System.Net;
using Dapper;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Discussions;

/// <summary>
/// A candidate's topic and thread pages are kept for a few seconds and served again to the same session, until a post to
/// that topic or thread (by anyone), the reader's own write, or any staff write. A change made in the database behind the
/// site's back (which no generation sees) shows when a page came from the cache.
/// </summary>
public sealed partial class DiscussionPagesTests
{
    // Their own readers and posters, so no other test's posts meet their rate limit.
    private const string Pia = "kept.pia@discuss.example";
    private const string Raj = "kept.raj@discuss.example";
    private const string Sue = "kept.sue@discuss.example";
    private const string Tom = "kept.tom@discuss.example";

    [OneTimeSetUp]
    public async Task ArrangeKeptPagePosters()
    {
        var build = new Build(Factory.Services);
        foreach (var (email, name) in new[] { (Pia, "Pia Park"), (Raj, "Raj Rao"), (Sue, "Sue Sim"), (Tom, "Tom Todd") })
        {
            await build.Cohorts.CandidateAsync(CohortId, email, name);
        }
    }

    private async Task<HttpClient> CachedReaderAsync(string email, string name)
    {
        await new Build(Factory.Services).Cohorts.CandidateAsync(CohortId, email, name);
        return Factory.ClientFor(email);
    }

    private static async Task<AngleSharp.Dom.IDocument> ReadPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return await Html.ReadAsync(response);
    }

    private async Task RenameBehindTheSitesBackAsync(int threadId, string title)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenForWriteAsync();
        await connection.ExecuteAsync("UPDATE DiscussionThreads SET Title = @title WHERE Id = @threadId", new { title, threadId });
    }

    [Test]
    public async Task ThreadPage_IsKeptForItsReader_UntilSomeonePostsInThatThread_NotInAnother()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Pia, general, "Kept thread", "The first post.");
        var elsewhere = await StartThreadAsync(Raj, general, "Another thread", "Somewhere else.");
        using var reader = await CachedReaderAsync("kept.kim@discuss.example", "Kim Kept");
        var url = $"/discussions/threads/{thread}";
        await ReadPageAsync(reader, url); // sets the antiforgery cookie the key needs; moves Kim's read marker
        await ReadPageAsync(reader, url); // built once more, now with nothing left to mark, and kept

        await RenameBehindTheSitesBackAsync(thread, "Renamed behind the site's back");
        var kept = await ReadPageAsync(reader, url);
        await ReplyAsync(Raj, elsewhere, "A reply in the other thread.");
        var stillKept = await ReadPageAsync(reader, url);
        var reply = await ReplyAsync(Sue, thread, "A reply in this thread.");
        var fresh = await ReadPageAsync(reader, url);

        Assert.Multiple(() =>
        {
            Assert.That(kept.QuerySelector("h1")!.Text(), Is.EqualTo("Kept thread"), "a repeat visit is the kept page");
            Assert.That(stillKept.QuerySelector("h1")!.Text(), Is.EqualTo("Kept thread"), "a post in another thread leaves this page kept");
            Assert.That(fresh.QuerySelector("h1")!.Text(), Is.EqualTo("Renamed behind the site's back"), "a post in this thread builds it afresh");
            Assert.That(fresh.QuerySelector($"#post-{reply}"), Is.Not.Null, "with the new reply, at once");
        });
    }

    [Test]
    public async Task TopicPage_ShowsAnotherCandidatesNewThreadAtOnce_AndTheReadersOwnReading()
    {
        var module = (await TopicsAsync())["Module 1: School culture"];
        using var reader = await CachedReaderAsync("kept.lee@discuss.example", "Lee Listed");
        var url = $"/discussions/topics/{module}";
        await ReadPageAsync(reader, url);
        await ReadPageAsync(reader, url);

        var thread = await StartThreadAsync(Pia, module, "Fresh on the topic", "Read me.");
        var listed = await ReadPageAsync(reader, url);
        await ReadPageAsync(reader, $"/discussions/threads/{thread}");
        var read = await ReadPageAsync(reader, url);

        string? UnreadOf(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("li.thread-line").FirstOrDefault(l => l.QuerySelector("h2 a")?.Text() == "Fresh on the topic")?.QuerySelector("a[href$='/unread']")?.Text();
        Assert.Multiple(() =>
        {
            Assert.That(listed.QuerySelectorAll("li.thread-line h2 a").Select(a => a.Text()), Does.Contain("Fresh on the topic"), "another candidate's thread shows at once");
            Assert.That(UnreadOf(listed), Does.StartWith("1 unread"));
            Assert.That(read.QuerySelectorAll("li.thread-line h2 a").Select(a => a.Text()), Does.Contain("Fresh on the topic"));
            Assert.That(UnreadOf(read), Is.Null, "having read the thread, the reader's own count is built afresh");
        });
    }

    [Test]
    public async Task TopicPage_AReplyInOneOfItsThreads_ShowsOnOtherReadersListWithinASecond()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Tom, general, "Summarised later", "Count my replies.");
        using var reader = await CachedReaderAsync("kept.nia@discuss.example", "Nia Summary");
        var url = $"/discussions/topics/{general}";
        await ReadPageAsync(reader, url);
        await ReadPageAsync(reader, url);

        await ReplyAsync(Pia, thread, "One reply.");
        string? line = null;
        for (var i = 0; i < 50 && line?.Contains("1 reply", StringComparison.Ordinal) != true; i++)
        {
            await Task.Delay(100);
            line = (await ReadPageAsync(reader, url)).QuerySelectorAll("li.thread-line").FirstOrDefault(l => l.QuerySelector("h2 a")?.Text() == "Summarised later")?.TextContent;
        }

        Assert.That(line, Does.Contain("1 reply"), "the topic's list follows a reply within about a second, not at its kept page's expiry");
    }

    [Test]
    public async Task LiveUpdates_AreKeptUntilAReply_ThenCarryIt()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Raj, general, "Live and kept", "Opening post.");
        using var reader = await CachedReaderAsync("kept.mo@discuss.example", "Mo Polling");
        var page = await ReadPageAsync(reader, $"/discussions/threads/{thread}");
        var last = page.QuerySelectorAll("article.post").Select(a => a.Id).Last()!;
        var since = $"/discussions/threads/{thread}/since?after={last.Split('-')[^1]}";
        await reader.GetStringAsync(since);
        var quiet = await reader.GetStringAsync(since);

        var reply = await ReplyAsync(Sue, thread, "Seen live.");
        var live = await reader.GetStringAsync(since);

        Assert.That(quiet, Does.Contain("\"posts\":[]"));
        Assert.That(live, Does.Contain($"\"id\":{reply}"), "the poll after a reply carries it, although the same poll was kept before");
    }

    [Test]
    public async Task AMessageShownAfterAWrite_IsNotShownAgainFromTheCache()
    {
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(Tom, general, "Edited once", "Typo here.");
        using var author = Factory.ClientFor(Tom);
        var url = $"/discussions/threads/{thread}";
        await ReadPageAsync(author, url);
        var postId = (await ReadPageAsync(author, url)).QuerySelector("article.post")!.Id!.Split('-')[^1];

        var saved = await Forms.SubmitAsync(author, $"/discussions/posts/{postId}/edit", "form[action$='/edit']", new Dictionary<string, string> { ["body"] = "No typo here." });
        var withMessage = await ReadPageAsync(author, saved.Headers.Location!.OriginalString);
        var again = await ReadPageAsync(author, saved.Headers.Location!.OriginalString);

        Assert.Multiple(() =>
        {
            Assert.That(withMessage.Body!.TextContent, Does.Contain("Your changes are saved."));
            Assert.That(again.Body!.TextContent, Does.Not.Contain("Your changes are saved."), "the page that showed the message once is never kept");
            Assert.That(again.Body!.TextContent, Does.Contain("No typo here."));
        });
    }
}
