using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Npq.Core.Frameworks;

namespace Npq.Web.Features.Portfolio.Home;

[AllowAnonymous]
public sealed class HomeController(IFrameworkCatalog catalog) : Controller
{
    /// <summary>Anonymous visitors see the public home page; a signed-in person sees their dashboard.</summary>
    [HttpGet("/")]
    [OutputCache(PolicyName = Dashboard.CandidateDashboardCachePolicy.Name)]
    public async Task<IActionResult> Index([FromServices] Dashboard.DashboardBuilder dashboards, CancellationToken cancellationToken) =>
        User.Identity?.IsAuthenticated == true
            ? View("~/Features/Portfolio/Dashboard/Index.cshtml", await dashboards.BuildAsync(User, cancellationToken))
            : View(catalog.All);
}
