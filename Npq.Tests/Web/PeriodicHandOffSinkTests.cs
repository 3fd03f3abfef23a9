using Npq.Web.Infrastructure;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Npq.Tests.Web;

public sealed class PeriodicHandOffSinkTests
{
    private sealed class Recording : ILogEventSink, IDisposable
    {
        private readonly Lock _gate = new();
        private readonly List<int> _numbers = [];
        private readonly List<int> _threads = [];

        public int[] Numbers { get { lock (_gate) { return [.. _numbers]; } } }

        public int[] Threads { get { lock (_gate) { return [.. _threads]; } } }
        public bool Disposed { get; private set; }
        public int FailOn { get; init; } = -1;

        public void Emit(LogEvent logEvent)
        {
            var number = (int)((ScalarValue)logEvent.Properties["Number"]).Value!;
            if (number == FailOn)
            {
                throw new IOException("disk full");
            }

            lock (_gate)
            {
                _numbers.Add(number);
                _threads.Add(Environment.CurrentManagedThreadId);
            }
        }

        public void Dispose() => Disposed = true;
    }

    private static LogEvent Event(int number) => new(
        DateTimeOffset.UtcNow, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Line {Number}"),
        [new LogEventProperty("Number", new ScalarValue(number))]);

    [Test]
    public void AnEvent_WaitsForTheTimer_ThenReachesTheSinkInOrder()
    {
        var inner = new Recording();
        using var sink = new PeriodicHandOffSink(inner, TimeSpan.FromMilliseconds(50), limit: 1_000);
        for (var i = 0; i < 100; i++)
        {
            sink.Emit(Event(i));
        }

        // Nothing is written by the caller below the limit: the request thread only queues.
        Assert.That(inner.Threads, Does.Not.Contain(Environment.CurrentManagedThreadId));
        Assert.That(() => inner.Numbers.Length, Is.EqualTo(100).After(5_000, 20));
        Assert.That(inner.Numbers, Is.EqualTo(Enumerable.Range(0, 100)));
        Assert.That(sink.Queued, Is.Zero);
    }

    [Test]
    public void PastTheLimit_TheCallerWritesTheQueueOut_LosingNothing()
    {
        var inner = new Recording();
        using var sink = new PeriodicHandOffSink(inner, TimeSpan.FromHours(1), limit: 10);
        for (var i = 0; i < 10; i++)
        {
            sink.Emit(Event(i));
        }

        Assert.That(inner.Numbers, Is.Empty, "ten queued events are within the limit");
        sink.Emit(Event(10));

        Assert.That(inner.Numbers, Is.EqualTo(Enumerable.Range(0, 11)), "the eleventh writes all of them out, oldest first");
        Assert.That(sink.Queued, Is.Zero);
    }

    [Test]
    public void Disposing_WritesOutWhatIsLeft_ThenDisposesTheSink()
    {
        var inner = new Recording();
        var sink = new PeriodicHandOffSink(inner, TimeSpan.FromHours(1), limit: 1_000);
        for (var i = 0; i < 25; i++)
        {
            sink.Emit(Event(i));
        }

        sink.Dispose();

        Assert.That(inner.Numbers, Is.EqualTo(Enumerable.Range(0, 25)));
        Assert.That(inner.Disposed, Is.True);
    }

    [Test]
    public void AnEventTheSinkRefuses_IsTheOnlyOneLost()
    {
        var inner = new Recording { FailOn = 3 };
        using var sink = new PeriodicHandOffSink(inner, TimeSpan.FromHours(1), limit: 1_000);
        for (var i = 0; i < 6; i++)
        {
            sink.Emit(Event(i));
        }

        sink.WriteOut();

        Assert.That(inner.Numbers, Is.EqualTo(new[] { 0, 1, 2, 4, 5 }));
    }

    [Test]
    public async Task ManyWriters_EveryEventArrivesOnce()
    {
        var inner = new Recording();
        using var sink = new PeriodicHandOffSink(inner, TimeSpan.FromMilliseconds(5), limit: 50);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                sink.Emit(Event((w * 1_000) + i));
            }
        })));
        sink.WriteOut();

        Assert.That(inner.Numbers.Order(), Is.EqualTo(Enumerable.Range(0, 8_000)));
        Assert.That(inner.Numbers.Where(n => n < 1_000), Is.Ordered, "one writer's events keep their order");
    }
}
