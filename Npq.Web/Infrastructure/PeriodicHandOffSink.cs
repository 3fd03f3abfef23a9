using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Npq.Web.Infrastructure;

/// <summary>
/// Queues log events and hands them to the wrapped sink (the file) in order on a timer, every <c>interval</c>, so that
/// a request neither waits on the disk nor wakes a thread to log its line. Serilog.Sinks.Async, used before, woke its
/// own thread for every event: on a busy two-core server that wake was about 3 % of every page's CPU (issue 23).
/// Nothing is dropped: past <c>limit</c> queued events the caller writes the queue out itself before going on, and
/// disposing writes out whatever is left before disposing the wrapped sink.
/// </summary>
public sealed class PeriodicHandOffSink : ILogEventSink, IDisposable
{
    private readonly ILogEventSink _inner;
    private readonly int _limit;
    private readonly ConcurrentQueue<LogEvent> _queue = new();
    private readonly Lock _writing = new();
    private readonly Timer _timer;
    private int _queued;
    private bool _disposed;

    public PeriodicHandOffSink(ILogEventSink inner, TimeSpan interval, int limit)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        _inner = inner;
        _limit = limit;
        using (ExecutionContext.SuppressFlow())
        {
            _timer = new Timer(_ => WriteOut(), null, interval, interval);
        }
    }

    /// <summary>How many events wait to be handed on (for tests and diagnostics).</summary>
    public int Queued => Volatile.Read(ref _queued);

    public void Emit(LogEvent logEvent)
    {
        _queue.Enqueue(logEvent);
        if (Interlocked.Increment(ref _queued) > _limit || Volatile.Read(ref _disposed))
        {
            WriteOut();
        }
    }

    /// <summary>Hands every queued event to the wrapped sink, oldest first (one writer at a time).</summary>
    public void WriteOut()
    {
        lock (_writing)
        {
            while (_queue.TryDequeue(out var logEvent))
            {
                Interlocked.Decrement(ref _queued);
                try
                {
                    _inner.Emit(logEvent);
                }
                catch (Exception ex)
                {
                    // A sink that throws loses that event only; Serilog's own diagnostics say why.
                    SelfLog.WriteLine("Handing a log event to {0} failed: {1}", _inner, ex);
                }
            }
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        _timer.Dispose();
        WriteOut();
        (_inner as IDisposable)?.Dispose();
    }
}
