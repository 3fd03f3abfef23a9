using Npq.Core.Files;

namespace Npq.Tests.Core.Files;

public sealed class UploadCheckTests
{
    private const long Limit = 20 * 1024 * 1024;

    private static (AllowedFileType? Type, string? Error) Check(string name, byte[] content, long? length = null)
    {
        using var stream = new MemoryStream(content);
        return UploadCheck.Check(name, length ?? content.Length, stream, Limit);
    }

    [Test]
    public void Check_RealFilesOfEachKind_AreAccepted()
    {
        Assert.That(Check("report.pdf", SampleFiles.Pdf).Type?.ContentType, Is.EqualTo("application/pdf"));
        Assert.That(Check("photo.PNG", SampleFiles.Png).Type?.ContentType, Is.EqualTo("image/png"));
        Assert.That(Check("photo.jpeg", SampleFiles.Jpeg).Type?.ContentType, Is.EqualTo("image/jpeg"));
        Assert.That(Check("notes.docx", SampleFiles.OfficePackage("word/")).Type?.Name, Is.EqualTo("Word"));
        Assert.That(Check("data.xlsx", SampleFiles.OfficePackage("xl/")).Type?.Name, Is.EqualTo("Excel"));
        Assert.That(Check("slides.pptx", SampleFiles.OfficePackage("ppt/")).Type?.Name, Is.EqualTo("PowerPoint"));
        Assert.That(Check("old.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).Type?.Name, Is.EqualTo("Word 97–2003"));
    }

    [Test]
    public void Check_ExecutableRenamedPdf_IsRefusedAsNotReallyAPdf() =>
        Assert.That(Check("report.pdf", SampleFiles.Exe).Error, Is.EqualTo("“report.pdf” is not really a PDF file: its content does not match its name."));

    [Test]
    public void Check_HtmlRenamedPng_IsRefused() =>
        Assert.That(Check("photo.png", SampleFiles.Html).Error, Does.Contain("not really a PNG image"));

    [Test]
    public void Check_ZipRenamedDocx_IsRefused() =>
        Assert.That(Check("notes.docx", SampleFiles.PlainZip()).Error, Does.Contain("not really a Word file"));

    [Test]
    public void Check_WordPackageRenamedXlsx_IsRefused() =>
        Assert.That(Check("sheet.xlsx", SampleFiles.OfficePackage("word/")).Type, Is.Null);

    [TestCase("tool.exe")]
    [TestCase("page.html")]
    [TestCase("image.svg")]
    [TestCase("noextension")]
    public void Check_TypesWeDoNotAccept_AreRefusedWithTheList(string name) =>
        Assert.That(Check(name, SampleFiles.Pdf).Error, Does.Contain("PDF, Word, Excel, PowerPoint, PNG or JPEG"));

    [Test]
    public void Check_OverTheSizeLimit_IsRefusedWithTheLimit() =>
        Assert.That(Check("big.pdf", SampleFiles.Pdf, length: Limit + 1).Error, Is.EqualTo("“big.pdf” is larger than 20 MB."));

    [Test]
    public void Check_Empty_IsRefused() =>
        Assert.That(Check("empty.pdf", []).Error, Does.Contain("is empty"));

    [Test]
    public void Check_LeavesTheStreamAtTheStart()
    {
        using var stream = new MemoryStream(SampleFiles.Pdf);
        UploadCheck.Check("a.pdf", stream.Length, stream, Limit);

        Assert.That(stream.Position, Is.Zero);
    }
}
