using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Discussions;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Discussions;

/// <summary>A course as the resource of its course-wide space's switch.</summary>
public sealed record DiscussionCourse(int CourseId);

/// <summary>What may be done to a course's course-wide space.</summary>
public static class CourseSpaceOperations
{
    /// <summary>Switch the course-wide space on or off: admins of the provider whose course it is.</summary>
    public static readonly OperationAuthorizationRequirement Switch = new() { Name = nameof(Switch) };
}

/// <summary>Decides who switches a course's space. Deny by default: only an admin of the course's provider.</summary>
public sealed class CourseSpaceAccessHandler(ICourseSpaceRepository spaces) : AuthorizationHandler<OperationAuthorizationRequirement, DiscussionCourse>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, DiscussionCourse resource)
    {
        if (requirement.Name == CourseSpaceOperations.Switch.Name && context.User.TryGetUserId() is { } userId
            && await spaces.AdministersCourseAsync(resource.CourseId, userId))
        {
            context.Succeed(requirement);
        }
    }
}
