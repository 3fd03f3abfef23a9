using Dapper;
using Npq.Core.Materials;

namespace Npq.Data.Materials;

/// <summary>The materials of a person's courses beside statements and in search.</summary>
public sealed partial class MaterialsReportRepository
{
    /// <summary>
    /// The courses a person studies (with the cohort they study each through) or follows (no cohort): an admin's
    /// provider's courses, and the courses of the cohorts they facilitate or mentor on. Needs @UserId,
    /// @IsProviderAdmin and @StudyingOnly (0 or 1).
    /// </summary>
    private const string AudienceCtes = """
        studying AS (
            SELECT ch.CourseId, MAX(e.CohortId) AS CohortId
            FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId
            WHERE e.CandidateUserId = @UserId AND e.TrainingStatus <> 'Withdrawn'
            GROUP BY ch.CourseId
        ),
        followed AS (
            SELECT co.Id AS CourseId FROM Courses co JOIN Users u ON u.ProviderId = co.ProviderId WHERE u.Id = @UserId AND @IsProviderAdmin = 1
            UNION
            SELECT ch.CourseId FROM CohortFacilitators f JOIN Cohorts ch ON ch.Id = f.CohortId WHERE f.UserId = @UserId
            UNION
            SELECT ch.CourseId FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE e.MentorUserId = @UserId
        ),
        audience AS (
            SELECT x.CourseId, MAX(x.CohortId) AS CohortId
            FROM (
                SELECT CourseId, CohortId FROM studying
                UNION ALL
                SELECT CourseId, CAST(NULL AS INT) AS CohortId FROM followed WHERE @StudyingOnly = 0
            ) x
            GROUP BY x.CourseId
        )
        """;

    private const string LinkColumns = """
        i.Id AS ItemId, i.Title, i.Kind, m.Id AS ModuleId, m.Title AS ModuleTitle, co.Id AS CourseId, co.Name AS CourseName, a.CohortId AS StudyCohortId
        """;

    public async Task<IReadOnlyList<StatementMaterial>> GetStatementMaterialsAsync(
        MaterialsAudience audience, IReadOnlyCollection<string> statementIds, IReadOnlyCollection<int> closedModuleIds, CancellationToken cancellationToken = default)
    {
        if (statementIds.Count == 0)
        {
            return [];
        }

        var sql = $"""
            WITH {AudienceCtes}
            SELECT s.StatementId, {LinkColumns}
            FROM MaterialItemStatements s
            JOIN MaterialItems i ON i.Id = s.ItemId
            JOIN MaterialModules m ON m.Id = i.ModuleId
            JOIN audience a ON a.CourseId = m.CourseId
            JOIN Courses co ON co.Id = m.CourseId
            WHERE s.StatementId IN @StatementIds AND i.State = 'Published'{(closedModuleIds.Count > 0 ? " AND m.Id NOT IN @Closed" : string.Empty)}
            ORDER BY s.StatementId, co.Name, m.Position, i.Position, i.Id
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LinkRow>(new CommandDefinition(
            sql, Parameters(audience, new { StatementIds = statementIds.ToList(), Closed = closedModuleIds.ToList() }), cancellationToken: cancellationToken));
        return rows.Select(r => new StatementMaterial(r.StatementId ?? string.Empty, r.ToLink())).ToList();
    }

    public async Task<(int Total, IReadOnlyList<MaterialLink> Rows)> SearchAsync(
        MaterialsAudience audience, string text, IReadOnlyCollection<int> closedModuleIds, int skip, int take, CancellationToken cancellationToken = default)
    {
        var inTitle = db.Dialect.ContainsIgnoreCase("i.Title", "@Pattern");
        var hits = $"""
            WITH {AudienceCtes},
            hits AS (
                SELECT {LinkColumns}, CASE WHEN {inTitle} THEN 0 ELSE 1 END AS TitleRank, m.Position AS ModulePosition, i.Position AS ItemPosition
                FROM audience a
                JOIN MaterialModules m ON m.CourseId = a.CourseId
                JOIN MaterialItems i ON i.ModuleId = m.Id
                JOIN Courses co ON co.Id = a.CourseId
                WHERE i.State = 'Published' AND ({inTitle} OR {db.Dialect.ContainsIgnoreCase("i.Body", "@Pattern")}){(closedModuleIds.Count > 0 ? " AND m.Id NOT IN @Closed" : string.Empty)}
            )
            """;
        var sql = $"""
            {hits}
            SELECT COUNT(*) FROM hits;
            {hits}
            SELECT ItemId, Title, Kind, ModuleId, ModuleTitle, CourseId, CourseName, StudyCohortId FROM hits
            ORDER BY TitleRank, CourseName, ModulePosition, ItemPosition, ItemId{db.Dialect.Page};
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, Parameters(audience, new { Pattern = EscapeLike(text), Closed = closedModuleIds.ToList(), Skip = skip, Take = take }), cancellationToken: cancellationToken));
        var total = await grid.ReadSingleAsync<int>();
        var rows = (await grid.ReadAsync<LinkRow>()).Select(r => r.ToLink()).ToList();
        return (total, rows);
    }

    private static DynamicParameters Parameters(MaterialsAudience audience, object more)
    {
        var parameters = new DynamicParameters(more);
        parameters.Add("UserId", audience.UserId);
        parameters.Add("IsProviderAdmin", audience.IsProviderAdmin ? 1 : 0);
        parameters.Add("StudyingOnly", audience.StudyingOnly ? 1 : 0);
        return parameters;
    }

    /// <summary>A LIKE pattern's own characters taken literally (the dialects' ContainsIgnoreCase escape with '\').</summary>
    internal static string EscapeLike(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal)
        .Replace("_", "\\_", StringComparison.Ordinal)
        .Replace("[", "\\[", StringComparison.Ordinal);

    private sealed class LinkRow
    {
        public string? StatementId { get; init; }
        public int ItemId { get; init; }
        public string Title { get; init; } = string.Empty;
        public ItemKind Kind { get; init; }
        public int ModuleId { get; init; }
        public string ModuleTitle { get; init; } = string.Empty;
        public int CourseId { get; init; }
        public string CourseName { get; init; } = string.Empty;
        public int? StudyCohortId { get; init; }

        public MaterialLink ToLink() => new(ItemId, Title, Kind, ModuleId, ModuleTitle, CourseId, CourseName, StudyCohortId);
    }
}
