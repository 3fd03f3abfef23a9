using Microsoft.Extensions.Logging;
using Npq.Core.Accounts;
using Npq.Core.Time;

namespace Npq.Core.Materials;

/// <summary>
/// When a candidate counts as behind. A module is <em>due</em> for a cohort once it has been open for the cohort for
/// <see cref="Days"/> days: its opening date (a date-only day in the cohort's zone) is at least that many days before
/// today there, or a facilitator opened it early at least that long ago. A module that opens only when the previous
/// one is complete (<see cref="ReleaseRule.AfterPrevious"/>) goes at each candidate's pace and is never due; nor is a
/// module with no published item. A candidate still in training (active) is behind when they have not completed a
/// due module.
/// </summary>
public static class BehindRule
{
    public const int Days = 14;

    /// <summary>The ids of the published programme's modules that are due for the cohort.</summary>
    public static IReadOnlySet<int> DueModules(Programme published, IReadOnlyDictionary<int, ModuleRelease> releases, DateOnly todayInCohortZone, DateTime nowUtc)
    {
        var due = new HashSet<int>();
        foreach (var module in published.Modules.Where(m => m.Items.Any(i => i.IsPublished)))
        {
            releases.TryGetValue(module.Module.Id, out var release);
            var earlyLongAgo = release?.OpenedEarlyUtc is { } early && early <= nowUtc.AddDays(-Days);
            var dateLongAgo = module.Module.ReleaseRule != ReleaseRule.AfterPrevious
                && release?.OpensOn is { } opensOn && opensOn.AddDays(Days) <= todayInCohortZone;
            if (earlyLongAgo || dateLongAgo)
            {
                due.Add(module.Module.Id);
            }
        }

        return due;
    }
}

/// <summary>
/// Following a cohort through its materials: module by module, how many candidates completed each, and a page of who
/// is behind (<see cref="BehindRule"/>). Read-only; a fixed number of queries whatever the cohort's size.
/// </summary>
public sealed class MaterialsFollowing(
    IProgrammeRepository programmes,
    IMaterialsProgressQueries progress,
    IUserTimeZones timeZones,
    TimeProvider time,
    ILogger<MaterialsFollowing> logger)
{
    public const int PageSize = 25;

    /// <summary>The cohort's progress, with the page of who is behind (clamped to the pages there are); null for no such cohort.</summary>
    public async Task<CohortMaterialsProgress?> CohortAsync(int cohortId, int page, int viewerUserId, CancellationToken cancellationToken = default)
    {
        var cohort = await programmes.GetCohortAsync(cohortId, cancellationToken);
        if (cohort is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = ZonedTime.Today(now, cohort.TimeZone);
        var published = (await programmes.GetProgrammeAsync(cohort.CourseId, cancellationToken)).PublishedOnly();
        var releases = await programmes.GetReleasesAsync(cohortId, cancellationToken);
        var due = BehindRule.DueModules(published, releases, today, now);
        var counts = await progress.GetModuleCompletionAsync(cohortId, cohort.CourseId, cancellationToken);
        var byModule = counts.Modules.ToDictionary(m => m.ModuleId);

        var modules = published.Modules.Where(m => m.Items.Count > 0).Select(m =>
        {
            releases.TryGetValue(m.Module.Id, out var release);
            var count = byModule.GetValueOrDefault(m.Module.Id);
            return new ModuleCompletion(
                m.Module.Id, m.Module.Title, m.Items.Count, count?.CandidatesCompleted ?? 0, counts.Candidates,
                release?.OpensOn, release?.OpenedEarlyUtc is not null, due.Contains(m.Module.Id));
        }).ToList();

        var behind = await BehindAsync(cohort, published, releases, due, page, cancellationToken);
        logger.LogDebug("Materials progress of cohort {CohortId} read by {UserId}: {Behind} behind", cohortId, viewerUserId, behind.Total);
        return new CohortMaterialsProgress(cohort, counts.Candidates, modules, behind, today, await timeZones.ZoneOfAsync(viewerUserId, cancellationToken));
    }

    private async Task<BehindPage> BehindAsync(
        MaterialsCohort cohort, Programme published, IReadOnlyDictionary<int, ModuleRelease> releases, IReadOnlySet<int> due, int page, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
        {
            return new BehindPage([], 0, 1, PageSize);
        }

        var number = Math.Max(1, page);
        var (total, rows) = await progress.GetBehindAsync(cohort.CohortId, cohort.CourseId, due.ToList(), (number - 1) * PageSize, PageSize, cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        if (number > pageCount)
        {
            number = pageCount;
            (total, rows) = await progress.GetBehindAsync(cohort.CohortId, cohort.CourseId, due.ToList(), (number - 1) * PageSize, PageSize, cancellationToken);
        }

        var byPosition = published.Modules.GroupBy(m => m.Module.Position).ToDictionary(g => g.Key, g => g.First());
        var named = rows.Select(r =>
        {
            var module = byPosition.GetValueOrDefault(r.FirstOverduePosition);
            releases.TryGetValue(module?.Module.Id ?? 0, out var release);
            return new BehindCandidate(r, module?.Module.Title ?? string.Empty, release?.OpensOn);
        }).ToList();
        return new BehindPage(named, total, number, PageSize);
    }
}
