using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Npq.Core.Files;
using Npq.Core.Frameworks;

namespace Npq.Core.Materials;

public sealed partial class ProgrammeTransfer
{
    /// <summary>
    /// A programme's zip being read: its entries (none with an unsafe path, their total size capped), its manifest, and
    /// every file it names checked by content. Every problem is collected, so the preview can list them all.
    /// </summary>
    private sealed class Package(ZipArchive zip, Framework? framework, StorageOptions storage, MaterialUploadOptions options)
    {
        private const int MaxManifestBytes = 5 * 1024 * 1024;
        private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.Ordinal);
        private readonly Dictionary<ManifestItem, IReadOnlyList<string>> _statements = new(ReferenceEqualityComparer.Instance);
        private readonly List<string> _problems = [];

        public TransferManifest Manifest { get; private set; } = new();

        /// <summary>The type each checked file turned out to be, by its path in the zip.</summary>
        public Dictionary<string, AllowedFileType> Types { get; } = new(StringComparer.Ordinal);

        public ZipArchiveEntry? Entry(string? path) => path is not null && _entries.TryGetValue(path, out var entry) ? entry : null;

        /// <summary>An item's statements in the target framework's spelling (known once checked).</summary>
        public IReadOnlyList<string> Statements(ManifestItem item) => _statements.GetValueOrDefault(item, []);

        public async Task<string> TextAsync(string? path, CancellationToken cancellationToken) =>
            Entry(path) is { } entry ? await ReadTextAsync(entry, cancellationToken) ?? "" : "";

