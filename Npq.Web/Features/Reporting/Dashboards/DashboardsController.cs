using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Web.Features.Shared;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Reporting.Dashboards;

/// <summary>
/// Report dashboards: a provider admin's picture of each cohort (funnel, distributions, candidates at risk) and a
/// headteacher's printable page of their school's candidates (<see cref="CohortDashboards"/>). Charts are SVG drawn
/// here, each with a table.
/// </summary>
[Authorize(Roles = ReportingPermissions.DashboardReaders)]
[Route("dashboards")]
public sealed class DashboardsController(CohortDashboards dashboards, ReportCohorts cohorts, ViewerScope scopes) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int? page, int? size, CancellationToken cancellationToken)
    {
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        if (scope.ProviderId is null)
        {
            return scope.SchoolId is null ? Forbid() : RedirectToAction(nameof(School));
        }

        var pageSize = Paging.Size(size);
        var (total, shown, rows) = await cohorts.ProviderPageAsync(scope, Paging.Number(page), pageSize, cancellationToken);
        return View(new DashboardsIndexPage(rows, new PageLinks("/dashboards", [], shown, pageSize, total, "cohorts")));
    }

    [Authorize(Roles = Roles.ProviderAdmin)]
    [HttpGet("cohorts/{cohortId:int}")]
    public async Task<IActionResult> Cohort(int cohortId, int? page, int? size, CancellationToken cancellationToken)
    {
        // The candidates at risk a page at a time: 100 unless a smaller size of the shared pager is asked for.
        var scope = await scopes.ReportScopeAsync(User, cancellationToken);
        var pageSize = size is { } s && Paging.Sizes.Contains(s) ? s : CohortDashboards.AtRiskPageSize;
        var dashboard = await dashboards.CohortAsync(scope, cohortId, Paging.Number(page), pageSize, cancellationToken);
        return dashboard is null ? NotFound() : View(CohortDashboardModel.From(dashboard));
    }

    [Authorize(Roles = Roles.Headteacher)]
    [HttpGet("school")]
    public async Task<IActionResult> School(CancellationToken cancellationToken)
    {
        var school = await dashboards.SchoolAsync(User.GetUserId(), cancellationToken);
        return school is null ? Forbid() : View(school);
    }
}
