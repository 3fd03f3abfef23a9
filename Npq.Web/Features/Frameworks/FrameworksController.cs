using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Npq.Core.Accounts;
using Npq.Core.Frameworks;
using Npq.Core.Materials;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Frameworks;

/// <summary>
/// The NPQ frameworks, readable by anyone: courses, areas, statements and a search across them. A signed-in person
/// also sees the published materials of their courses that teach each statement, and finds them in search
/// (<see cref="MaterialsFinder"/>); anonymous pages, the same for everyone, are output-cached.
/// </summary>
[AllowAnonymous]
[Route("frameworks")]
[OutputCache(PolicyName = NpqServices.FrameworkCache)]
public sealed class FrameworksController(IFrameworkCatalog catalog, MaterialsFinder materials) : Controller
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<MaterialLink>> NoMaterials = new Dictionary<string, IReadOnlyList<MaterialLink>>();

    [HttpGet("")]
    public IActionResult Index() => View(catalog.All);

    [HttpGet("search")]
    public async Task<IActionResult> Search(string? q, int page = 1, CancellationToken cancellationToken = default)
    {
        var query = (q ?? string.Empty).Trim();
        if (query.Length > 200)
        {
            query = query[..200];
        }

        var results = query.Length == 0 ? [] : catalog.Search(query);
        var found = Audience() is { } audience ? await materials.SearchAsync(audience, query, page, cancellationToken) : null;
        return View(new SearchViewModel(query, results, found));
    }

    [HttpGet("{code}")]
    public IActionResult Framework(string code)
    {
        var framework = catalog.Find(code);
        return framework is null ? NotFound() : View(framework);
    }

    [HttpGet("{code}/{area}")]
    public async Task<IActionResult> Area(string code, string area, CancellationToken cancellationToken)
    {
        var framework = catalog.Find(code);
        var found = framework?.FindArea(area);
        if (framework is null || found is null)
        {
            return NotFound();
        }

        var index = framework.Areas.ToList().IndexOf(found);
        var taught = Audience() is { } audience
            ? await materials.ForStatementsAsync(audience, found.AllStatements.Select(s => s.Id), cancellationToken)
            : NoMaterials;
        return View(new AreaViewModel(
            framework,
            found,
            index > 0 ? framework.Areas[index - 1] : null,
            index < framework.Areas.Count - 1 ? framework.Areas[index + 1] : null,
            taught));
    }

    /// <summary>Whose materials the signed-in person sees; null for an anonymous visitor (who sees none).</summary>
    private MaterialsAudience? Audience() =>
        User.TryGetUserId() is { } userId ? new MaterialsAudience(userId, User.IsInRole(Roles.ProviderAdmin), StudyingOnly: false) : null;
}

/// <summary>An area's page: its statements, its neighbours, and the materials teaching each statement (by statement id).</summary>
public sealed record AreaViewModel(Framework Framework, Area Area, Area? Previous, Area? Next, IReadOnlyDictionary<string, IReadOnlyList<MaterialLink>> Materials)
{
    public IReadOnlyList<MaterialLink> MaterialsFor(string statementId) => Materials.GetValueOrDefault(statementId) ?? [];
}

/// <summary>Search results: statements, and for a signed-in person a page of the materials they may see (null when anonymous).</summary>
public sealed record SearchViewModel(string Query, IReadOnlyList<StatementMatch> Results, MaterialSearchPage? Materials = null);
