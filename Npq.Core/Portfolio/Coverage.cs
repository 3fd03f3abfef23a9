using Npq.Core.Frameworks;

namespace Npq.Core.Portfolio;

/// <summary>How much recorded evidence one statement has.</summary>
public sealed record StatementCoverage(Statement Statement, int EvidenceCount);

/// <summary>One area's statements and their evidence counts.</summary>
public sealed record AreaCoverage(Area Area, IReadOnlyList<StatementCoverage> Statements)
{
    public int Covered => Statements.Count(s => s.EvidenceCount > 0);

    public int Total => Statements.Count;

    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Covered / Total);
}

/// <summary>How many of a framework's statements a candidate's evidence covers, of how many (a whole percent as on the coverage page).</summary>
public sealed record CoverageSummary(int Covered, int Total)
{
    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Covered / Total);
}

/// <summary>A candidate's coverage of a framework: per area, which statements have evidence and how much.</summary>
public sealed record CoverageReport(Framework Framework, IReadOnlyList<AreaCoverage> Areas)
{
    public int Covered => Areas.Sum(a => a.Covered);

    public int Total => Areas.Sum(a => a.Total);

    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Covered / Total);

    public IEnumerable<StatementCoverage> Uncovered => Areas.SelectMany(a => a.Statements).Where(s => s.EvidenceCount == 0);

    /// <summary>
    /// Builds the report from (statement id, evidence count) pairs. Counts for ids the framework no longer has are
    /// ignored; a "Learn how to" heading counts evidence given against it or any of its bullets.
    /// </summary>
    public static CoverageReport Build(Framework framework, IReadOnlyDictionary<string, int> countsByStatement)
    {
        int CountOf(string id) => countsByStatement.TryGetValue(id, out var n) ? n : 0;
        var areas = framework.Areas.Select(area => new AreaCoverage(
            area,
            area.AllStatements.Select(s => new StatementCoverage(s, CountOf(s.Id))).ToList())).ToList();
        return new CoverageReport(framework, areas);
    }

    /// <summary>The heat level for a count: 0 none, 1 one item, 2 two, 3 three or more.</summary>
    public static int Level(int count) => Math.Clamp(count, 0, 3);
}
