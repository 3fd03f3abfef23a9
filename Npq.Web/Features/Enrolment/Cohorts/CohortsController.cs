using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Enrolment;
using Npq.Core.Frameworks;
using Npq.Data.Enrolment;

namespace Npq.Web.Features.Enrolment.Cohorts;

/// <summary>The public list of cohorts open for applications, with places left or a waiting list.</summary>
[AllowAnonymous]
public sealed class CohortsController(ICohortRepository cohorts, IFrameworkCatalog frameworks, TimeProvider time) : Controller
{
    [HttpGet("/cohorts")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var open = await cohorts.GetOpenAsync(time.GetUtcNow().UtcDateTime, cancellationToken);
        var withContent = open.Select(c => c.Course.FrameworkCode).OfType<string>().Where(code => frameworks.Find(code) is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return View(new OpenCohortsViewModel(open, withContent));
    }
}

public sealed record OpenCohortsViewModel(IReadOnlyList<CohortSummary> Cohorts, IReadOnlySet<string> FrameworksWithContent);
