using Dapper;
using Npq.Core.Frameworks;
using Npq.Core.Reporting;
using Npq.Core.Time;
using Npq.Data.Infrastructure;
using Npq.Data.Materials;
using Npq.Data.Portfolio;

namespace Npq.Data.Reporting;

/// <summary>
/// The completion report's figures kept per enrolment in <c>EnrolmentFigures</c> (migration 0034; the triggers there
/// delete a row whenever a figure of it changes). Rows are computed with the report's own SQL
/// (<see cref="CompletionReportSql.LiveFigures"/>), and their released outcomes asked of the source the report asks
/// (migration 0060), so a stored row is the row the report would compute.
/// </summary>
public sealed class EnrolmentFiguresRepository(IDbConnectionFactory db, IFrameworkCatalog frameworks, IEnumerable<IFinalOutcomeSource> outcomeSources)
    : IEnrolmentFiguresStore
{
    private readonly CompletionReportSql _sql = new(db.Dialect, frameworks);
    private readonly IFinalOutcomeSource _outcomes = FinalOutcomeSources.Resolve(outcomeSources);

    /// <summary>The format of the rows this build keeps: the migration whose columns it fills (0060: the outcome). A row
    /// stored in an earlier format, by an earlier build still running beside this one, is deleted as it is stored.</summary>
    public const int KeptFormat = 60;

    /// <summary>What a kept coverage count may be marked with while these frameworks are loaded: a framework's key, or
    /// empty (no framework). A row marked otherwise was counted against another text of its framework: picked again.</summary>
    private string[] CoveredOfNow => [.. frameworks.All.Select(EvidenceRepository.CoverageKey), string.Empty];

    /// <summary>
    /// Each kind of row to pick is a range of its own index (migration 0052), read only as far as the batch, so a turn of
    /// the job reads what it picks and not every enrolment: the enrolments whose sort keys have no parts (the kept row
    /// absent or claimed: the trigger of 0045 clears the parts whenever a kept row goes), the kept rows past their
    /// moment, those not yet counted, and those counted against a framework text not loaded now
    /// (<see cref="ForeignCoverageAsync"/>). At 10,000 candidates with nothing to pick a turn read 10 ms (every
    /// enrolment), now tens of microseconds; at 100,000 with every row to compute, 0.24 ms.
    /// </summary>
    public async Task<IReadOnlyList<int>> PickAsync(int max, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var (sql, parameters) = PickSql(db.Dialect, max, nowUtc, await ForeignCoverageAsync(connection, cancellationToken));
        return (await connection.QueryAsync<int>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();
    }

    /// <summary>The statement of <see cref="PickAsync"/>, with the framework texts not loaded now whose counts are picked.</summary>
    internal static (string Sql, DynamicParameters Parameters) PickSql(ISqlDialect dialect, int max, DateTime nowUtc, IReadOnlyList<string> foreignCoverage)
    {
        var parameters = new DynamicParameters(new { NowUtc = nowUtc, Skip = 0, Take = max });
        // Each kind's first rows by id, as many as asked: the union is at most four batches however many rows are due
        // (every enrolment in a new database), and its first by id are the first of all the rows due. The enrolments
        // with no sort key parts are the copy's window too (CompletionReportSql.FirstUnstoredKeys).
        // The kinds read through a partial index name it: SQLite's statistics of such an index are its size when they
        // were taken (every row, in a database analysed before the job first ran), and with them it reads the table.
        string Kept(string condition, string name, string walkedBy = "") =>
            $"SELECT EnrolmentId FROM (SELECT f.EnrolmentId FROM EnrolmentFigures f{walkedBy} WHERE {condition} ORDER BY f.EnrolmentId{dialect.Page}) {name}";
        var kinds = new List<string>
        {
            $"SELECT EnrolmentId FROM ({CompletionReportSql.FirstUnstoredKeys(dialect)}) unstored",
            Kept("f.ValidUntilUtc IS NOT NULL AND f.ValidUntilUtc <= @NowUtc", "expired"),
            Kept("f.ModulesTotal IS NULL", "uncounted", dialect.WalkedBy("IX_EnrolmentFigures_Uncounted")),
            Kept("f.FrameworkCoveredOf IS NULL", "uncovered"),
        };
        if (foreignCoverage.Count > 0)
        {
            kinds.Add(Kept($"f.FrameworkCoveredOf IN {IdList.Parameters("CoveredOf", foreignCoverage, parameters)}", "elsewhere"));
        }

        var sql = $"""
            SELECT due.EnrolmentId FROM (
                {string.Join("\n    UNION\n    ", kinds)}
            ) due
            WHERE EXISTS (SELECT 1 FROM Enrolments e WHERE e.Id = due.EnrolmentId)
            ORDER BY due.EnrolmentId{dialect.Page}
            """;
        return (sql, parameters);
    }

    /// <summary>The most distinct frameworks counted against that <see cref="ForeignCoverageAsync"/> reads in one turn.</summary>
    private const int MostCoverageMarks = 100;

    /// <summary>
    /// The framework texts kept counts were made against that are not loaded now (a framework's text changed, or it was
    /// removed), read from the index on <c>FrameworkCoveredOf</c> one distinct value at a time: each read seeks past the
    /// last, so the cost is the few values kept, not the rows.
    /// </summary>
    private async Task<IReadOnlyList<string>> ForeignCoverageAsync(System.Data.Common.DbConnection connection, CancellationToken cancellationToken)
    {
        var now = CoveredOfNow.ToHashSet(StringComparer.Ordinal);
        var foreign = new List<string>();
        string? after = null;
        for (var read = 0; read < MostCoverageMarks; read++)
        {
            var next = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                after is null
                    ? "SELECT MIN(FrameworkCoveredOf) FROM EnrolmentFigures"
                    : "SELECT MIN(FrameworkCoveredOf) FROM EnrolmentFigures WHERE FrameworkCoveredOf > @After",
                new { After = after }, cancellationToken: cancellationToken));
            if (next is null)
            {
                break;
            }

            if (!now.Contains(next))
            {
                foreign.Add(next);
            }

            after = next;
        }

        return foreign;
    }

    public async Task<int> CopyStoredSortKeysAsync(int max, CancellationToken cancellationToken = default)
    {
        await using (var reading = await db.OpenAsync(cancellationToken))
        {
            var window = new { Skip = 0, Take = max };
            if (await reading.ExecuteScalarAsync<int>(new CommandDefinition(_sql.AnyStoredSortKeysToCopy, window, cancellationToken: cancellationToken)) == 0)
            {
                return 0;
            }
        }

        var (sql, parameters) = _sql.CopyStoredSortKeys();
        parameters.Add("Skip", 0);
        parameters.Add("Take", max);
        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public async Task ClaimAsync(IReadOnlyList<int> enrolmentIds, long claim, CancellationToken cancellationToken = default)
    {
        if (enrolmentIds.Count == 0)
        {
            return;
        }

        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { Ids = enrolmentIds, Claim = claim };
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM EnrolmentFigures WHERE EnrolmentId IN @Ids", parameters, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO EnrolmentFigures (EnrolmentId, SessionsCounted, SessionsAttended, StatementsCovered, TasksSet, TasksSubmitted, TasksOnTime,
                                          TasksOverdue, FinalSubmitted, LatestRating, LatestRatingSum, PreviousRatingSum, MaterialsCompleted,
                                          MaterialsTotal, ValidUntilUtc, Claim)
            SELECT Id, 0, 0, 0, 0, 0, 0, 0, 0, NULL, -1, -1, 0, 0, NULL, @Claim FROM Enrolments WHERE Id IN @Ids
            """, parameters, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EnrolmentFigures>> ComputeAsync(IReadOnlyList<int> enrolmentIds, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (enrolmentIds.Count == 0)
        {
            return [];
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        var todayByZone = await CohortToday.ByZoneAsync(connection, nowUtc, null, cancellationToken);
        var (sql, parameters) = _sql.LiveFigures(enrolmentIds, todayByZone, nowUtc);
        var rows = new List<CompletionRow>(enrolmentIds.Count);
        await foreach (var row in CompletionReportRepository.ReadAsync(connection, sql, parameters, cancellationToken))
        {
            rows.Add(row);
        }

        var ids = new { Ids = enrolmentIds, NowS = ReportSql.ToSeconds(nowUtc), Earliest = DateOnly.FromDateTime(nowUtc).AddDays(-2) };
        var enrolments = (await connection.QueryAsync<(int EnrolmentId, string TimeZone, int CandidateUserId, string? FrameworkCode)>(new CommandDefinition(
            """
            SELECT e.Id, ch.TimeZone, e.CandidateUserId, co.FrameworkCode
            FROM Enrolments e JOIN Cohorts ch ON ch.Id = e.CohortId JOIN Courses co ON co.Id = ch.CourseId
            WHERE e.Id IN @Ids
            """,
            ids, cancellationToken: cancellationToken))).ToList();
        var zones = enrolments.ToDictionary(r => r.EnrolmentId, r => r.TimeZone);

        // Each candidate's statements covered of their course's framework, as a headteacher's home counts them (the
        // framework found as the home finds it, IFrameworkCatalog.ForCourse), marked with the framework counted.
        var coverage = new Dictionary<int, (int Covered, string Of)>();
        foreach (var group in enrolments.GroupBy(r => frameworks.ForCourse(r.FrameworkCode)))
        {
            var counts = group.Key is null
                ? group.ToDictionary(r => r.CandidateUserId, _ => 0)
                : await EvidenceRepository.CountCoveredAsync(connection, db.Dialect, group.Select(r => r.CandidateUserId).ToList(), group.Key, cancellationToken);
            var of = group.Key is null ? string.Empty : EvidenceRepository.CoverageKey(group.Key);
            foreach (var r in group)
            {
                coverage[r.EnrolmentId] = (counts.GetValueOrDefault(r.CandidateUserId), of);
            }
        }

        // The sessions of these cohorts not yet ended (a minute's margin for the float seconds; the exact end is taken here).
        var sessions = await connection.QueryAsync<SessionEnd>(new CommandDefinition(
            $"""
            SELECT ws.CohortId, ws.StartUtc, ws.DurationMinutes FROM WebinarSessions ws
            WHERE ws.Status <> 'Cancelled' AND ws.CohortId IN (SELECT e.CohortId FROM Enrolments e WHERE e.Id IN @Ids)
              AND {ReportSql.Seconds(db.Dialect, "ws.StartUtc")} + ws.DurationMinutes * 60 > @NowS - 60
            """, ids, cancellationToken: cancellationToken));
        var nextEnd = sessions
            .Select(s => (s.CohortId, End: s.StartUtc.AddMinutes(s.DurationMinutes)))
            .Where(s => s.End > nowUtc)
            .GroupBy(s => s.CohortId)
            .ToDictionary(g => g.Key, g => g.Min(s => s.End));

        // The due dates (an extension's first) of the tasks each candidate has not handed in: overdue once the date has
        // ended in the cohort's zone, as the report's TasksOverdue counts them.
        var dues = await connection.QueryAsync<TaskDue>(new CommandDefinition(
            """
            SELECT e.Id AS EnrolmentId, COALESCE(x.DueOn, td.DueOn) AS DueOn
            FROM Enrolments e
            JOIN AssessmentTaskDates td ON td.CohortId = e.CohortId
            JOIN AssessmentTasks t ON t.Id = td.TaskId
            LEFT JOIN AssessmentTaskExtensions x ON x.TaskId = td.TaskId AND x.CandidateUserId = e.CandidateUserId
            WHERE e.Id IN @Ids AND COALESCE(x.DueOn, td.DueOn) >= @Earliest
              AND NOT EXISTS (SELECT 1 FROM Submissions s
                              WHERE s.TaskId = td.TaskId AND s.CandidateUserId = e.CandidateUserId AND s.CohortId = e.CohortId AND s.SubmittedUtc IS NOT NULL)
            """, ids, cancellationToken: cancellationToken));
        var nextDue = new Dictionary<int, DateTime>();
        foreach (var due in dues)
        {
            var at = ZonedTime.EndOfDayUtc(due.DueOn, zones.GetValueOrDefault(due.EnrolmentId));
            if (at > nowUtc && (!nextDue.TryGetValue(due.EnrolmentId, out var soonest) || at < soonest))
            {
                nextDue[due.EnrolmentId] = at;
            }
        }

        // The materials' whole modules, counted as the homes count them live (MaterialsReportRepository), so a stored row
        // gives the homes what they would have counted.
        var materials = await MaterialsReportRepository.CountSummariesAsync(connection, enrolmentIds, cancellationToken);

        // The released outcomes, as the report would add them to these rows computed live.
        var outcomes = await _outcomes.GetReleasedOutcomesAsync(enrolmentIds, cancellationToken);
        return rows.Select(live =>
        {
            var row = live.WithOutcome(outcomes.GetValueOrDefault(live.EnrolmentId));
            DateTime? until = nextEnd.TryGetValue(row.CohortId, out var end) ? end : null;
            if (nextDue.TryGetValue(row.EnrolmentId, out var due) && (until is null || due < until))
            {
                until = due;
            }

            var summary = materials.GetValueOrDefault(row.EnrolmentId);
            (int Covered, string Of)? covered = coverage.TryGetValue(row.EnrolmentId, out var c) ? c : null;
            return new EnrolmentFigures(row, until)
            {
                ModulesCompleted = summary?.ModulesCompleted,
                ModulesTotal = summary?.ModulesTotal,
                FrameworkCovered = covered?.Covered,
                FrameworkCoveredOf = covered?.Of,
            };
        }).ToList();
    }

    public async Task<int> StoreAsync(IReadOnlyList<EnrolmentFigures> figures, long claim, CancellationToken cancellationToken = default)
    {
        if (figures.Count == 0)
        {
            return 0;
        }

        await using var connection = await db.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = figures.Select(f => new
        {
            f.Row.EnrolmentId,
            f.Row.SessionsCounted,
            f.Row.SessionsAttended,
            f.Row.StatementsCovered,
            f.Row.StatementsTotal,
            f.Row.TasksSet,
            f.Row.TasksSubmitted,
            f.Row.TasksOnTime,
            f.Row.TasksOverdue,
            FinalSubmitted = f.Row.FinalSubmitted ? 1 : 0,
            LatestRating = (int?)f.Row.LatestRating,
            f.Row.LatestRatingSum,
            f.Row.PreviousRatingSum,
            f.Row.MaterialsCompleted,
            f.Row.MaterialsTotal,
            f.ModulesCompleted,
            f.ModulesTotal,
            f.FrameworkCovered,
            f.FrameworkCoveredOf,
            f.Row.CandidateName,
            f.Row.SchoolName,
            f.Row.DfeParticipantId,
            f.Row.DfeApplicationId,
            f.Row.CohortName,
            f.Row.DfeCohort,
            f.Row.DeliveryPartnerName,
            f.Row.MentorName,
            Outcome = f.Row.Outcome?.ToString(),
            f.Row.CompletionDate,
            Format = KeptFormat,
            f.ValidUntilUtc,
            Claim = claim,
        }).ToList();

        // The report's sort keys (migration 0045) first, on the same condition as the figures below, so both land or
        // neither: the parts of each key are the figures the report sorts by, and coverage's total the statements of
        // the course's framework, as the report counts them.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE EnrolmentSortKeys
            SET SessionsCounted = @SessionsCounted, SessionsAttended = @SessionsAttended, StatementsCovered = @StatementsCovered,
                StatementsTotal = @StatementsTotal, TasksSubmitted = @TasksSubmitted, LatestRatingSum = @LatestRatingSum,
                MaterialsCompleted = @MaterialsCompleted, MaterialsTotal = @MaterialsTotal, ValidUntilUtc = @ValidUntilUtc
            WHERE EnrolmentId = @EnrolmentId
              AND EXISTS (SELECT 1 FROM EnrolmentFigures f WHERE f.EnrolmentId = @EnrolmentId AND f.Claim = @Claim)
            """,
            rows, transaction, cancellationToken: cancellationToken));
        var stored = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE EnrolmentFigures
            SET SessionsCounted = @SessionsCounted, SessionsAttended = @SessionsAttended, StatementsCovered = @StatementsCovered,
                TasksSet = @TasksSet, TasksSubmitted = @TasksSubmitted, TasksOnTime = @TasksOnTime, TasksOverdue = @TasksOverdue,
                FinalSubmitted = @FinalSubmitted, LatestRating = @LatestRating, LatestRatingSum = @LatestRatingSum,
                PreviousRatingSum = @PreviousRatingSum, MaterialsCompleted = @MaterialsCompleted, MaterialsTotal = @MaterialsTotal,
                ModulesCompleted = @ModulesCompleted, ModulesTotal = @ModulesTotal, FrameworkCovered = @FrameworkCovered,
                FrameworkCoveredOf = @FrameworkCoveredOf, CandidateName = @CandidateName, SchoolName = @SchoolName,
                DfeParticipantId = @DfeParticipantId, DfeApplicationId = @DfeApplicationId, CohortName = @CohortName,
                DfeCohort = @DfeCohort, DeliveryPartnerName = @DeliveryPartnerName, MentorName = @MentorName,
                Outcome = @Outcome, CompletionDate = @CompletionDate, Format = @Format, ValidUntilUtc = @ValidUntilUtc, Claim = NULL
            WHERE EnrolmentId = @EnrolmentId AND Claim = @Claim
            """,
            rows,
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    private sealed class SessionEnd
    {
        public int CohortId { get; init; }
        public DateTime StartUtc { get; init; }
        public int DurationMinutes { get; init; }
    }

    private sealed class TaskDue
    {
        public int EnrolmentId { get; init; }
        public DateOnly DueOn { get; init; }
    }
}
