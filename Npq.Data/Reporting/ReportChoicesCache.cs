using Npq.Core.Reporting;
using Npq.Data.Infrastructure.Caching;

namespace Npq.Data.Reporting;

/// <summary>
/// A provider's report filter choices (its courses, its delivery partners and its newest cohorts), remembered for a few
/// seconds (<c>Database:SessionCacheSeconds</c>). Every visit to the completion report offers them, and they are the
/// same for every admin of the provider until one adds or edits a course, a cohort or a delivery partner: each such write
/// calls <see cref="Changed"/> once it has committed, which forgets every remembered choice at once, on this instance
/// and every other (<see cref="SharedCache"/>); a read that started before the write does not put the old choices back.
/// A school's or a mentor's choices follow who is enrolled where and are not remembered.
/// </summary>
public sealed class ReportChoicesCache(SharedCache cache, TimeSpan lifetime)
{
    private const string Tag = "report-choices";

    internal async Task<ReportFilterChoices> GetAsync(
        int providerId, int? courseId, int? cohortId, int cohortLimit, Func<CancellationToken, Task<ReportFilterChoices>> load,
        CancellationToken cancellationToken)
    {
        var key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"report-choices:{providerId}:{courseId}:{cohortId}:{cohortLimit}");
        var found = await cache.GetOrLoadAsync(key, Tag, lifetime, load,
            static async (load, cancel) => new Remembered(await load(cancel)), cancellationToken);
        return found.Choices;
    }

    /// <summary>Forgets every provider's choices; called after a write to courses, cohorts or delivery partners commits.</summary>
    public void Changed() => cache.ForgetTag(Tag);

    /// <summary>What is kept: shared between requests as it is (HybridCache copies no type marked immutable), so nothing may change it.</summary>
    [System.ComponentModel.ImmutableObject(true)]
    public sealed record Remembered(ReportFilterChoices Choices);
}
