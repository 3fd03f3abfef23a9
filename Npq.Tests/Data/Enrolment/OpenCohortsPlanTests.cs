using Dapper;
using Npq.Data.Enrolment;
using Npq.Data.Infrastructure;

namespace Npq.Tests.Data.Enrolment;

/// <summary>
/// The public list of open cohorts on SQLite (issue 23, migration 0048): the zones the open cohorts keep and their count
/// read the open cohorts' own index alone, and the courses offered ask each course for its first open cohort, so neither
/// reads a cohort's row nor joins every open cohort to its course.
/// </summary>
public sealed class OpenCohortsPlanTests : DatabaseFixture<SqliteTestDatabase>
{
    private async Task<(List<string> Plan, string Shown)> PlanAsync(string sql, object? parameters = null)
    {
        var plan = await QueryPlan.OfAsync(Db, sql, parameters);
        return (plan, string.Join("\n", plan));
    }

    private static (string Where, DynamicParameters Parameters) Open()
    {
        var parameters = new DynamicParameters();
        var zones = new Dictionary<string, DateOnly> { ["Europe/London"] = new(2026, 12, 5), ["Pacific/Auckland"] = new(2026, 12, 6) };
        return (CohortRepository.OpenWhere(new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc), zones, parameters), parameters);
    }

    [Test]
    public async Task TheZonesAndTheCount_ReadTheOpenCohortsIndexAlone()
    {
        var (zones, zonesShown) = await PlanAsync("SELECT DISTINCT TimeZone FROM Cohorts WHERE OpenForApplications = 1");
        var (where, parameters) = Open();
        var (count, countShown) = await PlanAsync(CohortRepository.OpenCountSql(where, byCourse: false), parameters);

        Assert.That(zones, Has.Some.Contains("USING COVERING INDEX IX_Cohorts_Open"), zonesShown);
        Assert.That(count, Has.Some.Contains("USING COVERING INDEX IX_Cohorts_Open"), countShown);
        Assert.That(count, Has.None.Contains("Courses"), countShown);
    }

    [Test]
    public async Task TheCoursesOffered_AskEachCourseForAnOpenCohort()
    {
        var (where, parameters) = Open();
        var (plan, shown) = await PlanAsync(CohortRepository.OpenCoursesSql(where), parameters);

        Assert.That(plan, Has.Some.Contains("SCAN co"), shown);
        Assert.That(plan, Has.Some.Contains("USING COVERING INDEX IX_Cohorts_Open_Course (CourseId=?)"), shown);
    }
}

/// <summary>The same statements as SQL Server receives them, through its parser and TSqlCheck's rules.</summary>
public sealed class OpenCohortsSqlServerTests
{
    [Test]
    public void TheCountAndTheCoursesOffered_ParseAsSqlServer()
    {
        var where = CohortRepository.OpenWhere(DateTime.UtcNow, new Dictionary<string, DateOnly> { ["Europe/London"] = new(2026, 12, 5) }, new DynamicParameters());
        var bits = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "OpenForApplications" };

        foreach (var sql in new[] { CohortRepository.OpenCountSql(where, byCourse: false), CohortRepository.OpenCountSql(where, byCourse: true), CohortRepository.OpenCoursesSql(where) })
        {
            Assert.That(Npq.Tests.Data.SqlServerSql.TSqlCheck.Problems(sql, bits), Is.Empty, sql);
        }
    }
}
