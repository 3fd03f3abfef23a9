using Npq.Core.Webinars;

namespace Npq.Tests.Data.SqlServerSql;

/// <summary>The sessions lists' reads in every shape they take, through SQL Server's own parser (as <see cref="SqlServerStatementsTests"/>).</summary>
public sealed class SqlServerWebinarRangesTests
{
    private static readonly IReadOnlySet<string> BitColumns = TSqlCheck.BitColumns(
        Directory.GetFiles(Path.Combine(RepoRoot.Path, "db", "sqlserver"), "*.sql").Order().Select(File.ReadAllText));

    /// <summary>What SQL Server's parser finds wrong in the statements, Dapper's "IN @list" written out as it would send it.</summary>
    private static IEnumerable<string> Problems(IEnumerable<string> statements) =>
        statements.SelectMany(s => TSqlCheck.Problems(System.Text.RegularExpressions.Regex.Replace(s, @"IN @(\w+)", "IN (@$1_1, @$1_2)"), BitColumns));

    /// <summary>
    /// The sessions page's range reads (issue 23): every shape of range (each end open or closed) and both ways of
    /// sending the cohorts (one parameter each, or one JSON array when there are many). The sweep of <see cref="SqlServerStatementsTests"/> sends one shape only.
    /// </summary>
    [Test]
    public async Task WebinarSessionRanges_EveryShape_ParsesAsSqlServer()
    {
        var factory = new CapturingConnectionFactory();
        var repository = new Npq.Data.Webinars.WebinarRepository(factory);
        var few = new[] { 1, 2 };
        var many = Enumerable.Range(1, Npq.Data.Webinars.WebinarRepository.MostCohortsAsParameters + 1).ToArray();
        var now = DateTime.UtcNow;
        foreach (var ids in new[] { few, many })
        {
            foreach (var (from, before) in new (DateTime?, DateTime?)[] { (null, null), (now, null), (null, now), (now.AddHours(-8), now) })
            {
                await repository.GetSessionsForCohortsAsync(ids, from, before, newestFirst: before is not null && from is null, 0, 25);
                await repository.CountSessionsForCohortsAsync(ids, from, before);
            }
        }

        var statements = factory.Statements.ToList();
        Assert.That(statements, Has.Count.EqualTo(16));
        Assert.That(statements.Count(s => s.Contains("OPENJSON(@ids)")), Is.EqualTo(8), "many cohorts go as one JSON array");
        Assert.That(statements, Has.None.Contains("IS NULL"), "no condition for an open end");
        Assert.That(Problems(statements), Is.Empty);
    }

    /// <summary>
    /// A person's sessions lists (issue 23, migration 0051): the upcoming and the past, of a provider (alone, and with
    /// cohorts of other providers added by id, a few and as many as go as one JSON array) or of a person's cohorts; the
    /// page and, past the end, the count.
    /// </summary>
    [Test]
    public async Task SessionLists_EveryShape_ParseAsSqlServer()
    {
        var factory = new CapturingConnectionFactory();
        var repository = new Npq.Data.Webinars.WebinarRepository(factory);
        var many = Enumerable.Range(1, Npq.Data.Webinars.WebinarRepository.MostCohortsAsParameters + 1).ToArray();
        var now = DateTime.UtcNow;
        foreach (var (provider, cohorts) in new (int?, int[])[] { (1, []), (1, [1, 2]), (1, many), (null, [1, 2]), (null, many) })
        {
            foreach (var list in new[] { SessionList.Upcoming, SessionList.Past })
            {
                // Past the end of a list the capture keeps empty: the page, then the count.
                await repository.GetSessionListAsync(provider, cohorts, list, now.AddHours(-8), now, 25, 25, 151);
            }
        }

        var statements = factory.Statements.ToList();
        var counts = statements.Where(s => s.Contains("COUNT(*)")).ToList();
        Assert.That((statements.Count, counts.Count), Is.EqualTo((20, 10)));
        Assert.That(statements.Take(12), Has.All.Contains("s.ProviderId = @providerId"), "a provider's by the sessions' own provider");
        Assert.That(counts, Has.None.Contains("Cohorts"), "counted from the sessions alone");
        Assert.That(statements, Has.All.Contains("DATEADD(minute, s.DurationMinutes, s.StartUtc)"), "the end as SQL Server reckons it");
        Assert.That(Problems(statements), Is.Empty);
    }

    /// <summary>The attendance page's mentees and school lists (issue 23): each page and, past a first page, its count.</summary>
    [Test]
    public async Task MenteesAndSchoolPages_PageAndCount_ParseAsSqlServer()
    {
        var factory = new CapturingConnectionFactory();
        var repository = new Npq.Data.Webinars.WebinarRepository(factory);

        await repository.GetMenteesPageAsync(1, 25, 25);
        await repository.GetSchoolCandidatesPageAsync(1, 25, 25);

        var statements = factory.Statements.ToList();
        Assert.That(statements, Has.Count.EqualTo(4));
        Assert.That(statements.Where(s => s.Contains("OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY")).ToList(), Has.Count.EqualTo(2));
        Assert.That(statements.Where(s => s.Contains("COUNT(*)")).ToList(), Has.Count.EqualTo(2));
        Assert.That(Problems(statements), Is.Empty);
    }
}
