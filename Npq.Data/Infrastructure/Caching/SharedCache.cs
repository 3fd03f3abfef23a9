using Microsoft.Extensions.Caching.Hybrid;

namespace Npq.Data.Infrastructure.Caching;

/// <summary>
/// What the data layer remembers between requests, in a <see cref="HybridCache"/>: memory first, then Redis when the
/// site is configured with one, so one instance's read can serve another's. Forgetting works across instances: the
/// instance that changed something forgets it at once (memory and Redis) and signals the others, and goes on only once
/// they have forgotten their memory copies too: a change is seen everywhere before its request's response leaves.
/// <para>
/// A read that was under way when a forget arrived does not keep what it read, since that may be the value from just
/// before the change: every forget, local or signalled, moves a generation on, and a read that sees the generation
/// move while it loaded removes its entry again.
/// </para>
/// </summary>
public sealed class SharedCache
{
    private const string KeyTopic = "cache-key";
    private const string TagTopic = "cache-tag";

    /// <summary>HybridCache's tag for every entry.</summary>
    private const string Everything = "*";

    private readonly HybridCache _cache;
    private readonly IInstanceSignals _signals;
    private long _generation;

    public SharedCache(HybridCache cache, IInstanceSignals signals)
    {
        _cache = cache;
        _signals = signals;
        signals.Listen(KeyTopic, key => ForgetHere(key, isTag: false));
        signals.Listen(TagTopic, tag => ForgetHere(tag, isTag: true));
        signals.Listen(InstanceSignalTopics.Missed, _ => ForgetHere(Everything, isTag: true));
    }

    /// <summary>The value under <paramref name="key"/>, loaded (and kept for <paramref name="lifetime"/>) when missing.
    /// A lifetime of zero or less keeps nothing; neither does a load inside a unit of writes, nor one that
    /// <paramref name="keep"/> refuses (a key made of what a request asked for, which the answer shows was not real:
    /// its entry is dropped at once, so made-up keys cannot fill the cache).</summary>
    public async ValueTask<T> GetOrLoadAsync<TState, T>(
        string key, string tag, TimeSpan lifetime, TState state, Func<TState, CancellationToken, ValueTask<T>> load,
        CancellationToken cancellationToken = default, Func<T, bool>? keep = null)
    {
        if (lifetime <= TimeSpan.Zero || WriteTogether.InUnit)
        {
            // Inside a unit of writes the load reads the unit's own uncommitted rows: nothing it reads may be kept (or
            // handed to another request waiting on the same key), since the unit may yet roll back.
            return await load(state, cancellationToken);
        }

        var before = Interlocked.Read(ref _generation);
        var value = await _cache.GetOrCreateAsync(
            key, state, load,
            new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime },
            [tag, key], cancellationToken);
        if (Interlocked.Read(ref _generation) != before || (keep is not null && !keep(value)))
        {
            await _cache.RemoveAsync(key, CancellationToken.None);
        }

        return value;
    }

    /// <summary>Forgets one entry here and on every other instance (inside a unit of writes: again, everywhere, once it
    /// has committed, so no one keeps what they read before the commit).</summary>
    public void Forget(string key)
    {
        ForgetHere(key, isTag: false);
        if (!WriteTogether.TryDeferUntilCommitted(() => Forget(key)))
        {
            _signals.SendAndWait(KeyTopic, key);
        }
    }

    /// <summary>Forgets every entry kept under <paramref name="tag"/>, here and on every other instance (inside a unit of
    /// writes: again, everywhere, once it has committed).</summary>
    public void ForgetTag(string tag)
    {
        ForgetHere(tag, isTag: true);
        if (!WriteTogether.TryDeferUntilCommitted(() => ForgetTag(tag)))
        {
            _signals.SendAndWait(TagTopic, tag);
        }
    }

    private void ForgetHere(string keyOrTag, bool isTag)
    {
        Interlocked.Increment(ref _generation);

        // Every entry is tagged with its own key as well, so forgetting a key also refuses a copy read from Redis
        // before that copy's removal reaches it (HybridCache ignores an entry made before its tag was invalidated).
        // HybridCache drops memory copies and records the invalidation before its first await; Redis is told after.
        Observe(_cache.RemoveByTagAsync(keyOrTag, CancellationToken.None));
        if (!isTag)
        {
            Observe(_cache.RemoveAsync(keyOrTag, CancellationToken.None));
        }
    }

    private static void Observe(ValueTask removal)
    {
        if (!removal.IsCompletedSuccessfully)
        {
            _ = removal.AsTask().ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
