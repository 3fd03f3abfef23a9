using Npq.Core.FinalAssessment;

namespace Npq.Tests.Core.FinalAssessment;

public sealed class MarkingWorkflowTests
{
    private static readonly MarkingContext Ready = new() { HasAssessor = true, HasModerator = true, AllCriteriaJudged = true, HasOutcome = true };

    // Every allowed transition, with the state it leads to.
    [TestCase(MarkingState.NotMarked, MarkingTrigger.AllocateAssessor, false, MarkingState.NotMarked)]
    [TestCase(MarkingState.InMarking, MarkingTrigger.AllocateAssessor, false, MarkingState.InMarking)]
    [TestCase(MarkingState.NotMarked, MarkingTrigger.SaveMarks, false, MarkingState.InMarking)]
    [TestCase(MarkingState.InMarking, MarkingTrigger.SaveMarks, false, MarkingState.InMarking)]
    [TestCase(MarkingState.InMarking, MarkingTrigger.CompleteMarking, false, MarkingState.ReadyForRelease)]
    [TestCase(MarkingState.InMarking, MarkingTrigger.CompleteMarking, true, MarkingState.ReadyForModeration)]
    [TestCase(MarkingState.NotMarked, MarkingTrigger.CompleteMarking, true, MarkingState.ReadyForModeration)]
    [TestCase(MarkingState.ReadyForModeration, MarkingTrigger.AllocateModerator, false, MarkingState.ReadyForModeration)]
    [TestCase(MarkingState.ReadyForModeration, MarkingTrigger.Moderate, false, MarkingState.Moderated)]
    [TestCase(MarkingState.Moderated, MarkingTrigger.ApproveForRelease, false, MarkingState.ReadyForRelease)]
    [TestCase(MarkingState.ReadyForRelease, MarkingTrigger.Release, false, MarkingState.Released)]
    public void Decide_AllowedTransition_LeadsToState(MarkingState from, MarkingTrigger trigger, bool moderationRequired, MarkingState expected)
    {
        var decision = MarkingWorkflow.Decide(from, trigger, Ready with { ModerationRequired = moderationRequired });

        Assert.That(decision.Allowed, Is.True, decision.Refusal);
        Assert.That(decision.State, Is.EqualTo(expected));
    }

    public static IEnumerable<TestCaseData> RefusedTransitions()
    {
        var allowed = new HashSet<(MarkingState, MarkingTrigger)>
        {
            (MarkingState.NotMarked, MarkingTrigger.AllocateAssessor), (MarkingState.InMarking, MarkingTrigger.AllocateAssessor),
            (MarkingState.NotMarked, MarkingTrigger.SaveMarks), (MarkingState.InMarking, MarkingTrigger.SaveMarks),
            (MarkingState.NotMarked, MarkingTrigger.CompleteMarking), (MarkingState.InMarking, MarkingTrigger.CompleteMarking),
            (MarkingState.ReadyForModeration, MarkingTrigger.AllocateModerator), (MarkingState.ReadyForModeration, MarkingTrigger.Moderate),
            (MarkingState.Moderated, MarkingTrigger.ApproveForRelease), (MarkingState.ReadyForRelease, MarkingTrigger.Release),
        };
        foreach (var state in Enum.GetValues<MarkingState>())
        {
            foreach (var trigger in Enum.GetValues<MarkingTrigger>())
            {
                if (!allowed.Contains((state, trigger)))
                {
                    yield return new TestCaseData(state, trigger).SetName($"Decide_{state}_{trigger}_IsRefused");
                }
            }
        }
    }

    [TestCaseSource(nameof(RefusedTransitions))]
    public void Decide_RefusedTransition_KeepsStateWithReason(MarkingState from, MarkingTrigger trigger)
    {
        var decision = MarkingWorkflow.Decide(from, trigger, Ready);

        Assert.That(decision.Allowed, Is.False);
        Assert.That(decision.State, Is.EqualTo(from));
        Assert.That(decision.Refusal, Is.Not.Empty);
    }

    [Test]
    public void CompleteMarking_CriterionNotJudged_IsRefused() =>
        Assert.That(MarkingWorkflow.Decide(MarkingState.InMarking, MarkingTrigger.CompleteMarking, Ready with { AllCriteriaJudged = false }).Refusal,
            Does.Contain("Judge every criterion"));

    [Test]
    public void CompleteMarking_NoOutcome_IsRefused() =>
        Assert.That(MarkingWorkflow.Decide(MarkingState.InMarking, MarkingTrigger.CompleteMarking, Ready with { HasOutcome = false }).Refusal,
            Does.Contain("Choose an outcome"));

    [Test]
    public void SaveMarks_Unallocated_IsRefused() =>
        Assert.That(MarkingWorkflow.Decide(MarkingState.NotMarked, MarkingTrigger.SaveMarks, Ready with { HasAssessor = false }).Allowed, Is.False);

