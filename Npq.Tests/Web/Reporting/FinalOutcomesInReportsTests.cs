using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Data.Accounts;
using Npq.Data.Infrastructure;
using Npq.Tests.Builders;
using Npq.Tests.Support;
using Npq.Web.Demo;
using Npq.Web.Features.FinalAssessment.Assessment;

namespace Npq.Tests.Web.Reporting;

/// <summary>
/// The final assessment feeds reports and data rights: released outcomes reach the completion report and DfE's
/// outcomes, and erasing a candidate with marked scripts leaves no marking record behind.
/// </summary>
public sealed class FinalOutcomesInReportsTests : WebFixture
{
    private Task<IReadOnlyList<(int EnrolmentId, int CandidateUserId, string? State, string? Outcome)>> DemoScriptsAsync() => DemoScriptsAsync(Factory);

    private static async Task<IReadOnlyList<(int EnrolmentId, int CandidateUserId, string? State, string? Outcome)>> DemoScriptsAsync(NpqWebFactory factory)
    {
        var db = factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<(int, int, string?, string?)>(
            """
            SELECT e.Id, e.CandidateUserId, s.State, s.FinalOutcome
            FROM Enrolments e JOIN Cohorts c ON c.Id = e.CohortId
            LEFT JOIN MarkingScripts s ON s.CandidateUserId = e.CandidateUserId AND s.CohortId = e.CohortId
            WHERE c.Name = @name
            """, new { name = FinalAssessmentDemoSeed.CohortName });
        return rows.ToList();
    }

    [Test]
    public async Task ReleasedOutcomes_AreTheOnlyOnesReported_WithTheirCompletionDates()
    {
        var scripts = await DemoScriptsAsync();
        var outcomes = await Service<IFinalOutcomeSource>().GetReleasedOutcomesAsync(scripts.Select(s => s.EnrolmentId).ToList());

        var released = scripts.Where(s => s.State == "Released").ToList();
        Assert.That(released, Is.Not.Empty, "the demo cohort has released scripts");
        Assert.That(outcomes.Keys, Is.EquivalentTo(released.Select(s => s.EnrolmentId)));
        Assert.That(outcomes.Values.Select(o => o.State), Does.Contain(OutcomeState.Passed).And.Contain(OutcomeState.Failed));
        foreach (var script in released)
        {
            Assert.That(outcomes[script.EnrolmentId].State, Is.EqualTo(script.Outcome == "Pass" ? OutcomeState.Passed : OutcomeState.Failed));
        }
    }

    [Test]
    public async Task CompletionReport_ShowsTheReleasedPass()
    {
        var passed = (await DemoScriptsAsync()).First(s => s.State == "Released" && s.Outcome == "Pass");
        var name = (await Service<UserRepository>().FindByIdAsync(passed.CandidateUserId))!.DisplayName;
        using var admin = Factory.ClientFor("admin@npq.example");

        var response = await Forms.SubmitAsync(admin, "/reports/completion", "form.export-form", new Dictionary<string, string> { ["format"] = "csv" });
        var csv = await response.Content.ReadAsStringAsync();
        var line = csv.Split('\n').First(l => l.Contains(name, StringComparison.Ordinal));

        Assert.That(line, Does.Contain("passed").IgnoreCase);
        Assert.That(line, Does.Match(@"\d{4}-\d{2}-\d{2}"));
    }

    [Test]
    public async Task CompletionReport_ScriptBuiltMarkedAndReleased_ShowsItsPassAndReleaseDate()
    {
        var (build, cohort, script, assessor) = await SubmittedFinalTaskAsync("npq-early-years-leadership", "built");

        var marked = await build.Scripts.MarkAsync(script, assessor, MarkingOutcome.Pass, new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc));
        var released = await build.Scripts.ReleaseAsync(cohort, new DateTime(2026, 7, 15, 9, 0, 0, DateTimeKind.Utc));

        Assert.That(marked, Is.EqualTo(MarkingState.ReadyForRelease), "a pass outside the sample needs no moderation");
        Assert.That(released.Select(s => s.Id), Is.EqualTo(new[] { script }));
        var report = Service<ICompletionReportQueries>();
        var rows = new List<CompletionRow>();
        await foreach (var row in report.StreamAsync(ReportScope.ForProvider(await build.ProviderIdAsync()), new CompletionFilter { CohortId = cohort }, DateTime.UtcNow))
        {
            rows.Add(row);
        }

