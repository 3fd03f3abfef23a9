using Dapper;
using Npq.Core.Materials;
using Npq.Data.Infrastructure;
using Npq.Data.Reporting;

namespace Npq.Data.Materials;

/// <summary>
/// Set-based reads of candidates' progress through materials (per enrolment, per cohort, who is behind), and the
/// materials beside statements and in search (see MaterialsReportRepository.Links.cs). One query per call.
/// </summary>
public sealed partial class MaterialsReportRepository(IDbConnectionFactory db) : IMaterialsProgressQueries, IMaterialsProgressImport
{
    // SQL Server takes at most 2,100 parameters: enrolment ids are read in lists of this many.
    private const int IdsPerQuery = 1000;

    // The course's published items (needs @CourseId).
    private const string PublishedCte = """
        pub AS (
            SELECT i.Id AS ItemId, i.ModuleId
            FROM MaterialItems i JOIN MaterialModules m ON m.Id = i.ModuleId
            WHERE m.CourseId = @CourseId AND i.State = 'Published'
        )
        """;

    /// <summary>A figures row's (<c>f</c>) materials counts, read as a <see cref="KeptSummaryRow"/>.</summary>
    internal const string KeptSummaryColumns = "f.EnrolmentId, f.MaterialsCompleted, f.MaterialsTotal, f.ModulesCompleted, f.ModulesTotal";

    /// <summary>A figures row (<c>f</c>) whose materials counts are kept and not being counted now.</summary>
    internal const string KeptSummary = "f.Claim IS NULL AND f.ModulesTotal IS NOT NULL";

    /// <summary>
    /// A place's kept materials progress from a figures row's columns read where they may be missing (an outer join, or
    /// a row read for its other figures too): none unless every count is there, as <see cref="KeptSummary"/> asks.
    /// </summary>
    internal static MaterialsSummary? KeptSummaryOf(int enrolmentId, int? itemsCompleted, int? itemsTotal, int? modulesCompleted, int? modulesTotal) =>
        itemsCompleted is { } items && itemsTotal is { } ofItems && modulesCompleted is { } modules && modulesTotal is { } ofModules
            ? new MaterialsSummary(enrolmentId, items, ofItems, modules, ofModules)
            : null;

    /// <summary>A row of <see cref="KeptSummaryColumns"/>.</summary>
    internal sealed record KeptSummaryRow
    {
        public int EnrolmentId { get; init; }
        public int MaterialsCompleted { get; init; }
        public int MaterialsTotal { get; init; }
        public int ModulesCompleted { get; init; }
        public int ModulesTotal { get; init; }

        public MaterialsSummary ToSummary() => new(EnrolmentId, MaterialsCompleted, MaterialsTotal, ModulesCompleted, ModulesTotal);
    }

    /// <summary>
    /// Each enrolment's items and whole modules completed of its course's published materials: as the figures job kept
    /// them (<c>EnrolmentFigures</c>, counted by <see cref="CountSummariesAsync"/>; the table's triggers delete a row
    /// whenever its materials, their progress or the enrolment change), and counted live for the enrolments with none
    /// kept. A mentor's or headteacher's home lists a page of candidates: their kept rows are read by key.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, MaterialsSummary>> GetSummariesAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<int, MaterialsSummary>();
        if (enrolmentIds.Count == 0)
        {
            return result;
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var distinct = enrolmentIds.Distinct().ToArray();
        foreach (var chunk in distinct.Chunk(IdsPerQuery))
        {
            var parameters = new DynamicParameters();
            var ids = IdList.Parameters("Ids", chunk, parameters);
            var kept = await connection.QueryAsync<KeptSummaryRow>(new CommandDefinition(
                $"SELECT {KeptSummaryColumns} FROM EnrolmentFigures f WHERE f.EnrolmentId IN {ids} AND {KeptSummary}", parameters, cancellationToken: cancellationToken));
            foreach (var row in kept)
            {
                result[row.EnrolmentId] = row.ToSummary();
            }
        }

        var unkept = distinct.Where(id => !result.ContainsKey(id)).ToList();
        foreach (var (id, summary) in await CountSummariesAsync(connection, unkept, cancellationToken))
        {
            result[id] = summary;
        }

        return result;
    }

