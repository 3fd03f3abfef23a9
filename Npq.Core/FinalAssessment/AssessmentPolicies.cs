using Microsoft.Extensions.Options;
using Npq.Core.Auditing;
using Npq.Core.Webinars;

namespace Npq.Core.FinalAssessment;

/// <summary>
/// The rules a cohort's final assessment runs by (the cohort's overrides, else the course's, else the configured
/// defaults), and what they decide: who may sit it, and whether an assessor sees candidates' names.
/// </summary>
public sealed class AssessmentPolicies(
    IMarkingRepository marking,
    IAttendanceQueries attendance,
    IAuditLog audit,
    IOptions<FinalAssessmentOptions> options,
    TimeProvider time)
{
    public async Task<FinalAssessmentPolicy> GetPolicyAsync(int courseId, int cohortId, CancellationToken cancellationToken = default)
    {
        var (course, cohort) = await marking.GetPolicyOverridesAsync(courseId, cohortId, cancellationToken);
        return PolicyOverrides.Resolve(cohort, course, options.Value.ToPolicy());
    }

    /// <summary>The rules of each of the cohorts (as <see cref="GetPolicyAsync"/> resolves them), in one read whatever their number.</summary>
    public async Task<IReadOnlyDictionary<int, FinalAssessmentPolicy>> GetPoliciesAsync(IReadOnlyCollection<int> cohortIds, CancellationToken cancellationToken = default)
    {
        var defaults = options.Value.ToPolicy();
        return (await marking.GetPolicyOverridesForCohortsAsync(cohortIds, cancellationToken))
            .ToDictionary(p => p.Key, p => PolicyOverrides.Resolve(p.Value.Cohort, p.Value.Course, defaults));
    }

    /// <summary>The overrides stored for the cohort itself (null when it has none), as the policy form shows them.</summary>
    public async Task<PolicyOverrides?> GetCohortOverridesAsync(int courseId, int cohortId, CancellationToken cancellationToken = default) =>
        (await marking.GetPolicyOverridesAsync(courseId, cohortId, cancellationToken)).Cohort;

    /// <summary>Whether the candidate may sit the cohort's final assessment (the attendance gate).</summary>
    public async Task<EligibilityDecision> CheckEligibilityAsync(int candidateUserId, int courseId, int cohortId, CancellationToken cancellationToken = default)
    {
        var policy = await GetPolicyAsync(courseId, cohortId, cancellationToken);
        var summary = await attendance.GetAttendanceAsync(candidateUserId, cohortId, cancellationToken);
        return FinalAssessmentGate.Check(summary?.Percentage, policy.AttendanceThresholdPercent);
    }

    /// <summary>True when the policy hides candidates' names from this viewer (an assessor who is neither an admin nor the candidate).</summary>
    public async Task<bool> IsBlindForAsync(ScriptDetails script, bool viewerSeesNames, CancellationToken cancellationToken = default) =>
        !viewerSeesNames && (await GetPolicyAsync(script.CourseId, script.CohortId, cancellationToken)).BlindMarking;

    /// <summary>Replaces the cohort's rules (nulls fall back to the course's or the defaults) and records who did it.</summary>
    public async Task SaveCohortPolicyAsync(int cohortId, PolicyOverrides overrides, int actorUserId, CancellationToken cancellationToken = default)
    {
        await marking.SetCohortPolicyAsync(cohortId, overrides, cancellationToken);
        await audit.WriteScriptEntryAsync(time, actorUserId, "assessment.policy", 0,
            $"cohort={cohortId};threshold={overrides.AttendanceThresholdPercent};sample={overrides.ModerationSamplePercent};blind={overrides.BlindMarking}", cancellationToken);
    }
}
