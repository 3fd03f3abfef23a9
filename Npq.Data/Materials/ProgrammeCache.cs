using Npq.Core.Materials;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Materials;

/// <summary>
/// Courses' programmes, remembered for a few seconds (<c>Database:SessionCacheSeconds</c>): every Learn and item page
/// reads its course's whole programme, which changes only when someone authors it. Any programme write forgets every
/// remembered programme at once, after it commits, on this instance and every other (<see cref="SharedCache"/>); a
/// read that started before the write does not put the old programme back.
/// </summary>
public sealed class ProgrammeCache(SharedCache cache, TimeSpan lifetime)
{
    private const string Tag = "materials-programmes";

    public async Task<Programme> GetAsync(int courseId, Func<Task<Programme>> load) =>
        await cache.GetOrLoadAsync(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"materials-programme:{courseId}"), Tag, lifetime, load,
            static async (load, _) => await load());

    /// <summary>Forgets every remembered programme (call after a programme write has committed).</summary>
    public void Forget() => cache.ForgetTag(Tag);
}
