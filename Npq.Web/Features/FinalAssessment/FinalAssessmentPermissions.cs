using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Npq.Core.Accounts;
using Npq.Core.FinalAssessment;
using Npq.Web.Infrastructure;

namespace Npq.Web.Features.FinalAssessment;

/// <summary>What may be done with a final assessment script.</summary>
public static class ScriptOperations
{
    /// <summary>Record judgements as the allocated first assessor.</summary>
    public static readonly OperationAuthorizationRequirement Mark = new() { Name = nameof(Mark) };

    /// <summary>Record judgements as the allocated moderator.</summary>
    public static readonly OperationAuthorizationRequirement Moderate = new() { Name = nameof(Moderate) };

    /// <summary>Read the script, its marks and its final assessment record (page or PDF).</summary>
    public static readonly OperationAuthorizationRequirement ReadRecord = new() { Name = nameof(ReadRecord) };

    /// <summary>Download the certificate of a passed, released script.</summary>
    public static readonly OperationAuthorizationRequirement ReadCertificate = new() { Name = nameof(ReadCertificate) };

    /// <summary>Run a cohort's final assessment: allocate, approve, release, export.</summary>
    public static readonly OperationAuthorizationRequirement ManageCohort = new() { Name = nameof(ManageCohort) };
}

/// <summary>A cohort whose final assessment an admin runs.</summary>
public sealed record CohortAssessmentResource(int CohortId);

/// <summary>
/// The one place deciding who reaches a script: its allocated assessor (mark, read), its allocated moderator
/// (moderate, read), an admin of the candidate's provider (read, certificate), and the candidate only once the
/// outcome is released (read; certificate when passed). Mentors and headteachers never see marks.
/// </summary>
public sealed class ScriptAccessHandler(IRelationships relationships) : AuthorizationHandler<OperationAuthorizationRequirement, MarkingScript>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, MarkingScript script)
    {
        if (context.User.TryGetUserId() is not { } id)
        {
            return;
        }

        var assessor = context.User.IsInRole(Roles.Assessor);
        var released = MarkingWorkflow.IsVisibleToCandidate(script.State);
        var ownCandidate = id == script.CandidateUserId && context.User.IsInRole(Roles.Candidate);
        var allowed = requirement.Name switch
        {
            nameof(ScriptOperations.Mark) => assessor && script.AssessorUserId == id,
            nameof(ScriptOperations.Moderate) => assessor && script.ModeratorUserId == id,
            nameof(ScriptOperations.ReadRecord) =>
                (assessor && (script.AssessorUserId == id || script.ModeratorUserId == id))
                || (ownCandidate && released)
                || await IsAdminAsync(context, id, script),
            nameof(ScriptOperations.ReadCertificate) => released && script.FinalOutcome == MarkingOutcome.Pass
                && (ownCandidate || await IsAdminAsync(context, id, script)),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    private async Task<bool> IsAdminAsync(AuthorizationHandlerContext context, int id, MarkingScript script) =>
        context.User.IsInRole(Roles.ProviderAdmin) && await relationships.IsProviderAdminOfAsync(id, script.CandidateUserId);
}

/// <summary>Only an admin of the provider that runs the cohort manages its final assessment.</summary>
public sealed class CohortAssessmentAccessHandler(IMarkingRepository marking) : AuthorizationHandler<OperationAuthorizationRequirement, CohortAssessmentResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, CohortAssessmentResource resource)
    {
        if (requirement.Name == nameof(ScriptOperations.ManageCohort)
            && context.User.TryGetUserId() is { } id
            && context.User.IsInRole(Roles.ProviderAdmin)
            && await marking.IsProviderAdminOfCohortAsync(id, resource.CohortId))
        {
            context.Succeed(requirement);
        }
    }
}
