using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Portfolio;

/// <summary>
/// Remembers the framework of each candidate's course (<see cref="PlacementRepository.GetFrameworkCodeAsync"/>), which
/// every evidence form checks its statements against. Every write that can change which course a candidate is on (an
/// enrolment made, withdrawn, deferred, resumed or moved; a cohort moved to another course; a course given another
/// framework) calls <see cref="PlacementsChanged"/>, which forgets every remembered framework at once, on this
/// instance and every other (<see cref="SharedCache"/>).
/// </summary>
public sealed class CandidateFrameworks(SharedCache cache, TimeSpan timeToLive)
{
    private const string Tag = "candidate-frameworks";

    internal async Task<string?> GetAsync(int candidateUserId, Func<int, CancellationToken, Task<string?>> load, CancellationToken cancellationToken)
    {
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"candidate-framework:{candidateUserId}");
        var found = await cache.GetOrLoadAsync(key, Tag, timeToLive, (load, candidateUserId),
            static async (state, cancel) => new Remembered(await state.load(state.candidateUserId, cancel)), cancellationToken);
        return found.FrameworkCode;
    }

    /// <summary>Forgets every candidate's framework; called after a write to enrolments, cohorts' courses or courses' frameworks commits.</summary>
    public void PlacementsChanged() => cache.ForgetTag(Tag);

    [System.ComponentModel.ImmutableObject(true)]
    public sealed record Remembered(string? FrameworkCode);
}
