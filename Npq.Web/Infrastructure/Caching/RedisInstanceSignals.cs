using System.Collections.Concurrent;
using Npq.Data.Infrastructure.Caching;
using StackExchange.Redis;

namespace Npq.Web.Infrastructure.Caching;

/// <summary>
/// Signals between instances over one Redis pub/sub channel. Each message carries the sending instance's id, so an
/// instance ignores its own. A message sent with <see cref="SendAndWait"/> also carries an id the others answer on a
/// second channel once they have handled it; the sender waits for as many answers as Redis says received the message
/// (less itself), at most <see cref="AnswerWait"/>. When the connection drops and comes back, the listeners of
/// <see cref="InstanceSignalTopics.Missed"/> are told, since signals sent meanwhile never arrived. Unconfirmed signals
/// (<see cref="Send"/>) sent within <see cref="Coalesce"/> of each other travel in one message.
/// </summary>
public sealed class RedisInstanceSignals : IInstanceSignals, IDisposable
{
    public static readonly TimeSpan AnswerWait = TimeSpan.FromSeconds(2);

    /// <summary>How long the first of a batch of signals waits for others to go with it.</summary>
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(2);

    /// <summary>The topic of a message that carries several signals, one a line, each topic and message split by <see cref="BatchSeparator"/>.</summary>
    private const string BatchTopic = "\u0001batch";
    private const char BatchSeparator = '\u001f';

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly RedisChannel _answers;
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<string, ImmutableListeners> _listeners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Waiting> _waiting = new(StringComparer.Ordinal);
    private readonly ILogger<RedisInstanceSignals> _logger;
    private readonly object _subscribeGate = new();
    private readonly object _pendingGate = new();
    private HashSet<(string Topic, string Message)>? _pending;
    private bool _subscribed;

    public RedisInstanceSignals(IConnectionMultiplexer redis, IConfiguration configuration, ILogger<RedisInstanceSignals> logger)
    {
        _redis = redis;
        _logger = logger;
        _channel = RedisChannel.Literal(RedisSetup.KeyPrefix(configuration) + "signals");
        _answers = RedisChannel.Literal(RedisSetup.KeyPrefix(configuration) + "signals:handled");
        redis.ConnectionRestored += (_, e) =>
        {
            // Redis down when the site started: the subscriptions could not be made then; make them now.
            if (!Volatile.Read(ref _subscribed))
            {
                TrySubscribe();
            }

            if (e.ConnectionType == ConnectionType.Subscription)
            {
                _logger.LogWarning("Redis subscription restored: forgetting what other instances may have changed meanwhile");
                Dispatch(InstanceSignalTopics.Missed, string.Empty);
            }
        };
        TrySubscribe();
    }

    /// <summary>Whether this instance hears the others (false while Redis has been unreachable since start).</summary>
    public bool Subscribed => Volatile.Read(ref _subscribed);

    private void TrySubscribe()
    {
        lock (_subscribeGate)
        {
            if (_subscribed)
            {
                return;
            }

            try
            {
                var subscriber = _redis.GetSubscriber();
                subscriber.Subscribe(_answers, (_, message) => Answered(message));
                subscriber.Subscribe(_channel, (_, message) => Receive(message));
                Volatile.Write(ref _subscribed, true);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // The site starts anyway (readiness reports Redis down); the connection's restore subscribes.
                _logger.LogError(ex, "Could not subscribe to other instances' signals; trying again when Redis is back");
                try
                {
                    _redis.GetSubscriber().UnsubscribeAll();
                }
                catch (Exception cleanup) when (cleanup is RedisException or TimeoutException)
                {
                    _logger.LogDebug(cleanup, "Unsubscribing after a failed subscribe failed too");
                }
            }
        }
    }

    /// <summary>
    /// Queues the message and returns at once: a request never waits on Redis for a signal no one needs confirmed (a
    /// candidate page's generation moves on every write). Signals sent within <see cref="Coalesce"/> of the first go
    /// out together in one PUBLISH, each distinct one once: a write request moves its generation twice (as its response
    /// starts and as it ends), and writes arriving together share the command, which costs Redis, and every instance
    /// that hears it, one message instead of one per signal.
    /// </summary>
    public void Send(string topic, string message)
    {
        if (topic.Contains(BatchSeparator) || message.Contains(BatchSeparator) || topic.Contains('\n') || message.Contains('\n'))
        {
            // Cannot be listed in a batch: sent alone, as it is.
            PublishAlone(topic, message);
            return;
        }

        lock (_pendingGate)
        {
            if (_pending is not null)
            {
                _pending.Add((topic, message));
                return;
            }

            _pending = [(topic, message)];
        }

        _ = SendPendingLaterAsync();
    }

