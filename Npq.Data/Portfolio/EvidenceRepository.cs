using Dapper;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Data.Infrastructure;

namespace Npq.Data.Portfolio;

/// <summary>Evidence items, their statements and files, and the append-only evidence log.</summary>
public sealed class EvidenceRepository(IDbConnectionFactory db) : IEvidenceRepository
{
    private const string Columns = "Id, CandidateUserId, Title, EvidenceDate, Reflection, IsDraft, CreatedUtc, UpdatedUtc, Version";
    private const string FileColumns = "Id, EvidenceId, StoredName, FileName, ContentType, SizeBytes, UploadedUtc, UploadedByUserId";

    // Built once: the writer keeps its compiled statement by this text, so each save should not build it again.
    private readonly string _insertItem = """
        INSERT INTO EvidenceItems (CandidateUserId, Title, EvidenceDate, Reflection, IsDraft, CreatedUtc, UpdatedUtc, Version)
        VALUES (@CandidateUserId, @Title, @EvidenceDate, @Reflection, @IsDraft, @CreatedUtc, @UpdatedUtc, 1)
        """ + db.Dialect.SelectLastInsertedId;

    /// <summary>Creates the item with its statements and a "created" log line; returns its id.</summary>
    public async Task<int> CreateAsync(EvidenceItem item, int actorUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await WriteCommands.ExecuteScalarIntAsync(connection, transaction, _insertItem, cancellationToken,
            ("@CandidateUserId", item.CandidateUserId), ("@Title", item.Title), ("@EvidenceDate", item.EvidenceDate), ("@Reflection", item.Reflection),
            ("@IsDraft", item.IsDraft), ("@CreatedUtc", item.CreatedUtc), ("@UpdatedUtc", item.UpdatedUtc));
        await InsertStatementsAsync(connection, transaction, id, item.StatementIds, cancellationToken);
        await AppendLogAsync(connection, transaction, id, item.CreatedUtc, actorUserId, EvidenceActions.Created, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<EvidenceItem?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var item = await connection.QuerySingleOrDefaultAsync<EvidenceItem>(new CommandDefinition(
            $"SELECT {Columns} FROM EvidenceItems WHERE Id = @id", new { id }, cancellationToken: cancellationToken));
        if (item is null)
        {
            return null;
        }

        var statements = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT StatementId FROM EvidenceStatements WHERE EvidenceId = @id ORDER BY StatementId", new { id }, cancellationToken: cancellationToken));
        return item with { StatementIds = statements.AsList() };
    }

    /// <summary>The list's query, without its paging: every column it reads is in the list's index (migration 0012).</summary>
    internal const string PageSql = """
        SELECT e.Id, e.Title, e.EvidenceDate, e.IsDraft,
               (SELECT COUNT(*) FROM EvidenceStatements s WHERE s.EvidenceId = e.Id) AS StatementCount
        FROM EvidenceItems e WHERE e.CandidateUserId = @candidateUserId
        ORDER BY e.EvidenceDate DESC, e.Id DESC
        """;

    /// <summary>
    /// One page of the candidate's items for a list, newest evidence date first: title, date, state and how many
    /// statements each is linked to (no reflections, no statement ids), and whether there are more after it. The
    /// page is read along the list's index and nothing counts the whole list, so a page costs the same however
    /// many items the candidate has.
    /// </summary>
    public async Task<(IReadOnlyList<EvidenceSummary> Items, bool More)> GetPageForCandidateAsync(int candidateUserId, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var items = (await connection.QueryAsync<EvidenceSummary>(new CommandDefinition(
            PageSql + db.Dialect.Page, new { candidateUserId, Skip = skip, Take = take + 1 }, cancellationToken: cancellationToken))).AsList();
        var more = items.Count > take;
        return (more ? items.GetRange(0, take) : items, more);
    }

    /// <summary>The candidate's items, newest evidence date first, with their statements.</summary>
    public async Task<IReadOnlyList<EvidenceItem>> GetForCandidateAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var items = (await connection.QueryAsync<EvidenceItem>(new CommandDefinition(
            $"SELECT {Columns} FROM EvidenceItems WHERE CandidateUserId = @candidateUserId ORDER BY EvidenceDate DESC, Id DESC",
            new { candidateUserId }, cancellationToken: cancellationToken))).AsList();
        var links = await connection.QueryAsync<(int EvidenceId, string StatementId)>(new CommandDefinition(
            """
            SELECT s.EvidenceId, s.StatementId FROM EvidenceStatements s JOIN EvidenceItems e ON e.Id = s.EvidenceId
            WHERE e.CandidateUserId = @candidateUserId ORDER BY s.StatementId
            """, new { candidateUserId }, cancellationToken: cancellationToken));
        var byItem = links.ToLookup(l => l.EvidenceId, l => l.StatementId);
        return items.Select(i => i with { StatementIds = byItem[i.Id].ToList() }).ToList();
    }

