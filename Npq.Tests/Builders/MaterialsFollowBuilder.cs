using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Builders;

/// <summary>
/// Programmes, opening dates and progress for the following tests: modules and items through
/// <see cref="IProgrammeRepository"/>'s writes, progress and knowledge-check attempts through
/// <see cref="IMaterialsProgressImport"/>. A cohort's opening dates are the one thing written as a row: the release
/// use case belongs to the study part, which this part does not build on. People, courses and cohorts come from
/// <see cref="Build"/> (or the contract fixtures' rows).
/// </summary>
public sealed class MaterialsFollowBuilder(IProgrammeRepository programmes, IMaterialsProgressImport progress, IDbConnectionFactory db)
{
    public static readonly DateTime Created = new(2026, 1, 2, 9, 0, 0, DateTimeKind.Utc);

    public MaterialsFollowBuilder(IServiceProvider services)
        : this(services.GetRequiredService<IProgrammeRepository>(), services.GetRequiredService<IMaterialsProgressImport>(), services.GetRequiredService<IDbConnectionFactory>())
    {
    }

    public Task<int> ModuleAsync(int courseId, string title, ReleaseRule rule = ReleaseRule.OnDate) =>
        programmes.CreateModuleAsync(new MaterialModule { CourseId = courseId, Title = title, ReleaseRule = rule, CreatedUtc = Created, UpdatedUtc = Created });

    public Task<int> ItemAsync(int moduleId, string title, bool published = true, string body = "", ItemKind kind = ItemKind.Page, params string[] statementIds) =>
        programmes.CreateItemAsync(new MaterialItem
        {
            ModuleId = moduleId,
            Kind = kind,
            Title = title,
            Body = body,
            State = published ? ItemState.Published : ItemState.Draft,
            StatementIds = statementIds,
            CreatedUtc = Created,
            UpdatedUtc = Created,
            PublishedUtc = published ? Created : null,
        });

    /// <summary>A module with <paramref name="items"/> published pages; returns the module's and the items' ids.</summary>
    public async Task<(int ModuleId, int[] ItemIds)> ModuleWithItemsAsync(int courseId, string title, int items, ReleaseRule rule = ReleaseRule.OnDate)
    {
        var moduleId = await ModuleAsync(courseId, title, rule);
        var ids = new int[items];
        for (var i = 0; i < items; i++)
        {
            ids[i] = await ItemAsync(moduleId, $"{title}: item {i + 1}");
        }

        return (moduleId, ids);
    }

    /// <summary>When a module opens for a cohort (a date, and/or opened early at an instant).</summary>
    public async Task OpenAsync(int cohortId, int moduleId, DateOnly? opensOn, DateTime? openedEarlyUtc = null)
    {
        await using var connection = await db.OpenForWriteAsync();
        await connection.ExecuteAsync(
            "INSERT INTO MaterialModuleReleases (CohortId, ModuleId, OpensOn, OpenedEarlyUtc) VALUES (@cohortId, @moduleId, @opensOn, @openedEarlyUtc)",
            new { cohortId, moduleId, opensOn, openedEarlyUtc });
    }

    /// <summary>Marks items complete (or only started) for a candidate.</summary>
    public Task ProgressAsync(int candidateUserId, bool complete, DateTime atUtc, params int[] itemIds) =>
        progress.PutProgressAsync(itemIds.Select(itemId => new ItemProgress
        {
            CandidateUserId = candidateUserId,
            ItemId = itemId,
            IsComplete = complete,
            CompletedUtc = complete ? atUtc : null,
            UpdatedUtc = atUtc,
        }).ToList());

    public Task PutAsync(ItemProgress row) => progress.PutProgressAsync([row]);

    public Task<int> AttemptAsync(int candidateUserId, int itemId, int score, string answers, DateTime atUtc) =>
        progress.AddAttemptAsync(new KnowledgeCheckAttempt(0, itemId, candidateUserId, score, answers, atUtc));
}
