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
