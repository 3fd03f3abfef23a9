using System.IO.Compression;

namespace Npq.Core.Files;

/// <summary>The kinds of file evidence may carry.</summary>
public sealed record AllowedFileType(string Name, string ContentType, IReadOnlyList<string> Extensions);

/// <summary>
/// Decides whether an upload is a file people may attach: its extension is one we accept, and its first bytes
/// (and, for Office files, the package inside) say it really is that kind of file. A file whose name and content
/// disagree (an .exe renamed .pdf, HTML renamed .png) is refused.
/// </summary>
public static class UploadCheck
{
    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static readonly IReadOnlyList<AllowedFileType> Types =
    [
        new("PDF", "application/pdf", [".pdf"]),
        new("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [".docx"]),
        new("Word 97–2003", "application/msword", [".doc"]),
        new("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [".xlsx"]),
        new("Excel 97–2003", "application/vnd.ms-excel", [".xls"]),
        new("PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", [".pptx"]),
        new("PowerPoint 97–2003", "application/vnd.ms-powerpoint", [".ppt"]),
        new("PNG image", "image/png", [".png"]),
        new("JPEG image", "image/jpeg", [".jpg", ".jpeg"]),
    ];

    public const string AcceptedList = "PDF, Word, Excel, PowerPoint, PNG or JPEG";

    /// <summary>The HTML accept attribute for a file input.</summary>
    public static string AcceptAttribute => string.Join(",", Types.SelectMany(t => t.Extensions));

    /// <summary>Checks a file; the stream must be seekable and is left at position 0.</summary>
    /// <returns>The accepted type, or an error a person can act on.</returns>
    public static (AllowedFileType? Type, string? Error) Check(string fileName, long length, Stream content, long maxBytes)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        var type = Types.FirstOrDefault(t => t.Extensions.Contains(extension));
        if (type is null)
        {
            return (null, $"“{Path.GetFileName(fileName)}” is not a file type we accept. Attach a {AcceptedList} file.");
        }

        if (length <= 0)
        {
            return (null, $"“{Path.GetFileName(fileName)}” is empty.");
        }

        if (length > maxBytes)
        {
            return (null, $"“{Path.GetFileName(fileName)}” is larger than {FormatSize(maxBytes)}.");
        }

        var matches = extension switch
        {
            ".pdf" => StartsWith(content, Pdf),
            ".png" => StartsWith(content, Png),
            ".jpg" or ".jpeg" => StartsWith(content, Jpeg),
            ".doc" or ".xls" or ".ppt" => StartsWith(content, OleCompound),
            ".docx" => IsOfficePackage(content, "word/"),
            ".xlsx" => IsOfficePackage(content, "xl/"),
            ".pptx" => IsOfficePackage(content, "ppt/"),
            _ => false,
        };
        content.Position = 0;
        return matches
            ? (type, null)
            : (null, $"“{Path.GetFileName(fileName)}” is not really a {type.Name} file: its content does not match its name.");
    }

    public static string FormatSize(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };

    private static bool StartsWith(Stream content, byte[] signature)
    {
        content.Position = 0;
        var buffer = new byte[signature.Length];
        var read = content.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return read == signature.Length && buffer.AsSpan().SequenceEqual(signature);
    }

    private static bool IsOfficePackage(Stream content, string partFolder)
    {
        if (!StartsWith(content, Zip))
        {
            return false;
        }

        content.Position = 0;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var names = zip.Entries.Select(e => e.FullName).ToList();
            return names.Contains("[Content_Types].xml") && names.Any(n => n.StartsWith(partFolder, StringComparison.Ordinal));
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
