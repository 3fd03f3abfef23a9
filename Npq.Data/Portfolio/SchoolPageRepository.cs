using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;
using Npq.Data.Materials;

namespace Npq.Data.Portfolio;

/// <summary>
/// A page of a headteacher's school as one command (issue 23): every statement after the count finds its rows from the
/// page itself (<c>PageOf</c>: the school's candidates by name, a page's worth), so the five reads go together on
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
        _reads = new StatementBatch(Sql(db.Dialect), results: 5);
    }

    /// <summary>The statements, in the order <see cref="ReadAsync"/> reads their results (for the SQL Server parse test).</summary>
    internal static string Sql(ISqlDialect dialect)
    {
        var page = " ORDER BY c.DisplayName, e.Id" + dialect.Page;
        string PageOf(string column) => $"SELECT {column} FROM Enrolments e JOIN Users c ON c.Id = e.CandidateUserId{AtHeadteachersSchool}{page}";
        return $"""
            SELECT COUNT(*) FROM Enrolments e JOIN Users c ON c.Id = e.CandidateUserId{AtHeadteachersSchool};
            {PlacementRepository.Select}{AtHeadteachersSchool}{page};
            SELECT {MaterialsReportRepository.KeptSummaryColumns}
            FROM EnrolmentFigures f
            WHERE f.EnrolmentId IN ({PageOf("e.Id")}) AND {MaterialsReportRepository.KeptSummary};
            SELECT pe.CandidateUserId, pf.FrameworkCoveredOf, MAX(pf.FrameworkCovered) AS Covered
            FROM Enrolments pe
            CROSS JOIN EnrolmentFigures pf
            WHERE pf.EnrolmentId = pe.Id AND pe.CandidateUserId IN ({PageOf("e.CandidateUserId")})
              AND pf.Claim IS NULL AND pf.FrameworkCoveredOf IS NOT NULL
            GROUP BY pe.CandidateUserId, pf.FrameworkCoveredOf;
            {ProgressRepository.LatestSummariesSql(PageOf("e.CandidateUserId"))};
            """;
    }

    public async Task<SchoolPage> ReadAsync(int headteacherUserId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await _db.OpenAsync(cancellationToken);
        await using var grid = await _reads.ReadAsync(connection, new { headteacherUserId, Skip = skip, Take = take }, cancellationToken);
        var total = await grid.ReadSingleAsync<int>();
        var placements = await grid.ReadAsync<CandidatePlacement>();
        var materials = (await grid.ReadAsync<MaterialsReportRepository.KeptSummaryRow>()).ToDictionary(r => r.EnrolmentId, r => r.ToSummary());
        var kept = (await grid.ReadAsync<KeptCoverageRow>()).Where(r => r.Covered is not null)
            .ToDictionary(r => (r.CandidateUserId, r.FrameworkCoveredOf), r => (int)r.Covered!.Value);
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

    private sealed record KeptCoverageRow
    {
        public int CandidateUserId { get; init; }
        public string FrameworkCoveredOf { get; init; } = string.Empty;
        public long? Covered { get; init; }
    }
}
