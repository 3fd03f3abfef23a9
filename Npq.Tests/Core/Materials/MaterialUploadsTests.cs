using System.Text;
using Npq.Core.Materials;
using Npq.Tests.Support;

namespace Npq.Tests.Core.Materials;

public sealed class MaterialUploadsTests
{
    private const long Max = 1024 * 1024;

    public static byte[] Mp4 => [0, 0, 0, 0x18, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'i', (byte)'s', (byte)'o', (byte)'m', 0, 0, 2, 0];

    public static byte[] WebM => [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 1];

    public static byte[] Vtt => Encoding.UTF8.GetBytes("WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n");

    private static (string? Type, string? Error) Check(UploadPurpose purpose, string name, byte[] bytes, long max = Max)
    {
        using var stream = new MemoryStream(bytes);
        var (type, error) = MaterialUploads.Check(purpose, name, bytes.Length, stream, max);
        Assert.That(stream.Position, Is.Zero, "left at the start for the store");
        return (type?.ContentType, error);
    }

    [Test]
    public void Check_RealFilesOfEachPurpose_AreAccepted()
    {
        Assert.That(Check(UploadPurpose.Video, "intro.mp4", Mp4).Type, Is.EqualTo("video/mp4"));
        Assert.That(Check(UploadPurpose.Video, "intro.webm", WebM).Type, Is.EqualTo("video/webm"));
        Assert.That(Check(UploadPurpose.Captions, "intro.vtt", Vtt).Type, Is.EqualTo("text/vtt"));
        Assert.That(Check(UploadPurpose.Captions, "bom.vtt", [0xEF, 0xBB, 0xBF, .. Vtt]).Type, Is.EqualTo("text/vtt"));
        Assert.That(Check(UploadPurpose.Document, "reading.pdf", SampleFiles.Pdf).Type, Is.EqualTo("application/pdf"));
        Assert.That(Check(UploadPurpose.Document, "slides.pptx", SampleFiles.OfficePackage("ppt/")).Type, Does.Contain("presentation"));
        Assert.That(Check(UploadPurpose.Image, "diagram.png", SampleFiles.Png).Type, Is.EqualTo("image/png"));
        Assert.That(Check(UploadPurpose.Image, "photo.jpg", SampleFiles.Jpeg).Type, Is.EqualTo("image/jpeg"));
    }

    [Test]
    public void Check_FilesLyingAboutTheirType_AreRefusedNamingTheFile()
    {
        Assert.That(Check(UploadPurpose.Video, "intro.mp4", SampleFiles.Exe).Error, Does.Contain("“intro.mp4” is not really a MP4 video"));
        Assert.That(Check(UploadPurpose.Video, "intro.webm", Mp4).Error, Does.Contain("“intro.webm” is not really"));
        Assert.That(Check(UploadPurpose.Captions, "intro.vtt", Encoding.UTF8.GetBytes("1\n00:00:00,000 --> 00:00:02,000\nSRT")).Error, Does.Contain("“intro.vtt”"));
        Assert.That(Check(UploadPurpose.Captions, "intro.vtt", [.. "WEBVTT\n"u8.ToArray(), 0xC3, 0x28]).Error, Does.Contain("not UTF-8"));
        Assert.That(Check(UploadPurpose.Captions, "intro.vtt", Encoding.UTF8.GetBytes("WEBVTTX")).Error, Is.Not.Null);
        Assert.That(Check(UploadPurpose.Document, "reading.pdf", SampleFiles.Html).Error, Does.Contain("“reading.pdf” is not really a PDF"));
        Assert.That(Check(UploadPurpose.Image, "diagram.png", SampleFiles.Html).Error, Does.Contain("“diagram.png”"));
    }

    [Test]
    public void Check_TypesNotForThePurpose_AreRefused()
    {
        Assert.That(Check(UploadPurpose.Document, "photo.png", SampleFiles.Png).Error, Does.Contain("not a file type we accept here"));
        Assert.That(Check(UploadPurpose.Image, "reading.pdf", SampleFiles.Pdf).Error, Does.Contain("PNG or JPEG"));
        Assert.That(Check(UploadPurpose.Video, "clip.avi", Mp4).Error, Does.Contain("MP4 or WebM"));
        Assert.That(Check(UploadPurpose.Captions, "captions.srt", Vtt).Error, Does.Contain("WebVTT"));
    }

    [Test]
    public void Check_TooLargeOrEmpty_IsRefused()
    {
        Assert.That(Check(UploadPurpose.Video, "intro.mp4", Mp4, max: 4).Error, Does.Contain("larger than 4 bytes"));
        Assert.That(Check(UploadPurpose.Captions, "intro.vtt", []).Error, Does.Contain("empty"));
    }

    [Test]
    public void MaxBytes_VideosHaveTheirOwnLimit_CaptionsAtMostTheStorageLimit()
    {
        var storage = new Npq.Core.Files.StorageOptions { MaxFileBytes = 100 };
        var options = new MaterialUploadOptions();
        Assert.That(MaterialUploads.MaxBytes(UploadPurpose.Video, storage, options), Is.EqualTo(200L * 1024 * 1024));
        Assert.That(MaterialUploads.MaxBytes(UploadPurpose.Document, storage, options), Is.EqualTo(100));
        Assert.That(MaterialUploads.MaxBytes(UploadPurpose.Captions, storage, options), Is.EqualTo(100));
    }
}
