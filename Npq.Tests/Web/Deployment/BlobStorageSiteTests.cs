using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Storage.Blobs;
using Npq.Core.Materials;
using Npq.Tests.Web.Materials;

namespace Npq.Tests.Web.Deployment;

/// <summary>
/// The whole site with its files in Azure Blob Storage (Azurite): the demo data seeded into the container, an upload
/// through an authoring page and its download, a video streamed with a range request, and the readiness probe's
/// file-store round trip, with nothing written to a local files folder.
/// </summary>
public sealed class BlobStorageSiteTests : StudyWebTest
{
    private readonly string _containerName = AzuriteServer.NewContainerName("site");

    private BlobContainerClient Container => new BlobServiceClient(AzuriteServer.ConnectionString).GetBlobContainerClient(_containerName);

    protected override NpqWebFactory CreateFactory() => new(
        new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "AzureBlob",
            ["Storage:AzureBlob:ConnectionString"] = AzuriteServer.ConnectionString,
            ["Storage:AzureBlob:Container"] = _containerName,
        },
        services => services.AddTestAuthentication());

    [OneTimeTearDown]
    public Task DropContainer() => Container.DeleteIfExistsAsync();

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var blob in Container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }

    [Test]
    public async Task Start_MakesTheContainerPrivate_SeedsTheDemoFilesIntoIt_AndWritesNoLocalFiles()
    {
        var access = (await Container.GetAccessPolicyAsync()).Value.BlobPublicAccess;
        var names = await BlobNamesAsync();

        Assert.That(access, Is.EqualTo(Azure.Storage.Blobs.Models.PublicAccessType.None));
        Assert.That(names, Is.Not.Empty, "the demo seed and the test's own items stored their files in the container");
        Assert.That(names, Is.All.Match("^[0-9a-f]{32}$"));
        Assert.That(Directory.Exists(Path.Combine(Factory.WorkFolder, "files")), Is.False, "nothing went to the local files folder");
    }

    [Test]
    public async Task Video_RangeRequest_Answers206WithTheRightBytes_FromTheBlob()
    {
        var expected = await File.ReadAllBytesAsync(Builders.MaterialsBuilder.SampleVideoPath);
        using var client = Factory.ClientFor(Learner);
        var request = new HttpRequestMessage(HttpMethod.Get, ItemUrl(W.Video) + "/file");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        var tail = new HttpRequestMessage(HttpMethod.Get, ItemUrl(W.Video) + "/file");
        tail.Headers.Range = new RangeHeaderValue(null, 50);

        var whole = await client.GetAsync(ItemUrl(W.Video) + "/file");
        var part = await client.SendAsync(request);
        var end = await client.SendAsync(tail);

        Assert.That(whole.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(whole.Headers.AcceptRanges, Does.Contain("bytes"));
        Assert.That(await whole.Content.ReadAsByteArrayAsync(), Is.EqualTo(expected));
        Assert.That(part.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(part.Content.Headers.ContentRange!.ToString(), Is.EqualTo($"bytes 1000-1999/{expected.Length}"));
        Assert.That(await part.Content.ReadAsByteArrayAsync(), Is.EqualTo(expected.AsSpan(1000, 1000).ToArray()));
        Assert.That(end.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await end.Content.ReadAsByteArrayAsync(), Is.EqualTo(expected.AsSpan(expected.Length - 50).ToArray()));
    }

    [Test]
    public async Task Upload_ThroughTheAuthoringPage_IsStoredAsABlob_AndDownloadsTheSame()
    {
        var programmes = Service<IProgrammeRepository>();
        var courseId = await DemoCourseAsync(programmes);
        var adminId = await UserIdAsync("admin@npq.example");
        var authoring = Service<ProgrammeAuthoring>();
        var course = (await programmes.GetCourseAsync(courseId))!;
        var module = await authoring.CreateModuleAsync(course, new ModuleDraft { Title = "Blob module" }, new Author(adminId, null));
        var item = await authoring.CreateItemAsync(course, (await programmes.GetModuleAsync(module.Id!.Value))!, ItemKind.File,
            new ItemDraft { Title = "Blob handout", Body = "Some text", StatementIds = ["sc-lt-1"] }, new Author(adminId, null));
        var admin = Factory.ClientFor("admin@npq.example");
        var page = $"/courses/{courseId}/programme/items/{item.Id}";
        var before = await BlobNamesAsync();

        var upload = await UploadAsync(admin, page, page + "/file", "file", "handout.pdf", SampleFiles.Pdf, new Dictionary<string, string> { ["version"] = "1" });
        var stored = (await programmes.GetItemAsync(item.Id!.Value))!.FileStoredName;
        var download = await admin.GetAsync(page + "/download/file");
        var after = await BlobNamesAsync();

        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(stored, Is.Not.Null);
        Assert.That(after.Except(before), Is.EqualTo(new[] { stored }), "the one new blob is the upload");
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(SampleFiles.Pdf));
    }

    [Test]
    public async Task Ready_RoundTripsAProbeThroughTheContainer_AndLeavesNothingBehind()
    {
        using var client = Factory.NewClient();
        var before = await BlobNamesAsync();

        var ready = await client.GetAsync("/health/ready");
        var fileStore = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("file-store");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fileStore.GetProperty("status").GetString(), Is.EqualTo("healthy"));
        Assert.That(await BlobNamesAsync(), Is.EquivalentTo(before), "the probe blob is deleted");
    }

    /// <summary>The demo provider's course that candidate1's demo cohort studies (seeded into the container).</summary>
    private async Task<int> DemoCourseAsync(IProgrammeRepository programmes)
    {
        var candidate = await UserIdAsync("candidate1@npq.example");
        for (var cohortId = 1; cohortId < 50; cohortId++)
        {
            if (await programmes.IsStudyingAsync(cohortId, candidate))
            {
                return (await programmes.GetCohortAsync(cohortId))!.CourseId;
            }
        }

        throw new InvalidOperationException("No demo cohort found for candidate1");
    }

    private static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, string pageUrl, string action, string field, string fileName, byte[] content, IDictionary<string, string> values)
    {
        var token = await Forms.TokenFromAsync(client, pageUrl);
        using var form = new MultipartFormDataContent { { new StringContent(token), Forms.TokenField } };
        foreach (var (key, value) in values)
        {
            form.Add(new StringContent(value), key);
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, field, fileName);
        return await client.PostAsync(action, form);
    }
}
