using Npq.Core.Reporting;
using Npq.Data.Reporting;
using Npq.Tests.Web.Reporting;

namespace Npq.Tests.Data.Reporting;

public sealed partial class EnrolmentFiguresWritesTests<TDatabase>
{
    /// <summary>The released outcomes the report and the figures job both ask for (none unless a test sets some).</summary>
    private readonly FakeFinalOutcomes _outcomes = new();

    /// <summary>
    /// The writes that change a released outcome a kept row holds beside its figures (migration 0060): a script
    /// released, recorded as released, its outcome or completion date changed, moved to another candidate, erased.
    /// </summary>
    private static IEnumerable<Write> OutcomeWrites() =>
    [
        W("a script released", async t =>
        {
            var script = await t.ScriptAsync("ben", "london", released: null);
            return Sql(t, "UPDATE MarkingScripts SET State = 'Released', ReleasedUtc = @at, CompletionDate = @on WHERE Id = @script",
                new { script, at = At(5, 1, 9), on = new DateOnly(2026, 5, 1) });
        }, "ben-e"),
        W("a released script recorded", Only(t => async () => await t.ScriptAsync("cy", "auckland", released: At(5, 2, 9))), "cy-e"),
        W("a released outcome changed", async t =>
        {
            var script = await t.ScriptAsync("cy", "auckland", released: At(5, 3, 9));
            return Sql(t, "UPDATE MarkingScripts SET FinalOutcome = 'Fail' WHERE Id = @script", new { script });
        }, "cy-e"),
        W("a released completion date changed", async t =>
        {
            var script = await t.ScriptAsync("ben", "london", released: At(5, 4, 9));
            return Sql(t, "UPDATE MarkingScripts SET CompletionDate = @on WHERE Id = @script", new { script, on = new DateOnly(2026, 5, 20) });
        }, "ben-e"),
        W("a released script moved to another candidate", async t =>
        {
            var script = await t.ScriptAsync("ada", "london", released: At(5, 5, 9));
            return Sql(t, "UPDATE MarkingScripts SET CandidateUserId = @ben WHERE Id = @script", new { script, ben = t.Id("ben") });
        }, "ada-e", "ben-e"),
        W("a released script erased", async t =>
        {
            var script = await t.ScriptAsync("cy", "auckland", released: At(5, 6, 9));
            return Sql(t, "DELETE FROM MarkingScripts WHERE Id = @script", new { script });
        }, "cy-e"),
    ];

    [Test]
    public async Task Script_MarkedButNotReleased_LeavesTheStoredRows()
    {
        var script = await ScriptAsync("ben", "london", released: null);
        var erased = await ScriptAsync("cy", "auckland", released: null);
        await FillAsync(Later);

        // An assessor's and a moderator's work before release, and an unreleased script erased: no outcome to report.
        await Data.ExecuteAsync("UPDATE MarkingScripts SET FinalOutcome = 'Fail', ModeratorOutcome = 'Fail', State = 'ReadyForRelease' WHERE Id = @script", new { script });
        await Data.ExecuteAsync("DELETE FROM MarkingScripts WHERE Id = @erased", new { erased });

        Assert.That(await StoredAsync("ben-e", "cy-e"), Is.EqualTo(2));
        await AssertReportIsLiveAsync(Later);
    }

