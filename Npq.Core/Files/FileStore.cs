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

/// <summary>
/// Storage settings: <c>Storage:Provider</c> (Local, the default, or AzureBlob), <c>Storage:Root</c> for the local
/// folder, <c>Storage:AzureBlob:*</c> for blob storage, and <c>Storage:MaxFileBytes</c>.
/// </summary>
public sealed class StorageOptions
{
    public const int DefaultMaxFileBytes = 20 * 1024 * 1024;
    public const string LocalProvider = "Local";
    public const string AzureBlobProvider = "AzureBlob";

    /// <summary>Where files are kept: <c>Local</c> (a folder, for one instance) or <c>AzureBlob</c> (shared by several).</summary>
    public string Provider { get; set; } = LocalProvider;

    /// <summary>The folder files are kept in; relative paths are under the app's content root.</summary>
    public string Root { get; set; } = Path.Combine("App_Data", "files");

    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    public AzureBlobStorageOptions AzureBlob { get; set; } = new();

    public bool UsesAzureBlob => string.Equals(Provider, AzureBlobProvider, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Azure Blob Storage settings: a <see cref="ConnectionString"/> (an account key or SAS, or Azurite's), or a
/// <see cref="ServiceUri"/> reached with the machine's Azure identity (managed identity, workload identity,
/// environment), and the <see cref="Container"/> the files are kept in (made, private, at start when missing).
/// </summary>
public sealed class AzureBlobStorageOptions
{
    public const string DefaultContainer = "npq-files";

    public string? ConnectionString { get; set; }

    /// <summary>The account's blob endpoint, e.g. https://npqfiles.blob.core.windows.net, used when there is no connection string.</summary>
    public string? ServiceUri { get; set; }

    /// <summary>With <see cref="ServiceUri"/>: the client id of a user-assigned managed identity, when there are several.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public string Container { get; set; } = DefaultContainer;
}