        Assert.That(rows.Single().Outcome, Is.EqualTo(OutcomeState.Passed));
        Assert.That(rows.Single().CompletionDate, Is.EqualTo(new DateOnly(2026, 7, 15)));
        Assert.That(rows.Single().FinalSubmitted, Is.True);
    }

    /// <summary>
    /// The report's page reads a released outcome with the figures kept per enrolment (migration 0060): a release after
    /// the row was kept takes the kept row away, so the page shows the outcome at once (computed live), and once the
    /// figures job has kept the row again it holds the outcome.
    /// </summary>
    [Test]
    public async Task CompletionPage_ScriptReleasedAfterItsRowWasKept_ShowsTheOutcomeAtOnce_AndTheRowIsKeptWithIt()
    {
        var (build, cohort, script, assessor) = await SubmittedFinalTaskAsync("npq-leading-literacy", "kept");
        await build.Scripts.MarkAsync(script, assessor, MarkingOutcome.Pass, new DateTime(2026, 7, 1, 9, 0, 0, DateTimeKind.Utc));
        await KeepFiguresAsync();
        Assert.That(await KeptOutcomeAsync(cohort), Is.EqualTo(((string?)null, 1)), "kept before the release, with no outcome");
        using var admin = Factory.ClientFor("admin@npq.example");

        await build.Scripts.ReleaseAsync(cohort, new DateTime(2026, 7, 15, 9, 0, 0, DateTimeKind.Utc));

        Assert.That(await KeptOutcomeAsync(cohort), Is.EqualTo(((string?)null, 0)), "the release took the kept row away");
        Assert.That(await OutcomeCellAsync(admin, cohort), Is.EqualTo("Passed"), "computed live");
        await KeepFiguresAsync();
        Assert.That(await KeptOutcomeAsync(cohort), Is.EqualTo(((string?)"Passed", 1)));
        Assert.That(await OutcomeCellAsync(admin, cohort), Is.EqualTo("Passed"), "read with the kept row");
    }

    /// <summary>
    /// A cohort of the course (its own, named by <paramref name="key"/>) with one candidate who has handed in the final
    /// task, its script opened for marking outside the moderation sample, and an assessor to mark it.
    /// </summary>
    private async Task<(Build Build, int Cohort, int Script, int Assessor)> SubmittedFinalTaskAsync(string courseIdentifier, string key)
    {
        var build = new Build(Factory.Services);
        var course = await build.Cohorts.CourseAsync(courseIdentifier);
        var cohort = await build.Cohorts.CohortAsync(course, $"Cohort {key}");
        var assessor = await build.People.AssessorAsync($"assessor@{key}.example", $"Assessor {key}");
        var candidate = await build.Cohorts.CandidateAsync(cohort, $"final@{key}.example", $"Candidate {key}");
        await build.Scripts.CriteriaAsync(course);
        await build.Scripts.ModerationSampleAsync(cohort, 0);
        var task = await build.Portfolio.TaskAsync(course, cohort, new DateOnly(2026, 6, 8), TaskKind.Final);
        await build.Portfolio.SubmitAsync(task, candidate.UserId, new DateTime(2026, 6, 2, 9, 0, 0, DateTimeKind.Utc));
        return (build, cohort, (await build.Scripts.OpenAsync(cohort)).Single().Id, assessor);
    }

    private async Task KeepFiguresAsync()
    {
        var keeping = Service<EnrolmentFiguresKeeping>();
        while (await keeping.FillAsync() > 0)
        {
        }
    }

    /// <summary>The outcome kept for the cohort's one enrolment, and how many kept rows it has (0 or 1).</summary>
    private async Task<(string? Outcome, int Kept)> KeptOutcomeAsync(int cohort)
    {
        await using var connection = await Service<IDbConnectionFactory>().OpenAsync();
        var kept = (await connection.QueryAsync<string?>(
            "SELECT f.Outcome FROM EnrolmentFigures f JOIN Enrolments e ON e.Id = f.EnrolmentId WHERE e.CohortId = @cohort AND f.Claim IS NULL",
            new { cohort })).ToList();
        return (kept.SingleOrDefault(), kept.Count);
    }

    /// <summary>The outcome column of the cohort's one row on the admin's completion report.</summary>
    private static async Task<string> OutcomeCellAsync(HttpClient admin, int cohort)
    {
        var page = await Html.ReadAsync(await admin.GetAsync($"/reports/completion?cohort={cohort}"));
        var row = page.QuerySelectorAll("table tbody tr").Single();
        return row.QuerySelectorAll("td")[^2].Text();
    }

    [Test]
    public async Task Erasure_OfACandidateWithMarkedScripts_LeavesNoMarkingRecord()
    {
        // Erasure changes the demo data, so it runs on an application of its own.
        using var factory = new NpqWebFactory();
        var failed = (await DemoScriptsAsync(factory)).First(s => s.State == "Released" && s.Outcome == "Fail");
        var admin = (await factory.Services.GetRequiredService<UserRepository>().FindByNormalizedEmailAsync("ADMIN@NPQ.EXAMPLE"))!;
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataRightsService>().EraseAsync(failed.CandidateUserId, admin.Id, "127.0.0.1");
        }

        var db = factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM MarkingScripts WHERE CandidateUserId = @id", new { id = failed.CandidateUserId }), Is.Zero);
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Submissions WHERE CandidateUserId = @id", new { id = failed.CandidateUserId }), Is.Zero);
    }
}
