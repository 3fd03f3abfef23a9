using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Core.Portfolio;
using Npq.Web.Infrastructure.Caching;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Portfolio.Home;

[AllowAnonymous]
public sealed class HomeController(IFrameworkCatalog catalog) : Controller
{
    /// <summary>Anonymous visitors see the public home page; a signed-in person sees their dashboard.</summary>
    [HttpGet("/")]
    [OutputCache(PolicyName = CandidatePageCachePolicy.Name)]
    public async Task<IActionResult> Index([FromServices] DashboardBuilder dashboards, CancellationToken cancellationToken) =>
        User.Identity?.IsAuthenticated == true
            ? View("~/Features/Portfolio/Dashboard/Index.cshtml", await dashboards.BuildAsync(Viewer(), cancellationToken))
            : View(catalog.All);

    private DashboardViewer Viewer() => new(
        User.GetUserId(),
        User.Identity?.Name ?? string.Empty,
        User.IsInRole(Roles.Candidate),
        User.IsInRole(Roles.Mentor),
        User.IsInRole(Roles.Headteacher),
        User.IsInRole(Roles.ProviderAdmin));
}
