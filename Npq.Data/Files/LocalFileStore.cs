using System.Security.Cryptography;
using Npq.Core.Files;

namespace Npq.Data.Files;

/// <summary>
/// Files in a local folder outside the web root, each under a random name the store makes up; the name a person
/// gave the file lives only in the database, so nothing they type reaches the file system.
/// </summary>
public sealed class LocalFileStore(string root) : IFileStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Root);
        var name = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var path = PathFor(name);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await content.CopyToAsync(file, cancellationToken);
        return name;
    }

    public Task<Stream?> OpenReadAsync(string storedName, CancellationToken cancellationToken = default)
    {
        var path = PathFor(storedName);
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true) : null;
        return Task.FromResult(stream);
    }

    public Task DeleteAsync(string storedName, CancellationToken cancellationToken = default)
    {
        var path = PathFor(storedName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }

    private string PathFor(string storedName)
    {
        // Stored names are 32 hex characters made here; anything else is refused rather than joined to a path.
        if (storedName.Length != 32 || !storedName.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Not a stored file name", nameof(storedName));
        }

        return Path.Combine(Root, storedName);
    }
}
