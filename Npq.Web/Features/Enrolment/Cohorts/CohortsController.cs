using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npq.Core.Enrolment;

namespace Npq.Web.Features.Enrolment.Cohorts;

/// <summary>The public list of cohorts open for applications, with places left or a waiting list.</summary>
[AllowAnonymous]
public sealed class CohortsController(ApplicationIntake intake) : Controller
{
    [HttpGet("/cohorts")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var open = await intake.OpenCohortsAsync(cancellationToken);
        return View(new OpenCohortsViewModel(open.Cohorts, open.FrameworksWithContent));
    }
}

public sealed record OpenCohortsViewModel(IReadOnlyList<CohortSummary> Cohorts, IReadOnlySet<string> FrameworksWithContent);
