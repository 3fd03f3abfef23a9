using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Auditing;
using Npq.Core.Files;

namespace Npq.Core.Reporting;

/// <summary>What an erasure did, in counts.</summary>
public sealed record ErasureSummary(int ErasureId, int RowsRemoved, int RowsAnonymised, int FilesRemoved);

/// <summary>
/// Where an admin's request to erase someone stands: the person found and what Npq holds about them, a problem to
/// show, or the erasure done.
/// </summary>
public sealed record ErasureRequest
{
    public AppUser? Person { get; init; }
    public string? Problem { get; init; }
    public IReadOnlyList<(string Section, int Rows)> Holdings { get; init; } = [];
    public ErasureSummary? Done { get; init; }
}

/// <summary>
/// A person's right of access (everything Npq holds about them, as JSON plus their files in a zip) and an admin's
/// erasure on request (a person of their provider, never themselves). Both go through every registered
/// <see cref="IPersonalDataContributor"/>, so a feature that stores personal data takes part by registering one.
/// </summary>
public sealed class DataRightsService(
    IEnumerable<IPersonalDataContributor> contributors,
    IErasureLog erasures,
    IReportExportRepository exports,
    IFileStore fileStore,
    IUserRepository users,
    IRelationships relationships,
    IAuditLog audit,
    TimeProvider time,
    ILogger<DataRightsService> logger)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes the zip to <paramref name="seekableOutput"/>: <c>personal-data.json</c> and <c>files/…</c>.</summary>
    public async Task WriteZipAsync(int userId, Stream seekableOutput, string? ipAddress, CancellationToken cancellationToken = default)
    {
        var sections = new Dictionary<string, object>(StringComparer.Ordinal);
        var files = new List<PersonalFile>();
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            var export = await contributor.ExportAsync(userId, cancellationToken);
            foreach (var section in export.Sections)
            {
                var name = section.Name;
                for (var i = 2; sections.ContainsKey(name); i++)
                {
                    name = $"{section.Name}_{i}";
                }

                sections[name] = section.Rows;
            }

            files.AddRange(export.Files);
        }

        using var zip = new ZipArchive(seekableOutput, ZipArchiveMode.Create, leaveOpen: true);
        var index = new List<object>();
        var n = 0;
        foreach (var file in files)
        {
            await using var content = await fileStore.OpenReadAsync(file.StoredName, cancellationToken);
            if (content is null)
            {
                continue;
            }

            // The stored name keeps entries unique; only the last part of the person's own name is used, made safe.
            var entryName = $"files/{++n:D3}-{SafeName(file.FileName)}";
            var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
            await using (var target = entry.Open())
            {
                await content.CopyToAsync(target, cancellationToken);
            }

            index.Add(new { file = entryName, original_name = file.FileName });
        }

        var document = new Dictionary<string, object>
        {
            ["exported_utc"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["about"] = "Everything Npq holds about you: one section per kind of record, and your uploaded files in the files folder.",
            ["sections"] = sections,
            ["files"] = index,
        };
        var json = zip.CreateEntry("personal-data.json", CompressionLevel.Optimal);
        await using (var target = json.Open())
        {
            await JsonSerializer.SerializeAsync(target, document, Json, cancellationToken);
        }

        await audit.RecordAsync(time, new ReportActor(userId, ipAddress), "personal-data.exported", $"user:{userId}", $"sections={sections.Count} files={index.Count}", cancellationToken);
        logger.LogInformation("User {UserId} downloaded their personal data", userId);
    }

    /// <summary>How many records each kind holds about a person: shown to the admin before erasing.</summary>
    public async Task<IReadOnlyList<(string Section, int Rows)>> SummariseAsync(int userId, CancellationToken cancellationToken = default)
    {
        var result = new List<(string, int)>();
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            var export = await contributor.ExportAsync(userId, cancellationToken);
            result.AddRange(export.Sections.Where(s => s.Rows.Count > 0).Select(s => (s.Name, s.Rows.Count)));
            if (export.Files.Count > 0)
            {
                result.Add(("uploaded files", export.Files.Count));
            }
        }

        return result;
    }

    /// <summary>The person of the admin's provider with this email address, and what Npq holds about them.</summary>
    public async Task<ErasureRequest> FindAsync(int adminUserId, string? email, CancellationToken cancellationToken = default)
    {
        var (person, problem) = await FindErasableAsync(adminUserId, email, cancellationToken);
        return person is null
            ? new ErasureRequest { Problem = problem }
            : new ErasureRequest { Person = person, Holdings = await SummariseAsync(person.Id, cancellationToken) };
    }

    /// <summary>Erases the person of the admin's provider with this email address, once the admin has confirmed the request.</summary>
    public async Task<ErasureRequest> EraseOnRequestAsync(string? email, bool confirmed, ReportActor admin, CancellationToken cancellationToken = default)
    {
        var (person, problem) = await FindErasableAsync(admin.UserId, email, cancellationToken);
        if (person is null)
        {
            return new ErasureRequest { Problem = problem };
        }

        if (!confirmed)
        {
            return new ErasureRequest
            {
                Person = person,
                Holdings = await SummariseAsync(person.Id, cancellationToken),
                Problem = "Tick the box to confirm that the person asked for erasure and you have checked who they are.",
            };
        }

        return new ErasureRequest { Done = await EraseAsync(person.Id, admin.UserId, admin.IpAddress, cancellationToken) };
    }

    /// <summary>
    /// Erases a person: every contributor deletes or anonymises its rows (the account last), then their files and
    /// report exports are deleted. The erasure is recorded and audited by counts only.
    /// </summary>
    public async Task<ErasureSummary> EraseAsync(int userId, int erasedByUserId, string? ipAddress, CancellationToken cancellationToken = default)
    {
        // Report files first: their rows go with the account.
        foreach (var export in await exports.ListForUserAsync(userId, cancellationToken))
        {
            if (!string.IsNullOrEmpty(export.StoredName))
            {
                await fileStore.DeleteAsync(export.StoredName, cancellationToken);
            }
        }

        var removed = 0;
        var anonymised = 0;
        var storedFiles = new List<string>();
        foreach (var contributor in contributors.OrderBy(c => c.Order))
        {
            var outcome = await contributor.EraseAsync(userId, cancellationToken);
            removed += outcome.RowsRemoved;
            anonymised += outcome.RowsAnonymised;
            storedFiles.AddRange(outcome.StoredFiles);
        }

        foreach (var storedName in storedFiles)
        {
            await fileStore.DeleteAsync(storedName, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var erasureId = await erasures.RecordAsync(new ErasureRecord(now, erasedByUserId, removed, anonymised, storedFiles.Count), cancellationToken);
        await audit.RecordAsync(time, new ReportActor(erasedByUserId, ipAddress), "person.erased", $"erasure:{erasureId}",
            $"rows_removed={removed} rows_anonymised={anonymised} files_removed={storedFiles.Count}", cancellationToken);
        logger.LogInformation("Erasure {ErasureId} by user {AdminUserId}: {Removed} rows removed, {Anonymised} anonymised, {Files} files", erasureId, erasedByUserId, removed, anonymised, storedFiles.Count);
        return new ErasureSummary(erasureId, removed, anonymised, storedFiles.Count);
    }

    public static string SafeName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        return string.IsNullOrEmpty(safe) ? "file" : safe.Length > 100 ? safe[^100..] : safe;
    }

    /// <summary>A person of the admin's provider, by email; never the admin themselves.</summary>
    private async Task<(AppUser? Person, string? Problem)> FindErasableAsync(int adminUserId, string? email, CancellationToken cancellationToken)
    {
        const string notFound = "No person of your provider has that email address.";
        var address = (email ?? string.Empty).Trim();
        if (address.Length is 0 or > 256)
        {
            return (null, "Enter the email address of the person to erase.");
        }

        var person = await users.FindByNormalizedEmailAsync(address.ToUpperInvariant(), cancellationToken);
        if (person is null || !await relationships.IsProviderAdminOfAsync(adminUserId, person.Id, cancellationToken))
        {
            return (null, notFound);
        }

        return person.Id == adminUserId ? (null, "You cannot erase your own account; ask another admin.") : (person, null);
    }
}
