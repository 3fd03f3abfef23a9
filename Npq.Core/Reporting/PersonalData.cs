namespace Npq.Core.Reporting;

/// <summary>One kind of record held about a person (a table's rows, as column → value).</summary>
public sealed record PersonalDataSection(string Name, IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

/// <summary>A file a person uploaded: where the file store keeps it and the name they gave it.</summary>
public sealed record PersonalFile(string StoredName, string FileName);

/// <summary>What one contributor holds about a person.</summary>
public sealed record PersonalDataExport(IReadOnlyList<PersonalDataSection> Sections, IReadOnlyList<PersonalFile> Files);

/// <summary>What one contributor erased: rows deleted, rows kept but stripped of personal data, files to delete.</summary>
public sealed record ErasureOutcome(int RowsRemoved, int RowsAnonymised, IReadOnlyList<string> StoredFiles);

/// <summary>
/// A feature's part in the data rights: it exports what its tables hold about a person and erases it. Every feature
/// that stores personal data registers one (the final assessment feature adds its own); erasure runs them in
/// <see cref="Order"/>, the account itself last.
/// </summary>
public interface IPersonalDataContributor
{
    /// <summary>Lower runs first. The account contributor (which anonymises the Users row) is <c>int.MaxValue</c>.</summary>
    int Order { get; }

    Task<PersonalDataExport> ExportAsync(int userId, CancellationToken cancellationToken = default);

    Task<ErasureOutcome> EraseAsync(int userId, CancellationToken cancellationToken = default);
}

/// <summary>The counts kept after an erasure: how much was removed, never whose.</summary>
public sealed record ErasureRecord(DateTime ErasedUtc, int ErasedByUserId, int RowsRemoved, int RowsAnonymised, int FilesRemoved);

public interface IErasureLog
{
    Task<int> RecordAsync(ErasureRecord record, CancellationToken cancellationToken = default);
}

/// <summary>What an erased account looks like afterwards.</summary>
public static class ErasedAccount
{
    public const string DisplayName = "Erased person";

    public static string Email(int userId) => $"erased-{userId}@erased.invalid";
}
