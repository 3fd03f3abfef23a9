using System.Text;
using Npq.Core.Files;

namespace Npq.Core.Materials;

/// <summary>
/// Upload limits for materials (section <c>Materials</c>): videos may be larger than other files
/// (<c>Materials:MaxVideoBytes</c>, 200 MB by default); documents and images keep <c>Storage:MaxFileBytes</c>.
/// </summary>
public sealed class MaterialUploadOptions
{
    public const long DefaultMaxVideoBytes = 200L * 1024 * 1024;
    public const long DefaultMaxCaptionsBytes = 1024 * 1024;
    public const long DefaultMaxImportBytes = 1024L * 1024 * 1024;

    public long MaxVideoBytes { get; set; } = DefaultMaxVideoBytes;

    public long MaxCaptionsBytes { get; set; } = DefaultMaxCaptionsBytes;

    /// <summary>The most an imported programme's zip may hold once uncompressed (and the most its upload may be).</summary>
    public long MaxImportBytes { get; set; } = DefaultMaxImportBytes;
}

/// <summary>What an upload is for: it decides the types accepted and the size allowed.</summary>
public enum UploadPurpose
{
    Document,
    Video,
    Captions,
    Image,
}

/// <summary>A file someone sent: its name, its length as sent, and its content.</summary>
public sealed record MaterialUpload(string FileName, long Length, Stream Content);

/// <summary>
/// Decides whether a file may become part of a programme, by its content and not only its name: documents are
/// UploadCheck's PDF and Office types, videos MP4 ('ftyp' box at offset 4) or WebM (EBML header), captions UTF-8
/// text starting "WEBVTT", and page images UploadCheck's PNG or JPEG. A file lying about its type is refused with a
/// message naming it. Streams must be seekable and are left at position 0.
/// </summary>
public static class MaterialUploads
{
    private static readonly byte[] Ebml = [0x1A, 0x45, 0xDF, 0xA3];
    private static readonly byte[] Ftyp = "ftyp"u8.ToArray();
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    public static readonly AllowedFileType Mp4 = new("MP4 video", "video/mp4", [".mp4", ".m4v"]);
    public static readonly AllowedFileType WebM = new("WebM video", "video/webm", [".webm"]);
    public static readonly AllowedFileType WebVtt = new("WebVTT captions", "text/vtt", [".vtt"]);

    public const string DocumentList = "PDF, Word, Excel or PowerPoint";
    public const string VideoList = "MP4 or WebM";
    public const string ImageList = "PNG or JPEG";

    /// <summary>The HTML accept attribute of a file input for the purpose.</summary>
    public static string Accept(UploadPurpose purpose) => purpose switch
    {
        UploadPurpose.Video => ".mp4,.m4v,.webm",
        UploadPurpose.Captions => ".vtt",
        UploadPurpose.Image => ".png,.jpg,.jpeg",
        _ => string.Join(",", UploadCheck.Types.Where(IsDocument).SelectMany(t => t.Extensions)),
    };

    /// <summary>The largest file accepted for the purpose.</summary>
    public static long MaxBytes(UploadPurpose purpose, StorageOptions storage, MaterialUploadOptions options) => purpose switch
    {
        UploadPurpose.Video => options.MaxVideoBytes,
        UploadPurpose.Captions => Math.Min(options.MaxCaptionsBytes, storage.MaxFileBytes),
        _ => storage.MaxFileBytes,
    };

    /// <summary>Checks a file for a purpose; returns its type, or an error a person can act on.</summary>
    public static (AllowedFileType? Type, string? Error) Check(UploadPurpose purpose, string fileName, long length, Stream content, long maxBytes)
    {
        var name = Path.GetFileName(fileName ?? string.Empty);
        return purpose switch
        {
            UploadPurpose.Document => Restricted(name, length, content, maxBytes, IsDocument, DocumentList),
            UploadPurpose.Image => Restricted(name, length, content, maxBytes, t => t.ContentType.StartsWith("image/", StringComparison.Ordinal), ImageList),
            UploadPurpose.Video => CheckVideo(name, length, content, maxBytes),
            _ => CheckCaptions(name, length, content, maxBytes),
        };
    }

    private static bool IsDocument(AllowedFileType type) => !type.ContentType.StartsWith("image/", StringComparison.Ordinal);

    private static (AllowedFileType?, string?) Restricted(string name, long length, Stream content, long maxBytes, Func<AllowedFileType, bool> allowed, string list)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!UploadCheck.Types.Any(t => allowed(t) && t.Extensions.Contains(extension)))
        {
            return (null, $"“{name}” is not a file type we accept here. Choose a {list} file.");
        }

        return UploadCheck.Check(name, length, content, maxBytes);
    }

    private static (AllowedFileType?, string?) CheckVideo(string name, long length, Stream content, long maxBytes)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var type = Mp4.Extensions.Contains(extension) ? Mp4 : WebM.Extensions.Contains(extension) ? WebM : null;
        if (type is null)
        {
            return (null, $"“{name}” is not a video type we accept. Choose an {VideoList} file.");
        }

        if (SizeProblem(name, length, maxBytes) is { } problem)
        {
            return (null, problem);
        }

        var head = Head(content, 12);
        var matches = type == Mp4
            ? head.Length >= 8 && head.AsSpan(4, 4).SequenceEqual(Ftyp)
            : head.Length >= 4 && head.AsSpan(0, 4).SequenceEqual(Ebml);
        return matches ? (type, null) : (null, NotReally(name, type));
    }

    private static (AllowedFileType?, string?) CheckCaptions(string name, long length, Stream content, long maxBytes)
    {
        if (!string.Equals(Path.GetExtension(name), ".vtt", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"“{name}” is not a captions file. Choose a WebVTT (.vtt) file.");
        }

        if (SizeProblem(name, length, maxBytes) is { } problem)
        {
            return (null, problem);
        }

        content.Position = 0;
        var bytes = new byte[length];
        var read = content.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        content.Position = 0;
        var text = bytes.AsSpan(0, read);
        if (text.StartsWith(Utf8Bom))
        {
            text = text[Utf8Bom.Length..];
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"“{name}” is not UTF-8 text, so it is not a WebVTT captions file.");
        }

        var valid = decoded.StartsWith("WEBVTT", StringComparison.Ordinal)
            && (decoded.Length == 6 || decoded[6] is ' ' or '\t' or '\n' or '\r');
        return valid ? (WebVtt, null) : (null, NotReally(name, WebVtt));
    }

    private static string? SizeProblem(string name, long length, long maxBytes) => length switch
    {
        <= 0 => $"“{name}” is empty.",
        _ when length > maxBytes => $"“{name}” is larger than {UploadCheck.FormatSize(maxBytes)}.",
        _ => null,
    };

    private static string NotReally(string name, AllowedFileType type) =>
        $"“{name}” is not really a {type.Name} file: its content does not match its name.";

    private static byte[] Head(Stream content, int count)
    {
        content.Position = 0;
        var buffer = new byte[count];
        var read = content.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        content.Position = 0;
        return buffer[..read];
    }
}
