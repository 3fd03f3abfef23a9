using Npq.Core.Frameworks;

namespace Npq.Core.Portfolio;

/// <summary>How much recorded evidence one statement has (a value: a report holds one for every statement of the framework).</summary>
public readonly record struct StatementCoverage(Statement Statement, int EvidenceCount);

/// <summary>One area's statements and their evidence counts, with its figures counted once.</summary>
public sealed record AreaCoverage(Area Area, IReadOnlyList<StatementCoverage> Statements)
{
    public int Covered { get; } = Statements.Count(s => s.EvidenceCount > 0);

    public int Total => Statements.Count;

    /// <summary>How many links from evidence the area's statements have, all told.</summary>
    public int EvidenceLinks { get; } = Statements.Sum(s => s.EvidenceCount);

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
    public int Covered { get; } = Areas.Sum(a => a.Covered);

    public int Total { get; } = Areas.Sum(a => a.Total);

    public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Covered / Total);

    public IEnumerable<StatementCoverage> Uncovered => Areas.SelectMany(a => a.Statements).Where(s => s.EvidenceCount == 0);

    /// <summary>
    /// Builds the report from (statement id, evidence count) pairs. Counts for ids the framework no longer has are
    /// ignored; a "Learn how to" heading counts evidence given against it or any of its bullets.
    /// </summary>
    public static CoverageReport Build(Framework framework, IReadOnlyDictionary<string, int> countsByStatement)
    {
        // The counts are placed where their statements stand (a candidate has evidence for a few of a framework's
        // hundreds of statements, and this runs on their home page), and every other statement counts none.
        var counts = new int[framework.Areas.Count][];
        for (var a = 0; a < counts.Length; a++)
        {
            counts[a] = new int[framework.Areas[a].AllStatements.Count];
        }

        foreach (var (id, count) in countsByStatement)
        {
            foreach (var (a, i) in framework.PlacesOf(id))
            {
                counts[a][i] = count;
            }
        }

        var areas = new AreaCoverage[counts.Length];
        for (var a = 0; a < areas.Length; a++)
        {
            var area = framework.Areas[a];
            var statements = new StatementCoverage[counts[a].Length];
            for (var i = 0; i < statements.Length; i++)
            {
                statements[i] = new StatementCoverage(area.AllStatements[i], counts[a][i]);
            }

            areas[a] = new AreaCoverage(area, statements);
        }

        return new CoverageReport(framework, areas);
    }

    /// <summary>The heat level for a count: 0 none, 1 one item, 2 two, 3 three or more.</summary>
    public static int Level(int count) => Math.Clamp(count, 0, 3);
}
