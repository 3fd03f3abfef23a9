using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Accounts;
using Npq.Core.Materials;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.Materials;

/// <summary>A course's programme, as a resource for object-level checks.</summary>
public sealed record CourseProgramme(int CourseId);

/// <summary>A cohort's materials (its course's programme as released to it), as a resource for object-level checks.</summary>
public sealed record CohortMaterials(int CohortId);

/// <summary>What may be done with materials.</summary>
public static class MaterialsOperations
{
    /// <summary>Author a course's programme (modules, items, import and export): the provider's admins and the course's editors.</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    /// <summary>See a course's page images: the course's editors (as for Edit) and candidates studying a cohort of it.</summary>
    public static readonly OperationAuthorizationRequirement SeeImages = new() { Name = nameof(SeeImages) };

    /// <summary>Study a cohort's materials: its candidates who have not withdrawn.</summary>
    public static readonly OperationAuthorizationRequirement Study = new() { Name = nameof(Study) };

    /// <summary>Set a cohort's opening dates and open a module early: its facilitators and the provider's admins.</summary>
    public static readonly OperationAuthorizationRequirement Release = new() { Name = nameof(Release) };

    /// <summary>See a cohort's progress through the materials: its facilitators and the provider's admins.</summary>
    public static readonly OperationAuthorizationRequirement Follow = new() { Name = nameof(Follow) };
}

/// <summary>The one place deciding who reaches a course's programme and a cohort's materials. Deny by default.</summary>
public sealed class MaterialsAccessHandler(IProgrammeRepository programmes) : IAuthorizationHandler
{
    public async Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.TryGetUserId() is not { } userId)
        {
            return;
        }

        foreach (var requirement in context.PendingRequirements.OfType<OperationAuthorizationRequirement>().ToList())
        {
            if (await AllowsAsync(context.User, userId, requirement, context.Resource))
            {
                context.Succeed(requirement);
            }
        }
    }

    private async Task<bool> AllowsAsync(ClaimsPrincipal user, int userId, OperationAuthorizationRequirement requirement, object? resource)
    {
        var isAdmin = user.IsInRole(Roles.ProviderAdmin);
        switch (resource)
        {
            case CourseProgramme course when requirement.Name == nameof(MaterialsOperations.Edit):
                return (isAdmin && await programmes.IsProviderAdminOfCourseAsync(course.CourseId, userId))
                    || await programmes.IsEditorAsync(course.CourseId, userId);
            case CourseProgramme course when requirement.Name == nameof(MaterialsOperations.SeeImages):
                return (user.IsInRole(Roles.Candidate) && await programmes.IsStudyingCourseAsync(course.CourseId, userId))
                    || (isAdmin && await programmes.IsProviderAdminOfCourseAsync(course.CourseId, userId))
                    || await programmes.IsEditorAsync(course.CourseId, userId);
            case CohortMaterials cohort when requirement.Name == nameof(MaterialsOperations.Study):
                return user.IsInRole(Roles.Candidate) && await programmes.IsStudyingAsync(cohort.CohortId, userId);
            case CohortMaterials cohort when requirement.Name is nameof(MaterialsOperations.Release) or nameof(MaterialsOperations.Follow):
                var found = await programmes.GetCohortAsync(cohort.CohortId);
                return found is not null
                    && ((isAdmin && await programmes.IsProviderAdminOfCourseAsync(found.CourseId, userId))
                        || await programmes.IsFacilitatorAsync(cohort.CohortId, userId));
            default:
                return false;
        }
    }
}

/// <summary>Asks the handler through <see cref="IAuthorizationService"/>: the one way pages check materials access.</summary>
public sealed class MaterialsAccess(IAuthorizationService authorization)
{
    public async Task<bool> MayEditAsync(ClaimsPrincipal user, int courseId) =>
        (await authorization.AuthorizeAsync(user, new CourseProgramme(courseId), MaterialsOperations.Edit)).Succeeded;

    public async Task<bool> MaySeeImagesAsync(ClaimsPrincipal user, int courseId) =>
        (await authorization.AuthorizeAsync(user, new CourseProgramme(courseId), MaterialsOperations.SeeImages)).Succeeded;

    public async Task<bool> MayAsync(ClaimsPrincipal user, int cohortId, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, new CohortMaterials(cohortId), operation)).Succeeded;
}
