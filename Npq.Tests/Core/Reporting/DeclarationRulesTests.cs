using Npq.Core.Enrolment;
using Npq.Core.Reporting;

namespace Npq.Tests.Core.Reporting;

public sealed class DeclarationRulesTests
{
    private static readonly DateTime Day1 = new(2026, 10, 1, 16, 0, 0, DateTimeKind.Utc);

    private static DateTime Day(int n) => Day1.AddDays(n - 1);

    private static EnrolmentFacts Leadership(int scheduled = 9) => new()
    {
        EnrolmentId = 1,
        CourseIdentifier = "npq-senior-leadership",
        IsLeadership = true,
        SessionsScheduled = scheduled,
    };

    private static EnrolmentFacts Specialist(int scheduled = 6) => new()
    {
        EnrolmentId = 2,
        CourseIdentifier = "npq-leading-teaching",
        IsLeadership = false,
        SessionsScheduled = scheduled,
    };

    [Test]
    public void Derive_NothingDone_NoDeclarations() =>
        Assert.That(DeclarationRules.Derive(Leadership()), Is.Empty);

    [Test]
    public void Derive_FirstSessionAttended_StartedOnThatSession()
    {
        var result = DeclarationRules.Derive(Leadership() with { AttendedSessionsUtc = [Day(8), Day(1)] });

        Assert.That(result.Select(d => d.Type), Is.EqualTo(new[] { DeclarationType.Started }));
        Assert.That(result[0].DeclarationUtc, Is.EqualTo(Day(1)));
        Assert.That(result[0].Justification, Does.Contain("session"));
    }

    [Test]
    public void Derive_EvidenceBeforeAnySession_StartedOnTheEvidence()
    {
        var result = DeclarationRules.Derive(Leadership() with { AttendedSessionsUtc = [Day(10)], FirstEvidenceUtc = Day(3) });

        Assert.That(result.Single().DeclarationUtc, Is.EqualTo(Day(3)));
        Assert.That(result.Single().Justification, Does.Contain("evidence"));
    }

    [Test]
    public void Derive_LeadershipAThirdOfSessionsButNoTask_NotRetained()
    {
        var result = DeclarationRules.Derive(Leadership() with { AttendedSessionsUtc = [Day(1), Day(8), Day(15)] });

        Assert.That(result.Select(d => d.Type), Is.EqualTo(new[] { DeclarationType.Started }));
    }

    [Test]
    public void Derive_LeadershipAThirdOfSessionsAndATask_RetainedOneOnTheLaterEvent()
    {
        // 9 sessions: a third (33%) is 3 sessions, reached on day 15; the task came on day 20.
        var result = DeclarationRules.Derive(Leadership() with { AttendedSessionsUtc = [Day(1), Day(8), Day(15)], TaskSubmissionsUtc = [Day(20)] });

        Assert.That(result.Select(d => d.Type), Is.EqualTo(new[] { DeclarationType.Started, DeclarationType.Retained1 }));
        Assert.That(result[1].DeclarationUtc, Is.EqualTo(Day(20)));
        Assert.That(result[1].Justification, Does.Contain("3 of 9 sessions"));
    }

    [Test]
    public void Derive_LeadershipTwoThirdsAndTwoTasks_RetainedTwo()
    {
        var attended = Enumerable.Range(0, 6).Select(i => Day(1 + 7 * i)).ToList();
        var result = DeclarationRules.Derive(Leadership() with { AttendedSessionsUtc = attended, TaskSubmissionsUtc = [Day(5), Day(30)] });

        Assert.That(result.Select(d => d.Type), Is.EqualTo(new[] { DeclarationType.Started, DeclarationType.Retained1, DeclarationType.Retained2 }));
        // Two thirds of 9 is 6 sessions (day 36), later than the second task (day 30).
        Assert.That(result[2].DeclarationUtc, Is.EqualTo(Day(36)));
    }

