using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npq.Core.Auditing;
using Npq.Core.Files;
using Npq.Core.Frameworks;

namespace Npq.Core.Materials;

/// <summary>What an import would add: every problem found (nothing is written while there is one) and the modules.</summary>
public sealed record ImportPreview(string? Token, IReadOnlyList<string> Problems, IReadOnlyList<ImportModuleSummary> Modules)
{
    public bool IsValid => Problems.Count == 0 && Token is not null;
}

public sealed record ImportModuleSummary(string Title, IReadOnlyList<(ItemKind Kind, string Title)> Items);

/// <summary>The outcome of confirming an import: the modules added, or the problems that stopped it.</summary>
public sealed record ImportOutcome(IReadOnlyList<int> ModuleIds, IReadOnlyList<string> Problems)
{
    public bool Done => Problems.Count == 0;
}

/// <summary>Reading a programme's zip, checking all of it, and appending it to a course.</summary>
public sealed partial class ProgrammeTransfer
{
    public const int MaxEntries = 5000;
    public const string StaleTokenMessage = "That upload is no longer here. Upload the zip again.";

    /// <summary>
    /// Keeps an uploaded zip in the file store and checks it against the target course. When it has problems the zip is
    /// dropped and the preview lists them; otherwise the preview carries the token that confirms the import.
    /// </summary>
    public async Task<ImportPreview> PreviewAsync(MaterialsCourse target, MaterialUpload? upload, Author author, CancellationToken cancellationToken = default)
    {
        if (upload is null || upload.Length <= 0)
        {
            return new ImportPreview(null, ["Choose a programme's zip file to import."], []);
        }

        if (upload.Length > uploadOptions.Value.MaxImportBytes)
        {
            return new ImportPreview(null, [$"“{Path.GetFileName(upload.FileName)}” is larger than {UploadCheck.FormatSize(uploadOptions.Value.MaxImportBytes)}."], []);
        }

        var token = await files.SaveAsync(upload.Content, cancellationToken);
        var (problems, modules) = await CheckAsync(target, token, cancellationToken);
        if (problems.Count > 0)
        {
            await files.DeleteAsync(token, cancellationToken);
            logger.LogWarning("Import into course {CourseId} by user {UserId} refused with {Count} problems", target.CourseId, author.UserId, problems.Count);
            return new ImportPreview(null, problems, modules);
        }

        return new ImportPreview(token, [], modules);
    }

    /// <summary>Checks the kept zip again and, when all is still valid, appends its modules and items (as drafts) to the course.</summary>
    public async Task<ImportOutcome> ImportAsync(MaterialsCourse target, string? token, Author author, CancellationToken cancellationToken = default)
    {
        if (!IsToken(token) || await files.OpenReadAsync(token!, cancellationToken) is not { } zipStream)
        {
            return new ImportOutcome([], [StaleTokenMessage]);
        }

        await using (zipStream)
        {
            var (package, problems) = await ReadPackageAsync(zipStream, FrameworkOf(target), cancellationToken);
            if (package is null || problems.Count > 0)
            {
                return new ImportOutcome([], problems);
            }

            var moduleIds = await WriteAsync(target, package, author, cancellationToken);
            zipStream.Close();
            await files.DeleteAsync(token!, cancellationToken);
            await audit.WriteNowAsync(time, "materials.programme.imported", author.UserId, $"course:{target.CourseId}",
                $"modules:{string.Join(',', moduleIds)}", author.IpAddress, cancellationToken);
            logger.LogInformation("User {UserId} imported {Count} modules into course {CourseId}", author.UserId, moduleIds.Count, target.CourseId);
            return new ImportOutcome(moduleIds, []);
        }
    }

