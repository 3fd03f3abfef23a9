using Moq;
using Npq.Core.FinalAssessment;
using Npq.Core.Webinars;
using static Npq.Tests.Core.FinalAssessment.MarkingFakes;

namespace Npq.Tests.Core.FinalAssessment;

public sealed class AssessmentPoliciesTests
{
    private MarkingFakes _fakes = null!;

    [SetUp]
    public void SetUp() => _fakes = new MarkingFakes();

    private void Overrides(PolicyOverrides? course, PolicyOverrides? cohort) =>
        _fakes.Marking.Setup(m => m.GetPolicyOverridesAsync(CourseId, CohortId, It.IsAny<CancellationToken>())).ReturnsAsync((course, cohort));

    [Test]
    public async Task GetPolicyAsync_CohortOverCourseOverConfiguredDefaults()
    {
        _fakes.Options.BlindMarking = true;
        Overrides(new PolicyOverrides(80, 30, null), new PolicyOverrides(null, 10, null));

        var policy = await _fakes.Policies().GetPolicyAsync(CourseId, CohortId);

        Assert.That(policy, Is.EqualTo(new FinalAssessmentPolicy(80, 10, true)));
    }

    [Test]
    public async Task CheckEligibilityAsync_BelowTheCohortsThreshold_NotEligible_AtItEligible()
    {
        Overrides(null, new PolicyOverrides(75, null, null));
        _fakes.Attendance.SetupSequence(a => a.GetAttendanceAsync(Candidate, CohortId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AttendanceSummary { SessionsCounted = 4, SessionsAttended = 2 })
            .ReturnsAsync(new AttendanceSummary { SessionsCounted = 4, SessionsAttended = 3 });

        var below = await _fakes.Policies().CheckEligibilityAsync(Candidate, CourseId, CohortId);
        var at = await _fakes.Policies().CheckEligibilityAsync(Candidate, CourseId, CohortId);

        Assert.That((below.Eligible, below.AttendancePercent, below.ThresholdPercent), Is.EqualTo((false, (int?)50, 75)));
        Assert.That(at.Eligible, Is.True);
    }

    [Test]
    public async Task IsBlindForAsync_BlindCohort_HidesNamesOnlyFromViewersWhoMayNotSeeThem()
    {
        Overrides(null, new PolicyOverrides(null, null, true));
        var script = Script(1, MarkingState.InMarking, assessor: Tom);

        Assert.That(await _fakes.Policies().IsBlindForAsync(script, viewerSeesNames: false), Is.True);
        Assert.That(await _fakes.Policies().IsBlindForAsync(script, viewerSeesNames: true), Is.False);
    }

    /// <summary>
    /// The marking list (issue 23): a page of scripts from two cohorts reads every cohort's rules at once, resolved as
    /// the one-cohort read resolves them, and hides names only where the cohort marks blind.
    /// </summary>
    [Test]
    public async Task GetAssessorScriptsPageAsync_ReadsEveryCohortsRulesAtOnce_BlindOnlyWhereTheCohortSaysSo()
    {
        _fakes.Options.BlindMarking = false;
        var open = new ScriptListItem { Id = 1, CohortId = CohortId, Reference = "S-1", State = MarkingState.InMarking, CandidateName = "Amira" };
        var blind = open with { Id = 2, CohortId = 8 };
        var byCourse = open with { Id = 3, CohortId = 9 };
        _fakes.Marking.Setup(m => m.GetAssessorPageAsync(Tom, false, 0, 25, It.IsAny<CancellationToken>()))
            .ReturnsAsync((4, (IReadOnlyList<ScriptListItem>)[open, blind, byCourse, open with { Id = 4 }]));
        _fakes.Marking.Setup(m => m.GetPolicyOverridesForCohortsAsync(It.IsAny<IReadOnlyCollection<int>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<int, (PolicyOverrides Course, PolicyOverrides Cohort)>
            {
                [CohortId] = (new PolicyOverrides(null, null, true), new PolicyOverrides(null, null, false)),
                [8] = (new PolicyOverrides(null, null, null), new PolicyOverrides(null, null, true)),
                [9] = (new PolicyOverrides(null, null, true), new PolicyOverrides(null, null, null)),
            });
        var queries = new FinalAssessmentQueries(_fakes.Marking.Object, Mock.Of<Npq.Core.Portfolio.ITaskRepository>(), _fakes.Policies(), Mock.Of<Npq.Core.Accounts.IUserTimeZones>());

        var (total, scripts, fromStart) = await queries.GetAssessorScriptsPageAsync(Tom, moderating: false, 0, 25);

        Assert.That((total, fromStart), Is.EqualTo((4, false)));
        Assert.That(scripts.Select(s => (s.Script.Id, s.Blind)), Is.EqualTo(new[] { (1, false), (2, true), (3, true), (4, false) }),
            "the cohort's own rule over its course's, the course's over the default");
        _fakes.Marking.Verify(m => m.GetPolicyOverridesForCohortsAsync(
            It.Is<IReadOnlyCollection<int>>(ids => ids.OrderBy(i => i).SequenceEqual(new[] { CohortId, 8, 9 })), It.IsAny<CancellationToken>()), Times.Once);
        _fakes.Marking.Verify(m => m.GetPolicyOverridesAsync(It.IsAny<int>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task SaveCohortPolicyAsync_StoresTheOverridesAndAuditsWhoChangedThem()
    {
        var overrides = new PolicyOverrides(null, 25, true);

        await _fakes.Policies().SaveCohortPolicyAsync(CohortId, overrides, Admin);

        _fakes.Marking.Verify(m => m.SetCohortPolicyAsync(CohortId, overrides, It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(_fakes.AuditEntries.Select(e => (e.Action, e.Subject, e.Detail, e.ActorUserId)),
            Is.EqualTo(new[] { ("assessment.policy", "script:0", $"cohort={CohortId};threshold=;sample=25;blind=True", (int?)Admin) }));
    }

    [TestCase("", null, false)]
    [TestCase("  ", null, false)]
    [TestCase("40", 40, false)]
    [TestCase(" 40% ", 40, false)]
    [TestCase("0", 0, false)]
    [TestCase("100", 100, false)]
    [TestCase("101", null, true)]
    [TestCase("-1", null, true)]
    [TestCase("forty", null, true)]
    public void ParsePercent_TypedValue_NumberOrMessage(string typed, int? expected, bool error)
    {
        var (value, message) = FinalAssessmentPolicy.ParsePercent(typed, "moderation sample");

        Assert.That(value, Is.EqualTo(expected));
        Assert.That(message, error ? Is.EqualTo("The moderation sample must be a whole number from 0 to 100, or empty to use the default.") : Is.Null);
    }
}