    [Test]
    public async Task Page_OfKeptRows_ShowsTheirKeptOutcomes_AndAsksTheSourceOnlyForTheRowsComputedLive()
    {
        _outcomes.Outcomes[Id("ada-e")] = new FinalOutcome(Id("ada-e"), OutcomeState.Passed, new DateOnly(2026, 5, 15), At(5, 15, 9));
        _outcomes.Outcomes[Id("ben-e")] = new FinalOutcome(Id("ben-e"), OutcomeState.Failed, new DateOnly(2026, 5, 16), At(5, 16, 9));
        try
        {
            // Kept afresh: the fake source changes no script, so rows kept before these outcomes would not know them.
            await Data.ExecuteAsync("DELETE FROM EnrolmentFigures");
            await FillAsync(Later);
            _outcomes.Asked.Clear();

            var kept = await Report().GetPageAsync(Provider, new CompletionFilter(), 1, 25, Later);

            Assert.That(_outcomes.Asked, Is.Empty, "every row kept: no outcome asked for");
            var ada = kept.Rows.Single(r => r.EnrolmentId == Id("ada-e"));
            Assert.That((ada.Outcome, ada.CompletionDate), Is.EqualTo(((OutcomeState?)OutcomeState.Passed, (DateOnly?)new DateOnly(2026, 5, 15))));
            var ben = kept.Rows.Single(r => r.EnrolmentId == Id("ben-e"));
            Assert.That((ben.Outcome, ben.CompletionDate), Is.EqualTo(((OutcomeState?)OutcomeState.Failed, (DateOnly?)new DateOnly(2026, 5, 16))));
            Assert.That(kept.Rows.Where(r => r.EnrolmentId != Id("ada-e") && r.EnrolmentId != Id("ben-e")).Select(r => r.Outcome), Is.All.Null);

            // Ben's row goes (a write to one of his figures): his row is computed live, and only his outcome asked for.
            await Data.SegmentAsync(Id("s1"), Id("ben"), At(3, 2, 10), At(3, 2, 11));
            var mixed = await Report().GetPageAsync(Provider, new CompletionFilter(), 1, 25, Later);

            Assert.That(_outcomes.Asked, Is.EqualTo(new[] { Id("ben-e") }));
            Assert.That(mixed.Rows, Is.EqualTo(kept.Rows.Select(r => r.EnrolmentId == Id("ben-e") ? mixed.Rows.Single(m => m.EnrolmentId == r.EnrolmentId) : r)));
            Assert.That(mixed.Rows.Single(r => r.EnrolmentId == Id("ben-e")).Outcome, Is.EqualTo(OutcomeState.Failed));
            await AssertReportIsLiveAsync(Later);
        }
        finally
        {
            _outcomes.Outcomes.Clear();
            await Data.ExecuteAsync("DELETE FROM EnrolmentFigures");
        }
    }

    /// <summary>
    /// While an earlier build runs beside this one (a rolling deploy after migration 0060), its figures job stores rows
    /// without the outcome: such a store (the claim cleared, the format left at 0) is deleted as it is made, so the row is
    /// computed live and picked again; this build's store is kept, marked with its format.
    /// </summary>
    [Test]
    public async Task Store_ByAnEarlierBuild_IsNotKept()
    {
        await FillAsync(Later);
        await Store().ClaimAsync([Id("ada-e")], 5);

        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET SessionsCounted = 1, MentorName = 'Mo', Claim = NULL WHERE EnrolmentId = @id AND Claim = 5", new { id = Id("ada-e") });

        Assert.That(await StoredAsync("ada-e"), Is.Zero);
        Assert.That(await Store().PickAsync(100, Later), Is.EqualTo(new[] { Id("ada-e") }));
        await AssertReportIsLiveAsync(Later);
        await FillAsync(Later);
        Assert.That(await StoredAsync("ada-e"), Is.EqualTo(1), "this build's store is kept");
        Assert.That(await Data.ScalarAsync("SELECT Format FROM EnrolmentFigures WHERE EnrolmentId = @id", new { id = Id("ada-e") }), Is.EqualTo(EnrolmentFiguresRepository.KeptFormat));
    }

    /// <summary>A final-assessment script of a new final task's submission by <paramref name="candidate"/> in
    /// <paramref name="cohort"/>, passed and released at <paramref name="released"/> (not released when null).</summary>
    private async Task<int> ScriptAsync(string candidate, string cohort, DateTime? released)
    {
        var task = await Data.TaskAsync(Id("course"), Id(cohort), new DateOnly(2026, 4, 30), kind: "Final");
        var submission = await Data.SubmitAsync(task, Id(candidate), Id(cohort), At(4, 20, 9));
        return await Data.ScriptAsync(task, submission, Id(candidate), Id(cohort), "Pass", released);
    }
}