    [Test]
    public void Derive_SpecialistWithAllSessionsAndTasks_NeverRetainedTwo()
    {
        var attended = Enumerable.Range(0, 6).Select(i => Day(1 + 7 * i)).ToList();
        var result = DeclarationRules.Derive(Specialist() with { AttendedSessionsUtc = attended, TaskSubmissionsUtc = [Day(2), Day(3), Day(4)] });

        Assert.That(result.Select(d => d.Type), Is.EqualTo(new[] { DeclarationType.Started, DeclarationType.Retained1 }));
        // Half of 6 is 3 sessions: day 15.
        Assert.That(result[1].DeclarationUtc, Is.EqualTo(Day(15)));
    }

    [Test]
    public void Derive_SpecialistUnderHalf_NotRetained()
    {
        var result = DeclarationRules.Derive(Specialist() with { AttendedSessionsUtc = [Day(1), Day(8)], TaskSubmissionsUtc = [Day(2)] });

        Assert.That(result.Select(d => d.Type), Does.Not.Contain(DeclarationType.Retained1));
    }

    [TestCase(OutcomeState.Passed)]
    [TestCase(OutcomeState.Failed)]
    public void Derive_OutcomeReleased_CompletedOnTheReleaseWhateverTheResult(OutcomeState state)
    {
        var released = Day(200);
        var facts = Specialist() with
        {
            AttendedSessionsUtc = [Day(1)],
            Outcome = new FinalOutcome(2, state, new DateOnly(2027, 4, 10), released),
        };

        var completed = DeclarationRules.Derive(facts).Single(d => d.Type == DeclarationType.Completed);

        Assert.That(completed.DeclarationUtc, Is.EqualTo(released));
        Assert.That(completed.Justification, Does.Contain(state == OutcomeState.Passed ? "passed" : "failed"));
    }

    [Test]
    public void Derive_NoOutcomeYet_NotCompleted() =>
        Assert.That(DeclarationRules.Derive(Leadership() with { AttendedSessionsUtc = [Day(1)] }).Select(d => d.Type), Does.Not.Contain(DeclarationType.Completed));

    [Test]
    public void Derive_CourseWithoutAssessmentMarkedCompleted_CompletedOnLastSession()
    {
        var facts = Specialist() with
        {
            CourseIdentifier = DeclarationRules.EarlyHeadshipCoachingOffer,
            HasAssessment = false,
            TrainingStatus = TrainingStatus.Completed,
            AttendedSessionsUtc = [Day(1), Day(50)],
        };

        var completed = DeclarationRules.Derive(facts).Single(d => d.Type == DeclarationType.Completed);

        Assert.That(completed.DeclarationUtc, Is.EqualTo(Day(50)));
    }

    [Test]
    public void Derive_NoSessionsScheduled_NoRetainedButStillStartedFromEvidence()
    {
        var result = DeclarationRules.Derive(Leadership(scheduled: 0) with { FirstEvidenceUtc = Day(2), TaskSubmissionsUtc = [Day(3), Day(4)] });

        Assert.That(result.Select(d => d.Type), Is.EqualTo(new[] { DeclarationType.Started }));
    }

    [TestCase(9, 33, 3)]
    [TestCase(10, 33, 4)]
    [TestCase(6, 50, 3)]
    [TestCase(7, 50, 4)]
    [TestCase(1, 33, 1)]
    [TestCase(0, 50, 0)]
    public void SessionsNeeded_RoundsUp(int scheduled, int percent, int expected) =>
        Assert.That(DeclarationRules.SessionsNeeded(scheduled, percent), Is.EqualTo(expected));

    [Test]
    public void ToDfe_EveryType_RoundTripsInDfeSpelling()
    {
        Assert.That(Enum.GetValues<DeclarationType>().Select(t => t.ToDfe()), Is.EqualTo(new[] { "started", "retained-1", "retained-2", "completed" }));
        foreach (var type in Enum.GetValues<DeclarationType>())
        {
            Assert.That(DeclarationTypes.TryParseDfe(type.ToDfe(), out var parsed) && parsed == type, Is.True);
        }

        Assert.That(DeclarationTypes.TryParseDfe("Retained1", out _), Is.False);
    }
}
