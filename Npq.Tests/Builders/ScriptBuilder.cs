using Npq.Core.FinalAssessment;

namespace Npq.Tests.Builders;

/// <summary>
/// Final assessment scripts, got where they are by the marking rules: the course's criteria and the cohort's
/// moderation sample (<see cref="AssessmentSetup"/>), scripts opened from submitted final tasks and allocated
/// (<see cref="MarkingAllocation"/>), marked and moderated (<see cref="ScriptMarking"/>), and released together
/// (<see cref="OutcomeRelease"/>), by the demo admin unless the step is an assessor's.
/// </summary>
public sealed class ScriptBuilder(Build build)
{
    /// <summary>The course's marking criteria ("Criterion 1" … ), unless it has some; all of them either way.</summary>
    public async Task<IReadOnlyList<AssessmentCriterion>> CriteriaAsync(int courseId, int count = 3) =>
        await build.RunAsync<AssessmentSetup, IReadOnlyList<AssessmentCriterion>>(null, async setup =>
        {
            if ((await setup.GetCriteriaAsync(courseId)).Count == 0)
            {
                for (var i = 1; i <= count; i++)
                {
                    await setup.EnsureCriterionAsync(new AssessmentCriterion { CourseId = courseId, Position = i, Title = $"Criterion {i}", Guidance = "Shows it clearly." });
                }
            }

            return await setup.GetCriteriaAsync(courseId);
        });

    /// <summary>The share of passes the cohort's moderators sample (a fail is always moderated).</summary>
    public Task ModerationSampleAsync(int cohortId, int percent) =>
        build.RunAsync<AssessmentSetup>(null, setup => setup.SetCohortRulesAsync(cohortId, new PolicyOverrides(null, percent, null)));

    /// <summary>Opens a script for every submitted final task of the cohort; returns the cohort's scripts.</summary>
    public async Task<IReadOnlyList<ScriptDetails>> OpenAsync(int cohortId)
    {
        await build.RunAsync<MarkingAllocation, int>(null, allocation => allocation.OpenSubmittedScriptsAsync(cohortId));
        return await build.RunAsync<FinalAssessmentQueries, IReadOnlyList<ScriptDetails>>(null, queries => queries.GetCohortScriptsAsync(cohortId));
    }

    /// <summary>The candidate's script on the cohort.</summary>
    public async Task<ScriptDetails> OfAsync(int cohortId, int candidateUserId) =>
        (await build.RunAsync<FinalAssessmentQueries, IReadOnlyList<ScriptDetails>>(null, queries => queries.GetCohortScriptsAsync(cohortId)))
        .SingleOrDefault(s => s.CandidateUserId == candidateUserId)
        ?? Build.Refused<ScriptDetails>("script", [$"candidate {candidateUserId} has no script on cohort {cohortId}"]);

    /// <summary>
    /// The admin allocates the script to the assessor, who judges every criterion met (a pass) or not (a fail) and
    /// completes marking, at <paramref name="atUtc"/> or now: to moderation when failed or sampled, else ready for release.
    /// </summary>
    public async Task<MarkingState> MarkAsync(int scriptId, int assessorUserId, MarkingOutcome outcome, DateTime? atUtc = null)
    {
        var admin = (await build.AdminAsync()).Id;
        var current = await ScriptAsync(scriptId);
        var refusal = await build.RunAsync<MarkingAllocation, string?>(atUtc, allocation => allocation.AllocateAsync(current.ToScript(), assessorUserId, current.Version, admin));
        if (refusal is not null)
        {
            return Build.Refused<MarkingState>($"allocation of script {scriptId}", [refusal]);
        }

        current = await ScriptAsync(scriptId);
        var inputs = await JudgementsAsync(current.CourseId, outcome);
        var saved = await build.RunAsync<ScriptMarking, MarkingSaveResult>(atUtc, marking =>
            marking.SaveMarkingAsync(current, inputs, outcome, "Marked by the builder.", finish: true, current.Version, assessorUserId));
        return saved is { Status: MarkingSaveStatus.Saved, State: { } state } ? state : Build.Refused<MarkingState>($"marking of script {scriptId}", [saved.Message ?? saved.Status.ToString()]);
    }

    /// <summary>The admin gives the script waiting for moderation a moderator, who decides <paramref name="decision"/>.</summary>
    public async Task<MarkingState> ModerateAsync(int scriptId, int moderatorUserId, MarkingOutcome decision, DateTime? atUtc = null)
    {
        var admin = (await build.AdminAsync()).Id;
        var current = await ScriptAsync(scriptId);
        var refusal = await build.RunAsync<MarkingAllocation, string?>(atUtc, allocation => allocation.AllocateModeratorAsync(current.ToScript(), moderatorUserId, current.Version, admin));
        if (refusal is not null)
        {
            return Build.Refused<MarkingState>($"moderator for script {scriptId}", [refusal]);
        }

        current = await ScriptAsync(scriptId);
        var inputs = await JudgementsAsync(current.CourseId, decision);
        var saved = await build.RunAsync<ScriptMarking, MarkingSaveResult>(atUtc, marking =>
            marking.SaveModerationAsync(current, inputs, decision, "Moderated by the builder.", current.Version, moderatorUserId));
        return saved is { Status: MarkingSaveStatus.Saved, State: { } state } ? state : Build.Refused<MarkingState>($"moderation of script {scriptId}", [saved.Message ?? saved.Status.ToString()]);
    }

    /// <summary>
    /// The admin signs off the cohort's moderated scripts and releases every ready one at <paramref name="releasedUtc"/>
    /// (its date in the cohort's zone is the completion date); returns the released scripts.
    /// </summary>
    public async Task<IReadOnlyList<MarkingScript>> ReleaseAsync(int cohortId, DateTime? releasedUtc = null)
    {
        var admin = (await build.AdminAsync()).Id;
        return await build.RunAsync<OutcomeRelease, IReadOnlyList<MarkingScript>>(releasedUtc, async release =>
        {
            await release.ApproveModeratedAsync(cohortId, admin);
            return await release.ReleaseAsync(cohortId, admin);
        });
    }

    private async Task<ScriptDetails> ScriptAsync(int scriptId) =>
        await build.RunAsync<FinalAssessmentQueries, ScriptDetails?>(null, queries => queries.GetScriptAsync(scriptId))
        ?? Build.Refused<ScriptDetails>("script", [$"no script {scriptId}"]);

    private async Task<IReadOnlyList<CriterionInput>> JudgementsAsync(int courseId, MarkingOutcome outcome) =>
        (await build.RunAsync<AssessmentSetup, IReadOnlyList<AssessmentCriterion>>(null, setup => setup.GetCriteriaAsync(courseId)))
        .Select(c => new CriterionInput(c.Id, outcome == MarkingOutcome.Pass, outcome == MarkingOutcome.Pass ? "Met." : "Not met."))
        .ToList();
}
