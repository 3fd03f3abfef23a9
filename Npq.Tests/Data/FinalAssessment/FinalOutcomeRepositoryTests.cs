using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using Npq.Core.Reporting;
using Npq.Data.Enrolment;
using Npq.Data.FinalAssessment;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.FinalAssessment;

/// <summary>The final assessment's part in reports and data rights, on every provider: released outcomes only, the latest release winning; export and erasure of the marking records.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class FinalOutcomeRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = AssessmentWorld.Now;

    /// <summary>Marks the script with the outcome (the marking writes it; its judgements kept), then releases it at <paramref name="releasedUtc"/>.</summary>
    private static async Task ReleaseAsync(AssessmentWorld world, ScriptDetails script, MarkingOutcome outcome, DateTime releasedUtc)
    {
        var marked = script.ToScript() with { State = MarkingState.ReadyForRelease, AssessorOutcome = outcome, FinalOutcome = outcome, MarkedUtc = releasedUtc, UpdatedUtc = releasedUtc };
        var judgements = (await world.Marking.GetJudgementsAsync(script.Id)).Where(j => j.Role == JudgementRole.Assessor).ToList();
        Assert.That(await world.Marking.SaveAssessorMarkingAsync(marked, judgements, script.Version), Is.Not.Null);
        Assert.That(await world.Marking.SaveReleaseAsync([marked with
        {
            State = MarkingState.Released, ReleasedUtc = releasedUtc, ReleasedByUserId = world.Admin, CompletionDate = DateOnly.FromDateTime(releasedUtc),
            Version = script.Version + 1,
        }]), Is.True);
    }

    /// <summary>A failed first attempt released, then the resubmission passed and released a day later.</summary>
    private async Task<(AssessmentWorld World, int EnrolmentId, ScriptDetails First, ScriptDetails Second)> FailThenPassAsync()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        var tasks = new TaskRepository(Db);
        await world.SubmitAsync();
        var first = await world.ScriptAsync();
        await ReleaseAsync(world, first, MarkingOutcome.Fail, Now);
        var attempt = (await tasks.GetSubmissionAsync(first.SubmissionId))!;
        await tasks.ReopenAsync(attempt, attempt.Version, null, Now, SubmissionResult.Fail);
        await world.SubmitAsync("A better answer.");
        await world.Marking.EnsureScriptsAsync(world.CohortId, Now);
        var second = (await world.Marking.GetScriptsForCandidateAsync(world.Candidate))[0];
        Assert.That(second.Attempt, Is.EqualTo(2));
        await ReleaseAsync(world, second, MarkingOutcome.Pass, Now.AddDays(1));
        var enrolmentId = (await new EnrolmentRepository(Db).GetForCandidateAsync(world.Candidate)).Single().Id;
        return (world, enrolmentId, first, second);
    }

    [Test]
    public async Task GetReleasedOutcomes_LatestReleaseWins_UnreleasedAndUnknownEnrolmentsAbsent()
    {
        var (_, enrolmentId, _, _) = await FailThenPassAsync();
        var pending = await AssessmentWorld.CreateAsync(Db);
        await pending.SubmitAsync();
        await pending.ScriptAsync();
        var pendingEnrolment = (await new EnrolmentRepository(Db).GetForCandidateAsync(pending.Candidate)).Single().Id;

        var outcomes = await new FinalOutcomeRepository(Db).GetReleasedOutcomesAsync([enrolmentId, pendingEnrolment, 999_999]);

        Assert.That(outcomes.Keys, Is.EqualTo(new[] { enrolmentId }));
        Assert.That(outcomes[enrolmentId], Is.EqualTo(new FinalOutcome(enrolmentId, OutcomeState.Passed, DateOnly.FromDateTime(Now.AddDays(1)), Now.AddDays(1))));
        Assert.That(outcomes[enrolmentId].ReleasedUtc.Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public async Task GetReleasedOutcomes_NoIds_Empty_ManyIds_AskedInChunks()
    {
        var (_, enrolmentId, _, _) = await FailThenPassAsync();
        var repository = new FinalOutcomeRepository(Db);

        var none = await repository.GetReleasedOutcomesAsync([]);
        var many = await repository.GetReleasedOutcomesAsync(Enumerable.Range(1_000_000, 2_500).Append(enrolmentId).ToList());

        Assert.That(none, Is.Empty);
        Assert.That(many.Keys, Is.EqualTo(new[] { enrolmentId }));
    }

    [Test]
    public async Task Export_OnlyReleasedScriptsAndTheirJudgements()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        var criteria = await world.CriteriaAsync();
        await world.SubmitAsync();
        var script = await world.ScriptAsync();
        await world.Marking.SaveAssessorMarkingAsync(script.ToScript() with { State = MarkingState.InMarking, AssessorComment = "Working note", UpdatedUtc = Now },
            [new(criteria[0].Id, JudgementRole.Assessor, true, "Met")], 1);
        var repository = new FinalOutcomeRepository(Db);

        var before = await repository.ExportAsync(world.Candidate);
        script = (await world.Marking.GetScriptAsync(script.Id))!;
        await ReleaseAsync(world, script, MarkingOutcome.Pass, Now);
        var after = await repository.ExportAsync(world.Candidate);

        Assert.That(before.Sections.Select(s => (s.Name, s.Rows.Count)), Is.EqualTo(new[] { ("final_assessment_outcomes", 0), ("final_assessment_judgements", 0) }),
            "before release the marks are the assessors' working notes");
        Assert.That(after.Sections.Select(s => (s.Name, s.Rows.Count)), Is.EqualTo(new[] { ("final_assessment_outcomes", 1), ("final_assessment_judgements", 1) }));
        Assert.That(after.Sections[0].Rows[0]["Reference"], Is.EqualTo(script.Reference));
        Assert.That(after.Sections[1].Rows[0]["Criterion"], Is.EqualTo("Analyses the context"));
        Assert.That(after.Files, Is.Empty);
    }

    [Test]
    public async Task Erase_RemovesEveryScriptAndJudgementOfTheCandidate_Only()
    {
        var (world, _, first, _) = await FailThenPassAsync();
        var criteria = await world.CriteriaAsync();
        var other = await AssessmentWorld.CreateAsync(Db);
        await other.SubmitAsync();
        var kept = await other.ScriptAsync();
        var released = (await world.Marking.GetScriptAsync(first.Id))!;
        await world.Marking.SaveModerationAsync(released.ToScript(), [new(criteria[0].Id, JudgementRole.Moderator, true, "Yes")], released.Version);

        var erased = await new FinalOutcomeRepository(Db).EraseAsync(world.Candidate);

        Assert.That(erased.RowsRemoved, Is.EqualTo(3), "two scripts and one judgement");
        Assert.That(await world.Marking.GetScriptsForCandidateAsync(world.Candidate), Is.Empty);
        Assert.That(await world.Marking.GetJudgementsAsync(first.Id), Is.Empty);
        Assert.That(await world.Marking.GetScriptAsync(kept.Id), Is.Not.Null);
        Assert.That(new FinalOutcomeRepository(Db).Order, Is.LessThan(int.MaxValue));
    }
}
