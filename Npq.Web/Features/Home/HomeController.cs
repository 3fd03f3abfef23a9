using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Frameworks;

namespace Npq.Web.Features.Home;

[AllowAnonymous]
public sealed class HomeController(IFrameworkCatalog catalog) : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View(catalog.All);
}
