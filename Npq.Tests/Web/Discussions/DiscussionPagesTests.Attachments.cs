using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Files;
using Npq.Core.Reporting;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;

namespace Npq.Tests.Web.Discussions;

/// <summary>Files attached to threads and replies: checked by content, listed under the post, downloaded only by readers of the space, erased with their author.</summary>
public sealed partial class DiscussionPagesTests
{
    private async Task<HttpResponseMessage> ReplyWithFilesAsync(string who, int threadId, string body, params (string Name, byte[] Bytes)[] files)
    {
        var client = Factory.ClientFor(who);
        var token = await Forms.TokenFromAsync(client, $"/discussions/threads/{threadId}");
        using var content = new MultipartFormDataContent { { new StringContent(token), Forms.TokenField }, { new StringContent(body), "body" } };
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "attachments", name);
        }

        return await client.PostAsync($"/discussions/threads/{threadId}/replies", content);
    }

    /// <summary>A candidate of the cohort who posts only in one test (so the rate limit never meets another test's posts).</summary>
    private async Task<string> PosterAsync(string name)
    {
        var email = name.ToLowerInvariant() + "@attach.example";
        await new Build(Factory.Services).Cohorts.CandidateAsync(CohortId, email, name + " Poster");
        return email;
    }

    private static int PostIdFrom(HttpResponseMessage response) =>
        int.Parse(response.Headers.Location!.OriginalString.Split("#post-")[^1], System.Globalization.CultureInfo.InvariantCulture);

    private async Task<string> AttachmentLinkAsync(string who, int threadId, int postId)
    {
        var page = await Html.ReadAsync(await Factory.ClientFor(who).GetAsync($"/discussions/threads/{threadId}"));
        return page.QuerySelector($"#post-{postId} .post-attachments a")!.GetAttribute("href")!;
    }

    [Test]
    public async Task Attachment_OnAReply_IsListedWithTypeAndSize_AndDownloadedByAReaderAsAFile()
    {
        var general = (await TopicsAsync())["General"];
        var ada = await PosterAsync("Ada");
        var thread = await StartThreadAsync(ada, general, "Sharing plans", "Here is mine.");
        var before = await Html.ReadAsync(await Factory.ClientFor(Ben).GetAsync($"/discussions/threads/{thread}"));
        var last = before.QuerySelector("#posts")!.GetAttribute("data-last")!;
        var posted = await ReplyWithFilesAsync(ada, thread, "And here is my plan.", ("Culture plan.pdf", SampleFiles.Pdf));
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await posted.Content.ReadAsStringAsync());
        var post = PostIdFrom(posted);

        var live = JsonDocument.Parse(await (await Factory.ClientFor(Ben).GetAsync($"/discussions/threads/{thread}/since?after={last}")).Content.ReadAsStringAsync());
        var liveFile = live.RootElement.GetProperty("posts")[0].GetProperty("attachments")[0];
        Assert.That(liveFile.GetProperty("name").GetString(), Is.EqualTo("Culture plan.pdf"), "live updates list the files too");
        Assert.That(liveFile.GetProperty("url").GetString(), Does.StartWith("/discussions/attachments/"));

        var page = await Html.ReadAsync(await Factory.ClientFor(Ben).GetAsync($"/discussions/threads/{thread}"));
        var item = page.QuerySelector($"#post-{post} .post-attachments li");
        Assert.That(item, Is.Not.Null, "listed under the post");
        Assert.That(item!.Text(), Does.Contain("Culture plan.pdf").And.Contain("PDF").And.Contain($"{SampleFiles.Pdf.Length} bytes"));

        var download = await Factory.ClientFor(Ben).GetAsync(item.QuerySelector("a")!.GetAttribute("href")!);
        Assert.Multiple(async () =>
        {
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(download.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
            Assert.That(download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName, Is.EqualTo("Culture plan.pdf"));
            Assert.That(download.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/octet-stream"));
            Assert.That(download.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
            Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(SampleFiles.Pdf));
        });
    }

    [Test]
    public async Task AttachmentUrl_IsNotFound_ForAnotherCohortAWithdrawnCandidateADeletedPostAndAHiddenOneButForModerators()
    {
        var general = (await TopicsAsync())["General"];
        var bo = await PosterAsync("Bo");
        var thread = await StartThreadAsync(bo, general, "Files for us", "Ours only.");
        var kept = PostIdFrom(await ReplyWithFilesAsync(bo, thread, "Kept.", ("kept.pdf", SampleFiles.Pdf)));
        var deleted = PostIdFrom(await ReplyWithFilesAsync(bo, thread, "Deleted soon.", ("deleted.pdf", SampleFiles.Pdf)));
        var hidden = PostIdFrom(await ReplyWithFilesAsync(bo, thread, "Hidden soon.", ("hidden.pdf", SampleFiles.Pdf)));
        var keptLink = await AttachmentLinkAsync(bo, thread, kept);
        var deletedLink = await AttachmentLinkAsync(bo, thread, deleted);
        var hiddenLink = await AttachmentLinkAsync(bo, thread, hidden);

        Assert.That((await Forms.SubmitAsync(Factory.ClientFor(bo), $"/discussions/threads/{thread}", $"form[action='/discussions/posts/{deleted}/delete']", new Dictionary<string, string>())).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Forms.SubmitAsync(Factory.ClientFor(Fran), $"/discussions/threads/{thread}", $"form[action='/discussions/posts/{hidden}/hide']", new Dictionary<string, string> { ["reason"] = "Off topic" })).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        Assert.Multiple(async () =>
        {
            Assert.That((await Factory.ClientFor(Ann).GetAsync(keptLink)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a reader");
            Assert.That((await Factory.ClientFor(Olly).GetAsync(keptLink)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another cohort");
            Assert.That((await Factory.ClientFor(Wendy).GetAsync(keptLink)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "withdrawn");
            Assert.That((await Factory.ClientFor(Ann).GetAsync(deletedLink)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a deleted post");
            Assert.That((await Factory.ClientFor(bo).GetAsync(deletedLink)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a deleted post, even for its author");
            Assert.That((await Factory.ClientFor(Ann).GetAsync(hiddenLink)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a hidden post");
            Assert.That((await Factory.ClientFor(Fran).GetAsync(hiddenLink)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a hidden post, for a moderator");
            Assert.That((await Factory.ClientFor(Ann).GetAsync("/discussions/attachments/987654")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no such file");
        });
        var page = await Html.ReadAsync(await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}"));
        Assert.That(page.QuerySelectorAll($"#post-{deleted} .post-attachments, #post-{hidden} .post-attachments"), Is.Empty, "not listed either");
    }

    [Test]
    public async Task AttachmentUrl_InAStudyGroup_IsNotFoundForAnotherGroupsMember()
    {
        var build = new Build(Factory.Services);
        var pat = (await build.Cohorts.CandidateAsync(OtherCohortId, "pat@elsewhere.example", "Pat Peer")).UserId;
        var split = await Forms.SubmitAsync(Factory.ClientFor(Admin), $"/discussions/{OtherCohortId}/groups", "form[action$='/split']", new Dictionary<string, string> { ["count"] = "2" });
        Assert.That(split.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var ollyGroup = (await TopicsAsync(OtherCohortId, Olly)).Single(t => t.Key.StartsWith("Study group", StringComparison.Ordinal)).Value;
        var thread = await StartThreadAsync(Olly, ollyGroup, "Group files", "For the group.");
        var post = PostIdFrom(await ReplyWithFilesAsync(Olly, thread, "Our notes.", ("notes.pdf", SampleFiles.Pdf)));
        var link = await AttachmentLinkAsync(Olly, thread, post);

        Assert.That(pat, Is.Not.EqualTo(Users[Olly]));
        Assert.That((await Factory.ClientFor("pat@elsewhere.example").GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the other group");
        Assert.That((await Factory.ClientFor(Admin).GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "an admin reads every group");
    }

    [Test]
    public async Task LyingUpload_IsRefusedWithAClearMessage_AndTheTextIsKept()
    {
        var general = (await TopicsAsync())["General"];
        var cy = await PosterAsync("Cy");
        var thread = await StartThreadAsync(cy, general, "Lying files", "Careful.");

        var response = await ReplyWithFilesAsync(cy, thread, "My carefully written reply.", ("report.pdf", SampleFiles.Html));
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(page.QuerySelector("textarea#body")!.TextContent.Trim(), Is.EqualTo("My carefully written reply."));
            Assert.That(page.QuerySelector("#attachments")!.GetAttribute("aria-invalid"), Is.EqualTo("true"));
            Assert.That(page.Body!.TextContent, Does.Contain("“report.pdf” is not really a PDF file"));
        });
        var after = await Html.ReadAsync(await Factory.ClientFor(cy).GetAsync($"/discussions/threads/{thread}"));
        Assert.That(after.QuerySelectorAll(".post"), Has.Length.EqualTo(1), "nothing posted");
    }

    [Test]
    public async Task AttachmentName_WithMarkup_IsShownAsText()
    {
        var general = (await TopicsAsync())["General"];
        var di = await PosterAsync("Di");
        var thread = await StartThreadAsync(di, general, "Odd names", "Look.");
        var post = PostIdFrom(await ReplyWithFilesAsync(di, thread, "Named oddly.", ("<img src=x onerror=alert(1)><b>plan.pdf", SampleFiles.Pdf)));

        var html = await (await Factory.ClientFor(Ann).GetAsync($"/discussions/threads/{thread}")).Content.ReadAsStringAsync();
        var page = Html.Parse(html);
        var link = page.QuerySelector($"#post-{post} .post-attachments a")!;
        Assert.Multiple(() =>
        {
            Assert.That(link.Children, Is.Empty, "no elements made from the name");
            Assert.That(link.TextContent, Is.EqualTo("<img src=x onerror=alert(1)><b>plan.pdf"));
            Assert.That(page.QuerySelectorAll(".post-attachments script, .post-attachments img"), Is.Empty);
            Assert.That(html, Does.Not.Contain("<img src=x onerror"));
        });
    }

    [Test]
    public async Task Attachments_AreInThePersonsExport_AndErasureRemovesThemAndTheirFiles()
    {
        const string hal = "hal.files@discuss.example";
        var halId = (await new Build(Factory.Services).Cohorts.CandidateAsync(CohortId, hal, "Hallie Files")).UserId;
        var general = (await TopicsAsync())["General"];
        var thread = await StartThreadAsync(hal, general, "Hal's files", "Hello Hal.");
        var post = PostIdFrom(await ReplyWithFilesAsync(hal, thread, "Mine.", ("hal-notes.pdf", SampleFiles.Pdf)));
        var link = await AttachmentLinkAsync(Cat, thread, post);

        var export = await Factory.ClientFor(hal).GetAsync("/my-data/download");
        using (var zip = new ZipArchive(new MemoryStream(await export.Content.ReadAsByteArrayAsync())))
        {
            var sections = JsonDocument.Parse(zip.GetEntry("personal-data.json")!.Open()).RootElement.GetProperty("sections");
            Assert.That(sections.GetProperty("discussion_attachments").EnumerateArray().Select(a => a.GetProperty("FileName").GetString()), Does.Contain("hal-notes.pdf"));
            Assert.That(zip.Entries.Select(e => e.FullName), Has.Some.EndsWith("hal-notes.pdf"), "the file itself");
        }

        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT StoredName FROM DiscussionAttachments WHERE PostId = @post", new { post })).Single();
        using (var scope = Factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataRightsService>().EraseAsync(halId, Users[Admin], "127.0.0.1");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await Service<IFileStore>().OpenReadAsync(stored), Is.Null, "the file is gone from the store");
            Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM DiscussionAttachments WHERE PostId = @post", new { post }), Is.Zero);
            Assert.That((await Factory.ClientFor(Cat).GetAsync(link)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