        public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken)
        {
            if (zip.Entries.Count > MaxEntries)
            {
                return [$"The zip holds more than {MaxEntries:N0} files."];
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (IsUnsafe(entry.FullName))
                {
                    _problems.Add($"“{entry.FullName}” has an unsafe path (a folder above the zip's own, or an absolute path).");
                }
                else
                {
                    _entries.TryAdd(entry.FullName, entry);
                }
            }

            if (total > options.MaxImportBytes)
            {
                _problems.Add($"The zip unpacks to more than {UploadCheck.FormatSize(options.MaxImportBytes)}.");
                return _problems;
            }

            if (await ReadManifestAsync(cancellationToken) is not { } manifest)
            {
                return _problems;
            }

            Manifest = manifest;
            if (manifest.Modules.Count == 0)
            {
                _problems.Add("The manifest lists no modules.");
            }

            for (var m = 0; m < manifest.Modules.Count; m++)
            {
                await CheckModuleAsync(manifest.Modules[m], m, cancellationToken);
            }

            foreach (var asset in manifest.Assets ?? [])
            {
                await CheckFileAsync($"Image “{asset.Name}”", asset.Path, asset.Name, UploadPurpose.Image, cancellationToken);
            }

            return _problems;
        }

        private async Task<TransferManifest?> ReadManifestAsync(CancellationToken cancellationToken)
        {
            if (Entry(ManifestName) is not { } entry)
            {
                _problems.Add($"The zip has no {ManifestName}: it is not a programme exported from Npq.");
                return null;
            }

            if (entry.Length > MaxManifestBytes)
            {
                _problems.Add($"{ManifestName} is larger than {UploadCheck.FormatSize(MaxManifestBytes)}.");
                return null;
            }

            TransferManifest? manifest = null;
            try
            {
                manifest = JsonSerializer.Deserialize<TransferManifest>(await ReadTextAsync(entry, cancellationToken) ?? "", Json);
            }
            catch (JsonException e)
            {
                _problems.Add($"{ManifestName} is not valid: {e.Message}");
                return null;
            }

            if (manifest is null || manifest.Modules is null || manifest.Format != TransferManifest.FormatName)
            {
                _problems.Add($"{ManifestName} is not an Npq programme's manifest.");
                return null;
            }

            if (manifest.Version != TransferManifest.CurrentVersion)
            {
                _problems.Add($"{ManifestName} is format version {manifest.Version}; this Npq reads version {TransferManifest.CurrentVersion}.");
                return null;
            }

            return manifest;
        }

        private async Task CheckModuleAsync(ManifestModule module, int m, CancellationToken cancellationToken)
        {
            var draft = new ModuleDraft { Title = module.Title, Summary = module.Summary, ReleaseRule = module.ReleaseRule };
            _problems.AddRange(ProgrammeAuthoring.CheckModule(draft).Select(p => $"Module {m + 1}: {p.Message}"));
            for (var i = 0; i < (module.Items?.Count ?? 0); i++)
            {
                var item = module.Items![i];
                var label = $"Module {m + 1}, item {i + 1} (“{item.Title}”)";
                if (!Enum.IsDefined(item.Kind) || !Enum.IsDefined(item.State))
                {
                    _problems.Add($"{label}: its kind or state is not one Npq knows.");
                    continue;
                }

                var body = await LinkedTextAsync(label, item.Body, cancellationToken);
                var transcript = await LinkedTextAsync(label, item.Transcript, cancellationToken);
                var questions = item.Questions ?? [];
                if (questions.Any(q => q is null || string.IsNullOrEmpty(q.Id) || q.Options is null || q.Options.Any(o => o is null || string.IsNullOrEmpty(o.Id))))
                {
                    _problems.Add($"{label}: a question or answer has no id.");
                    questions = [];
                }

                var itemDraft = new ItemDraft
                {
                    Title = item.Title, Body = body, Url = item.Url, Transcript = transcript, Questions = questions, StatementIds = item.Statements ?? [],
                };
                var (problems, statements) = ProgrammeAuthoring.CheckFields(item.Kind, itemDraft, framework);
                _problems.AddRange(problems.Select(p => $"{label}: {p.Message}"));
                _statements[item] = statements;

                var purpose = item.Kind switch { ItemKind.File => UploadPurpose.Document, ItemKind.Video => UploadPurpose.Video, _ => (UploadPurpose?)null };
                if ((item.File is not null && purpose is null) || (item.Captions is not null && item.Kind != ItemKind.Video))
                {
                    _problems.Add($"{label}: a {ProgrammeAuthoring.KindName(item.Kind)} does not take a file.");
                }

                if (item.File is not null && purpose is { } p1)
                {
                    await CheckFileAsync(label, item.File.Path, item.File.Name, p1, cancellationToken);
                }

                if (item.Captions is not null && item.Kind == ItemKind.Video)
                {
                    await CheckFileAsync(label, item.Captions.Path, "captions.vtt", UploadPurpose.Captions, cancellationToken);
                }
            }
        }

        private async Task<string?> LinkedTextAsync(string label, string? path, CancellationToken cancellationToken)
        {
            if (path is null)
            {
                return null;
            }

            if (Entry(path) is not { } entry)
            {
                _problems.Add($"{label}: “{path}” is missing from the zip.");
                return null;
            }

            if (entry.Length > ProgrammeAuthoring.MaxBodyLength * 4L)
            {
                _problems.Add($"{label}: “{path}” is too long.");
                return null;
            }

            var text = await ReadTextAsync(entry, cancellationToken);
            if (text is null)
            {
                _problems.Add($"{label}: “{path}” is not UTF-8 text.");
            }

            return text;
        }

        private async Task CheckFileAsync(string label, string? path, string? name, UploadPurpose purpose, CancellationToken cancellationToken)
        {
            if (Entry(path) is not { } entry)
            {
                _problems.Add($"{label}: the file “{path}” is missing from the zip.");
                return;
            }

            var shownName = Path.GetFileName(string.IsNullOrWhiteSpace(name) ? entry.Name : name);
            var max = MaterialUploads.MaxBytes(purpose, storage, options);
            using var buffer = new MemoryStream();
            if (entry.Length <= max)
            {
                await using var content = new LimitedStream(entry.Open(), entry.Length);
                if (purpose == UploadPurpose.Video)
                {
                    var head = new byte[12];
                    buffer.Write(head, 0, await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken));
                    await content.CopyToAsync(Stream.Null, cancellationToken); // reads it all: a lying size is found now, not mid-import
                }
                else
                {
                    await content.CopyToAsync(buffer, cancellationToken);
                }
            }

            buffer.Position = 0;
            var checkName = purpose == UploadPurpose.Captions ? "captions.vtt" : shownName;
            var (type, error) = MaterialUploads.Check(purpose, checkName, entry.Length, buffer, max);
            if (type is null)
            {
                _problems.Add($"{label}: {error!.Replace("“captions.vtt”", $"“{entry.FullName}”", StringComparison.Ordinal)}");
                return;
            }

            Types[entry.FullName] = type;
        }

        private static bool IsUnsafe(string path) =>
            path.Length == 0 || path.StartsWith('/') || path.Contains('\\') || path.Contains(':') || Path.IsPathRooted(path)
            || path.Split('/').Any(segment => segment is ".." or ".");

        private static async Task<string?> ReadTextAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
        {
            await using var content = new LimitedStream(entry.Open(), entry.Length);
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }
    }
}
