namespace Npq.Core.Files;

/// <summary>
/// Where uploaded files are kept, outside the web root, under names the store generates. The local-folder
/// implementation suits one machine; a shared store (blob storage, a network share) suits several.
/// </summary>
public interface IFileStore
{
    /// <summary>Stores the content and returns the generated name it is kept under.</summary>
    Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored file for reading, or null when it is missing.</summary>
    Task<Stream?> OpenReadAsync(string storedName, CancellationToken cancellationToken = default);

    Task DeleteAsync(string storedName, CancellationToken cancellationToken = default);
}

/// <summary>Storage settings (<c>Storage:Root</c>, <c>Storage:MaxFileBytes</c>).</summary>
public sealed class StorageOptions
{
    public const int DefaultMaxFileBytes = 20 * 1024 * 1024;

    /// <summary>The folder files are kept in; relative paths are under the app's content root.</summary>
    public string Root { get; set; } = Path.Combine("App_Data", "files");

    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;
}
