using Microsoft.Extensions.Caching.Memory;

namespace Npq.Data.Portfolio;

/// <summary>
/// Remembers the framework of each candidate's course (<see cref="PlacementRepository.GetFrameworkCodeAsync"/>), which
/// every evidence form checks its statements against. Every write in this process that can change which course a
/// candidate is on (an enrolment made, withdrawn, deferred, resumed or moved; a cohort moved to another course; a
/// course given another framework) calls <see cref="PlacementsChanged"/>, which forgets every remembered framework at
/// once. The time to live bounds how long another instance of the site, which cannot be told, may use an old one.
/// </summary>
public sealed class CandidateFrameworks(IMemoryCache cache, TimeSpan timeToLive)
{
    private static readonly object KeyPrefix = new();
    private long _generation;

    /// <summary>Read before the database is, so that a change committed meanwhile makes what was read stale.</summary>
    internal long Generation => Interlocked.Read(ref _generation);

    internal bool TryGet(int candidateUserId, out string? frameworkCode)
    {
        if (timeToLive > TimeSpan.Zero && cache.TryGetValue((KeyPrefix, candidateUserId), out Remembered? remembered)
            && remembered!.Generation == Generation)
        {
            frameworkCode = remembered.FrameworkCode;
            return true;
        }

        frameworkCode = null;
        return false;
    }

    internal void Remember(int candidateUserId, long generation, string? frameworkCode)
    {
        if (timeToLive > TimeSpan.Zero)
        {
            cache.Set((KeyPrefix, candidateUserId), new Remembered(generation, frameworkCode),
                new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = timeToLive, Size = 1 });
        }
    }

    /// <summary>Forgets every candidate's framework; called after a write to enrolments, cohorts' courses or courses' frameworks commits.</summary>
    public void PlacementsChanged() => Interlocked.Increment(ref _generation);

    private sealed record Remembered(long Generation, string? FrameworkCode);
}