    /// <summary>
    /// Saves an edit when nobody changed the item since <paramref name="expectedVersion"/>: fields, statements and a
    /// log line, in one transaction. Returns the new version, or the outcome that stopped it.
    /// </summary>
    public async Task<(SaveOutcome Outcome, int Version)> UpdateAsync(EvidenceItem item, int expectedVersion, int actorUserId, string action, string? detail, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE EvidenceItems SET Title = @Title, EvidenceDate = @EvidenceDate, Reflection = @Reflection, IsDraft = @IsDraft,
                UpdatedUtc = @UpdatedUtc, Version = Version + 1
            WHERE Id = @Id AND Version = @expectedVersion
            """,
            new { item.Id, item.Title, item.EvidenceDate, item.Reflection, item.IsDraft, item.UpdatedUtc, expectedVersion }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM EvidenceItems WHERE Id = @Id", new { item.Id }, transaction, cancellationToken: cancellationToken));
            return (exists == 0 ? SaveOutcome.NotFound : SaveOutcome.Conflict, expectedVersion);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM EvidenceStatements WHERE EvidenceId = @Id", new { item.Id }, transaction, cancellationToken: cancellationToken));
        await InsertStatementsAsync(connection, transaction, item.Id, item.StatementIds, cancellationToken);
        await AppendLogAsync(connection, transaction, item.Id, item.UpdatedUtc, actorUserId, action, detail, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (SaveOutcome.Saved, expectedVersion + 1);
    }

    public async Task<int> AddFileAsync(EvidenceFile file, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            INSERT INTO EvidenceFiles (EvidenceId, StoredName, FileName, ContentType, SizeBytes, UploadedUtc, UploadedByUserId)
            VALUES (@EvidenceId, @StoredName, @FileName, @ContentType, @SizeBytes, @UploadedUtc, @UploadedByUserId)
            """ + db.Dialect.SelectLastInsertedId, file, transaction, cancellationToken: cancellationToken));
        await AppendLogAsync(connection, transaction, file.EvidenceId, file.UploadedUtc, file.UploadedByUserId, EvidenceActions.FileAdded, $"file {id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>The item's current files (removed ones stay in the table and the log).</summary>
    public async Task<IReadOnlyList<EvidenceFile>> GetFilesAsync(int evidenceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<EvidenceFile>(new CommandDefinition(
            $"SELECT {FileColumns} FROM EvidenceFiles WHERE EvidenceId = @evidenceId AND RemovedUtc IS NULL ORDER BY Id",
            new { evidenceId }, cancellationToken: cancellationToken))).AsList();
    }

    public async Task<EvidenceFile?> GetFileAsync(int fileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<EvidenceFile>(new CommandDefinition(
            $"SELECT {FileColumns} FROM EvidenceFiles WHERE Id = @fileId AND RemovedUtc IS NULL", new { fileId }, cancellationToken: cancellationToken));
    }

    public async Task RemoveFileAsync(EvidenceFile file, int actorUserId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE EvidenceFiles SET RemovedUtc = @nowUtc WHERE Id = @Id AND RemovedUtc IS NULL", new { file.Id, nowUtc }, transaction, cancellationToken: cancellationToken));
        await AppendLogAsync(connection, transaction, file.EvidenceId, nowUtc, actorUserId, EvidenceActions.FileRemoved, $"file {file.Id}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The item's history, oldest first, with who did each thing.</summary>
    public async Task<IReadOnlyList<EvidenceLogEntry>> GetLogAsync(int evidenceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<EvidenceLogEntry>(new CommandDefinition(
            """
            SELECT l.Id, l.EvidenceId, l.OccurredUtc, l.ActorUserId, u.DisplayName AS ActorName, l.Action, l.Detail
            FROM EvidenceLog l JOIN Users u ON u.Id = l.ActorUserId WHERE l.EvidenceId = @evidenceId ORDER BY l.Id
            """, new { evidenceId }, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>How many recorded (not draft) items show each statement, for the candidate's coverage.</summary>
    /// <summary>How many items <c>@candidateUserId</c> has finished and how many are drafts (one row).</summary>
    internal const string CountsSql = """
        SELECT COALESCE(SUM(CASE WHEN IsDraft = 0 THEN 1 ELSE 0 END), 0) AS Finished,
               COALESCE(SUM(CASE WHEN IsDraft = 1 THEN 1 ELSE 0 END), 0) AS Drafts
        FROM EvidenceItems WHERE CandidateUserId = @candidateUserId
        """;

    /// <summary>
    /// Each link of a finished (not draft) item of <c>@candidateUserId</c> to a statement, as it is stored; counted per
    /// statement by <see cref="CountStatements"/>. SQLite reads the links by the candidate's index and the links' key
    /// (8.6 µs for a candidate's 34); grouping them in SQL by statement in any case, and counting each item once, took
    /// two temporary trees (26.2 µs).
    /// </summary>
    internal const string StatementLinksSql = """
        SELECT s.StatementId, s.EvidenceId FROM EvidenceStatements s JOIN EvidenceItems e ON e.Id = s.EvidenceId
        WHERE e.CandidateUserId = @candidateUserId AND e.IsDraft = 0
        """;

    /// <summary>
    /// How many items show each statement (by its id in lower case), from <see cref="StatementLinksSql"/>'s rows. Statement
    /// ids are matched in any case (as the framework finds them): links to "h-1" and "H-1" count as one statement, and
    /// an item linked to both counts once.
    /// </summary>
    internal static Dictionary<string, int> CountStatements(IEnumerable<(string StatementId, int EvidenceId)> links)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<(string StatementId, int EvidenceId)>();
        foreach (var (statementId, evidenceId) in links)
        {
            var statement = statementId.ToLowerInvariant();
            if (seen.Add((statement, evidenceId)))
            {
                counts[statement] = counts.GetValueOrDefault(statement) + 1;
            }
        }

        return counts;
    }

    /// <summary>How many items the candidate has finished and how many are drafts.</summary>
    public async Task<(int Finished, int Drafts)> GetCountsAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Finished, long Drafts)>(new CommandDefinition(
            CountsSql, new { candidateUserId }, cancellationToken: cancellationToken));
        return ((int)row.Finished, (int)row.Drafts);
    }

    public async Task<IReadOnlyDictionary<string, int>> GetStatementCountsAsync(int candidateUserId, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return CountStatements(await connection.QueryAsync<(string StatementId, int EvidenceId)>(new CommandDefinition(
            StatementLinksSql, new { candidateUserId }, cancellationToken: cancellationToken)));
    }

    /// <summary>Each loaded framework's statement ids, in lower case, as the list of text literals
    /// <see cref="CountStatementsCoveredAsync"/> writes into its SQL, per dialect (a reloaded framework is a new key).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISqlDialect, System.Runtime.CompilerServices.ConditionalWeakTable<Framework, string>> StatementLists = new();

    private static string StatementList(ISqlDialect dialect, Framework framework) =>
        StatementLists.GetValue(dialect, _ => new()).GetValue(framework, f =>
            string.Join(", ", f.StatementIds.Select(id => dialect.TextLiteral(id.ToLowerInvariant())).Distinct(StringComparer.Ordinal)));

    /// <summary>
    /// Each candidate's statements of <paramref name="framework"/> covered (only those with any): as the figures job kept
    /// them (<c>EnrolmentFigures.FrameworkCovered</c>, counted by <see cref="CountCoveredAsync"/> against the framework as
    /// loaded now; the table's triggers delete a row whenever the candidate's evidence or its links change), and counted
    /// live for the candidates with none kept.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> CountStatementsCoveredAsync(IReadOnlyCollection<int> candidateUserIds, Framework framework, CancellationToken cancellationToken = default)
    {
        if (candidateUserIds.Count == 0 || framework.StatementIds.Count == 0)
        {
            return new Dictionary<int, int>();
        }

        var distinct = candidateUserIds.Distinct().ToArray();
        var parameters = new DynamicParameters();
        var ids = IdList.Parameters("ids", distinct, parameters);
        parameters.Add("CoveredOf", CoverageKey(framework));
        await using var connection = await db.OpenAsync(cancellationToken);
        var kept = (await connection.QueryAsync<(int CandidateUserId, int Covered)>(new CommandDefinition(
            KeptCoveredSql(ids), parameters, cancellationToken: cancellationToken))).ToDictionary(r => r.CandidateUserId, r => r.Covered);
        var live = await CountCoveredAsync(connection, db.Dialect, distinct.Where(id => !kept.ContainsKey(id)).ToList(), framework, cancellationToken);
        return kept.Concat(live).Where(r => r.Value > 0).ToDictionary(r => r.Key, r => r.Value);
    }

    /// <summary>
    /// The kept counts of the candidates <paramref name="ids"/> (a list of parameters) against <c>@CoveredOf</c>. The
    /// candidates' enrolments are read first (SQLite keeps a CROSS JOIN's order): planned without statistics (every
    /// site's database until the site gathered its own, DatabaseStatistics), the join walked every enrolment's figures
    /// for the framework (3.5 ms at 10,000 candidates, on every headteacher's home) and looked for the candidates among
    /// them.
    /// </summary>
    internal static string KeptCoveredSql(string ids) => $"""
        SELECT e.CandidateUserId, MAX(f.FrameworkCovered) AS Covered
        FROM Enrolments e
        CROSS JOIN EnrolmentFigures f
        WHERE f.EnrolmentId = e.Id AND e.CandidateUserId IN {ids} AND f.Claim IS NULL AND f.FrameworkCoveredOf = @CoveredOf
        GROUP BY e.CandidateUserId
        """;

    /// <summary>A framework as loaded, as <c>EnrolmentFigures.FrameworkCoveredOf</c> names it: its code and a digest of its
    /// statement ids (another text of the framework is another key), made once per loaded framework.</summary>
    internal static string CoverageKey(Framework framework) => CoverageKeys.GetValue(framework, f =>
    {
        var ids = string.Join("\n", f.StatementIds.Select(id => id.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return $"{f.Code}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ids)))[..32]}";
    });

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Framework, string> CoverageKeys = new();

    /// <summary>
    /// Counted live in SQL, one row per candidate (every candidate asked about, 0 for none): the test is made on each link (its id in lower case against the
    /// framework's, as the framework finds ids in any case) rather than in the join, where SQLite would seek each
    /// evidence item's links once per listed statement, and in a derived table counted outside it, since SQL Server
    /// refuses a subquery inside an aggregate (error 130). The framework's ids are written into the SQL as quoted text
    /// (<see cref="ISqlDialect.TextLiteral"/>), once for as long as the framework is loaded: the statement is then compiled once per
    /// connection with its list, where a JSON array bound on every run was parsed and sorted again each time (a sixth
    /// of what the count cost on a headteacher's home, which counts against hundreds of statements on every visit).
    /// </summary>
    internal static async Task<Dictionary<int, int>> CountCoveredAsync(
        System.Data.Common.DbConnection connection, ISqlDialect dialect, IReadOnlyCollection<int> candidateUserIds, Framework framework, CancellationToken cancellationToken)
    {
        var result = candidateUserIds.Distinct().ToDictionary(id => id, _ => 0);
        if (result.Count == 0 || framework.StatementIds.Count == 0)
        {
            return result;
        }

        var parameters = new DynamicParameters();
        var ids = IdList.Parameters("ids", result.Keys.ToArray(), parameters);
        var sql = $"""
            SELECT CandidateUserId, COUNT(DISTINCT Statement) AS Covered
            FROM (
                SELECT e.CandidateUserId, CASE WHEN LOWER(s.StatementId) IN ({StatementList(dialect, framework)}) THEN LOWER(s.StatementId) END AS Statement
                FROM EvidenceItems e
                JOIN EvidenceStatements s ON s.EvidenceId = e.Id
                WHERE e.CandidateUserId IN {ids} AND e.IsDraft = 0
            ) links
            GROUP BY CandidateUserId
            """;
        foreach (var row in await connection.QueryAsync<(int CandidateUserId, int Covered)>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)))
        {
            result[row.CandidateUserId] = row.Covered;
        }

        return result;
    }

    private static async Task InsertStatementsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, int evidenceId, IEnumerable<string> statementIds, CancellationToken cancellationToken)
    {
        foreach (var statementId in statementIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            await WriteCommands.ExecuteAsync(connection, transaction,
                "INSERT INTO EvidenceStatements (EvidenceId, StatementId) VALUES (@evidenceId, @statementId)", cancellationToken,
                ("@evidenceId", evidenceId), ("@statementId", statementId));
        }
    }

    private static Task AppendLogAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, int evidenceId, DateTime occurredUtc, int actorUserId, string action, string? detail, CancellationToken cancellationToken) =>
        WriteCommands.ExecuteAsync(connection, transaction,
            "INSERT INTO EvidenceLog (EvidenceId, OccurredUtc, ActorUserId, Action, Detail) VALUES (@evidenceId, @occurredUtc, @actorUserId, @action, @detail)", cancellationToken,
            ("@evidenceId", evidenceId), ("@occurredUtc", occurredUtc), ("@actorUserId", actorUserId), ("@action", action), ("@detail", detail));
}
