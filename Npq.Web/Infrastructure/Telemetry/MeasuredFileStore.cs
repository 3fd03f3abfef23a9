using System.Diagnostics;
using Npq.Core.Files;

namespace Npq.Web.Infrastructure.Telemetry;

/// <summary>The site's file store, timing each operation into <see cref="NpqMetrics"/> (blob storage latency and errors show there).</summary>
public sealed class MeasuredFileStore(IFileStore inner, NpqMetrics metrics) : IFileStore
{
    public IFileStore Inner { get; } = inner;

    public async Task<string> SaveAsync(Stream content, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // A seekable stream goes through as it is (blob uploads can then retry a block by seeking back).
            var counted = content.CanSeek ? null : new CountingStream(content);
            var length = content.CanSeek ? content.Length - content.Position : 0;
            var name = await Inner.SaveAsync(counted ?? content, cancellationToken);
            metrics.FileStoreOperation("save", "ok", Stopwatch.GetElapsedTime(started));
            metrics.FileStored(counted?.BytesRead ?? length);
            return name;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ArgumentException)
        {
            metrics.FileStoreOperation("save", "error", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    public async Task<Stream?> OpenReadAsync(string storedName, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var stream = await Inner.OpenReadAsync(storedName, cancellationToken);
            metrics.FileStoreOperation("open", stream is null ? "missing" : "ok", Stopwatch.GetElapsedTime(started));
            return stream;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ArgumentException)
        {
            metrics.FileStoreOperation("open", "error", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    public async Task DeleteAsync(string storedName, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await Inner.DeleteAsync(storedName, cancellationToken);
            metrics.FileStoreOperation("delete", "ok", Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ArgumentException)
        {
            metrics.FileStoreOperation("delete", "error", Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>Passes reads through, counting the bytes (the content may not be seekable, so its length is unknown up front).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