    /// <summary>
    /// Each enrolment's items and whole modules completed of its course's published materials, counted live. Counted from the rows
    /// that exist rather than by looking up every item for every enrolment: each enrolment with its course (part 0), the
    /// published items per module of those courses, counted once per course however many enrolments share it (part 1),
    /// and the completed ones per module from each candidate's own progress rows (part 2), put together here. A module
    /// of another course never counts: only the course's modules are read.
    /// </summary>
    internal static async Task<Dictionary<int, MaterialsSummary>> CountSummariesAsync(System.Data.Common.DbConnection connection, IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken)
    {
        static string Sql(string ids) => $"""
            SELECT 0 AS Part, e.Id AS Id, ch.CourseId AS Ref, 0 AS Items
            FROM Enrolments e
            CROSS JOIN Cohorts ch
            WHERE e.Id IN {ids} AND ch.Id = e.CohortId
            UNION ALL
            SELECT 1, m.CourseId, i.ModuleId, COUNT(*)
            FROM MaterialModules m
            CROSS JOIN MaterialItems i
            WHERE m.CourseId IN (SELECT ch.CourseId FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId WHERE e.Id IN {ids})
              AND i.ModuleId = m.Id AND i.State = 'Published'
            GROUP BY m.CourseId, i.ModuleId
            UNION ALL
            SELECT 2, e.Id, i.ModuleId, COUNT(*)
            FROM Enrolments e
            CROSS JOIN MaterialProgress p
            CROSS JOIN MaterialItems i
            WHERE e.Id IN {ids} AND p.CandidateUserId = e.CandidateUserId AND p.IsComplete = 1 AND i.Id = p.ItemId AND i.State = 'Published'
            GROUP BY e.Id, i.ModuleId
            """;
        var result = new Dictionary<int, MaterialsSummary>();
        if (enrolmentIds.Count == 0)
        {
            return result;
        }

        var courses = new Dictionary<int, int>();
        var items = new Dictionary<int, Dictionary<int, int>>();
        var completed = new Dictionary<(int EnrolmentId, int ModuleId), int>();
        foreach (var chunk in enrolmentIds.Distinct().Chunk(IdsPerQuery))
        {
            // Id: the enrolment (parts 0 and 2) or the course (part 1); Ref: the enrolment's course (part 0) or a module.
            var parameters = new DynamicParameters();
            var ids = IdList.Parameters("Ids", chunk, parameters);
            var rows = await connection.QueryAsync<(int Part, int Id, int Ref, int Items)>(
                new CommandDefinition(Sql(ids), parameters, cancellationToken: cancellationToken));
            foreach (var r in rows)
            {
                switch (r.Part)
                {
                    case 0:
                        courses[r.Id] = r.Ref;
                        break;
                    case 1:
                        (items.TryGetValue(r.Id, out var modules) ? modules : items[r.Id] = [])[r.Ref] = r.Items;
                        break;
                    default:
                        completed[(r.Id, r.Ref)] = r.Items;
                        break;
                }
            }
        }

        foreach (var (enrolmentId, courseId) in courses)
        {
            int itemsCompleted = 0, itemsTotal = 0, modulesCompleted = 0, modulesTotal = 0;
            foreach (var (moduleId, count) in items.GetValueOrDefault(courseId) ?? [])
            {
                var done = completed.GetValueOrDefault((enrolmentId, moduleId));
                itemsCompleted += done;
                itemsTotal += count;
                modulesCompleted += done >= count ? 1 : 0;
                modulesTotal++;
            }

            result[enrolmentId] = new MaterialsSummary(enrolmentId, itemsCompleted, itemsTotal, modulesCompleted, modulesTotal);
        }

        return result;
    }

