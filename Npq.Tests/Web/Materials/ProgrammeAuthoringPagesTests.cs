using System.IO.Compression;
using System.Net;
using System.Text;
using Npq.Core.Materials;

namespace Npq.Tests.Web.Materials;

/// <summary>The authoring pages through the real pipeline: who reaches them, antiforgery, forms, uploads, preview and order.</summary>
public sealed class ProgrammeAuthoringPagesTests : AuthoringWebTest
{
    [Test]
    public async Task Programme_OnlyTheProvidersAdminsAndTheCoursesEditorsReachIt()
    {
        var courseId = await DemoCourseAsync();
        var (otherCourse, otherAdmin) = await OtherProviderCourseAsync("access");
        var moduleId = await ModuleAsync(courseId, "Access module");
        var itemId = await ItemAsync(courseId, moduleId, ItemKind.Page, "Access page");
        var urls = new[]
        {
            $"/courses/{courseId}/programme", $"/courses/{courseId}/programme/modules/{moduleId}", $"/courses/{courseId}/programme/items/{itemId}",
            $"/courses/{courseId}/programme/modules/{moduleId}/items/new?kind=Video", $"/courses/{courseId}/programme/import", $"/courses/{courseId}/programme/export",
        };

        foreach (var url in urls)
        {
            Assert.That((await Factory.ClientFor("admin@npq.example").GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            Assert.That((await Factory.ClientFor("candidate1@npq.example").GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), url);
            Assert.That((await Factory.ClientFor("mentor@npq.example").GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), url);
            Assert.That((await Factory.ClientFor(otherAdmin).GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), url);
        }

        Assert.That((await Factory.ClientFor("admin@npq.example").GetAsync("/courses/99999/programme")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Factory.ClientFor(otherAdmin).GetAsync($"/courses/{otherCourse}/programme/items/{itemId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "an item of another course is not found through one's own course");
        Assert.That((await Factory.ClientFor("admin@npq.example").GetAsync($"/courses/{courseId}/programme/editors")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The admin gives the facilitator editing rights on the course: the pages open to them, but not the editors page.
        var admin = Factory.ClientFor("admin@npq.example");
        var given = await Forms.SubmitAsync(admin, $"/courses/{courseId}/programme/editors", "form:has(#editorEmail)",
            new Dictionary<string, string> { ["editorEmail"] = "mentor@npq.example" });
        Assert.That(given.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var mentor = Factory.ClientFor("mentor@npq.example");
        Assert.That((await mentor.GetAsync(urls[0])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await mentor.GetAsync(urls[2])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await mentor.GetAsync($"/courses/{courseId}/programme/editors")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        await Programmes.SetEditorAsync(courseId, await UserIdAsync("mentor@npq.example"), false);
    }

    [Test]
    public async Task Editors_GivenByEmail_OnlyToTheProvidersActiveFacilitators_RefusalKeepsTheAddress_RemovingWorks()
    {
        var courseId = await DemoCourseAsync();
        var (_, otherAdmin) = await OtherProviderCourseAsync("editors-email");
        var admin = Factory.ClientFor("admin@npq.example");
        var url = $"/courses/{courseId}/programme/editors";
        var mentorId = await UserIdAsync("mentor@npq.example");

        var empty = await Html.ReadAsync(await admin.GetAsync(url));
        Assert.That(empty.QuerySelector("main select"), Is.Null, "no list of every facilitator");
        Assert.That(empty.QuerySelector("label[for=editorEmail]"), Is.Not.Null);

        foreach (var (email, why) in new[]
        {
            ("nobody-here@npq.example", "unknown"), ("candidate1@npq.example", "a candidate"), ("admin@npq.example", "an admin (edits anyway; rights go to mentors)"),
            (otherAdmin, "another provider's person"), ("", "nothing typed"),
        })
        {
            var refused = await Forms.SubmitAsync(admin, url, "form:has(#editorEmail)", new Dictionary<string, string> { ["editorEmail"] = email });

            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), why);
            var page = await Html.ReadAsync(refused);
            Assert.That(page.QuerySelector("#editorEmail-error")?.TextContent, Is.Not.Empty, why);
            Assert.That(page.QuerySelector("#editorEmail")!.GetAttribute("value") ?? "", Is.EqualTo(email), why);
            Assert.That(page.QuerySelector(".error-summary a[href='#editorEmail']"), Is.Not.Null, why);
        }

        var (none, _) = await Authoring.EditorsAsync(courseId, 0, 25);
        Assert.That(none.Select(e => e.UserId), Does.Not.Contain(mentorId));

        var given = await Forms.SubmitAsync(admin, url, "form:has(#editorEmail)", new Dictionary<string, string> { ["editorEmail"] = " MENTOR@npq.example " });
        Assert.That(given.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var listed = await Html.ReadAsync(await admin.GetAsync(url));
        Assert.That(listed.QuerySelector("main ul.plain")!.TextContent, Does.Contain("Take away rights"));
        Assert.That((await admin.GetAsync(url + "?page=abc&size=7")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await admin.GetAsync(url + "?page=99")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "past the end: page 1");

        var removed = await Forms.SubmitAsync(admin, url, $"form:has(input[name=userId][value='{mentorId}'])", new Dictionary<string, string>());
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Authoring.EditorsAsync(courseId, 0, 25)).Editors.Select(e => e.UserId), Does.Not.Contain(mentorId));
    }

    [Test]
    public async Task Posts_WithoutTheAntiforgeryToken_AreRefused()
    {
        var courseId = await DemoCourseAsync();
        var moduleId = await ModuleAsync(courseId, "Antiforgery module");
        var admin = Factory.ClientFor("admin@npq.example");

        var response = await admin.PostAsync($"/courses/{courseId}/programme/modules", new FormUrlEncodedContent(new Dictionary<string, string> { ["NewModule.Title"] = "Sneaky" }));
        var move = await admin.PostAsync($"/courses/{courseId}/programme/modules/{moduleId}/move", new FormUrlEncodedContent(new Dictionary<string, string> { ["direction"] = "Up" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(move.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Programmes.GetProgrammeAsync(courseId)).Modules.Select(m => m.Module.Title), Does.Not.Contain("Sneaky"));
    }

    [Test]
    public async Task Forms_AddAModuleAndAPage_ThenPublishIt()
    {
        var courseId = await DemoCourseAsync();
        var admin = Factory.ClientFor("admin@npq.example");

        var added = await Forms.SubmitAsync(admin, $"/courses/{courseId}/programme", "#add-module form",
            new Dictionary<string, string> { ["NewModule.Title"] = "Module by form", ["NewModule.ReleaseRule"] = "AfterPrevious" });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var module = (await Programmes.GetProgrammeAsync(courseId)).Modules.Single(m => m.Module.Title == "Module by form").Module;
        Assert.That(module.ReleaseRule, Is.EqualTo(ReleaseRule.AfterPrevious));

        var newPage = $"/courses/{courseId}/programme/modules/{module.Id}/items/new?kind=Page";
        var empty = await Forms.SubmitAsync(admin, newPage, "form.item-form", new Dictionary<string, string> { ["Title"] = "", ["action"] = "save" });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(empty)).QuerySelector("#Title-error").Text(), Does.Contain("Enter the page's title"));

        var created = await Forms.SubmitAsync(admin, newPage, "form.item-form",
            new Dictionary<string, string> { ["Title"] = "Reading", ["Body"] = "## Hello", ["StatementIds"] = "sc-lt-2", ["action"] = "save" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var itemUrl = created.Headers.Location!.OriginalString;
        var item = (await Programmes.GetProgrammeAsync(courseId)).Items.Single(i => i.Title == "Reading");
        Assert.That((item.State, item.StatementIds.Single()), Is.EqualTo((ItemState.Draft, "sc-lt-2")));

        var published = await Forms.SubmitAsync(admin, itemUrl, $"form[action$='/items/{item.Id}/publish']", new Dictionary<string, string>());
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Programmes.GetItemAsync(item.Id))!.IsPublished, Is.True);

        var stale = await admin.PostAsync($"/courses/{courseId}/programme/items/{item.Id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = await Forms.TokenFromAsync(admin, itemUrl), ["Title"] = "Mine", ["Body"] = "x", ["Version"] = item.Version.ToString(), ["action"] = "save",
        }));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await stale.Content.ReadAsStringAsync(), Does.Contain("Someone else changed this item"));
    }

    [Test]
    public async Task Upload_FileLyingAboutItsType_RefusedNamingIt_RealOneKept()
    {
        var courseId = await DemoCourseAsync();
        var moduleId = await ModuleAsync(courseId, "Upload module");
        var itemId = await ItemAsync(courseId, moduleId, ItemKind.File, "Handout");
        var admin = Factory.ClientFor("admin@npq.example");
        var page = $"/courses/{courseId}/programme/items/{itemId}";
        var version = new Dictionary<string, string> { ["version"] = "1" };

        var lying = await UploadAsync(admin, page, page + "/file", "file", "handout.pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), version);
        Assert.That(lying.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await Html.ReadAsync(lying)).QuerySelector("#File-error").Text(), Does.Contain("“handout.pdf” is not really a PDF"));
        Assert.That((await Programmes.GetItemAsync(itemId))!.FileStoredName, Is.Null);

        var real = await UploadAsync(admin, page, page + "/file", "file", "handout.pdf", SampleFiles.Pdf, version);
        Assert.That(real.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Programmes.GetItemAsync(itemId))!.FileName, Is.EqualTo("handout.pdf"));
        var download = await admin.GetAsync(page + "/download/file");
        Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(SampleFiles.Pdf));
    }

    [Test]
    public async Task Preview_ScriptInMarkdownAndQuestions_IsInert_AndNothingIsSaved()
    {
        var courseId = await DemoCourseAsync();
        var moduleId = await ModuleAsync(courseId, "Preview module");
        var admin = Factory.ClientFor("admin@npq.example");
        var newCheck = $"/courses/{courseId}/programme/modules/{moduleId}/items/new?kind=KnowledgeCheck";

        var response = await Forms.SubmitAsync(admin, newCheck, "form.item-form", new Dictionary<string, string>
        {
            ["Title"] = "XSS check", ["Body"] = "<script>alert('body')</script>\n\n[click](javascript:alert(1)) **bold**",
            ["Questions[0].Prompt"] = "<img src=x onerror=alert(2)>", ["Questions[0].Options[0].Text"] = "<script>alert(3)</script>",
            ["Questions[0].Options[0].IsCorrect"] = "true", ["Questions[0].Options[1].Text"] = "No", ["action"] = "preview",
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var html = await response.Content.ReadAsStringAsync();
        var preview = Html.Parse(html).QuerySelector("#preview")!;
        Assert.That(preview.QuerySelector("strong").Text(), Is.EqualTo("bold"));
        Assert.That(preview.QuerySelectorAll("script, img, [onerror]"), Is.Empty);
        Assert.That(preview.QuerySelectorAll("a[href^='javascript']"), Is.Empty);
        Assert.That(preview.InnerHtml, Does.Contain("&lt;img src=x onerror=alert(2)&gt;"));
        Assert.That((await Programmes.GetProgrammeAsync(courseId)).Items.Select(i => i.Title), Does.Not.Contain("XSS check"), "a preview saves nothing");
    }

    [Test]
    public async Task Move_ByButton_ReordersAndFocusReturnsToTheMovedRow()
    {
        var courseId = await DemoCourseAsync();
        var moduleId = await ModuleAsync(courseId, "Order module");
        var first = await ItemAsync(courseId, moduleId, ItemKind.Page, "First");
        var second = await ItemAsync(courseId, moduleId, ItemKind.Link, "Second");
        var admin = Factory.ClientFor("admin@npq.example");

        var moved = await Forms.SubmitAsync(admin, $"/courses/{courseId}/programme", $"#item-{second} form", new Dictionary<string, string> { ["direction"] = "Up" });
        Assert.That(moved.Headers.Location!.OriginalString, Is.EqualTo($"/courses/{courseId}/programme"));

        var module = (await Programmes.GetProgrammeAsync(courseId)).Modules.Single(m => m.Module.Id == moduleId);
        Assert.That(module.Items.Select(i => i.Id), Is.EqualTo(new[] { second, first }));
        var page = await Html.ReadAsync(await admin.GetAsync($"/courses/{courseId}/programme"));
        Assert.That(page.QuerySelector("[autofocus]")!.Closest("tr")!.Id, Is.EqualTo($"item-{second}"));
        Assert.That(page.QuerySelector("[role=status]").Text(), Does.Contain("“Second” moved up"));
    }

    [Test]
    public async Task DeleteItem_WithProgress_RefusedWithTheDraftAdvice()
    {
        var courseId = await DemoCourseAsync();
        var moduleId = await ModuleAsync(courseId, "Progress module");
        var itemId = await ItemAsync(courseId, moduleId, ItemKind.Page, "Started page");
        await using (var connection = await Service<Npq.Data.Infrastructure.IDbConnectionFactory>().OpenForWriteAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO MaterialProgress (CandidateUserId, ItemId, IsComplete, Attempts, UpdatedUtc) VALUES (@u, @i, 1, 0, @now)",
                new { u = await UserIdAsync("candidate1@npq.example"), i = itemId, now = DateTime.UtcNow });
        }

        var admin = Factory.ClientFor("admin@npq.example");
        var page = $"/courses/{courseId}/programme/items/{itemId}";
        await Forms.SubmitAsync(admin, page, $"form[action$='/items/{itemId}/delete']", new Dictionary<string, string>());

        Assert.That(await Programmes.GetItemAsync(itemId), Is.Not.Null);
        Assert.That((await Html.ReadAsync(await admin.GetAsync(page))).QuerySelector("[role=alert]").Text(), Does.Contain("Move it back to draft"));
    }

    [Test]
    public async Task Image_UploadedOnAPage_ServedToTheCoursesPeopleOnly()
    {
        var courseId = await DemoCourseAsync();
        var (_, otherAdmin) = await OtherProviderCourseAsync("images");
        var moduleId = await ModuleAsync(courseId, "Image module");
        var itemId = await ItemAsync(courseId, moduleId, ItemKind.Page, "Illustrated");
        var admin = Factory.ClientFor("admin@npq.example");
        var page = $"/courses/{courseId}/programme/items/{itemId}";

        var uploaded = await UploadAsync(admin, page, page + "/image", "image", "diagram.png", SampleFiles.Png, new Dictionary<string, string> { ["alt"] = "A diagram" });
        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var snippet = (await Html.ReadAsync(await admin.GetAsync(page))).QuerySelector("#snippet")!.GetAttribute("value")!;
        Assert.That(snippet, Does.Match(@"^!\[A diagram\]\(/materials/assets/\d+\)$"));
        var url = snippet[(snippet.IndexOf('(') + 1)..^1];

        var served = await Factory.ClientFor("candidate1@npq.example").GetAsync(url);
        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(served.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/png"));
        Assert.That((await admin.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Factory.ClientFor(otherAdmin).GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await Factory.ClientFor("assessor@npq.example").GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var lying = await UploadAsync(admin, page, page + "/image", "image", "diagram.png", SampleFiles.Html);
        Assert.That(lying.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await Html.ReadAsync(await admin.GetAsync(page))).QuerySelector("[role=alert]").Text(), Does.Contain("“diagram.png” is not really"));
    }

    [Test]
    public async Task CoursesPage_LinksToTheProgramme()
    {
        var courseId = await DemoCourseAsync();
        var page = await Html.ReadAsync(await Factory.ClientFor("admin@npq.example").GetAsync("/admin/courses"));

        Assert.That(page.QuerySelector($"a[href='/courses/{courseId}/programme']"), Is.Not.Null);
    }

    internal static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }
        }

        return buffer.ToArray();
    }
}
