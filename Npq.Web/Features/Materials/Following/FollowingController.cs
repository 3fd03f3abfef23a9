using Microsoft.AspNetCore.Mvc;
using Npq.Core.Materials;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Materials.Following;

/// <summary>
/// A cohort's progress through its materials, for its facilitators (and mentors on it) and the provider's admins
/// (<see cref="MaterialsOperations.Follow"/>): a module-by-module completion chart with its table, and who is behind.
/// </summary>
[Route("cohorts/{cohortId:int}/materials/progress")]
public sealed class FollowingController(MaterialsAccess access, MaterialsFollowing following) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Progress(int cohortId, int page = 1, CancellationToken cancellationToken = default)
    {
        if (!await access.MayAsync(User, cohortId, MaterialsOperations.Follow))
        {
            return Forbid();
        }

        var progress = await following.CohortAsync(cohortId, page, User.GetUserId(), cancellationToken);
        return progress is null ? NotFound() : View(new FollowingPage(progress, CompletionChart.From(progress)));
    }
}