    /// <summary>Per published module of the course, how many of the cohort's current candidates completed it; then how many there are.</summary>
    /// <remarks>
    /// The cohort's candidates drive the read (<c>CROSS JOIN</c>: SQLite keeps the written order, SQL Server reads it as
    /// the inner join it is): each one's own progress rows, then the item of each. Left to itself, with the ids bound as
    /// parameters, SQLite probed every published item of the course for every candidate (20 ms for 200 candidates at
    /// 10,000), or read the progress of the whole course, every cohort of it, through the item index (issue 23).
    /// </remarks>
    private static readonly StatementBatch ModuleCompletion = new("""
        WITH cand AS (
            SELECT DISTINCT e.CandidateUserId FROM Enrolments e WHERE e.CohortId = @CohortId AND e.TrainingStatus <> 'Withdrawn'
        ),
        sizes AS (
            SELECT i.ModuleId, COUNT(*) AS Items
            FROM MaterialModules m CROSS JOIN MaterialItems i
            WHERE m.CourseId = @CourseId AND i.ModuleId = m.Id AND i.State = 'Published'
            GROUP BY i.ModuleId
        ),
        done AS (
            SELECT p.CandidateUserId, i.ModuleId, COUNT(*) AS Completed
            FROM cand c
            CROSS JOIN MaterialProgress p
            CROSS JOIN MaterialItems i
            WHERE p.CandidateUserId = c.CandidateUserId AND p.IsComplete = 1 AND i.Id = p.ItemId AND i.State = 'Published'
              AND i.ModuleId IN (SELECT ModuleId FROM sizes)
            GROUP BY p.CandidateUserId, i.ModuleId
        )
        SELECT s.ModuleId, s.Items AS PublishedItems, SUM(CASE WHEN d.Completed >= s.Items THEN 1 ELSE 0 END) AS CandidatesCompleted
        FROM sizes s LEFT JOIN done d ON d.ModuleId = s.ModuleId
        GROUP BY s.ModuleId, s.Items;
        SELECT COUNT(DISTINCT CandidateUserId) FROM Enrolments WHERE CohortId = @CohortId AND TrainingStatus <> 'Withdrawn';
        """, results: 2);

    public async Task<CohortCompletionCounts> GetModuleCompletionAsync(int cohortId, int courseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var grid = await ModuleCompletion.ReadAsync(connection, new { CohortId = cohortId, CourseId = courseId }, cancellationToken);
        var modules = (await grid.ReadAsync<(int ModuleId, int PublishedItems, int CandidatesCompleted)>())
            .Select(r => new ModuleCompletionCount(r.ModuleId, r.PublishedItems, r.CandidatesCompleted)).ToList();
        var candidates = await grid.ReadSingleAsync<int>();
        return new CohortCompletionCounts(candidates, modules);
    }

