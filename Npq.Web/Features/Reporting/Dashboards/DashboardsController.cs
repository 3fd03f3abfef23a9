using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Web.Features.Reporting.Reports;

using Npq.Web.Features.Shared;

namespace Npq.Web.Features.Reporting.Dashboards;

/// <summary>Settings under <c>Dashboards</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>Attendance under this percentage puts a candidate on the at-risk list.</summary>
    public int AtRiskAttendancePercent { get; set; } = 75;
}

/// <summary>
/// Report dashboards: a provider admin's picture of each cohort (funnel, distributions, candidates at risk) and a
/// headteacher's printable page of their school's candidates. Charts are SVG drawn here, each with a table.
/// </summary>
[Authorize(Roles = $"{Roles.ProviderAdmin},{Roles.Headteacher}")]
[Route("dashboards")]
public sealed class DashboardsController(
    ICompletionReportQueries report,
    IReportLookups lookups,
    DeclarationReviewService declarations,
    ViewerScope scopes,
    IOptions<DashboardOptions> options,
    TimeProvider time) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        if (scope.ProviderId is null)
        {
            return scope.SchoolId is null ? Forbid() : RedirectToAction(nameof(School));
        }

        return View(await lookups.GetCohortsAsync(scope, cancellationToken));
    }

    [Authorize(Roles = Roles.ProviderAdmin)]
    [HttpGet("cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var cohort = scope.ProviderId is null ? null : (await lookups.GetCohortsAsync(scope, cancellationToken)).FirstOrDefault(c => c.CohortId == cohortId);
        if (cohort is null)
        {
            return NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<CompletionRow>();
        await foreach (var row in report.StreamAsync(scope, new CompletionFilter { CohortId = cohortId }, now, cancellationToken))
        {
            rows.Add(row);
        }

        var lines = await declarations.ReviewCohortAsync(cohortId, now, cancellationToken);
        var counts = await lookups.GetCohortCountsAsync(cohortId, cancellationToken);
        var funnel = DashboardMath.Funnel(counts, lines, rows);
        var attendance = DashboardMath.Distribution(rows.Select(r => r.AttendancePercent), "No session yet");
        var coverage = DashboardMath.Distribution(rows.Select(r => r.CoveragePercent), "No framework");
        var threshold = Math.Clamp(options.Value.AtRiskAttendancePercent, 0, 100);
        return View(new CohortDashboardModel
        {
            Cohort = cohort,
            Funnel = new BarChartModel("funnel", "From application to pass",
                string.Join("; ", funnel.Select(b => $"{b.Label}: {b.Value}")) + ".", funnel, "Candidates"),
            Attendance = new BarChartModel("attendance", "Attendance",
                $"Candidates by share of ended sessions attended. " + string.Join("; ", attendance.Select(b => $"{b.Label}: {b.Value}")) + ".", attendance, "Candidates"),
            Coverage = new BarChartModel("coverage", "Evidence coverage",
                $"Candidates by share of framework statements with evidence. " + string.Join("; ", coverage.Select(b => $"{b.Label}: {b.Value}")) + ".", coverage, "Candidates"),
            AtRisk = DashboardMath.AtRisk(rows, threshold),
            AtRiskAttendancePercent = threshold,
        });
    }

    [Authorize(Roles = Roles.Headteacher)]
    [HttpGet("school")]
    public async Task<IActionResult> School(CancellationToken cancellationToken)
    {
        var (_, schoolId) = await lookups.GetAffiliationAsync(Infrastructure.CurrentUser.GetUserId(User), cancellationToken);
        if (schoolId is null)
        {
            return Forbid();
        }

        var scope = ReportScope.ForSchool(schoolId.Value);
        var now = time.GetUtcNow().UtcDateTime;
        var rows = new List<CompletionRow>();
        await foreach (var row in report.StreamAsync(scope, new CompletionFilter(), now, cancellationToken))
        {
            rows.Add(row);
        }

        return View(new SchoolDashboardModel(await lookups.GetSchoolNameAsync(schoolId.Value, cancellationToken) ?? "Your school", rows, now));
    }
}
