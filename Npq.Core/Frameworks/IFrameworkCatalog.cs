namespace Npq.Core.Frameworks;

/// <summary>The frameworks the provider has content for, parsed once and kept in memory.</summary>
public interface IFrameworkCatalog
{
    IReadOnlyList<Framework> All { get; }

    Framework? Find(string code);

    /// <summary>Statements whose text contains every word of the query, best matches first.</summary>
    IReadOnlyList<StatementMatch> Search(string query, int limit = 50);
}

public sealed record StatementMatch(Framework Framework, Area Area, Statement Statement);

public static class FrameworkCatalogExtensions
{
    /// <summary>
    /// The framework a course with <paramref name="frameworkCode"/> is studied against: that framework, else (no code, or
    /// none loaded by it) the provider's first. What a candidate's pages show and what the figures job counts for them.
    /// </summary>
    public static Framework? ForCourse(this IFrameworkCatalog catalog, string? frameworkCode) =>
        (frameworkCode is null ? null : catalog.Find(frameworkCode)) ?? catalog.All.FirstOrDefault();
}
