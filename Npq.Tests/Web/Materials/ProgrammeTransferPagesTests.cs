using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Npq.Core.Materials;

namespace Npq.Tests.Web.Materials;

/// <summary>Export and import through the pages: a round trip into another provider's course, and broken zips that write nothing.</summary>
public sealed partial class ProgrammeTransferPagesTests : AuthoringWebTest
{
    [GeneratedRegex(@"/materials/assets/(\d+)")]
    private static partial Regex AssetLink();

    private int StoredFileCount() => Directory.Exists(Path.Combine(Factory.WorkFolder, "files")) ? Directory.GetFiles(Path.Combine(Factory.WorkFolder, "files")).Length : 0;

    [Test]
    public async Task ExportThenImport_IntoAnotherProvidersCourse_CopiesModulesItemsFilesAndImagesAsDrafts()
    {
        var courseId = await DemoCourseAsync();
        var admin = Factory.ClientFor("admin@npq.example");
        var adminId = await UserIdAsync("admin@npq.example");
        var course = (await Programmes.GetCourseAsync(courseId))!;
        var moduleId = await ModuleAsync(courseId, "Round trip module");
        var image = await Authoring.AddImageAsync(course, new MaterialUpload("d.png", SampleFiles.Png.Length, new MemoryStream(SampleFiles.Png)), new Author(adminId, null));
        var pageId = await ItemAsync(courseId, moduleId, ItemKind.Page, "Page with image", $"Look: ![diagram](/materials/assets/{image.Id})");
        var fileId = await ItemAsync(courseId, moduleId, ItemKind.File, "Handout", "");
        var fileItem = (await Programmes.GetItemAsync(fileId))!;
        await Authoring.AttachAsync(course, fileItem, UploadPurpose.Document, new MaterialUpload("handout.pdf", SampleFiles.Pdf.Length, new MemoryStream(SampleFiles.Pdf)), fileItem.Version, new Author(adminId, null));
        await Authoring.PublishAsync(course, (await Programmes.GetItemAsync(pageId))!, 1, new Author(adminId, null));

        var export = await admin.GetAsync($"/courses/{courseId}/programme/export");
        Assert.That(export.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(export.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/zip"));
        var zip = await export.Content.ReadAsByteArrayAsync();
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.That(archive.Entries.Select(e => e.FullName), Has.Member("manifest.json"));
            Assert.That(archive.Entries.Count(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
            Assert.That(archive.Entries.Count(e => e.FullName.StartsWith("assets/", StringComparison.Ordinal)), Is.GreaterThanOrEqualTo(1));
        }

        var (targetId, otherAdmin) = await OtherProviderCourseAsync("roundtrip");
        var other = Factory.ClientFor(otherAdmin);
        var importPage = $"/courses/{targetId}/programme/import";
        var preview = await UploadAsync(other, importPage, importPage + "/preview", "file", "programme.zip", zip);
        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.OK), await preview.Content.ReadAsStringAsync());
        var previewPage = await Html.ReadAsync(preview);
        Assert.That(previewPage.QuerySelector("#preview-title"), Is.Not.Null);
        Assert.That((await Programmes.GetProgrammeAsync(targetId)).Modules, Is.Empty, "the preview writes nothing");

        var token = previewPage.QuerySelector("input[name=token]")!.GetAttribute("value")!;
        var modulesBefore = (await Programmes.GetProgrammeAsync(courseId)).Modules.Count;
        var misused = await admin.PostAsync($"/courses/{courseId}/programme/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = await Forms.TokenFromAsync(admin, $"/courses/{courseId}/programme/import"), ["token"] = token,
        }));
        Assert.That(misused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a token sealed for another person and course imports nothing");
        Assert.That((await Programmes.GetProgrammeAsync(courseId)).Modules, Has.Count.EqualTo(modulesBefore));

        var confirmed = await other.PostAsync($"/courses/{targetId}/programme/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = previewPage.QuerySelector($"input[name={Forms.TokenField}]")!.GetAttribute("value")!, ["token"] = token,
        }));
        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var imported = (await Programmes.GetProgrammeAsync(targetId)).Modules.Single(m => m.Module.Title == "Round trip module");
        Assert.That(imported.Items.Select(i => (i.Title, i.Kind, i.State)), Is.EqualTo(new[] { ("Page with image", ItemKind.Page, ItemState.Draft), ("Handout", ItemKind.File, ItemState.Draft) }));
        Assert.That(imported.Items[0].StatementIds, Is.EqualTo(new[] { "sc-lt-1" }));
        var newAsset = int.Parse(AssetLink().Match(imported.Items[0].Body).Groups[1].Value);
        Assert.That(newAsset, Is.Not.EqualTo(image.Id));
        Assert.That((await Programmes.GetAssetAsync(newAsset))!.CourseId, Is.EqualTo(targetId));
        Assert.That((await other.GetAsync($"/materials/assets/{newAsset}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var download = await other.GetAsync($"/courses/{targetId}/programme/items/{imported.Items[1].Id}/download/file");
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(SampleFiles.Pdf));

        var again = await other.PostAsync($"/courses/{targetId}/programme/import", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [Forms.TokenField] = await Forms.TokenFromAsync(other, importPage), ["token"] = token,
        }));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a token is used once");
    }

    [Test]
    public async Task ImportPreview_BrokenZip_ListsEveryProblemAndWritesNothing()
    {
        var (targetId, otherAdmin) = await OtherProviderCourseAsync("broken");
        var other = Factory.ClientFor(otherAdmin);
        var importPage = $"/courses/{targetId}/programme/import";
        const string manifest = """
            { "format": "npq-programme", "version": 1, "modules": [ { "title": "Broken", "items": [
              { "kind": "Page", "title": "Read", "statements": ["no-such-statement"], "body": "m/missing.md" },
              { "kind": "File", "title": "Slides", "file": { "path": "m/slides.pdf", "name": "slides.pdf" } } ] } ] }
            """;
        var zip = ProgrammeAuthoringPagesTests.Zip(("manifest.json", manifest), ("m/slides.pdf", "<html>not a pdf</html>"), ("../../escape.txt", "x"));
        var filesBefore = StoredFileCount();

        var preview = await UploadAsync(other, importPage, importPage + "/preview", "file", "programme.zip", zip);

        Assert.That(preview.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problems = (await Html.ReadAsync(preview)).QuerySelectorAll("#problems li").Select(li => li.Text()).ToList();
        Assert.That(problems, Has.Some.Contains("unsafe path"));
        Assert.That(problems, Has.Some.Contains("“no-such-statement” is not a statement"));
        Assert.That(problems, Has.Some.Contains("“m/missing.md” is missing"));
        Assert.That(problems, Has.Some.Contains("“slides.pdf” is not really a PDF"));
        Assert.That((await Html.ReadAsync(preview)).QuerySelector("input[name=token]"), Is.Null);
        Assert.That((await Programmes.GetProgrammeAsync(targetId)).Modules, Is.Empty);
        Assert.That(StoredFileCount(), Is.EqualTo(filesBefore), "the uploaded zip is not kept");

        var notZip = await UploadAsync(other, importPage, importPage + "/preview", "file", "programme.zip", SampleFiles.Pdf);
        Assert.That((await Html.ReadAsync(notZip)).QuerySelector("#problems li").Text(), Does.Contain("not a zip"));
        var badJson = await UploadAsync(other, importPage, importPage + "/preview", "file", "programme.zip", ProgrammeAuthoringPagesTests.Zip(("manifest.json", "{ nope")));
        Assert.That((await Html.ReadAsync(badJson)).QuerySelector("#problems li").Text(), Does.Contain("manifest.json is not valid"));
        Assert.That((await Programmes.GetProgrammeAsync(targetId)).Modules, Is.Empty);
    }
}
