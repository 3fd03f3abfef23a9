using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Auditing;
using Npq.Core.Files;
using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Materials;

public sealed class ProgrammeTransferTests
{
    private static readonly MaterialsCourse Target = new(6, "NPQSL copy", 2, "npqsl");
    private static readonly Author Sam = new(3, null);

    private Mock<IProgrammeRepository> _programmes = null!;
    private MemoryFileStore _files = null!;

    [SetUp]
    public void SetUp()
    {
        _programmes = new Mock<IProgrammeRepository>();
        _files = new MemoryFileStore();
    }

    private ProgrammeTransfer Transfer(long maxImportBytes = MaterialUploadOptions.DefaultMaxImportBytes)
    {
        var frameworks = new Mock<IFrameworkCatalog>();
        frameworks.Setup(f => f.Find("npqsl")).Returns(MaterialsFakes.Framework());
        return new ProgrammeTransfer(_programmes.Object, frameworks.Object, _files, new Mock<IAuditLog>().Object, Options.Create(new StorageOptions()),
            Options.Create(new MaterialUploadOptions { MaxImportBytes = maxImportBytes }), new FakeTimeProvider(), NullLogger<ProgrammeTransfer>.Instance);
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }

    private static (string, byte[]) Text(string name, string text) => (name, Encoding.UTF8.GetBytes(text));

    private const string GoodManifest = """
        { "format": "npq-programme", "version": 1, "modules": [ { "title": "Culture", "releaseRule": "OnDate", "items": [
          { "kind": "Page", "title": "Read", "state": "Published", "statements": ["sc-lt-1"], "body": "m/page.md" },
          { "kind": "File", "title": "Slides", "state": "Draft", "file": { "path": "m/slides.pdf", "name": "slides.pdf" } } ] } ] }
        """;

    private Task<ImportPreview> PreviewAsync(byte[] zip, long max = MaterialUploadOptions.DefaultMaxImportBytes) =>
        Transfer(max).PreviewAsync(Target, new MaterialUpload("programme.zip", zip.Length, new MemoryStream(zip)), Sam);