    [Test]
    public void Moderate_NoModerator_IsRefused() =>
        Assert.That(MarkingWorkflow.Decide(MarkingState.ReadyForModeration, MarkingTrigger.Moderate, Ready with { HasModerator = false }).Refusal,
            Does.Contain("no moderator"));

    [Test]
    public void IsVisibleToCandidate_OnlyWhenReleased() =>
        Assert.That(Enum.GetValues<MarkingState>().Where(MarkingWorkflow.IsVisibleToCandidate), Is.EqualTo(new[] { MarkingState.Released }));
}

public sealed class ModerationAndAllocationRulesTests
{
    [Test]
    public void ReasonFor_ProposedFail_AlwaysModerated() =>
        Assert.That(ModerationSample.ReasonFor("FA-00001", MarkingOutcome.Fail, 0), Does.Contain("Every proposed fail"));

    [Test]
    public void ReasonFor_Pass_FollowsTheBucketDeterministically()
    {
        var references = Enumerable.Range(1, 1000).Select(MarkingScript.ReferenceFor).ToList();
        var sampled = references.Count(r => ModerationSample.ReasonFor(r, MarkingOutcome.Pass, 20) is not null);

        Assert.That(sampled, Is.InRange(150, 250), "about a fifth");
        var again = references.Select(r => ModerationSample.BucketOf(string.Concat(r))).ToList();
        Assert.That(again, Is.EqualTo(references.Select(ModerationSample.BucketOf).ToList()), "the same reference always lands in the same bucket");
        Assert.That(references.All(r => ModerationSample.ReasonFor(r, MarkingOutcome.Pass, 0) is null), Is.True);
        Assert.That(references.All(r => ModerationSample.ReasonFor(r, MarkingOutcome.Pass, 100) is not null), Is.True);
        var inSample = references.First(r => ModerationSample.BucketOf(r) < 20);
        Assert.That(ModerationSample.ReasonFor(inSample, MarkingOutcome.Pass, 20), Does.Contain($"bucket {ModerationSample.BucketOf(inSample)}"));
    }

    [Test]
    public void FinalDecision_ModeratorDisagrees_ModeratorStands()
    {
        Assert.That(FinalDecision.Of(MarkingOutcome.Fail, MarkingOutcome.Pass), Is.EqualTo(MarkingOutcome.Pass));
        Assert.That(FinalDecision.Of(MarkingOutcome.Pass, null), Is.EqualTo(MarkingOutcome.Pass));
        Assert.That(FinalDecision.Disagree(MarkingOutcome.Fail, MarkingOutcome.Pass), Is.True);
    }

    [Test]
    public void RefuseAssessor_MentorOrSelf_Refused()
    {
        var mentors = new HashSet<int> { 7 };
        Assert.That(AllocationRules.RefuseAssessor(7, 1, mentors), Does.Contain("mentor"));
        Assert.That(AllocationRules.RefuseAssessor(1, 1, mentors), Does.Contain("own"));
        Assert.That(AllocationRules.RefuseAssessor(8, 1, mentors), Is.Null);
        Assert.That(AllocationRules.RefuseModerator(8, 1, 8, mentors), Does.Contain("second assessor"));
        Assert.That(AllocationRules.RefuseModerator(7, 1, 8, mentors), Does.Contain("mentor"));
    }

    [Test]
    public void Plan_SharesEvenlyAndSkipsExcluded()
    {
        var scripts = Enumerable.Range(1, 6).Select(i => new AllocationCandidate(i, i == 1 ? new HashSet<int> { 10 } : new HashSet<int>())).ToList();

        var plan = EvenAllocation.Plan(scripts, new Dictionary<int, int> { [10] = 0, [11] = 1 });

        Assert.That(plan[1], Is.EqualTo(11), "10 is excluded from script 1");
        Assert.That(plan.Values.Count(a => a == 10), Is.EqualTo(4));
        Assert.That(plan.Values.Count(a => a == 11), Is.EqualTo(2), "11 started with one already");
    }

    [TestCase(95, 90, true)]
    [TestCase(90, 90, true)]
    [TestCase(89, 90, false)]
    public void Gate_Threshold(int attendance, int threshold, bool eligible)
    {
        var decision = FinalAssessmentGate.Check(attendance, threshold);
        Assert.That(decision.Eligible, Is.EqualTo(eligible));
        Assert.That(decision.Reason, Does.Contain($"{attendance}%"));
    }

    [Test]
    public void Gate_NoAttendanceYet_RefusedWithReason() =>
        Assert.That(FinalAssessmentGate.Check(null, 90).Reason, Does.Contain("at least 90%"));

    [Test]
    public void Resolve_CohortOverridesCourseOverridesDefaults()
    {
        var policy = PolicyOverrides.Resolve(new(null, 50, null), new(80, 30, true), new(90, 20, false));
        Assert.That(policy, Is.EqualTo(new FinalAssessmentPolicy(80, 50, true)));
    }
}