    /// <remarks>
    /// Who is behind is a filter over the whole cohort, so every active candidate's figures are computed, once: the page
    /// carries the number behind (<c>COUNT(*) OVER ()</c>), and only a page past the end asks for the count alone. The
    /// candidates drive the read as in <see cref="GetModuleCompletionAsync"/>: SQLite otherwise read every progress row
    /// of the course's items (every cohort of the course: 0.2 s a query for a cohort of 200 at 10,000), twice.
    /// </remarks>
    public async Task<(int Total, IReadOnlyList<BehindRow> Rows)> GetBehindAsync(
        int cohortId, int courseId, IReadOnlyCollection<int> dueModuleIds, int skip, int take, CancellationToken cancellationToken = default)
    {
        if (dueModuleIds.Count == 0)
        {
            return (0, []);
        }

        // Every active candidate against every module with published items: their completed items per module, and
        // the due modules they have not completed.
        var materialized = ReportSql.Materialized(db.Dialect);
        var behind = $"""
            WITH cand AS {materialized}(
                SELECT e.CandidateUserId, MIN(u.DisplayName) AS CandidateName
                FROM Enrolments e JOIN Users u ON u.Id = e.CandidateUserId
                WHERE e.CohortId = @CohortId AND e.TrainingStatus = 'Active'
                GROUP BY e.CandidateUserId
            ),
            sizes AS {materialized}(
                SELECT m.Id AS ModuleId, m.Position, COUNT(*) AS Items,
                       CASE WHEN m.Id IN @Due THEN 1 ELSE 0 END AS IsDue
                FROM MaterialModules m CROSS JOIN MaterialItems i
                WHERE m.CourseId = @CourseId AND i.ModuleId = m.Id AND i.State = 'Published'
                GROUP BY m.Id, m.Position
            ),
            prog AS (
                SELECT p.CandidateUserId, i.ModuleId, SUM(CASE WHEN p.IsComplete = 1 THEN 1 ELSE 0 END) AS Completed, MAX(p.UpdatedUtc) AS LastUtc
                FROM cand c
                CROSS JOIN MaterialProgress p
                CROSS JOIN MaterialItems i
                WHERE p.CandidateUserId = c.CandidateUserId AND i.Id = p.ItemId AND i.State = 'Published'
                  AND i.ModuleId IN (SELECT ModuleId FROM sizes)
                GROUP BY p.CandidateUserId, i.ModuleId
            ),
            per AS (
                SELECT c.CandidateUserId, c.CandidateName,
                       SUM(CASE WHEN s.IsDue = 1 AND COALESCE(pr.Completed, 0) < s.Items THEN 1 ELSE 0 END) AS ModulesOverdue,
                       MIN(CASE WHEN s.IsDue = 1 AND COALESCE(pr.Completed, 0) < s.Items THEN s.Position END) AS FirstOverduePosition,
                       SUM(COALESCE(pr.Completed, 0)) AS ItemsCompleted,
                       SUM(s.Items) AS ItemsTotal,
                       MAX(pr.LastUtc) AS LastActivityUtc
                FROM cand c
                CROSS JOIN sizes s
                LEFT JOIN prog pr ON pr.CandidateUserId = c.CandidateUserId AND pr.ModuleId = s.ModuleId
                GROUP BY c.CandidateUserId, c.CandidateName
            )
            """;
        var pageSql = $"""
            {behind}
            SELECT CandidateUserId, CandidateName, ModulesOverdue, FirstOverduePosition, ItemsCompleted, ItemsTotal, LastActivityUtc,
                   CAST(COUNT(*) OVER () AS BIGINT) AS Behind
            FROM per WHERE ModulesOverdue > 0
            ORDER BY ModulesOverdue DESC, CandidateName, CandidateUserId{db.Dialect.Page}
            """;
        var parameters = new { CohortId = cohortId, CourseId = courseId, Due = dueModuleIds.ToList(), Skip = skip, Take = take };
        await using var connection = await db.OpenAsync(cancellationToken);
        // Each row is the candidate and, split off from it, how many are behind in all (the window count, a BIGINT in
        // both databases: Dapper does not convert the split-off value).
        var rows = (await connection.QueryAsync<BehindRow, long, (BehindRow Row, int Behind)>(new CommandDefinition(pageSql, parameters, cancellationToken: cancellationToken),
            (row, behindCount) => (row, (int)behindCount), splitOn: "Behind")).AsList();
        if (rows.Count > 0)
        {
            return (rows[0].Behind, rows.Select(r => r.Row).ToList());
        }

        var total = skip == 0 ? 0 : await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"{behind} SELECT COUNT(*) FROM per WHERE ModulesOverdue > 0", parameters, cancellationToken: cancellationToken));
        return (total, []);
    }

    public async Task<IReadOnlyList<StudiedCohort>> GetStudiedCohortsAsync(int userId, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT e.CohortId, ch.CourseId FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId
            WHERE e.CandidateUserId = @userId AND e.TrainingStatus <> 'Withdrawn'
            ORDER BY e.CohortId
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int CohortId, int CourseId)>(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken));
        return rows.Select(r => new StudiedCohort(r.CohortId, r.CourseId)).ToList();
    }

    public async Task PutProgressAsync(IReadOnlyList<ItemProgress> rows, CancellationToken cancellationToken = default)
    {
        const string sql = """
            DELETE FROM MaterialProgress WHERE CandidateUserId = @CandidateUserId AND ItemId = @ItemId;
            INSERT INTO MaterialProgress (CandidateUserId, ItemId, IsComplete, PositionSeconds, DurationSeconds, WatchedMap, BestScorePercent,
                Attempts, EvidenceId, CompletedUtc, UpdatedUtc)
            VALUES (@CandidateUserId, @ItemId, @IsComplete, @PositionSeconds, @DurationSeconds, @WatchedMap, @BestScorePercent,
                @Attempts, @EvidenceId, @CompletedUtc, @UpdatedUtc);
            """;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> AddAttemptAsync(KnowledgeCheckAttempt attempt, CancellationToken cancellationToken = default)
    {
        var sql = """
            INSERT INTO KnowledgeCheckAttempts (ItemId, CandidateUserId, ScorePercent, Answers, SubmittedUtc)
            VALUES (@ItemId, @CandidateUserId, @ScorePercent, @Answers, @SubmittedUtc)
            """ + db.Dialect.SelectLastInsertedId;
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, attempt, cancellationToken: cancellationToken));
    }
}