    private void NothingWritten()
    {
        Assert.That(_files.Files, Is.Empty, "the staged zip is dropped");
        _programmes.Verify(p => p.CreateModuleAsync(It.IsAny<MaterialModule>(), It.IsAny<CancellationToken>()), Times.Never);
        _programmes.Verify(p => p.CreateItemAsync(It.IsAny<MaterialItem>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task Preview_GoodZip_ListsItsModulesAndKeepsItForTheConfirm()
    {
        var preview = await PreviewAsync(Zip(Text("manifest.json", GoodManifest), Text("m/page.md", "# Hello"), ("m/slides.pdf", SampleFiles.Pdf)));

        Assert.That(preview.Problems, Is.Empty);
        Assert.That(preview.Modules.Single().Items.Select(i => i.Title), Is.EqualTo(new[] { "Read", "Slides" }));
        Assert.That(_files.Files.Keys, Is.EquivalentTo(new[] { preview.Token }));
    }

    [Test]
    public async Task Import_GoodZip_AppendsDraftsWithTheirFilesAndStatements()
    {
        var preview = await PreviewAsync(Zip(Text("manifest.json", GoodManifest), Text("m/page.md", "# Hello"), ("m/slides.pdf", SampleFiles.Pdf)));
        _programmes.Setup(p => p.CreateModuleAsync(It.IsAny<MaterialModule>(), It.IsAny<CancellationToken>())).ReturnsAsync(70);
        var items = new List<MaterialItem>();
        _programmes.Setup(p => p.CreateItemAsync(Capture.In(items), It.IsAny<CancellationToken>())).ReturnsAsync(1);

        var outcome = await Transfer().ImportAsync(Target, preview.Token, Sam);

        Assert.That(outcome.ModuleIds, Is.EqualTo(new[] { 70 }));
        Assert.That(items.Select(i => (i.Kind, i.State, i.Body)), Is.EqualTo(new[] { (ItemKind.Page, ItemState.Draft, "# Hello"), (ItemKind.File, ItemState.Draft, "") }));
        Assert.That(items[0].StatementIds, Is.EqualTo(new[] { "sc-lt-1" }));
        Assert.That(_files.Files[items[1].FileStoredName!], Is.EqualTo(SampleFiles.Pdf));
        Assert.That(_files.Files.ContainsKey(preview.Token!), Is.False, "the staged zip goes once imported");
        Assert.That((await Transfer().ImportAsync(Target, preview.Token, Sam)).Problems, Is.EqualTo(new[] { ProgrammeTransfer.StaleTokenMessage }));
    }

    [Test]
    public async Task Preview_EveryProblemListed_NothingWritten()
    {
        const string manifest = """
            { "format": "npq-programme", "version": 1, "modules": [ { "title": "Culture", "items": [
              { "kind": "Page", "title": "Read", "statements": ["zz-unknown-9"], "body": "m/missing.md" },
              { "kind": "File", "title": "Slides", "file": { "path": "m/slides.pdf", "name": "slides.pdf" } },
              { "kind": "Video", "title": "Talk", "file": { "path": "m/talk.mp4", "name": "talk.mp4" } },
              { "kind": "Link", "title": "Out", "url": "javascript:alert(1)" } ] } ] }
            """;
        var preview = await PreviewAsync(Zip(Text("manifest.json", manifest), ("m/slides.pdf", SampleFiles.Html), ("../evil.sh", [1]), ("/abs.txt", [1])));

        Assert.That(preview.IsValid, Is.False);
        var all = string.Join("\n", preview.Problems);
        Assert.That(all, Does.Contain("“../evil.sh” has an unsafe path"));
        Assert.That(all, Does.Contain("“/abs.txt” has an unsafe path"));
        Assert.That(all, Does.Contain("“zz-unknown-9” is not a statement"));
        Assert.That(all, Does.Contain("“m/missing.md” is missing"));
        Assert.That(all, Does.Contain("“slides.pdf” is not really a PDF"));
        Assert.That(all, Does.Contain("“m/talk.mp4” is missing"));
        Assert.That(all, Does.Contain("web address"));
        NothingWritten();
    }

    [TestCase("{ not json", "is not valid")]
    [TestCase("""{ "format": "something-else", "version": 1, "modules": [] }""", "not an Npq programme")]
    [TestCase("""{ "format": "npq-programme", "version": 9, "modules": [] }""", "format version 9")]
    public async Task Preview_BadManifest_Refused(string manifest, string expected)
    {
        var preview = await PreviewAsync(Zip(Text("manifest.json", manifest)));

        Assert.That(preview.Problems.Single(), Does.Contain(expected));
        NothingWritten();
    }

    [Test]
    public async Task Preview_NotAZipOrNoManifest_Refused()
    {
        Assert.That((await PreviewAsync(SampleFiles.Pdf)).Problems.Single(), Does.Contain("not a zip"));
        Assert.That((await PreviewAsync(Zip(Text("readme.md", "hi")))).Problems.Single(), Does.Contain("no manifest.json"));
        NothingWritten();
    }

    [Test]
    public async Task Preview_UnpacksPastTheCap_RefusedWithoutReadingIt()
    {
        var bomb = Zip(Text("manifest.json", GoodManifest), ("m/page.md", new byte[200_000]));

        var preview = await PreviewAsync(bomb, max: 100_000);

        Assert.That(bomb.Length, Is.LessThan(100_000), "it compresses well");
        Assert.That(preview.Problems.Single(), Does.Contain("unpacks to more than"));
        NothingWritten();
    }

    [Test]
    public async Task Import_TokenThatIsNotAStoredName_Refused()
    {
        Assert.That((await Transfer().ImportAsync(Target, "../../etc/passwd", Sam)).Problems, Is.EqualTo(new[] { ProgrammeTransfer.StaleTokenMessage }));
        NothingWritten();
    }
}
