using Npq.Core.Portfolio;

namespace Npq.Tests.Core.Portfolio;

public sealed class SubmissionWorkflowTests
{
    private const string Zone = "Asia/Dubai";
    private static readonly TaskDates Dates = new(1, 1, new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 27));

    /// <summary>Noon in Dubai on 10 Nov: open, before the due date.</summary>
    private static readonly DateTime Open = new(2026, 11, 10, 8, 0, 0, DateTimeKind.Utc);

    private static SubmissionContext Context(DateTime? now = null, int attempt = 1, int max = 2, int words = 100, int limit = 1500, bool hasResult = false, DateOnly? extension = null) => new()
    {
        NowUtc = now ?? Open, CohortZone = Zone, Dates = Dates, Attempt = attempt, MaxAttempts = max, WordCount = words, WordLimit = limit,
        HasResult = hasResult, ExtensionDueOn = extension,
    };

    // Every allowed transition.
    [TestCase(SubmissionState.New, SubmissionTrigger.SaveDraft, SubmissionState.Draft)]
    [TestCase(SubmissionState.Draft, SubmissionTrigger.SaveDraft, SubmissionState.Draft)]
    [TestCase(SubmissionState.New, SubmissionTrigger.Submit, SubmissionState.Submitted)]
    [TestCase(SubmissionState.Draft, SubmissionTrigger.Submit, SubmissionState.Submitted)]
    [TestCase(SubmissionState.Submitted, SubmissionTrigger.Reopen, SubmissionState.Reopened)]
    [TestCase(SubmissionState.Submitted, SubmissionTrigger.RecordFail, SubmissionState.Reopened)]
    [TestCase(SubmissionState.Submitted, SubmissionTrigger.RecordPass, SubmissionState.Submitted)]
    public void Decide_AllowedTransition_LeadsToTheNextState(SubmissionState from, SubmissionTrigger trigger, SubmissionState to)
    {
        var decision = SubmissionWorkflow.Decide(from, trigger, Context());

        Assert.That(decision.Allowed, Is.True, decision.Refusal);
        Assert.That(decision.State, Is.EqualTo(to));
        Assert.That(decision.OpensNewAttempt, Is.EqualTo(to == SubmissionState.Reopened));
    }

    // Every refused transition by state.
    [TestCase(SubmissionState.Submitted, SubmissionTrigger.SaveDraft, "submitted")]
    [TestCase(SubmissionState.Submitted, SubmissionTrigger.Submit, "submitted")]
    [TestCase(SubmissionState.Reopened, SubmissionTrigger.SaveDraft, "closed")]
    [TestCase(SubmissionState.Reopened, SubmissionTrigger.Submit, "closed")]
    [TestCase(SubmissionState.Reopened, SubmissionTrigger.Reopen, "closed")]
    [TestCase(SubmissionState.Reopened, SubmissionTrigger.RecordFail, "closed")]
    [TestCase(SubmissionState.Reopened, SubmissionTrigger.RecordPass, "closed")]
    [TestCase(SubmissionState.New, SubmissionTrigger.Reopen, "Only a submitted attempt")]
    [TestCase(SubmissionState.Draft, SubmissionTrigger.Reopen, "Only a submitted attempt")]
    [TestCase(SubmissionState.New, SubmissionTrigger.RecordFail, "Only a submitted attempt")]
    [TestCase(SubmissionState.Draft, SubmissionTrigger.RecordFail, "Only a submitted attempt")]
    [TestCase(SubmissionState.New, SubmissionTrigger.RecordPass, "Only a submitted attempt")]
    [TestCase(SubmissionState.Draft, SubmissionTrigger.RecordPass, "Only a submitted attempt")]
    public void Decide_RefusedTransition_KeepsTheStateAndSaysWhy(SubmissionState from, SubmissionTrigger trigger, string reason)
    {
        var decision = SubmissionWorkflow.Decide(from, trigger, Context());

        Assert.That(decision.Allowed, Is.False);
        Assert.That(decision.State, Is.EqualTo(from));
        Assert.That(decision.Refusal, Does.Contain(reason));
    }

    [Test]
    public void Decide_ReopenOnTheLastAttempt_IsRefused()
    {
        var decision = SubmissionWorkflow.Decide(SubmissionState.Submitted, SubmissionTrigger.Reopen, Context(attempt: 2, max: 2));

        Assert.That(decision.Allowed, Is.False);
        Assert.That(decision.Refusal, Does.Contain("No attempts remain"));
    }

    [Test]
    public void Decide_FailOnTheLastAttempt_StaysSubmittedWithoutANewAttempt()
    {
        var decision = SubmissionWorkflow.Decide(SubmissionState.Submitted, SubmissionTrigger.RecordFail, Context(attempt: 2, max: 2));

        Assert.That(decision.Allowed, Is.True);
        Assert.That(decision.State, Is.EqualTo(SubmissionState.Submitted));
        Assert.That(decision.OpensNewAttempt, Is.False);
    }

    [TestCase(SubmissionTrigger.RecordFail)]
    [TestCase(SubmissionTrigger.RecordPass)]
    public void Decide_ResultWhenOneIsAlreadyRecorded_IsRefused(SubmissionTrigger trigger) =>
        Assert.That(SubmissionWorkflow.Decide(SubmissionState.Submitted, trigger, Context(hasResult: true)).Allowed, Is.False);

    [Test]
    public void Decide_SubmitOverTheWordLimit_IsRefusedWithTheCounts()
    {
        var decision = SubmissionWorkflow.Decide(SubmissionState.Draft, SubmissionTrigger.Submit, Context(words: 1_520, limit: 1_500));

        Assert.That(decision.Allowed, Is.False);
        Assert.That(decision.Refusal, Is.EqualTo("Your answer has 1,520 words; the limit is 1,500. Cut 20 words and submit again."));
    }

    [Test]
    public void Decide_SubmitExactlyAtTheWordLimit_IsAllowed() =>
        Assert.That(SubmissionWorkflow.Decide(SubmissionState.Draft, SubmissionTrigger.Submit, Context(words: 1_500, limit: 1_500)).Allowed, Is.True);

    [Test]
    public void Decide_SubmitEmpty_IsRefused() =>
        Assert.That(SubmissionWorkflow.Decide(SubmissionState.New, SubmissionTrigger.Submit, Context(words: 0)).Refusal, Does.Contain("Write your answer"));

    [TestCase(SubmissionTrigger.SaveDraft)]
    [TestCase(SubmissionTrigger.Submit)]
    public void Decide_BeforeTheTaskOpensInTheCohortsZone_IsRefused(SubmissionTrigger trigger)
    {
        // 23:30 UTC on 31 Oct is 03:30 on 1 Nov in Dubai: open there. 19:59 UTC on 31 Oct is 23:59 on 31 Oct: not yet.
        Assert.That(SubmissionWorkflow.Decide(SubmissionState.Draft, trigger, Context(now: new DateTime(2026, 10, 31, 19, 59, 0, DateTimeKind.Utc))).Refusal, Does.Contain("opens on Sun 1 Nov 2026"));
        Assert.That(SubmissionWorkflow.Decide(SubmissionState.Draft, trigger, Context(now: new DateTime(2026, 10, 31, 20, 0, 0, DateTimeKind.Utc))).Allowed, Is.True);
    }

    [Test]
    public void Decide_AfterTheCutOffEndsInTheCohortsZone_IsRefused()
    {
        // The cut-off (27 Nov) ends at midnight Dubai time: 20:00 UTC on 27 Nov.
        var lastMinute = new DateTime(2026, 11, 27, 19, 59, 0, DateTimeKind.Utc);
        var closed = new DateTime(2026, 11, 27, 20, 0, 0, DateTimeKind.Utc);

        Assert.That(SubmissionWorkflow.Decide(SubmissionState.Draft, SubmissionTrigger.Submit, Context(now: lastMinute)).Allowed, Is.True);
        Assert.That(SubmissionWorkflow.Decide(SubmissionState.Draft, SubmissionTrigger.Submit, Context(now: closed)).Refusal, Does.Contain("closed at the end of Fri 27 Nov 2026"));
    }

    [Test]
    public void Decide_AfterTheCutOffWithALaterExtension_IsAllowed()
    {
        var afterCutOff = new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc);

        Assert.That(SubmissionWorkflow.Decide(SubmissionState.Draft, SubmissionTrigger.Submit, Context(now: afterCutOff, extension: new DateOnly(2026, 11, 30))).Allowed, Is.True);
    }

    [Test]
    public void LatenessOf_SubmittedByTheEndOfTheDueDate_IsNone() =>
        Assert.That(SubmissionWorkflow.LatenessOf(new DateTime(2026, 11, 20, 19, 59, 0, DateTimeKind.Utc), Context()), Is.EqualTo(Lateness.None));

    [Test]
    public void LatenessOf_SubmittedAfterTheDueDate_IsLate() =>
        Assert.That(SubmissionWorkflow.LatenessOf(new DateTime(2026, 11, 20, 20, 0, 0, DateTimeKind.Utc), Context()), Is.EqualTo(Lateness.Late));

    [Test]
    public void LatenessOf_NotSubmittedBeforeDue_IsNone() =>
        Assert.That(SubmissionWorkflow.LatenessOf(null, Context()), Is.EqualTo(Lateness.None));

    [Test]
    public void LatenessOf_NotSubmittedBetweenDueAndCutOff_IsLate() =>
        Assert.That(SubmissionWorkflow.LatenessOf(null, Context(now: new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc))), Is.EqualTo(Lateness.Late));

    [Test]
    public void LatenessOf_NotSubmittedAfterCutOff_IsMissing() =>
        Assert.That(SubmissionWorkflow.LatenessOf(null, Context(now: new DateTime(2026, 11, 28, 8, 0, 0, DateTimeKind.Utc))), Is.EqualTo(Lateness.Missing));

    [Test]
    public void LatenessOf_WithAnExtensionKept_IsExtended()
    {
        var extension = new DateOnly(2026, 11, 30);

        Assert.That(SubmissionWorkflow.LatenessOf(new DateTime(2026, 11, 29, 8, 0, 0, DateTimeKind.Utc), Context(extension: extension)), Is.EqualTo(Lateness.Extended));
        Assert.That(SubmissionWorkflow.LatenessOf(null, Context(now: new DateTime(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc), extension: extension)), Is.EqualTo(Lateness.Extended));
        Assert.That(SubmissionWorkflow.LatenessOf(null, Context(now: new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), extension: extension)), Is.EqualTo(Lateness.Missing));
    }

    [Test]
    public void WordCount_CountsWordsOfTheRenderedText()
    {
        Assert.That(WordCount.Of("**Bold** words and a [link](https://example.com) — here."), Is.EqualTo(6), "a dash alone is not a word");
        Assert.That(WordCount.Of("  "), Is.EqualTo(0));
    }

    [TestCase(1, 20, 27, null)]
    [TestCase(10, 5, 27, "due date")]
    [TestCase(1, 20, 19, "cut-off")]
    public void TaskDates_Validate_OrdersOpensDueAndCutOff(int opens, int due, int cutOff, string? problem)
    {
        var result = TaskDates.Validate(new DateOnly(2026, 11, opens), new DateOnly(2026, 11, due), new DateOnly(2026, 11, cutOff));

        Assert.That(result, problem is null ? Is.Null : Does.Contain(problem));
    }
}
