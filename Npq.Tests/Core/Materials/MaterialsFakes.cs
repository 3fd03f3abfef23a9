using Npq.Core.Files;
using Npq.Core.Frameworks;

namespace Npq.Tests.Core.Materials;

/// <summary>What the materials use-case tests share: a small framework and a file store in memory.</summary>
internal static class MaterialsFakes
{
    public static Framework Framework() => new("npqsl", "Senior leadership",
    [
        new Area("school-culture", "School culture", 1,
            [new Statement("sc-lt-1", StatementKind.LearnThat, "1", "Teaching matters.", "", "school-culture", null, [])], []),
        new Area("teaching", "Teaching", 2,
            [new Statement("t-lt-1", StatementKind.LearnThat, "1", "Pupils learn.", "", "teaching", null, [])], []),
    ]);
}

/// <summary>An <see cref="IFileStore"/> in memory, with names like the real one's (32 hex characters).</summary>
internal sealed class MemoryFileStore : IFileStore
{
    public Dictionary<string, byte[]> Files { get; } = [];

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        var name = Guid.NewGuid().ToString("N");
        Files[name] = buffer.ToArray();
        return name;
    }

    public Task<Stream?> OpenReadAsync(string storedName, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(Files.TryGetValue(storedName, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    public Task DeleteAsync(string storedName, CancellationToken cancellationToken = default)
    {
        Files.Remove(storedName);
        return Task.CompletedTask;
    }
}
