namespace Npq.Core.Materials;

/// <summary>
/// One enrolment's progress through its course's published materials. A module counts once it has a published item
/// and is complete when all of them are. The percentage is rounded down, so 100 % means every item is done.
/// </summary>
public sealed record MaterialsSummary(int EnrolmentId, int ItemsCompleted, int ItemsTotal, int ModulesCompleted, int ModulesTotal)
{
    /// <summary>Completed ÷ published items, rounded down; null when nothing is published.</summary>
    public int? Percent => ItemsTotal == 0 ? null : Math.Min(ItemsCompleted, ItemsTotal) * 100 / ItemsTotal;

    /// <summary>"Materials: 45% (4 of 10 modules)", or that nothing is published yet.</summary>
    public string Describe() => Percent is { } p
        ? $"Materials: {p}% ({ModulesCompleted} of {ModulesTotal} {(ModulesTotal == 1 ? "module" : "modules")})"
        : "Materials: none published yet";
}

/// <summary>How many of a cohort's candidates completed one module (a module with at least one published item).</summary>
public sealed record ModuleCompletionCount(int ModuleId, int PublishedItems, int CandidatesCompleted);

/// <summary>A cohort's candidates still studying (not withdrawn) and how many completed each module.</summary>
public sealed record CohortCompletionCounts(int Candidates, IReadOnlyList<ModuleCompletionCount> Modules);

/// <summary>
/// A candidate who is behind, as the repository reads them: how many due modules they have not completed, the
/// position of the first, their items done of published, and when they last did anything in the course's materials.
/// </summary>
public sealed record BehindRow
{
    public int CandidateUserId { get; init; }
    public string CandidateName { get; init; } = string.Empty;
    public int ModulesOverdue { get; init; }
    public int FirstOverduePosition { get; init; }
    public int ItemsCompleted { get; init; }
    public int ItemsTotal { get; init; }
    public DateTime? LastActivityUtc { get; init; }
}

/// <summary>One module's line in a cohort's completion chart.</summary>
public sealed record ModuleCompletion(
    int ModuleId, string Title, int PublishedItems, int CandidatesCompleted, int Candidates, DateOnly? OpensOn, bool OpenedEarly, bool Due)
{
    /// <summary>Candidates who completed it ÷ candidates, rounded down; 0 for a cohort with nobody.</summary>
    public int Percent => Candidates == 0 ? 0 : CandidatesCompleted * 100 / Candidates;
}

/// <summary>A candidate who is behind, with the first module they have not completed named.</summary>
public sealed record BehindCandidate(BehindRow Row, string FirstOverdueModule, DateOnly? FirstOverdueOpensOn)
{
    public int? Percent => Row.ItemsTotal == 0 ? null : Math.Min(Row.ItemsCompleted, Row.ItemsTotal) * 100 / Row.ItemsTotal;
}

/// <summary>One page of the candidates who are behind, most modules overdue first.</summary>
public sealed record BehindPage(IReadOnlyList<BehindCandidate> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// A cohort's progress through its course's materials: module by module, how many candidates completed it, and who
/// is behind (see <see cref="BehindRule"/>), with today in the cohort's zone and the viewer's zone for the times shown.
/// </summary>
public sealed record CohortMaterialsProgress(
    MaterialsCohort Cohort,
    int Candidates,
    IReadOnlyList<ModuleCompletion> Modules,
    BehindPage Behind,
    DateOnly TodayInCohortZone,
    string? ViewerZone);

/// <summary>
/// A published item as a link beside a statement or in search results. <see cref="StudyCohortId"/> is the cohort
/// through which the person studies it (the item page is <c>/learn/{cohort}/items/{item}</c>); null when they only
/// follow the course (its title is shown, without a link).
/// </summary>
public sealed record MaterialLink(int ItemId, string Title, ItemKind Kind, int ModuleId, string ModuleTitle, int CourseId, string CourseName, int? StudyCohortId)
{
    public string? Href => StudyCohortId is { } cohort ? $"/learn/{cohort}/items/{ItemId}" : null;

    public string KindLabel => Kind switch
    {
        ItemKind.Reflection => "Reflection prompt",
        ItemKind.KnowledgeCheck => "Knowledge check",
        _ => Kind.ToString(),
    };
}

/// <summary>A material linked to a statement (as the repository reads it).</summary>
public sealed record StatementMaterial(string StatementId, MaterialLink Material);

/// <summary>One page of materials matching a search.</summary>
public sealed record MaterialSearchPage(string Query, IReadOnlyList<MaterialLink> Results, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public static MaterialSearchPage Empty(string query, int pageSize) => new(query, [], 0, 1, pageSize);
}

/// <summary>
/// Whose materials a person sees beside statements and in search: the courses they study (as a candidate who has not
/// withdrawn), and, unless <see cref="StudyingOnly"/>, the courses they follow: every course of their provider for a
/// provider admin, and the courses of the cohorts they facilitate or mentor on.
/// </summary>
public sealed record MaterialsAudience(int UserId, bool IsProviderAdmin, bool StudyingOnly);

/// <summary>A cohort a person studies, with its course.</summary>
public sealed record StudiedCohort(int CohortId, int CourseId);
