namespace Npq.Core.FinalAssessment;

/// <summary>
/// A course's marking criteria and a cohort's starting rules, as the provider's set-up gives them (and the demo data
/// does). An admin's later change of a cohort's rules goes through <see cref="AssessmentPolicies.SaveCohortPolicyAsync"/>,
/// which records who made it.
/// </summary>
public sealed class AssessmentSetup(IMarkingRepository marking)
{
    /// <summary>A course's criteria in order, each with its framework statements.</summary>
    public Task<IReadOnlyList<AssessmentCriterion>> GetCriteriaAsync(int courseId, CancellationToken cancellationToken = default) =>
        marking.GetCriteriaAsync(courseId, cancellationToken);

    /// <summary>Adds a criterion unless the course already has one with this title; returns its id.</summary>
    public Task<int> EnsureCriterionAsync(AssessmentCriterion criterion, CancellationToken cancellationToken = default) =>
        marking.EnsureCriterionAsync(criterion, cancellationToken);

    /// <summary>Sets the rules a new cohort starts with.</summary>
    public Task SetCohortRulesAsync(int cohortId, PolicyOverrides overrides, CancellationToken cancellationToken = default) =>
        marking.SetCohortPolicyAsync(cohortId, overrides, cancellationToken);
}
