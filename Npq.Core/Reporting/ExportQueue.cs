using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;

namespace Npq.Core.Reporting;

/// <summary>What a background export was asked for: whose candidates and which of them.</summary>
public sealed record ExportRequest(ReportScope Scope, CompletionFilter Filter)
{
    public string Serialise() => JsonSerializer.Serialize(this);

    public static ExportRequest Deserialise(string json) =>
        JsonSerializer.Deserialize<ExportRequest>(json) ?? throw new InvalidOperationException("Empty export request");
}

/// <summary>Export ids waiting for the worker. The database row is the truth; the queue only wakes the worker.</summary>
public sealed class ExportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int exportId) => _channel.Writer.TryWrite(exportId);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>The names of exports: 32 random hex digits, used as a link's token and as the stored file's name.</summary>
public static class ExportTokens
{
    public static string New() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}

/// <summary>Where background export files are kept (the web host's folder outside the web root).</summary>
public interface IExportFileStore
{
    /// <summary>A new file of this name, for writing; seekable.</summary>
    Stream Create(string storedName);

    /// <summary>The file for reading, or null when it is not there.</summary>
    Stream? OpenRead(string storedName);

    /// <summary>Deletes the file if there is one (nothing for an empty name).</summary>
    void Delete(string? storedName);
}

/// <summary>Writes completion rows as a file in a format (CSV or Excel): the web's file shapes.</summary>
public interface ICompletionExportWriter
{
    /// <summary>Writes the rows as they come; xlsx needs a seekable stream.</summary>
    Task WriteAsync(ExportFormat format, Stream output, IAsyncEnumerable<CompletionRow> rows, CancellationToken cancellationToken);
}
