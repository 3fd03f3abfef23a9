using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Npq.Core.Materials;

namespace Npq.Data.Materials;

/// <summary>
/// Courses' programmes, remembered for a few seconds (<c>Database:SessionCacheSeconds</c>): every Learn and item page
/// reads its course's whole programme, which changes only when someone authors it. Any programme write through this
/// instance forgets every remembered programme at once, after it commits; a read that started before the write cannot
/// put the old programme back, since its entry hangs on the generation current when it started. A change through
/// another instance shows within the lifetime.
/// </summary>
public sealed class ProgrammeCache(IMemoryCache cache, TimeSpan lifetime)
{
    private CancellationTokenSource _generation = new();

    public async Task<Programme> GetAsync(int courseId, Func<Task<Programme>> load)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return await load();
        }

        var key = ("materials-programme", courseId);
        if (cache.TryGetValue(key, out Programme? found) && found is not null)
        {
            return found;
        }

        var generation = Volatile.Read(ref _generation);
        var programme = await load();
        cache.Set(key, programme, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = lifetime,
            ExpirationTokens = { new CancellationChangeToken(generation.Token) },
            Size = 1,
        });
        return programme;
    }

    /// <summary>Forgets every remembered programme (call after a programme write has committed).</summary>
    public void Forget()
    {
        var old = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }
}
