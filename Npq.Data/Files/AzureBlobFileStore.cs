using System.Security.Cryptography;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Npq.Core.Files;

namespace Npq.Data.Files;

/// <summary>
/// Files in one private Azure Blob Storage container, each a block blob under a random name the store makes up (as
/// <see cref="LocalFileStore"/> does), so every instance of the site reads what any other stored. Reads are seekable
/// streams that fetch the blob in blocks as they are read, so a video's range request downloads only what it sends.
/// </summary>
public sealed class AzureBlobFileStore(BlobContainerClient container) : IFileStore
{
    /// <summary>How much of a blob one read from Azure fetches: a range request for a video asks for about this much.</summary>
    public const int ReadBlockBytes = 1024 * 1024;

    public BlobContainerClient Container { get; } = container;

    /// <summary>The store the settings describe: a connection string, or the account's URI with the machine's Azure identity.</summary>
    public static AzureBlobFileStore Create(AzureBlobStorageOptions options)
    {
        BlobServiceClient service;
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            service = new BlobServiceClient(options.ConnectionString);
        }
        else
        {
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ManagedIdentityClientId });
            service = new BlobServiceClient(new Uri(options.ServiceUri!), credential);
        }

        return new AzureBlobFileStore(service.GetBlobContainerClient(options.Container));
    }

    /// <summary>
    /// Makes the container, private, when it is missing; refuses one that lets anonymous people read it (every stored
    /// file is someone's evidence or a cohort's material, read only through the site's permission checks).
    /// </summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken = default)
    {
        var created = await Container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        if (created is not null)
        {
            return;
        }

        var policy = await Container.GetAccessPolicyAsync(cancellationToken: cancellationToken);
        if (policy.Value.BlobPublicAccess != PublicAccessType.None)
        {
            throw new InvalidOperationException(
                $"The blob container \"{Container.Name}\" allows anonymous reads ({policy.Value.BlobPublicAccess}); set its access level to private, "
                + "since files are served only through the site's permission checks.");
        }
    }

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var name = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var options = new BlobUploadOptions
        {
            // A new name never overwrites: should two ever collide, the second upload fails instead of replacing a file.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/octet-stream" },
        };
        await BlobFor(name).UploadAsync(content, options, cancellationToken);
        return name;
    }

    public async Task<Stream?> OpenReadAsync(string storedName, CancellationToken cancellationToken = default)
    {
        var blob = BlobFor(storedName);
        try
        {
            // Without modifications allowed the stream pins the blob's ETag, so every block read comes from one version.
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = ReadBlockBytes }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string storedName, CancellationToken cancellationToken = default) =>
        await BlobFor(storedName).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);

    private BlobClient BlobFor(string storedName)
    {
        // Stored names are 32 hex characters made here; anything else is refused rather than used as a blob name.
        if (storedName.Length != 32 || !storedName.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Not a stored file name", nameof(storedName));
        }

        return Container.GetBlobClient(storedName);
    }
}
