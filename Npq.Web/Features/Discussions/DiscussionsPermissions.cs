using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Discussions;

/// <summary>
/// A cohort's discussion space, or one of its study groups' private spaces, or (with <see cref="CourseSpaceId"/>) a
/// course's course-wide space across its cohorts, as a resource for object-level checks.
/// </summary>
public sealed record DiscussionSpace(int CohortId, int? StudyGroupId, int? CourseSpaceId = null);

/// <summary>What may be done in a discussion space.</summary>
public static class DiscussionOperations
{
    /// <summary>
    /// Read and post: the cohort's candidates who have not withdrawn, its facilitators (named, or mentors on it) and its
    /// provider's admins; a study group's space only its members besides the facilitators and admins.
    /// </summary>
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };

    /// <summary>Moderate (announcements, the report queue, hide, lock, pin, move) and split into study groups: facilitators and admins.</summary>
    public static readonly OperationAuthorizationRequirement Moderate = new() { Name = nameof(Moderate) };
}

/// <summary>The one place deciding who reaches a discussion space. Deny by default; the rule itself is Core's <see cref="Standing"/>.</summary>
public sealed class DiscussionsAccessHandler(IDiscussionRepository discussions) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.TryGetUserId() is not { } userId || context.Resource is not DiscussionSpace space)
        {
            return;
        }

        Standing? standing = null;
        foreach (var requirement in context.PendingRequirements.OfType<OperationAuthorizationRequirement>().ToList())
        {
            // A course-wide space: its standing over every cohort of the course, nobody's while it is switched off.
            standing ??= await discussions.StandingInAsync(space.CohortId, space.CourseSpaceId, userId);
            var allowed = requirement.Name switch
            {
                nameof(DiscussionOperations.Read) => standing.CanRead(space.StudyGroupId),
                nameof(DiscussionOperations.Moderate) => standing.IsModerator,
                _ => false,
            };
            if (allowed)
            {
                context.Succeed(requirement);
            }
        }
    }
}

/// <summary>Asks the handler through <see cref="IAuthorizationService"/>: the one way pages check discussion access.</summary>
public sealed class DiscussionsAccess(IAuthorizationService authorization)
{
    /// <summary>The viewer of the space, or null when the person may not read it.</summary>
    public async Task<Viewer?> ViewerAsync(ClaimsPrincipal user, int cohortId, int? studyGroupId, int? courseSpaceId = null)
    {
        var space = new DiscussionSpace(cohortId, studyGroupId, courseSpaceId);
        if (!(await authorization.AuthorizeAsync(user, space, DiscussionOperations.Read)).Succeeded)
        {
            return null;
        }

        var moderator = (await authorization.AuthorizeAsync(user, space, DiscussionOperations.Moderate)).Succeeded;
        return new Viewer(user.GetUserId(), moderator);
    }

    public async Task<bool> MayModerateAsync(ClaimsPrincipal user, int cohortId) =>
        (await authorization.AuthorizeAsync(user, new DiscussionSpace(cohortId, null), DiscussionOperations.Moderate)).Succeeded;
}
