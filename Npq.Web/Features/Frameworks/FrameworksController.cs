using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Npq.Core.Frameworks;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Frameworks;

/// <summary>The NPQ frameworks, readable by anyone: courses, areas, statements and a search across them.</summary>
[AllowAnonymous]
[Route("frameworks")]
[OutputCache(PolicyName = NpqServices.FrameworkCache)]
public sealed class FrameworksController(IFrameworkCatalog catalog) : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View(catalog.All);

    [HttpGet("search")]
    public IActionResult Search(string? q)
    {
        var query = (q ?? string.Empty).Trim();
        if (query.Length > 200)
        {
            query = query[..200];
        }

        var results = query.Length == 0 ? [] : catalog.Search(query);
        return View(new SearchViewModel(query, results));
    }

    [HttpGet("{code}")]
    public IActionResult Framework(string code)
    {
        var framework = catalog.Find(code);
        return framework is null ? NotFound() : View(framework);
    }

    [HttpGet("{code}/{area}")]
    public IActionResult Area(string code, string area)
    {
        var framework = catalog.Find(code);
        var found = framework?.FindArea(area);
        if (framework is null || found is null)
        {
            return NotFound();
        }

        var index = framework.Areas.ToList().IndexOf(found);
        return View(new AreaViewModel(
            framework,
            found,
            index > 0 ? framework.Areas[index - 1] : null,
            index < framework.Areas.Count - 1 ? framework.Areas[index + 1] : null));
    }
}

public sealed record AreaViewModel(Framework Framework, Area Area, Area? Previous, Area? Next);

public sealed record SearchViewModel(string Query, IReadOnlyList<StatementMatch> Results);