    private async Task SendPendingLaterAsync()
    {
        await Task.Delay(Coalesce);
        SendPending();
    }

    private void SendPending()
    {
        HashSet<(string Topic, string Message)>? batch;
        lock (_pendingGate)
        {
            batch = _pending;
            _pending = null;
        }

        if (batch is null)
        {
            return;
        }

        if (batch.Count == 1)
        {
            var (topic, message) = batch.First();
            PublishAlone(topic, message);
            return;
        }

        PublishAlone(BatchTopic, string.Join('\n', batch.Select(s => s.Topic + BatchSeparator + s.Message)));
    }

    private void PublishAlone(string topic, string message)
    {
        try
        {
            _redis.GetSubscriber().Publish(_channel, string.Join('\n', _instance, string.Empty, topic, message), CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            _logger.LogError(ex, "Could not signal other instances on {Topic}", topic);
        }
    }

    /// <summary>Sends what is waiting to be sent (the instance is stopping: its last writes are still told).</summary>
    public void Dispose() => SendPending();

    public void SendAndWait(string topic, string message)
    {
        var answerId = Guid.NewGuid().ToString("N");
        var waiting = new Waiting();
        _waiting[answerId] = waiting;
        try
        {
            var received = Publish(topic, message, answerId);
            if (received <= 1 || waiting.Expect(received - 1))
            {
                return;
            }

            if (!waiting.Done.Wait(AnswerWait))
            {
                _logger.LogWarning("{Missing} other instance(s) did not confirm a signal on {Topic} within {Seconds} s",
                    waiting.Missing, topic, AnswerWait.TotalSeconds);
            }
        }
        finally
        {
            _waiting.TryRemove(answerId, out _);
        }
    }

    public void Listen(string topic, Action<string> onMessage) =>
        _listeners.AddOrUpdate(topic, _ => new ImmutableListeners([onMessage]), (_, known) => new ImmutableListeners([.. known.Handlers, onMessage]));

    /// <summary>Publishes and waits for Redis's answer: how many subscribers (this instance among them) received it.</summary>
    private long Publish(string topic, string message, string answerId)
    {
        try
        {
            return _redis.GetSubscriber().Publish(_channel, string.Join('\n', _instance, answerId, topic, message));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The change itself is committed; other instances keep what they had until it expires.
            _logger.LogError(ex, "Could not signal other instances on {Topic}", topic);
            return 0;
        }
    }

    private void Receive(RedisValue value)
    {
        var parts = ((string?)value)?.Split('\n', 4);
        if (parts is not { Length: 4 } || parts[0] == _instance)
        {
            return;
        }

        if (parts[2] == BatchTopic)
        {
            foreach (var signal in parts[3].Split('\n'))
            {
                var at = signal.IndexOf(BatchSeparator, StringComparison.Ordinal);
                if (at > 0)
                {
                    Dispatch(signal[..at], signal[(at + 1)..]);
                }
            }
        }
        else
        {
            Dispatch(parts[2], parts[3]);
        }

        if (parts[1].Length > 0)
        {
            try
            {
                _redis.GetSubscriber().Publish(_answers, parts[1], CommandFlags.FireAndForget);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _logger.LogError(ex, "Could not confirm a signal on {Topic}", parts[2]);
            }
        }
    }

    private void Answered(RedisValue value)
    {
        if ((string?)value is { } answerId && _waiting.TryGetValue(answerId, out var waiting))
        {
            waiting.Answer();
        }
    }

    private void Dispatch(string topic, string message)
    {
        if (!_listeners.TryGetValue(topic, out var listeners))
        {
            return;
        }

        foreach (var handler in listeners.Handlers)
        {
            try
            {
                handler(message);
            }
            catch (Exception ex)
            {
                _logger.LogError(ex, "A listener on {Topic} failed", topic);
            }
        }
    }

    private sealed record ImmutableListeners(Action<string>[] Handlers);

    /// <summary>Answers counted for one signal; answers may arrive before the number expected is known.</summary>
    private sealed class Waiting
    {
        private readonly object _gate = new();
        private long _answers;
        private long _expected = long.MaxValue;

        public ManualResetEventSlim Done { get; } = new();

        public long Missing
        {
            get
            {
                lock (_gate)
                {
                    return Math.Max(0, _expected - _answers);
                }
            }
        }

        /// <summary>Sets how many answers are due; true when they have all come already.</summary>
        public bool Expect(long expected)
        {
            lock (_gate)
            {
                _expected = expected;
                return Check();
            }
        }

        public void Answer()
        {
            lock (_gate)
            {
                _answers++;
                Check();
            }
        }

        private bool Check()
        {
            if (_answers >= _expected)
            {
                Done.Set();
                return true;
            }

            return false;
        }
    }
}
