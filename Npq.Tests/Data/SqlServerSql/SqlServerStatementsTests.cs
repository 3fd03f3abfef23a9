using Microsoft.Extensions.Logging;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.SqlServerSql;

/// <summary>
/// SQL Server kept honest where no SQL Server runs: every migration, and every statement every repository sends with
/// the SQL Server dialect (each public method of each class in Npq.Data that opens connections, run against <see cref="CapturingConnectionFactory"/>
/// with made-up arguments), through SQL Server's own parser and <see cref="TSqlCheck"/>'s rules. The fixtures that run
/// the repositories on a real server still run when NPQ_TEST_SQLSERVER is set.
/// </summary>
public sealed class SqlServerStatementsTests
{
    private static readonly string[] Migrations = Directory.GetFiles(Path.Combine(RepoRoot.Path, "db", "sqlserver"), "*.sql").Order().ToArray();

    private static readonly IReadOnlySet<string> BitColumns = TSqlCheck.BitColumns(Migrations.Select(File.ReadAllText));

    private static IEnumerable<TestCaseData> MigrationCases() =>
        Migrations.Select(path => new TestCaseData(path).SetName("Migration_ParsesAsSqlServer(" + Path.GetFileName(path) + ")"));

    [TestCaseSource(nameof(MigrationCases))]
    public void Migration_ParsesAsSqlServer(string path)
    {
        Assert.That(TSqlCheck.Problems(File.ReadAllText(path), BitColumns), Is.Empty);
    }

    [TestCase(Npq.Data.Migrations.DatabaseMigrator.TakeLockSql)]
    [TestCase(Npq.Data.Migrations.DatabaseMigrator.ReleaseLockSql)]
    public void MigrationLock_ParsesAsSqlServer(string sql)
    {
        Assert.That(TSqlCheck.Problems(sql, BitColumns), Is.Empty);
    }

    [Test]
    public void Rules_CatchWhatSqlServerRefuses()
    {
        var bits = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "IsComplete" };

