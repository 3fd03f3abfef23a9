using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Npq.Core.Discussions;
using Npq.Core.Files;

namespace Npq.Tests.Core.Discussions;

public sealed class DiscussionAttachmentsTests
{
    private Mock<IDiscussionAttachmentRepository> _repository = null!;
    private Mock<IFileStore> _files = null!;

    [SetUp]
    public void Arrange()
    {
        _repository = new Mock<IDiscussionAttachmentRepository>();
        _files = new Mock<IFileStore>();
        _files.Setup(f => f.SaveAsync(It.IsAny<Stream>(), It.IsAny<CancellationToken>())).ReturnsAsync("generated-name");
    }

    private DiscussionAttachments Attachments(long maxBytes = 1024) => new(
        _repository.Object, _files.Object, Options.Create(new StorageOptions { MaxFileBytes = maxBytes }), new FakeTimeProvider(), NullLogger<DiscussionAttachments>.Instance);

    private static AttachmentUpload Upload(string name, byte[] bytes) => new(name, bytes.Length, new MemoryStream(bytes));

    [Test]
    public async Task RealFiles_AreKeptUnderTheStoresName_WithTheSendersNameCleaned()
    {
        var attachments = Attachments();
        using var checkedUploads = await attachments.CheckAsync([Upload("C:\\Users\\me\\plan.pdf", SampleFiles.Pdf), Upload("photo.png", SampleFiles.Png)]);
        Assert.That(checkedUploads.Error, Is.Null);

        await attachments.AttachAsync(42, 7, checkedUploads);

        _repository.Verify(r => r.AddAsync(It.Is<NewAttachment>(a => a.PostId == 42 && a.UploadedByUserId == 7 && a.StoredName == "generated-name"
            && a.FileName == "plan.pdf" && a.ContentType == "application/pdf" && a.SizeBytes == SampleFiles.Pdf.Length), It.IsAny<CancellationToken>()), Times.Once);
        _repository.Verify(r => r.AddAsync(It.Is<NewAttachment>(a => a.FileName == "photo.png" && a.ContentType == "image/png"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task AFileLyingAboutItsType_RefusesEveryFile_AndNothingIsStored()
    {
        using var checkedUploads = await Attachments().CheckAsync([Upload("fine.pdf", SampleFiles.Pdf), Upload("page.pdf", SampleFiles.Html)]);

        Assert.That(checkedUploads.Error, Does.Contain("“page.pdf” is not really a PDF file"));
        Assert.That(checkedUploads.Count, Is.Zero);
        Assert.ThrowsAsync<InvalidOperationException>(() => Attachments().AttachAsync(1, 1, checkedUploads));
        _files.Verify(f => f.SaveAsync(It.IsAny<Stream>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task TooManyFiles_OrTooLarge_OrAnUnacceptedType_AreRefusedWithAMessage()
    {
        var four = Enumerable.Range(1, DiscussionAttachments.MaxPerPost + 1).Select(i => Upload($"f{i}.pdf", SampleFiles.Pdf)).ToList();
        using var many = await Attachments().CheckAsync(four);
        using var large = await Attachments(maxBytes: 10).CheckAsync([Upload("big.pdf", SampleFiles.Pdf)]);
        using var exe = await Attachments().CheckAsync([Upload("tool.exe", SampleFiles.Exe)]);

        Assert.Multiple(() =>
        {
            Assert.That(many.Error, Does.Contain($"at most {DiscussionAttachments.MaxPerPost} files"));
            Assert.That(large.Error, Does.Contain("is larger than"));
            Assert.That(exe.Error, Does.Contain("not a file type we accept"));
        });
    }

    [Test]
    public void Download_IsNeverForADeletedPost_AndForAHiddenOneOnlyForModerators()
    {
        var shown = new AttachmentContext { Id = 1 };
        var hidden = shown with { HiddenUtc = DateTime.UtcNow };
        var deleted = shown with { DeletedUtc = DateTime.UtcNow };
        var reader = new Viewer(5, false);
        var moderator = new Viewer(6, true);

        Assert.Multiple(() =>
        {
            Assert.That(DiscussionAttachments.MayDownload(shown, reader), Is.True);
            Assert.That(DiscussionAttachments.MayDownload(hidden, reader), Is.False);
            Assert.That(DiscussionAttachments.MayDownload(hidden, moderator), Is.True);
            Assert.That(DiscussionAttachments.MayDownload(deleted, moderator), Is.False);
            Assert.That(DiscussionAttachments.SafeFileName("../\"evil\"\n.pdf"), Is.EqualTo("evil.pdf"));
        });
    }
}
