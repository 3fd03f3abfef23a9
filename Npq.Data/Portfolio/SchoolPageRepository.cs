using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Data.Materials;

namespace Npq.Data.Portfolio;

/// <summary>
/// A page of a headteacher's school as one command (issue 23): every statement after the count finds its rows from the
/// page itself (<c>PageOf</c>: the school's candidates by name, a page's worth), so the four reads go together on
/// one connection, with one round of Dapper's set-up and the parsers the batch keeps (<see cref="StatementBatch"/>),
/// instead of four reads one after another, each on its own connection, with the ids the one before read.
/// </summary>
public sealed class SchoolPageRepository : ISchoolPageRepository
{
    /// <summary>The places at the headteacher's school but withdrawn ones (<c>e</c>, their candidate <c>c</c>): <c>@headteacherUserId</c>.</summary>
    private const string AtHeadteachersSchool = """
         JOIN Users h ON h.SchoolId = c.SchoolId
         WHERE h.Id = @headteacherUserId AND h.SchoolId IS NOT NULL AND e.TrainingStatus <> 'Withdrawn'
        """;

    private readonly IDbConnectionFactory _db;
    private readonly IFrameworkCatalog _frameworks;
    private readonly StatementBatch _reads;

    public SchoolPageRepository(IDbConnectionFactory db, IFrameworkCatalog frameworks)
    {
        _db = db;
        _frameworks = frameworks;
        _reads = new StatementBatch(Sql(db.Dialect), results: 4);
    }

    /// <summary>The statements, in the order <see cref="ReadAsync"/> reads their results (for the SQL Server parse test).</summary>
    internal static string Sql(ISqlDialect dialect)
    {
        var page = " ORDER BY c.DisplayName, e.Id" + dialect.Page;
        string PageOf(string column) => $"SELECT {column} FROM Enrolments e JOIN Users c ON c.Id = e.CandidateUserId{AtHeadteachersSchool}{page}";
        return $"""
            SELECT COUNT(*) FROM Enrolments e JOIN Users c ON c.Id = e.CandidateUserId{AtHeadteachersSchool};
            {PlacementRepository.Select}{AtHeadteachersSchool}{page};
            SELECT pe.Id AS EnrolmentId, pe.CandidateUserId, pf.MaterialsCompleted, pf.MaterialsTotal, pf.ModulesCompleted, pf.ModulesTotal,
                   pf.FrameworkCoveredOf, pf.FrameworkCovered
            FROM Enrolments pe
            CROSS JOIN EnrolmentFigures pf
            WHERE pf.EnrolmentId = pe.Id AND pe.CandidateUserId IN ({PageOf("e.CandidateUserId")}) AND pf.Claim IS NULL;
            {ProgressRepository.LatestSummariesSql(PageOf("e.CandidateUserId"))};
            """;
    }

    public async Task<SchoolPage> ReadAsync(int headteacherUserId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var grid = await _reads.ReadAsync(connection, new { headteacherUserId, Skip = skip, Take = take }, cancellationToken);
        var total = await grid.ReadSingleAsync<int>();
        var placements = await grid.ReadAsync(PlacementReader.Read);
        var onPage = placements.Select(p => p.EnrolmentId).ToHashSet();
        var materials = new Dictionary<int, MaterialsSummary>();
        var kept = new Dictionary<(int CandidateUserId, string CoveredOf), int>();
        foreach (var row in await grid.ReadAsync<FiguresRow>())
        {
            if (onPage.Contains(row.EnrolmentId)
                && MaterialsReportRepository.KeptSummaryOf(row.EnrolmentId, row.MaterialsCompleted, row.MaterialsTotal, row.ModulesCompleted, row.ModulesTotal) is { } summary)
            {
                materials[row.EnrolmentId] = summary;
            }

            // A candidate's coverage of a framework is the most any of their places has kept.
            if (row is { FrameworkCoveredOf: { } coveredOf, FrameworkCovered: { } covered })
            {
                var key = (row.CandidateUserId, coveredOf);
                kept[key] = Math.Max(kept.GetValueOrDefault(key), covered);
            }
        }

        var latest = ProgressRepository.LatestSummaries(await grid.ReadAsync<ProgressRepository.LatestRatingRow>());

        // A place's coverage is kept against its framework as loaded now (EvidenceRepository.CoverageKey).
        var coverage = new Dictionary<(int, string), int>();
        foreach (var placement in placements)
        {
            if (_frameworks.ForCourse(placement.FrameworkCode) is { } framework
                && kept.TryGetValue((placement.CandidateUserId, EvidenceRepository.CoverageKey(framework)), out var covered))
            {
                coverage[(placement.CandidateUserId, framework.Code)] = covered;
            }
        }

        return new SchoolPage(total, placements, materials, coverage, latest);
    }

    /// <summary>
    /// A row of what the figures job keeps for a place of a candidate on the page (not being counted now): its materials
    /// progress, whole once its modules are counted, and its coverage of the framework it was counted against.
    /// </summary>
    private sealed record FiguresRow
    {
        public int EnrolmentId { get; init; }
        public int CandidateUserId { get; init; }
        public int? MaterialsCompleted { get; init; }
        public int? MaterialsTotal { get; init; }
        public int? ModulesCompleted { get; init; }
        public int? ModulesTotal { get; init; }
        public string? FrameworkCoveredOf { get; init; }
        public int? FrameworkCovered { get; init; }
    }
}
