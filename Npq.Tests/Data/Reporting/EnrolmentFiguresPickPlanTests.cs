using Npq.Data.Reporting;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The figures job's pick and copy on SQLite (issue 23, migration 0052): every 15 seconds they find the rows to compute
/// again as ranges of indexes (two of them partial, holding only such rows), read as far as a batch, never by reading
/// every enrolment or every kept row, so a turn costs what it picks and not the provider's size.
/// </summary>
public sealed class EnrolmentFiguresPickPlanTests : ReportingDatabaseFixture<SqliteTestDatabase>
{
    private static readonly string[] IndexesOfRowsToPick = ["IX_EnrolmentSortKeys_Unstored", "IX_EnrolmentFigures_Uncounted"];

    /// <summary>A step that reads a table or one of its indexes from end to end (the statements name the enrolments'
    /// tables e, f, k and kf); the scans of the statement's own subqueries are not reads of a table.</summary>
    private static bool ReadsATable(string line) => System.Text.RegularExpressions.Regex.IsMatch(line, @"^SCAN (e|f|k|kf|EnrolmentSortKeys|EnrolmentFigures|Enrolments)\b");

    [Test]
    public async Task Pick_ReadsOnlyTheIndexesOfRowsToPick()
    {
        var (sql, parameters) = EnrolmentFiguresRepository.PickSql(Db.Dialect, 200, Now, ["npqsl:0000"]);
        var plan = await QueryPlan.OfAsync(Db, sql, parameters);
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.Contains("USING COVERING INDEX IX_EnrolmentFigures_ValidUntil"), shown);
        Assert.That(plan, Has.Some.Contains("USING INDEX IX_EnrolmentSortKeys_Unstored"), shown);
        Assert.That(plan.Count(line => line.Contains("USING COVERING INDEX IX_EnrolmentFigures_CoveredOf (FrameworkCoveredOf=?)", StringComparison.Ordinal)), Is.EqualTo(2), shown);
        Assert.That(plan, Has.Some.Contains("SEARCH e USING INTEGER PRIMARY KEY"), shown);
        Assert.That(plan.Where(ReadsATable),
            Has.All.Matches<string>(line => IndexesOfRowsToPick.Any(index => line.Contains("USING INDEX " + index, StringComparison.Ordinal))),
            $"a scan reads only an index of the rows to pick:\n{shown}");
    }

    [Test]
    public async Task WhetherAnyKeysAreToCopy_ReadsOnlyTheKeysNotStored()
    {
        var plan = await QueryPlan.OfAsync(Db, new CompletionReportSql(Db.Dialect, Frameworks).AnyStoredSortKeysToCopy, new { Skip = 0, Take = 200 });
        var shown = string.Join("\n", plan);

        Assert.That(plan.Where(ReadsATable), Has.All.Contains("USING INDEX IX_EnrolmentSortKeys_Unstored").And.Not.Empty, $"no table read whole:\n{shown}");
    }

    [Test]
    public async Task CopyingStoredSortKeys_ReadsOnlyTheKeysNotStored()
    {
        var (sql, parameters) = new CompletionReportSql(Db.Dialect, Frameworks).CopyStoredSortKeys();
        parameters.Add("Skip", 0);
        parameters.Add("Take", 200);
        var plan = await QueryPlan.OfAsync(Db, sql, parameters);
        var shown = string.Join("\n", plan);

        Assert.That(plan, Has.Some.Contains("USING INDEX IX_EnrolmentSortKeys_Unstored"), shown);
        Assert.That(plan.Where(ReadsATable), Has.All.Contains("USING INDEX IX_EnrolmentSortKeys_Unstored").And.Not.Empty, $"no table read whole:\n{shown}");
    }

    /// <summary>
    /// Statistics taken while every enrolment was still to compute (the benchmark's database is analysed as generated,
    /// before the job first runs) say the partial indexes hold every row; the pick and the copy's check still read
    /// them, not the tables, which hold none to pick once the job has run.
    /// </summary>
    [Test]
    public async Task PickAndCopyCheck_ReadThePartialIndexes_WithStatisticsTakenBeforeTheJobRan()
    {
        (string, string?, string)[] taken =
        [
            ("EnrolmentSortKeys", "EnrolmentSortKeys", "10000 1"),
            ("EnrolmentSortKeys", "IX_EnrolmentSortKeys_Unstored", "10000 1"),
            ("EnrolmentFigures", "IX_EnrolmentFigures_Uncounted", "10000 1"),
            ("EnrolmentFigures", "IX_EnrolmentFigures_ValidUntil", "10000 10000"),
            ("EnrolmentFigures", "IX_EnrolmentFigures_CoveredOf", "10000 10000"),
            ("Enrolments", null, "10000"),
        ];
        var (pick, parameters) = EnrolmentFiguresRepository.PickSql(Db.Dialect, 200, Now, []);
        var pickPlan = await QueryPlan.WithStatisticsAsync(Db, pick, parameters, taken);
        var checkPlan = await QueryPlan.WithStatisticsAsync(Db, new CompletionReportSql(Db.Dialect, Frameworks).AnyStoredSortKeysToCopy, new { Skip = 0, Take = 200 }, taken);
        var shown = string.Join("\n", pickPlan) + "\n--\n" + string.Join("\n", checkPlan);

        Assert.That(pickPlan, Has.Some.Contains("USING INDEX IX_EnrolmentSortKeys_Unstored").And.Some.Contains("USING INDEX IX_EnrolmentFigures_Uncounted"), shown);
        Assert.That(checkPlan, Has.Some.Contains("USING INDEX IX_EnrolmentSortKeys_Unstored"), shown);
        Assert.That(pickPlan.Concat(checkPlan).Where(ReadsATable),
            Has.All.Matches<string>(line => IndexesOfRowsToPick.Any(index => line.Contains("USING INDEX " + index, StringComparison.Ordinal))), shown);
    }
}
