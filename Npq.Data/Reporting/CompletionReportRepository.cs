using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using Npq.Core.Frameworks;
using Npq.Core.Reporting;
using Npq.Core.Time;
using Npq.Data.Infrastructure;

namespace Npq.Data.Reporting;

/// <summary>
/// The completion report as one set-based query: attendance (segments merged per session, the register first, as
/// the attendance page counts it), evidence coverage, tasks, progress ratings and DfE ids are aggregated in SQL per
/// enrolment. Exports read it through an unbuffered data reader, with coverage counted beside it on a second
/// connection (see <see cref="StreamAsync"/>); outcomes are added in batches from <see cref="IFinalOutcomeSource"/>.
/// </summary>
public sealed class CompletionReportRepository(IDbConnectionFactory db, IFrameworkCatalog frameworks, IEnumerable<IFinalOutcomeSource> outcomeSources)
    : ICompletionReportQueries
{
    private readonly IFinalOutcomeSource _outcomes = FinalOutcomeSources.Resolve(outcomeSources);

    /// <summary>
    /// How many streamed rows are held while their outcomes are looked up. Each look-up binds one parameter per id,
    /// and binding costs grow faster than the list (SQLite finds each parameter by name): the outcomes of 10,000
    /// rows take about a third less time in lists of 250 than in lists of 500.
    /// </summary>
    public const int OutcomeBatchSize = 250;

    // SQL Server accepts at most 2,100 parameters; beyond that coverage counts every statement id (see the note).
    private const int MaxStatementParameters = 1800;

    public async Task<int> CountAsync(ReportScope scope, CompletionFilter filter, CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            return 0;
        }

        var (where, parameters) = Where(scope, filter);
        var sql = $"""
            SELECT COUNT(*) FROM Enrolments e
            JOIN Cohorts ch ON ch.Id = e.CohortId
            JOIN Courses co ON co.Id = ch.CourseId
            JOIN Users u ON u.Id = e.CandidateUserId
            WHERE {where}
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public async Task<CompletionPage> GetPageAsync(ReportScope scope, CompletionFilter filter, int page, int pageSize, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var total = await CountAsync(scope, filter, cancellationToken);
        if (total == 0)
        {
            return new CompletionPage([], 0, 1, pageSize);
        }

        var pageCount = (total + pageSize - 1) / pageSize;
        page = Math.Clamp(page, 1, pageCount);
        await using var connection = await db.OpenAsync(cancellationToken);
        var (sql, parameters) = Build(scope, filter, await TodayByZoneAsync(connection, nowUtc, cancellationToken), nowUtc, paged: true, withCoverage: true);
        parameters.Add("Skip", (page - 1) * pageSize);
        parameters.Add("Take", pageSize);
        var rows = new List<CompletionRow>(pageSize);
        await foreach (var row in ReadAsync(connection, sql, parameters, cancellationToken))
        {
            rows.Add(row);
        }

        var found = await _outcomes.GetReleasedOutcomesAsync(rows.Select(r => r.EnrolmentId).ToList(), cancellationToken);
        return new CompletionPage(rows.Select(r => r.WithOutcome(found.GetValueOrDefault(r.EnrolmentId))).ToList(), total, page, pageSize);
    }

    /// <summary>
    /// Every row, in the filter's order. Unless the rows are sorted by coverage, coverage (a third of the report's
    /// work) is counted on a second connection, on another thread, while the main query runs, and joined to the rows
    /// here: on a machine with two cores or more the export takes about as long as the longer of the two.
    /// </summary>
    public async IAsyncEnumerable<CompletionRow> StreamAsync(ReportScope scope, CompletionFilter filter, DateTime nowUtc, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (scope.IsEmpty)
        {
            yield break;
        }

        var separateCoverage = filter.Sort != CompletionSort.Coverage;
        await using var connection = await db.OpenAsync(cancellationToken);
        var (sql, parameters) = Build(scope, filter, await TodayByZoneAsync(connection, nowUtc, cancellationToken), nowUtc, paged: false, withCoverage: !separateCoverage);
        // Microsoft.Data.Sqlite's "async" methods run synchronously: the coverage query needs a thread of its own.
        var coverageTask = separateCoverage ? Task.Run(() => CoverageAsync(scope, filter, cancellationToken), cancellationToken) : null;
        try
        {
            var batch = new List<CompletionRow>(OutcomeBatchSize);
            IReadOnlyDictionary<int, int>? coverage = null;
            await foreach (var read in ReadAsync(connection, sql, parameters, cancellationToken))
            {
                var row = read;
                if (coverageTask is not null)
                {
                    coverage ??= await coverageTask;
                    row = row with { StatementsCovered = coverage.GetValueOrDefault(row.CandidateUserId) };
                }

                batch.Add(row);
                if (batch.Count == OutcomeBatchSize)
                {
                    foreach (var done in await WithOutcomesAsync(batch, cancellationToken))
                    {
                        yield return done;
                    }

                    batch.Clear();
                }
            }

            foreach (var done in await WithOutcomesAsync(batch, cancellationToken))
            {
                yield return done;
            }
        }
        finally
        {
            // An export abandoned part way (or failed) still waits for its coverage query, which holds a connection.
            if (coverageTask is { IsCompleted: false })
            {
                await Task.WhenAny(coverageTask);
            }

            _ = coverageTask?.Exception;
        }
    }

    /// <summary>Statements covered per candidate in scope: how many distinct framework statements their finished evidence shows.</summary>
    private async Task<IReadOnlyDictionary<int, int>> CoverageAsync(ReportScope scope, CompletionFilter filter, CancellationToken cancellationToken)
    {
        var (where, parameters) = Where(scope, filter);
        var sql = $"""
            WITH {ScopedCte(where)}
            {CoverageSelect(CoveredStatement(parameters))}
            """;
        await using var connection = await db.OpenAsync(cancellationToken);
        var counts = new Dictionary<int, int>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    private static string ScopedCte(string where) => $"""
        scoped AS (
                SELECT e.Id AS EnrolmentId, e.CandidateUserId, e.CohortId, e.MentorUserId, e.TrainingStatus,
                       ch.AttendanceThresholdPercent AS Threshold, ch.TimeZone AS CohortZone
                FROM Enrolments e
                JOIN Cohorts ch ON ch.Id = e.CohortId
                JOIN Courses co ON co.Id = ch.CourseId
                JOIN Users u ON u.Id = e.CandidateUserId
                WHERE {where}
            )
        """;

    // Only statements of a framework count. The test is made on each row inside COUNT (NULL is not counted) rather
    // than in the join: as a join condition SQLite seeks the (EvidenceId, StatementId) key once per listed id for
    // every evidence item (hundreds of seeks per item), which made coverage most of the report's time. Coverage is
    // a candidate's (their portfolio is theirs, whatever the cohort), so it is counted once per candidate, reading
    // the evidence in candidate order with no sort.
    private static string CoverageSelect(string coveredStatement) => $"""
        SELECT ei.CandidateUserId, COUNT(DISTINCT {coveredStatement}) AS Covered
                FROM EvidenceItems ei
                JOIN EvidenceStatements es ON es.EvidenceId = ei.Id
                WHERE ei.IsDraft = 0 AND ei.CandidateUserId IN (SELECT CandidateUserId FROM scoped)
                GROUP BY ei.CandidateUserId
        """;

    /// <summary>The statement a link counts as: itself when it is a statement of some framework (listed as parameters).</summary>
    private string CoveredStatement(DynamicParameters parameters)
    {
        var ids = frameworks.All.SelectMany(framework => framework.AllStatements.Select(s => s.Id)).ToList();
        if (ids.Count is > 0 and <= MaxStatementParameters)
        {
            parameters.Add("StatementIds", ids);
            return "CASE WHEN es.StatementId IN @StatementIds THEN es.StatementId END";
        }

        return "es.StatementId";
    }

    /// <summary>
    /// The report's rows from an open data reader, one at a time. Tasks handed in on time are counted here, in the
    /// cohort's time zone, from the submitted tasks the query lists per row (SQLite knows no time zones).
    /// </summary>
    private static async IAsyncEnumerable<CompletionRow> ReadAsync(DbConnection connection, string sql, DynamicParameters parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<CompletionRow>();
        var submittedTasks = reader.GetOrdinal("SubmittedTasks");
        var cohortTimeZone = reader.GetOrdinal("CohortTimeZone");
        var onTime = new SubmittedTasks();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = parse(reader);
            if (!reader.IsDBNull(submittedTasks))
            {
                row = row with { TasksOnTime = onTime.CountOnTime(reader.GetString(submittedTasks), reader.GetString(cohortTimeZone)) };
            }

            yield return row;
        }
    }

    private async Task<IEnumerable<CompletionRow>> WithOutcomesAsync(List<CompletionRow> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return [];
        }

        var found = await _outcomes.GetReleasedOutcomesAsync(batch.Select(r => r.EnrolmentId).ToList(), cancellationToken);
        return batch.Select(r => r.WithOutcome(found.GetValueOrDefault(r.EnrolmentId))).ToList();
    }

    private static (string Where, DynamicParameters Parameters) Where(ReportScope scope, CompletionFilter filter)
    {
        var where = new StringBuilder();
        var parameters = new DynamicParameters();
        if (scope.ProviderId is { } providerId)
        {
            where.Append("co.ProviderId = @ScopeProviderId");
            parameters.Add("ScopeProviderId", providerId);
        }
        else if (scope.SchoolId is { } schoolId)
        {
            where.Append("u.SchoolId = @ScopeSchoolId");
            parameters.Add("ScopeSchoolId", schoolId);
        }
        else if (scope.MentorUserId is { } mentorId)
        {
            where.Append("e.MentorUserId = @ScopeMentorUserId");
            parameters.Add("ScopeMentorUserId", mentorId);
        }
        else
        {
            where.Append("1 = 0");
        }

        if (filter.CourseId is { } courseId)
        {
            where.Append(" AND ch.CourseId = @CourseId");
            parameters.Add("CourseId", courseId);
        }

        if (filter.CohortId is { } cohortId)
        {
            where.Append(" AND e.CohortId = @CohortId");
            parameters.Add("CohortId", cohortId);
        }

        if (filter.DeliveryPartnerId is { } partnerId)
        {
            where.Append(" AND ch.DeliveryPartnerId = @DeliveryPartnerId");
            parameters.Add("DeliveryPartnerId", partnerId);
        }

        if (filter.Status is { } status)
        {
            where.Append(" AND e.TrainingStatus = @Status");
            parameters.Add("Status", status.ToString());
        }

        return (where.ToString(), parameters);
    }

    /// <summary>
    /// Today's date in each time zone that a cohort keeps. A task is overdue once its due date has ended where its
    /// cohort is: at the same instant it may already be tomorrow in Auckland and still yesterday in Los Angeles.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, DateOnly>> TodayByZoneAsync(DbConnection connection, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var zones = await connection.QueryAsync<string>(new CommandDefinition("SELECT DISTINCT TimeZone FROM Cohorts", cancellationToken: cancellationToken));
        return zones.ToDictionary(zone => zone, zone => ZonedTime.Today(nowUtc, zone), StringComparer.Ordinal);
    }

    /// <summary>The cohort's today for a row of <c>scoped</c>, as a CASE over the zones' dates (UTC's for a zone added since).</summary>
    private static string CohortToday(IReadOnlyDictionary<string, DateOnly> todayByZone, DynamicParameters parameters)
    {
        if (todayByZone.Count == 0)
        {
            return "@Today";
        }

        var sql = new StringBuilder("CASE sc.CohortZone");
        var i = 0;
        foreach (var (zone, today) in todayByZone)
        {
            sql.Append($" WHEN @Zone{i} THEN @ZoneToday{i}");
            parameters.Add($"Zone{i}", zone);
            parameters.Add($"ZoneToday{i}", today);
            i++;
        }

        return sql.Append(" ELSE @Today END").ToString();
    }

    private (string Sql, DynamicParameters Parameters) Build(ReportScope scope, CompletionFilter filter, IReadOnlyDictionary<string, DateOnly> todayByZone, DateTime nowUtc, bool paged, bool withCoverage)
    {
        var d = db.Dialect;
        var (where, parameters) = Where(scope, filter);
        parameters.Add("NowS", ReportSql.ToSeconds(nowUtc));
        parameters.Add("Today", DateOnly.FromDateTime(nowUtc));

        // Statements per framework: the denominator of coverage.
        var totals = new StringBuilder("CASE co.FrameworkCode");
        var i = 0;
        foreach (var framework in frameworks.All)
        {
            totals.Append($" WHEN @Fw{i} THEN {framework.AllStatements.Count()}");
            parameters.Add($"Fw{i}", framework.Code);
            i++;
        }

        totals.Append(" ELSE 0 END");
        var coverageCte = withCoverage ? $"coverage AS ({CoverageSelect(CoveredStatement(parameters))}),\n" : string.Empty;

        var order = filter.Sort switch
        {
            CompletionSort.School => "SchoolName",
            CompletionSort.Cohort => "CohortName",
            CompletionSort.Status => "TrainingStatus",
            CompletionSort.Mentor => "MentorName",
            CompletionSort.Attendance => "AttendanceSort",
            CompletionSort.Coverage => "CoverageSort",
            CompletionSort.Submitted => "TasksSubmitted",
            CompletionSort.Rating => "LatestRatingSum",
            _ => "CandidateName",
        };
        var direction = filter.Descending ? "DESC" : "ASC";

        var sql = $"""
            WITH {ScopedCte(where)},
            {ReportSql.AttendanceCtes(d)},
            attendance AS (
                SELECT EnrolmentId,
                       SUM(CASE WHEN Outcome <> 'E' THEN 1 ELSE 0 END) AS Counted,
                       SUM(CASE WHEN Outcome = 'A' THEN 1 ELSE 0 END) AS Attended
                FROM session_outcomes GROUP BY EnrolmentId
            ),
            {coverageCte}            first_submissions AS (
                SELECT TaskId, CandidateUserId, CohortId, MIN(SubmittedUtc) AS FirstSubmittedUtc
                FROM Submissions
                WHERE SubmittedUtc IS NOT NULL AND CandidateUserId IN (SELECT CandidateUserId FROM scoped)
                GROUP BY TaskId, CandidateUserId, CohortId
            ),
            tasks AS (
                SELECT sc.EnrolmentId,
                       COUNT(*) AS TasksSet,
                       SUM(CASE WHEN fs.FirstSubmittedUtc IS NOT NULL THEN 1 ELSE 0 END) AS TasksSubmitted,
                       {ReportSql.InstantDatePairs(d, "fs.FirstSubmittedUtc", "COALESCE(x.DueOn, td.DueOn)")} AS SubmittedTasks,
                       SUM(CASE WHEN fs.FirstSubmittedUtc IS NULL AND COALESCE(x.DueOn, td.DueOn) < {CohortToday(todayByZone, parameters)} THEN 1 ELSE 0 END) AS TasksOverdue,
                       MAX(CASE WHEN t.Kind = 'Final' AND fs.FirstSubmittedUtc IS NOT NULL THEN 1 ELSE 0 END) AS FinalSubmitted
                FROM scoped sc
                JOIN AssessmentTaskDates td ON td.CohortId = sc.CohortId
                JOIN AssessmentTasks t ON t.Id = td.TaskId
                LEFT JOIN AssessmentTaskExtensions x ON x.TaskId = td.TaskId AND x.CandidateUserId = sc.CandidateUserId
                LEFT JOIN first_submissions fs ON fs.TaskId = td.TaskId AND fs.CandidateUserId = sc.CandidateUserId AND fs.CohortId = sc.CohortId
                GROUP BY sc.EnrolmentId
            ),
            updates AS (
                SELECT pu.Id, sc.EnrolmentId,
                       ROW_NUMBER() OVER (PARTITION BY sc.EnrolmentId ORDER BY pu.CreatedUtc DESC, pu.Id DESC) AS Rn
                FROM scoped sc
                JOIN ProgressUpdates pu ON pu.CandidateUserId = sc.CandidateUserId AND pu.CohortId = sc.CohortId
            ),
            update_scores AS (
                SELECT r.ProgressUpdateId, MIN({ReportSql.RatingScore}) AS MinScore, SUM({ReportSql.RatingScore}) AS Score
                FROM ProgressRatings r
                WHERE r.ProgressUpdateId IN (SELECT Id FROM updates WHERE Rn <= 2)
                GROUP BY r.ProgressUpdateId
            ),
            ratings AS (
                SELECT u.EnrolmentId,
                       MIN(CASE WHEN u.Rn = 1 THEN us.MinScore END) AS LatestMin,
                       SUM(CASE WHEN u.Rn = 1 THEN us.Score END) AS LatestScore,
                       SUM(CASE WHEN u.Rn = 2 THEN us.Score END) AS PreviousScore
                FROM updates u
                JOIN update_scores us ON us.ProgressUpdateId = u.Id
                WHERE u.Rn <= 2
                GROUP BY u.EnrolmentId
            ),
            accepted_applications AS (
                SELECT a.ApplicantUserId, a.CohortId, MAX(a.Id) AS Id
                FROM Applications a
                WHERE a.Status = 'Accepted' AND a.ApplicantUserId IN (SELECT CandidateUserId FROM scoped)
                GROUP BY a.ApplicantUserId, a.CohortId
            ),
            report AS (
                SELECT sc.EnrolmentId, sc.CandidateUserId, u.DisplayName AS CandidateName, s.Name AS SchoolName,
                       ap.DfeParticipantId, ap.DfeApplicationId, co.Identifier AS CourseIdentifier,
                       ch.Id AS CohortId, ch.Name AS CohortName, {ReportSql.Concat(d, "CAST(ch.StartYear AS VARCHAR(4))", "ch.Suffix")} AS DfeCohort,
                       dp.Name AS DeliveryPartnerName, sc.TrainingStatus, m.DisplayName AS MentorName,
                       COALESCE(at.Counted, 0) AS SessionsCounted, COALESCE(at.Attended, 0) AS SessionsAttended,
                       {(withCoverage ? "COALESCE(cv.Covered, 0)" : "0")} AS StatementsCovered, {totals} AS StatementsTotal,
                       COALESCE(tk.TasksSet, 0) AS TasksSet, COALESCE(tk.TasksSubmitted, 0) AS TasksSubmitted,
                       tk.SubmittedTasks, ch.TimeZone AS CohortTimeZone, COALESCE(tk.TasksOverdue, 0) AS TasksOverdue,
                       COALESCE(tk.FinalSubmitted, 0) AS FinalSubmitted,
                       rt.LatestMin AS LatestRating, COALESCE(rt.LatestScore, -1) AS LatestRatingSum, COALESCE(rt.PreviousScore, -1) AS PreviousRatingSum,
                       CASE WHEN COALESCE(at.Counted, 0) = 0 THEN -1 ELSE at.Attended * 100 / at.Counted END AS AttendanceSort,
                       {(withCoverage ? $"CASE WHEN {totals} = 0 THEN -1.0 ELSE COALESCE(cv.Covered, 0) * 1.0 / {totals} END" : "NULL")} AS CoverageSort
                FROM scoped sc
                JOIN Users u ON u.Id = sc.CandidateUserId
                JOIN Cohorts ch ON ch.Id = sc.CohortId
                JOIN Courses co ON co.Id = ch.CourseId
                LEFT JOIN Schools s ON s.Id = u.SchoolId
                LEFT JOIN DeliveryPartners dp ON dp.Id = ch.DeliveryPartnerId
                LEFT JOIN Users m ON m.Id = sc.MentorUserId
                LEFT JOIN accepted_applications apx ON apx.ApplicantUserId = sc.CandidateUserId AND apx.CohortId = sc.CohortId
                LEFT JOIN Applications ap ON ap.Id = apx.Id
                LEFT JOIN attendance at ON at.EnrolmentId = sc.EnrolmentId
                {(withCoverage ? "LEFT JOIN coverage cv ON cv.CandidateUserId = sc.CandidateUserId" : string.Empty)}
                LEFT JOIN tasks tk ON tk.EnrolmentId = sc.EnrolmentId
                LEFT JOIN ratings rt ON rt.EnrolmentId = sc.EnrolmentId
            )
            SELECT * FROM report
            ORDER BY {order} {direction}, CandidateName, EnrolmentId
            """;
        if (paged)
        {
            sql += d.Page;
        }

        return (sql, parameters);
    }
}
