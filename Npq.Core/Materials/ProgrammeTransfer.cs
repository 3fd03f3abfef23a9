using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npq.Core.Auditing;
using Npq.Core.Files;
using Npq.Core.Frameworks;

namespace Npq.Core.Materials;

/// <summary>A programme's zip: <c>manifest.json</c> says what is in it; markdown and files sit beside it.</summary>
public sealed record TransferManifest
{
    public const int CurrentVersion = 1;
    public const string FormatName = "npq-programme";

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = CurrentVersion;
    public string? Framework { get; init; }
    public List<ManifestModule> Modules { get; init; } = [];
    public List<ManifestAsset> Assets { get; init; } = [];
}

public sealed record ManifestModule
{
    public string Title { get; init; } = "";
    public string Summary { get; init; } = "";
    public ReleaseRule ReleaseRule { get; init; }
    public List<ManifestItem> Items { get; init; } = [];
}

/// <summary>An item; its markdown lives in the files the paths name (<see cref="Body"/>, <see cref="Transcript"/>).</summary>
public sealed record ManifestItem
{
    public ItemKind Kind { get; init; }
    public string Title { get; init; } = "";
    public ItemState State { get; init; }
    public List<string> Statements { get; init; } = [];
    public string? Body { get; init; }
    public string? Url { get; init; }
    public string? Transcript { get; init; }
    public List<KnowledgeQuestion>? Questions { get; init; }
    public ManifestFile? File { get; init; }
    public ManifestFile? Captions { get; init; }
}

/// <summary>A file in the zip (<see cref="Path"/>) and the name people see.</summary>
public sealed record ManifestFile(string Path, string Name);

/// <summary>An image of the course's pages, by the id their markdown uses (<c>/materials/assets/{id}</c>).</summary>
public sealed record ManifestAsset(int Id, string Path, string Name);

/// <summary>
/// Export and import of a course's programme as a zip: <c>manifest.json</c> (format version, modules, items with
/// kind, title, state, statements, release rule, questions and file entries), a markdown file per text, and the
/// documents, videos, captions and images. An import is previewed first, listing every problem and writing nothing;
/// the zip waits in the file store (named by a token the page carries) until the import is confirmed. Imported items
/// arrive as drafts, appended after the target's own modules, so nothing reaches candidates before someone looks.
/// </summary>
public sealed partial class ProgrammeTransfer(
    IProgrammeRepository programmes,
    IFrameworkCatalog frameworks,
    IFileStore files,
    IAuditLog audit,
    IOptions<StorageOptions> storage,
    IOptions<MaterialUploadOptions> uploadOptions,
    TimeProvider time,
    ILogger<ProgrammeTransfer> logger)
{
    public const string ManifestName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [GeneratedRegex(@"/materials/assets/(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex AssetReference();

    /// <summary>The download name of a course's programme.</summary>
    public static string FileNameFor(MaterialsCourse course) => $"programme-{Slug(course.CourseName)}.zip";

    /// <summary>Writes the course's whole programme (drafts included) as a zip to <paramref name="destination"/>.</summary>
    public async Task ExportAsync(MaterialsCourse course, Stream destination, Author author, CancellationToken cancellationToken = default)
    {
        var programme = await programmes.GetProgrammeAsync(course.CourseId, cancellationToken);
        var manifest = new TransferManifest { Framework = course.FrameworkCode };
        using (var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            var texts = new List<string>();
            for (var m = 0; m < programme.Modules.Count; m++)
            {
                var (module, items) = (programme.Modules[m].Module, programme.Modules[m].Items);
                var folder = $"modules/{m + 1:00}-{Slug(module.Title)}";
                var exported = new ManifestModule { Title = module.Title, Summary = module.Summary, ReleaseRule = module.ReleaseRule };
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    var stem = $"{folder}/{i + 1:00}-{Slug(item.Title)}";
                    texts.Add(item.Body);
                    texts.Add(item.Transcript);
                    exported.Items.Add(new ManifestItem
                    {
                        Kind = item.Kind, Title = item.Title, State = item.State, Statements = [.. item.StatementIds], Url = item.Url,
                        Body = await WriteTextAsync(zip, stem + ".md", item.Body),
                        Transcript = await WriteTextAsync(zip, stem + "-transcript.md", item.Transcript),
                        Questions = item.Kind == ItemKind.KnowledgeCheck ? [.. KnowledgeCheck.Read(item.Questions)] : null,
                        File = await WriteFileAsync(zip, item.FileStoredName, $"{stem}-{SafeEntryName(item.FileName ?? "file")}", item.FileName ?? "file", item.Id, cancellationToken),
                        Captions = await WriteFileAsync(zip, item.CaptionsStoredName, stem + "-captions.vtt", "captions.vtt", item.Id, cancellationToken),
                    });
                }

                manifest.Modules.Add(exported);
            }

            foreach (var assetId in texts.SelectMany(t => AssetReference().Matches(t)).Select(x => int.Parse(x.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct())
            {
                if (await programmes.GetAssetAsync(assetId, cancellationToken) is { } asset && asset.CourseId == course.CourseId
                    && await WriteFileAsync(zip, asset.StoredName, $"assets/{asset.Id}-{SafeEntryName(asset.FileName)}", asset.FileName, null, cancellationToken) is { } file)
                {
                    manifest.Assets.Add(new ManifestAsset(asset.Id, file.Path, asset.FileName));
                }
            }

            await WriteTextAsync(zip, ManifestName, JsonSerializer.Serialize(manifest, Json));
        }

        await audit.WriteNowAsync(time, "materials.programme.exported", author.UserId, $"course:{course.CourseId}",
            $"modules:{manifest.Modules.Count};items:{manifest.Modules.Sum(m => m.Items.Count)}", author.IpAddress, cancellationToken);
        logger.LogInformation("User {UserId} exported the programme of course {CourseId}", author.UserId, course.CourseId);
    }

    private static async Task<string?> WriteTextAsync(ZipArchive zip, string path, string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        await using var writer = new StreamWriter(zip.CreateEntry(path, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        await writer.WriteAsync(text);
        return path;
    }

    private async Task<ManifestFile?> WriteFileAsync(ZipArchive zip, string? storedName, string path, string name, int? itemId, CancellationToken cancellationToken)
    {
        if (storedName is null)
        {
            return null;
        }

        await using var content = await files.OpenReadAsync(storedName, cancellationToken);
        if (content is null)
        {
            logger.LogError("Stored file of item {ItemId} is missing from the file store; the export goes on without it", itemId);
            return null;
        }

        await using var entry = zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        await content.CopyToAsync(entry, cancellationToken);
        return new ManifestFile(path, name);
    }

    /// <summary>Lower-case ASCII letters and digits joined by hyphens, at most 40 characters ("item" when none are left).</summary>
    internal static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        slug = slug.Length > 40 ? slug[..40].TrimEnd('-') : slug;
        return slug.Length == 0 ? "item" : slug;
    }

    private static string SafeEntryName(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        extension = extension.Length <= 6 && extension.Skip(1).All(char.IsAsciiLetterOrDigit) ? extension : "";
        return Slug(Path.GetFileNameWithoutExtension(fileName)) + extension;
    }
}