    /// <summary>Drops a kept zip the person decided not to import.</summary>
    public async Task DiscardAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (IsToken(token))
        {
            await files.DeleteAsync(token!, cancellationToken);
        }
    }

    private Framework? FrameworkOf(MaterialsCourse course) => course.FrameworkCode is { } code ? frameworks.Find(code) : null;

    /// <summary>A token is a stored name: 32 hex characters.</summary>
    private static bool IsToken(string? token) => token is { Length: 32 } && token.All(Uri.IsHexDigit);

    private async Task<(IReadOnlyList<string> Problems, IReadOnlyList<ImportModuleSummary> Modules)> CheckAsync(MaterialsCourse target, string token, CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenReadAsync(token, cancellationToken);
        if (stream is null)
        {
            return ([StaleTokenMessage], []);
        }

        var (package, problems) = await ReadPackageAsync(stream, FrameworkOf(target), cancellationToken);
        var modules = package?.Manifest.Modules.Select(m => new ImportModuleSummary(m.Title, m.Items.Select(i => (i.Kind, i.Title)).ToList())).ToList() ?? [];
        return (problems, modules);
    }

    private async Task<List<int>> WriteAsync(MaterialsCourse target, Package package, Author author, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var assetIds = new Dictionary<int, int>();
        foreach (var asset in package.Manifest.Assets)
        {
            var stored = await SaveEntryAsync(package, asset.Path, cancellationToken);
            var entry = package.Entry(asset.Path)!;
            var type = UploadCheck.Types.First(t => t.Extensions.Contains(Path.GetExtension(asset.Name).ToLowerInvariant()));
            assetIds[asset.Id] = await programmes.AddAssetAsync(
                new MaterialAsset(0, target.CourseId, stored, ProgrammeAuthoring.SafeFileName(asset.Name), type.ContentType, entry.Length, author.UserId, now), cancellationToken);
        }

        string Relink(string text) => AssetReference().Replace(text, m =>
            int.TryParse(m.Groups[1].Value, out var old) && assetIds.TryGetValue(old, out var id) ? ProgrammeAuthoring.AssetPath(id) : m.Value);

        var moduleIds = new List<int>();
        foreach (var module in package.Manifest.Modules)
        {
            var moduleId = await programmes.CreateModuleAsync(new MaterialModule
            {
                CourseId = target.CourseId, Title = module.Title.Trim(), Summary = module.Summary.Trim(), ReleaseRule = module.ReleaseRule, CreatedUtc = now, UpdatedUtc = now,
            }, cancellationToken);
            moduleIds.Add(moduleId);
            foreach (var item in module.Items)
            {
                (string Stored, long Length, string Name)? file = item.File is null ? null : (await SaveEntryAsync(package, item.File.Path, cancellationToken), package.Entry(item.File.Path)!.Length, item.File.Name);
                await programmes.CreateItemAsync(new MaterialItem
                {
                    ModuleId = moduleId, Kind = item.Kind, Title = item.Title.Trim(), State = ItemState.Draft,
                    Body = Relink(await package.TextAsync(item.Body, cancellationToken)), Url = item.Kind == ItemKind.Link ? item.Url : null,
                    Transcript = Relink(await package.TextAsync(item.Transcript, cancellationToken)),
                    Questions = item.Kind == ItemKind.KnowledgeCheck && item.Questions is { } questions ? KnowledgeCheck.Write(questions) : "",
                    FileStoredName = file?.Stored, FileName = file is null ? null : ProgrammeAuthoring.SafeFileName(file.Value.Name),
                    FileContentType = file is null ? null : package.Types[item.File!.Path].ContentType, FileBytes = file?.Length,
                    CaptionsStoredName = item.Captions is null ? null : await SaveEntryAsync(package, item.Captions.Path, cancellationToken),
                    StatementIds = package.Statements(item), CreatedUtc = now, UpdatedUtc = now,
                }, cancellationToken);
            }
        }

        return moduleIds;
    }

    private async Task<string> SaveEntryAsync(Package package, string path, CancellationToken cancellationToken)
    {
        var entry = package.Entry(path)!;
        await using var content = new LimitedStream(entry.Open(), entry.Length);
        return await files.SaveAsync(content, cancellationToken);
    }

    private async Task<(Package? Package, IReadOnlyList<string> Problems)> ReadPackageAsync(Stream stream, Framework? framework, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return (null, ["The file is not a zip archive."]);
        }

        var package = new Package(zip, framework, storage.Value, uploadOptions.Value);
        try
        {
            var problems = await package.CheckAsync(cancellationToken);
            return (package, problems);
        }
        catch (InvalidDataException)
        {
            return (null, ["The zip archive is damaged: an entry could not be read."]);
        }
    }
}