        Assert.That(TSqlCheck.Problems("SELECT a FROM t ORDER BY a, b, a", bits), Has.One.Contains("twice"));
        Assert.That(TSqlCheck.Problems("SELECT x FROM (SELECT a AS x FROM t ORDER BY a) d", bits), Has.One.Contains("ORDER BY"));
        Assert.That(TSqlCheck.Problems("SELECT x FROM (SELECT TOP 5 a AS x FROM t ORDER BY a) d", bits), Is.Empty);
        Assert.That(TSqlCheck.Problems("SELECT a FROM t WHERE b = TRUE", bits), Has.One.Contains("not a literal"));
        Assert.That(TSqlCheck.Problems("SELECT IFNULL(a, 0) FROM t", bits), Has.One.Contains("SQLite"));
        Assert.That(TSqlCheck.Problems("SELECT MAX(p.IsComplete) FROM p", bits), Has.One.Contains("error 8117"));
        Assert.That(TSqlCheck.Problems("SELECT MAX(CAST(p.IsComplete AS INT)) FROM p", bits), Is.Empty);
        Assert.That(TSqlCheck.Problems("SELECT COUNT(DISTINCT CASE WHEN a IN (SELECT value FROM OPENJSON(@j)) THEN a END) FROM t", bits), Has.One.Contains("error 130"));
        Assert.That(TSqlCheck.Problems("SELECT SUM(CASE WHEN EXISTS (SELECT 1 FROM u) THEN 1 ELSE 0 END) FROM t", bits), Has.One.Contains("error 130"));
        Assert.That(TSqlCheck.Problems("SELECT COUNT(DISTINCT x) FROM (SELECT CASE WHEN a IN (SELECT value FROM OPENJSON(@j)) THEN a END AS x FROM t) d", bits), Is.Empty);
        Assert.That(TSqlCheck.Problems("SELECT a FROM t LIMIT 5", bits), Is.Not.Empty);
        Assert.That(TSqlCheck.Problems("SELECT a FROM t ORDER BY a OFFSET 0 ROWS FETCH NEXT 5 ROWS ONLY", bits), Is.Empty);
    }

    /// <summary>
    /// The completion report's filter choices for every kind of scope (issue 23): the provider's four statements, and a
    /// school's or mentor's one read of their own cohorts; with and without a course and a chosen cohort.
    /// </summary>
    [Test]
    public async Task ReportFilterChoices_EveryScope_ParseAsSqlServer()
    {
        var factory = new CapturingConnectionFactory();
        var lookups = new Npq.Data.Reporting.ReportLookupRepository(factory);
        foreach (var scope in new[] { Npq.Core.Reporting.ReportScope.ForProvider(1), Npq.Core.Reporting.ReportScope.ForSchool(2), Npq.Core.Reporting.ReportScope.ForMentor(3) })
        {
            foreach (var (course, cohort) in new (int?, int?)[] { (null, null), (4, 5) })
            {
                try
                {
                    await lookups.GetFilterChoicesAsync(scope, course, cohort, 50);
                }
                catch (InvalidOperationException)
                {
                    // The capturing connection answers no columns: the provider's batch was sent, and is checked below.
                }
            }
        }

        var statements = factory.Statements.ToList();
        Assert.That(statements, Has.Count.EqualTo(6));
        Assert.That(statements.Where(s => s.Contains("@schoolId") || s.Contains("@mentorUserId")), Has.All.Contains("LEFT JOIN DeliveryPartners dp"),
            "a school's or mentor's cohorts read once, with their courses and partners");
        Assert.That(statements.SelectMany(s => TSqlCheck.Problems(s, BitColumns)), Is.Empty);
    }

    /// <summary>
    /// The discussion spaces page in both forms: a provider admin's (sent only when the person is one, which the
    /// capturing connection never says) and everyone else's.
    /// </summary>
    [TestCase(true)]
    [TestCase(false)]
    public void DiscussionSpacesPage_ParsesAsSqlServer(bool asAdmin)
    {
        var sql = Npq.Data.Discussions.DiscussionRepository.SpacesPageSql(new SqlServerDialect(), asAdmin);

        Assert.That(TSqlCheck.Problems(sql, BitColumns), Is.Empty);
        Assert.That(TSqlCheck.Problems(Npq.Data.Discussions.DiscussionRepository.AdminElsewherePageSql(new SqlServerDialect()), BitColumns), Is.Empty);
    }

    /// <summary>A mentor's caseload with the drafts they review: the sweep below runs it without them (the default).</summary>
    [Test]
    public void MenteeCaseload_WithDrafts_ParsesAsSqlServer()
    {
        var sql = Npq.Data.Portfolio.MenteeCaseloadRepository.Sql(withDrafts: true);

        Assert.That(sql, Does.Contain("s.State = 'Draft'"));
        Assert.That(TSqlCheck.Problems(sql, BitColumns), Is.Empty);
    }

    /// <summary>A headteacher's school page: each part found from a page of the school's candidates (a subquery with its own order and paging).</summary>
    [Test]
    public void SchoolPage_ParsesAsSqlServer()
    {
        var sql = Npq.Data.Portfolio.SchoolPageRepository.Sql(new SqlServerDialect());

        Assert.That(sql, Does.Contain("IN (SELECT e.CandidateUserId FROM Enrolments e").And.Contains("OFFSET @Skip ROWS"));
        Assert.That(TSqlCheck.Problems(sql, BitColumns), Is.Empty);
    }

    /// <summary>
    /// The completion report sorted by a figure (issue 23): the figure-only page query and the query of the page's
    /// rows by id. The repository sends them only when the count is not zero, which the capturing connection never says.
    /// </summary>
    [Test]
    public void CompletionReport_SortedByAFigure_BothQueriesParseAsSqlServer()
    {
        var frameworks = Npq.Web.Features.Frameworks.FrameworkLoader.Load(
            Path.Combine(RepoRoot.Path, "content"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var sql = new Npq.Data.Reporting.CompletionReportSql(new SqlServerDialect(), frameworks);
        var zones = new Dictionary<string, DateOnly> { ["Europe/London"] = new(2026, 3, 1) };
        var figures = new[] { Npq.Core.Reporting.CompletionSort.Attendance, Npq.Core.Reporting.CompletionSort.Coverage, Npq.Core.Reporting.CompletionSort.Submitted,
            Npq.Core.Reporting.CompletionSort.Rating, Npq.Core.Reporting.CompletionSort.Materials };
        var problems = new List<string>();
        foreach (var sort in figures)
        {
            foreach (var descending in new[] { false, true })
            {
                var filter = new Npq.Core.Reporting.CompletionFilter { Sort = sort, Descending = descending, CohortId = 3 };
                Assert.That(Npq.Data.Reporting.CompletionReportSql.SortsByFigure(filter), Is.True, sort.ToString());
                var scope = Npq.Core.Reporting.ReportScope.ForProvider(1);
                var (figure, _) = sql.SortFigurePage(scope, filter, zones, DateTime.UtcNow);
                var (page, _) = sql.Build(scope, filter, zones, DateTime.UtcNow, withCoverage: true, enrolmentIds: [1, 2]);
                var (stored, _) = sql.StoredPage(scope, filter, DateTime.UtcNow, [1, 2]);
                Assert.That(stored, Does.Contain("@PageEnrolmentIds").And.Not.Contains("OFFSET @Skip"), "the stored rows of the page by id");
                problems.AddRange(TSqlCheck.Problems(Expanded(stored), BitColumns).Select(p => $"{sort} stored page: {p}"));
                Assert.That(figure, Does.Contain("OFFSET @Skip ROWS"), "the figure query takes one page");
                Assert.That(page, Does.Contain("@PageEnrolmentIds").And.Not.Contains("OFFSET @Skip"), "the page's rows by id, not paged again");
                // Dapper expands "IN @list" into "IN (@list1, @list2...)" before sending.
                static string Expanded(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"IN @(\w+)", "IN (@$1_1, @$1_2)");
                problems.AddRange(TSqlCheck.Problems(Expanded(figure), BitColumns).Select(p => $"{sort} figure: {p}"));
                problems.AddRange(TSqlCheck.Problems(Expanded(page), BitColumns).Select(p => $"{sort} page: {p}"));
            }
        }

        Assert.That(problems, Is.Empty);
    }

    /// <summary>
    /// The provider's report sorted by a figure walked by its stored keys (migration 0045): the rows to compute live,
    /// and the walk for every figure both ways, alone and merged with live rows, with and without filters.
    /// </summary>
    [Test]
    public void CompletionReport_FigureWalks_ParseAsSqlServer()
    {
        var frameworks = Npq.Web.Features.Frameworks.FrameworkLoader.Load(
            Path.Combine(RepoRoot.Path, "content"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var sql = new Npq.Data.Reporting.CompletionReportSql(new SqlServerDialect(), frameworks);
        var zones = new Dictionary<string, DateOnly> { ["Europe/London"] = new(2026, 3, 1) };
        var provider = Npq.Core.Reporting.ReportScope.ForProvider(1);
        var problems = new List<string>();
        static string Expanded(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"IN @(\w+)", "IN (@$1_1, @$1_2)");
        var (live, _) = sql.LiveSortKeys(provider, DateTime.UtcNow);
        problems.AddRange(TSqlCheck.Problems(live, BitColumns).Select(p => $"live keys: {p}"));
        var (copy, _) = sql.CopyStoredSortKeys();
        problems.AddRange(TSqlCheck.Problems(copy, BitColumns).Select(p => $"keys copied: {p}"));
        var figures = new[] { Npq.Core.Reporting.CompletionSort.Attendance, Npq.Core.Reporting.CompletionSort.Coverage, Npq.Core.Reporting.CompletionSort.Submitted,
            Npq.Core.Reporting.CompletionSort.Rating, Npq.Core.Reporting.CompletionSort.Materials };
        foreach (var sort in figures)
        {
            foreach (var descending in new[] { false, true })
            {
                foreach (var filter in new[]
                {
                    new Npq.Core.Reporting.CompletionFilter { Sort = sort, Descending = descending },
                    new Npq.Core.Reporting.CompletionFilter { Sort = sort, Descending = descending, CourseId = 2, Status = Npq.Core.Enrolment.TrainingStatus.Active, DeliveryPartnerId = 4 },
                })
                {
                    Assert.That(Npq.Data.Reporting.CompletionReportSql.WalksFigure(provider, filter), Is.True);
                    var (walk, _) = sql.SortFigureWalk(provider, filter, [], null, DateTime.UtcNow, 25, 25);
                    Assert.That(walk, Does.Contain("FROM EnrolmentSortKeys k").And.Contains("OFFSET @Skip ROWS").And.Not.Contains("UNION ALL"), "a walk alone");
                    Assert.That(walk, filter.CourseId is null ? Does.Not.Contain("Enrolments e") : Does.Match(@"FROM EnrolmentSortKeys k\s+CROSS JOIN Enrolments e"),
                        "the whole report walks the index alone; a filter is tested on each row's enrolment");
                    var (merged, _) = sql.SortFigureWalk(provider, filter, [1, 2], zones, DateTime.UtcNow, 25, 25);
                    Assert.That(merged, Does.Contain("UNION ALL").And.Contains("@LiveIds").And.Contains("FETCH NEXT @WalkTake ROWS ONLY"), "merged with the live rows");
                    problems.AddRange(TSqlCheck.Problems(Expanded(walk), BitColumns).Select(p => $"{sort} {descending} walk: {p}"));
                    problems.AddRange(TSqlCheck.Problems(Expanded(merged), BitColumns).Select(p => $"{sort} {descending} merged: {p}"));
                }
            }

            // A cohort's, a school's and a mentor's rows are few: sorted as before.
            Assert.That(Npq.Data.Reporting.CompletionReportSql.WalksFigure(provider, new Npq.Core.Reporting.CompletionFilter { Sort = sort, CohortId = 3 }), Is.False);
            Assert.That(Npq.Data.Reporting.CompletionReportSql.WalksFigure(Npq.Core.Reporting.ReportScope.ForSchool(2), new Npq.Core.Reporting.CompletionFilter { Sort = sort }), Is.False);
            Assert.That(Npq.Data.Reporting.CompletionReportSql.WalksFigure(Npq.Core.Reporting.ReportScope.ForMentor(3), new Npq.Core.Reporting.CompletionFilter { Sort = sort }), Is.False);
        }

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void CompletionReport_PageChosenFirstAndTheCount_ParseAsSqlServerForEveryScope()
    {
        // The page chosen first and read from the stored figures (the provider's by name walks the candidates first),
        // every row as exported, and the count, which joins the candidates only for a school: the generic sweep never
        // reaches the page (its connection counts 0).
        var frameworks = Npq.Web.Features.Frameworks.FrameworkLoader.Load(
            Path.Combine(RepoRoot.Path, "content"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var sql = new Npq.Data.Reporting.CompletionReportSql(new SqlServerDialect(), frameworks);
        var zones = new Dictionary<string, DateOnly> { ["Europe/London"] = new(2026, 3, 1) };
        var scopes = new[] { Npq.Core.Reporting.ReportScope.ForProvider(1), Npq.Core.Reporting.ReportScope.ForSchool(2), Npq.Core.Reporting.ReportScope.ForMentor(3) };
        var sorts = new[] { Npq.Core.Reporting.CompletionSort.Candidate, Npq.Core.Reporting.CompletionSort.School, Npq.Core.Reporting.CompletionSort.Mentor,
            Npq.Core.Reporting.CompletionSort.Cohort, Npq.Core.Reporting.CompletionSort.Status };
        var problems = new List<string>();
        static string Expanded(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"IN @(\w+)", "IN (@$1_1, @$1_2)");
        foreach (var scope in scopes)
        {
            foreach (var sort in sorts)
            {
                foreach (var cohortId in new int?[] { null, 3 })
                {
                    var filter = new Npq.Core.Reporting.CompletionFilter { Sort = sort, Descending = cohortId is null, CohortId = cohortId };
                    var (all, _) = sql.Build(scope, filter, zones, DateTime.UtcNow, withCoverage: true);
                    problems.AddRange(TSqlCheck.Problems(Expanded(all), BitColumns).Select(p => $"{scope.Describe()} {sort} {cohortId} every row: {p}"));
                    var (stored, _) = sql.StoredPage(scope, filter, DateTime.UtcNow, null);
                    Assert.That(stored, Does.Contain("OFFSET @Skip ROWS").And.Contains("EnrolmentFigures"), "the stored page is chosen first and read from the kept figures");
                    problems.AddRange(TSqlCheck.Problems(Expanded(stored), BitColumns).Select(p => $"{scope.Describe()} {sort} {cohortId} stored page: {p}"));
                    var (table, _) = sql.StoredPage(scope, filter, DateTime.UtcNow, null, columns: Npq.Core.Reporting.CompletionColumns.Table);
                    Assert.That(table, Does.Not.Contain("DfeApplicationId").And.Not.Contains("LatestRatingSum"), "the table's page reads only what the table shows");
                    problems.AddRange(TSqlCheck.Problems(Expanded(table), BitColumns).Select(p => $"{scope.Describe()} {sort} {cohortId} table's page: {p}"));
                }
            }

            var (count, _) = sql.Count(scope, new Npq.Core.Reporting.CompletionFilter());
            problems.AddRange(TSqlCheck.Problems(count, BitColumns).Select(p => $"{scope.Describe()} count: {p}"));
        }

        var (walk, _) = sql.StoredPage(scopes[0], new Npq.Core.Reporting.CompletionFilter(), DateTime.UtcNow, null);
        Assert.That(walk, Does.Match(@"FROM Users u\s+CROSS JOIN Enrolments e"), "the provider's report by name starts from the candidates' names");
        // The provider's report by school, mentor or cohort walks those by name (with the rows of no school or mentor a
        // second arm); a status's group walks the names when asked to (the repository asks for the larger groups).
        var provider = scopes[0];
        string Walked(Npq.Core.Reporting.CompletionSort sort) => sql.StoredPage(provider, new Npq.Core.Reporting.CompletionFilter { Sort = sort }, DateTime.UtcNow, null).Sql;
        Assert.That(Walked(Npq.Core.Reporting.CompletionSort.School), Does.Match(@"FROM Schools s\s+CROSS JOIN Users u").And.Contains("UNION ALL")
            .And.Match(@"NULL, k\.CandidateName, k\.CandidateUserId\s+FROM EnrolmentSortKeys k"), "no school: a NULL of no type, beside the schools' names");
        Assert.That(Walked(Npq.Core.Reporting.CompletionSort.Mentor), Does.Match(@"FROM Users m\s+CROSS JOIN Enrolments e").And.Contains("UNION ALL"));
        Assert.That(Walked(Npq.Core.Reporting.CompletionSort.Cohort), Does.Match(@"FROM Cohorts ch\s+CROSS JOIN Enrolments e"));
        var deferred = new Npq.Core.Reporting.CompletionFilter { Status = Npq.Core.Enrolment.TrainingStatus.Deferred };
        Assert.That(sql.StoredPage(provider, deferred, DateTime.UtcNow, null, walk: Npq.Data.Reporting.CompletionReportSql.Walk.None).Sql, Does.Not.Match(@"FROM Users u\s+CROSS JOIN"));
        Assert.That(sql.StoredPage(provider, deferred, DateTime.UtcNow, null, walk: Npq.Data.Reporting.CompletionReportSql.Walk.Names).Sql, Does.Match(@"FROM Users u\s+CROSS JOIN Enrolments e"));
        var (byStatus, _) = sql.CountByStatus(provider, new Npq.Core.Reporting.CompletionFilter { Sort = Npq.Core.Reporting.CompletionSort.Status, CourseId = 2 });
        problems.AddRange(TSqlCheck.Problems(byStatus, BitColumns).Select(p => $"count by status: {p}"));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void CohortDashboard_SummaryAtRiskPageAndUnstored_ParseAsSqlServer()
    {
        // The sweep's connection answers nothing, so it never reaches the at-risk page: each statement is checked here,
        // with live rows handed over (OPENJSON) and without.
        var frameworks = Npq.Web.Features.Frameworks.FrameworkLoader.Load(
            Path.Combine(RepoRoot.Path, "content"), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var sql = new Npq.Data.Reporting.CompletionReportSql(new SqlServerDialect(), frameworks);
        var rules = new Npq.Core.Reporting.AtRiskRules(75, 25);
        var problems = new List<string>();
        foreach (var live in new[] { "[]", "[[1,4,3,20,1,0,5,6,2,10]]" })
        {
            var (summary, _) = sql.DashboardSummary(3, rules, live, DateTime.UtcNow);
            Assert.That(summary, Does.Contain("OPENJSON(@Live)").And.Contains("GROUP BY AttendanceBand"));
            problems.AddRange(TSqlCheck.Problems(summary, BitColumns).Select(p => $"summary: {p}"));
            var (page, _) = sql.DashboardAtRiskPage(3, rules, live, DateTime.UtcNow);
            Assert.That(page, Does.Contain("OFFSET @Skip ROWS"));
            problems.AddRange(TSqlCheck.Problems(page, BitColumns).Select(p => $"at-risk page: {p}"));
        }

        problems.AddRange(TSqlCheck.Problems(Npq.Data.Reporting.CompletionReportSql.DashboardUnstored, BitColumns).Select(p => $"unstored: {p}"));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task EveryRepositoryStatement_ParsesAsSqlServer()
    {
        var factory = new CapturingConnectionFactory();

        var problems = new List<string>();
        var silent = new List<string>();
        var sent = await RepositorySweep.RunAsync(factory);
        var methods = sent.Count;
        foreach (var (type, method, statements) in sent)
        {
            if (statements.Count == 0)
            {
                silent.Add($"{type.Name}.{method.Name}");
            }

            problems.AddRange(statements.SelectMany(sql => TSqlCheck.Problems(sql, BitColumns).Select(p => $"{type.Name}.{method.Name}: {p}\n    {sql.ReplaceLineEndings(" ")}")));
        }

        TestContext.Out.WriteLine($"{methods} methods run, {factory.Statements.Count} statements checked; sent nothing: {string.Join(", ", silent)}");
        Assert.That(methods, Is.GreaterThan(150), "the repositories were found and run");
        Assert.That(factory.Statements.Distinct().Count(), Is.GreaterThan(200), "their statements were captured");
        Assert.That(problems, Is.Empty);
    }
}
