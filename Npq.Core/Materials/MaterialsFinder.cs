namespace Npq.Core.Materials;

/// <summary>
/// Finds the materials a person may see beside framework statements and in search: published items of the courses
/// they study or follow (<see cref="MaterialsAudience"/>). For the courses they study, items of modules not yet open
/// for them are left out (their pages answer 404 until then) and the rest link to the item's page; for courses they
/// only follow, every published item is listed by title.
/// </summary>
public sealed class MaterialsFinder(IMaterialsProgressQueries queries, IProgrammeRepository programmes, IStudyRepository study, TimeProvider time)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 200;

    /// <summary>The materials teaching each statement (any case of the id), in programme order.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<MaterialLink>>> ForStatementsAsync(
        MaterialsAudience audience, IEnumerable<string> statementIds, CancellationToken cancellationToken = default)
    {
        var ids = statementIds.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<MaterialLink>>(StringComparer.OrdinalIgnoreCase);
        }

        var closed = await ClosedModulesAsync(audience.UserId, cancellationToken);
        var rows = await queries.GetStatementMaterialsAsync(audience, ids, closed, cancellationToken);
        return rows.GroupBy(r => r.StatementId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MaterialLink>)g.Select(r => r.Material).DistinctBy(m => m.ItemId).ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The materials teaching a candidate's statements, from the courses they study: linked when the viewer is the
    /// candidate, titles only for anyone else looking at their portfolio.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<MaterialLink>>> ForCandidateAsync(
        int candidateUserId, bool viewerIsCandidate, IEnumerable<string> statementIds, CancellationToken cancellationToken = default)
    {
        var found = await ForStatementsAsync(new MaterialsAudience(candidateUserId, false, StudyingOnly: true), statementIds, cancellationToken);
        return viewerIsCandidate
            ? found
            : found.ToDictionary(p => p.Key, p => (IReadOnlyList<MaterialLink>)p.Value.Select(m => m with { StudyCohortId = null }).ToList(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A page of the materials whose title or body contains the query (trimmed, at most 200 characters); empty for an empty query.</summary>
    public async Task<MaterialSearchPage> SearchAsync(MaterialsAudience audience, string? query, int page, CancellationToken cancellationToken = default)
    {
        var text = (query ?? string.Empty).Trim();
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }

        if (text.Length == 0)
        {
            return MaterialSearchPage.Empty(text, PageSize);
        }

        var closed = await ClosedModulesAsync(audience.UserId, cancellationToken);
        var number = Math.Clamp(page, 1, 10_000);
        var (total, rows) = await queries.SearchAsync(audience, text, closed, (number - 1) * PageSize, PageSize, cancellationToken);
        return new MaterialSearchPage(text, rows, total, number, PageSize);
    }

    /// <summary>The modules of the courses the person studies that are not open for them yet.</summary>
    private async Task<IReadOnlyCollection<int>> ClosedModulesAsync(int userId, CancellationToken cancellationToken)
    {
        var closed = new List<int>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var studied in await queries.GetStudiedCohortsAsync(userId, cancellationToken))
        {
            var cohort = await programmes.GetCohortAsync(studied.CohortId, cancellationToken);
            if (cohort is null)
            {
                continue;
            }

            var published = (await programmes.GetProgrammeAsync(studied.CourseId, cancellationToken)).PublishedOnly();
            var completed = (await study.GetProgressAsync(userId, studied.CourseId, cancellationToken)).Values
                .Where(p => p.IsComplete).Select(p => p.ItemId).ToHashSet();
            var availability = ReleaseRules.Evaluate(published, await programmes.GetReleasesAsync(studied.CohortId, cancellationToken), completed, Time.ZonedTime.Today(now, cohort.TimeZone));
            closed.AddRange(availability.Where(a => !a.IsOpen).Select(a => a.ModuleId));
        }

        return closed;
    }
}
