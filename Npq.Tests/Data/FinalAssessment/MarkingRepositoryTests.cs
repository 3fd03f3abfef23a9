using Dapper;
using Npq.Core.FinalAssessment;
using Npq.Core.Portfolio;
using Npq.Data.Portfolio;

namespace Npq.Tests.Data.FinalAssessment;

/// <summary>The marking repository's contract, on every provider: it reads scripts with their names, and writes what the use cases decided, guarded by Version.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class MarkingRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Now = AssessmentWorld.Now;

    [Test]
    public async Task EnsureScripts_OnePerSubmittedAttempt_ReadBackWithNamesAndCohortFacts_Idempotent()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        var submissionId = await world.SubmitAsync("one two three");

        var opened = await world.Marking.EnsureScriptsAsync(world.CohortId, Now);
        var again = await world.Marking.EnsureScriptsAsync(world.CohortId, Now);
        var script = (await world.Marking.GetScriptsForCohortAsync(world.CohortId)).Single();

        Assert.That((opened, again), Is.EqualTo((1, 0)));
        Assert.That(script.Reference, Is.EqualTo(MarkingScript.ReferenceFor(script.Id)));
        Assert.That((script.SubmissionId, script.TaskId, script.CandidateUserId, script.State, script.Version),
            Is.EqualTo((submissionId, world.TaskId, world.Candidate, MarkingState.NotMarked, 1)));
        Assert.That((script.CandidateName, script.CohortName, script.CohortZone, script.CourseId, script.Attempt, script.WordCount),
            Is.EqualTo(("Amira Haddad", "Dubai", "Asia/Dubai", world.CourseId, 1, 3)));
        Assert.That(script.SubmittedUtc, Is.EqualTo(Now));
        Assert.That(script.SubmittedUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(await world.Marking.GetScriptAsync(script.Id), Is.EqualTo(script));
        Assert.That(await world.Marking.GetScriptsForCandidateAsync(world.Candidate), Is.EqualTo(new[] { script }));

        // The outcomes board's page (issue 23): a page of scripts, the counts by state, a script's place in the list.
        var other = await AssessmentWorld.CreateAsync(Db);
        Assert.That(await world.Marking.GetScriptsPageForCohortAsync(world.CohortId, 0, 25), Is.EqualTo(new[] { script }));
        Assert.That(await world.Marking.GetScriptsPageForCohortAsync(world.CohortId, 1, 25), Is.Empty);
        Assert.That(await world.Marking.GetStateCountsAsync(world.CohortId), Is.EqualTo(new Dictionary<MarkingState, int> { [MarkingState.NotMarked] = 1 }));
        Assert.That(await world.Marking.GetScriptPositionAsync(world.CohortId, script.Id), Is.EqualTo(0));
        var acrossCohorts = await world.Marking.GetStateCountsForCohortsAsync([world.CohortId, other.CohortId]);
        Assert.That(acrossCohorts.Keys, Is.EqualTo(new[] { world.CohortId }), "a cohort with no scripts is left out");
        Assert.That(acrossCohorts[world.CohortId], Is.EqualTo(new Dictionary<MarkingState, int> { [MarkingState.NotMarked] = 1 }));
        Assert.That(await world.Marking.GetStateCountsForCohortsAsync([]), Is.Empty);
        Assert.That(await world.Marking.GetScriptPositionAsync(other.CohortId, script.Id), Is.Null, "another cohort's script has no place in this one");
    }

    /// <summary>
    /// The scripts counted per cohort and state (migration 0053, issue 23) are kept by the database's triggers: after a
    /// script is opened, changes state, has another column written, moves cohort or is erased, the kept counts are the
    /// scripts counted, and the outcomes page and a cohort's board read them.
    /// </summary>
    [Test]
    public async Task StateCounts_KeptThroughEveryWriteToAScript_AreTheScriptsCounted()
    {
        var first = await AssessmentWorld.CreateAsync(Db);
        var second = await AssessmentWorld.CreateAsync(Db);
        await first.SubmitAsync();
        await second.SubmitAsync();
        var one = (await first.ScriptAsync()).Id;
        var two = (await second.ScriptAsync()).Id;
        var cohorts = new[] { first.CohortId, second.CohortId };

        async Task AssertKeptAsync(string after)
        {
            await using var connection = await Db.OpenAsync();
            var counted = (await connection.QueryAsync<(int CohortId, string State, int Count)>(
                "SELECT CohortId, State, COUNT(*) FROM MarkingScripts WHERE CohortId IN @cohorts GROUP BY CohortId, State", new { cohorts })).ToList();
            var read = await first.Marking.GetStateCountsForCohortsAsync(cohorts);
            Assert.That(read.SelectMany(c => c.Value.Select(s => (c.Key, s.Key.ToString(), s.Value))),
                Is.EquivalentTo(counted), after);
            foreach (var cohort in cohorts)
            {
                Assert.That(await first.Marking.GetStateCountsAsync(cohort),
                    Is.EquivalentTo(counted.Where(c => c.CohortId == cohort).ToDictionary(c => Enum.Parse<MarkingState>(c.State), c => c.Count)), after);
            }
        }

        async Task WriteAsync(string sql, object parameters)
        {
            await using var connection = await Db.OpenForWriteAsync();
            await connection.ExecuteAsync(sql, parameters);
        }

        await AssertKeptAsync("opened");
        await WriteAsync("UPDATE MarkingScripts SET State = 'ReadyForModeration' WHERE Id = @one", new { one });
        await AssertKeptAsync("a state changed");
        await WriteAsync("UPDATE MarkingScripts SET AssessorComment = 'Clear' WHERE Id = @two", new { two });
        await AssertKeptAsync("another column written");
        await WriteAsync("UPDATE MarkingScripts SET CohortId = @cohort, State = 'Released' WHERE Id = @two", new { cohort = first.CohortId, two });
        await AssertKeptAsync("moved to another cohort");
        Assert.That(await first.Marking.GetStateCountsForCohortsAsync([second.CohortId]), Is.Empty, "a cohort whose scripts all left has none");
        await WriteAsync("DELETE FROM MarkingScripts WHERE Id = @one", new { one });
        await AssertKeptAsync("erased");
        Assert.That(await first.Marking.GetStateCountsAsync(first.CohortId), Is.EqualTo(new Dictionary<MarkingState, int> { [MarkingState.Released] = 1 }));
    }

    [Test]
    public async Task AllocateAssessorAndModerator_WriteTheDecidedState_StaleVersionLoses()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        await world.SubmitAsync();
        var script = (await world.ScriptAsync()).ToScript();

        var allocated = await world.Marking.AllocateAssessorAsync(script with { AssessorUserId = world.Tom, AllocatedUtc = Now, UpdatedUtc = Now }, 1);
        var stale = await world.Marking.AllocateAssessorAsync(script with { AssessorUserId = world.Grace, AllocatedUtc = Now, UpdatedUtc = Now }, 1);
        var read = (await world.Marking.GetScriptAsync(script.Id))!;

        Assert.That((allocated, stale), Is.EqualTo((true, false)));
        Assert.That((read.AssessorUserId, read.AssessorName, read.AllocatedUtc, read.Version), Is.EqualTo(((int?)world.Tom, "Tom Okafor", (DateTime?)Now, 2)));
        Assert.That((await world.Marking.GetAssessorPageAsync(world.Tom, moderating: false, 0, 25)).Rows.Select(s => s.Id), Is.EqualTo(new[] { script.Id }));
        Assert.That((await world.Marking.GetAssessorPageAsync(world.Grace, moderating: false, 0, 25)).Rows, Is.Empty);

        var moderated = await world.Marking.AllocateModeratorAsync(read.ToScript() with { State = MarkingState.ReadyForModeration, ModeratorUserId = world.Grace, UpdatedUtc = Now }, 2);
        var after = (await world.Marking.GetScriptAsync(script.Id))!;
        Assert.That(moderated, Is.True);
        Assert.That((after.State, after.ModeratorUserId, after.ModeratorName, after.Version), Is.EqualTo((MarkingState.ReadyForModeration, (int?)world.Grace, "Grace Lin", 3)));
        Assert.That((await world.Marking.GetAssessorPageAsync(world.Grace, moderating: true, 0, 25)).Rows.Select(s => s.Id), Is.EqualTo(new[] { script.Id }), "a moderator's list holds the script too");

        // The marking page's two paged lists (issue 23): to mark and to moderate, each with its total.
        var tomMarks = await world.Marking.GetAssessorPageAsync(world.Tom, moderating: false, 0, 25);
        var tomModerates = await world.Marking.GetAssessorPageAsync(world.Tom, moderating: true, 0, 25);
        var graceModerates = await world.Marking.GetAssessorPageAsync(world.Grace, moderating: true, 0, 25);
        var graceMarks = await world.Marking.GetAssessorPageAsync(world.Grace, moderating: false, 0, 25);
        var pastTheEnd = await world.Marking.GetAssessorPageAsync(world.Grace, moderating: true, 1, 25);
        Assert.That((tomMarks.Total, tomMarks.Rows.Select(s => s.Id)), Is.EqualTo((1, new[] { script.Id })));
        Assert.That((tomModerates.Total, tomModerates.Rows.Count), Is.EqualTo((0, 0)));
        var listed = graceModerates.Rows.Single();
        Assert.That((graceModerates.Total, listed.Id, listed.State, listed.Reference, listed.CohortId), Is.EqualTo((1, script.Id, MarkingState.ReadyForModeration, after.Reference, after.CohortId)));
        Assert.That((listed.CandidateName, listed.CohortName, listed.Attempt, listed.ModerationReason), Is.EqualTo((after.CandidateName, after.CohortName, after.Attempt, after.ModerationReason)),
            "the list's row: the names and attempt the marking page shows, read with it");
        Assert.That((graceMarks.Total, graceMarks.Rows.Count), Is.EqualTo((0, 0)));
        Assert.That((pastTheEnd.Total, pastTheEnd.Rows.Count), Is.EqualTo((1, 0)), "skipping past the end: the total, no rows");
    }

    [Test]
    public async Task AssessorMarkingAndModeration_KeepBothJudgements_AndOutcomes_StaleVersionLoses()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        await world.SubmitAsync();
        var criteria = await world.CriteriaAsync();
        var script = (await world.ScriptAsync()).ToScript() with { AssessorUserId = world.Tom };
        var marked = script with
        {
            State = MarkingState.ReadyForModeration, AssessorOutcome = MarkingOutcome.Fail, AssessorComment = "Général £", MarkedUtc = Now,
            ModerationReason = "Every proposed fail is moderated.", FinalOutcome = MarkingOutcome.Fail, UpdatedUtc = Now,
        };
        CriterionMark[] first = [new(criteria[0].Id, JudgementRole.Assessor, true, "Clear"), new(criteria[1].Id, JudgementRole.Assessor, false, "Vague")];

        var version = await world.Marking.SaveAssessorMarkingAsync(marked, first, 1);
        var stale = await world.Marking.SaveAssessorMarkingAsync(marked with { AssessorComment = "Lost" }, first, 1);
        var moderation = marked with { State = MarkingState.Moderated, ModeratorOutcome = MarkingOutcome.Pass, ModeratorComment = "Overturned", ModeratedUtc = Now, FinalOutcome = MarkingOutcome.Pass };
        CriterionMark[] second = [new(criteria[0].Id, JudgementRole.Moderator, true, "Yes"), new(criteria[1].Id, JudgementRole.Moderator, true, "Read as a whole")];
        var moderated = await world.Marking.SaveModerationAsync(moderation, second, 2);
        var read = (await world.Marking.GetScriptAsync(script.Id))!;

        Assert.That((version, stale, moderated), Is.EqualTo(((int?)2, (int?)null, (int?)3)));
        Assert.That((read.State, read.AssessorOutcome, read.AssessorComment, read.ModeratorOutcome, read.ModeratorComment, read.FinalOutcome, read.ModerationReason),
            Is.EqualTo((MarkingState.Moderated, (MarkingOutcome?)MarkingOutcome.Fail, "Général £", (MarkingOutcome?)MarkingOutcome.Pass, "Overturned", (MarkingOutcome?)MarkingOutcome.Pass,
                (string?)"Every proposed fail is moderated.")));
        Assert.That((read.MarkedUtc, read.ModeratedUtc), Is.EqualTo(((DateTime?)Now, (DateTime?)Now)));
        Assert.That(await world.Marking.GetJudgementsAsync(script.Id), Is.EquivalentTo(first.Concat(second)));
    }

    [Test]
    public async Task SaveState_WritesTheDecidedState_StaleVersionLoses()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        await world.SubmitAsync();
        var script = (await world.ScriptAsync()).ToScript();

        var saved = await world.Marking.SaveStateAsync(script with { State = MarkingState.ReadyForRelease, UpdatedUtc = Now.AddHours(1) }, 1);
        var stale = await world.Marking.SaveStateAsync(script with { State = MarkingState.Released }, 1);
        var read = (await world.Marking.GetScriptAsync(script.Id))!;

        Assert.That((saved, stale), Is.EqualTo((true, false)));
        Assert.That((read.State, read.UpdatedUtc, read.Version), Is.EqualTo((MarkingState.ReadyForRelease, Now.AddHours(1), 2)));
    }

    [Test]
    public async Task SaveRelease_WritesEveryScriptTogether_OrNoneWhenOneChangedMeanwhile()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        await world.SubmitAsync();
        var first = (await world.ScriptAsync()).ToScript();
        var completion = new DateOnly(2026, 6, 30);
        MarkingScript Released(MarkingScript s) => s with
        {
            State = MarkingState.Released, FinalOutcome = MarkingOutcome.Pass, ReleasedUtc = Now, ReleasedByUserId = world.Admin, CompletionDate = completion, UpdatedUtc = Now,
        };

        var conflict = await world.Marking.SaveReleaseAsync([Released(first), Released(first with { Version = 7 })]);
        var untouched = (await world.Marking.GetScriptAsync(first.Id))!;
        var released = await world.Marking.SaveReleaseAsync([Released(first)]);
        var read = (await world.Marking.GetScriptAsync(first.Id))!;

        Assert.That(conflict, Is.False);
        Assert.That((untouched.State, untouched.ReleasedUtc, untouched.Version), Is.EqualTo((MarkingState.NotMarked, (DateTime?)null, 1)), "rolled back: nothing written");
        Assert.That(released, Is.True);
        Assert.That((read.State, read.ReleasedUtc, read.ReleasedByUserId, read.CompletionDate, read.Version),
            Is.EqualTo((MarkingState.Released, (DateTime?)Now, (int?)world.Admin, (DateOnly?)completion, 2)));
    }

    [Test]
    public async Task Criteria_EnsuredOncePerTitle_InOrderWithStatements()
    {
        var world = await AssessmentWorld.CreateAsync(Db);

        var criteria = await world.CriteriaAsync();
        var again = await world.Marking.EnsureCriterionAsync(new AssessmentCriterion { CourseId = world.CourseId, Position = 9, Title = "Analyses the context" });

        Assert.That(criteria.Select(c => (c.Title, c.Position, c.Guidance)), Is.EqualTo(new[] { ("Analyses the context", 1, ""), ("Plans in stages", 2, "Explore, prepare.") }));
        Assert.That(criteria[0].StatementIds, Is.EqualTo(new[] { "sl-1", "sl-2" }));
        Assert.That(again, Is.EqualTo(criteria[0].Id));
        Assert.That(await world.Marking.GetCriteriaAsync(world.CourseId), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task PolicyOverrides_CourseAndCohort_ReplacedAndReadBack()
    {
        var world = await AssessmentWorld.CreateAsync(Db);

        var before = await world.Marking.GetPolicyOverridesAsync(world.CourseId, world.CohortId);
        await world.Marking.SetCoursePolicyAsync(world.CourseId, new PolicyOverrides(80, null, true));
        await world.Marking.SetCohortPolicyAsync(world.CohortId, new PolicyOverrides(null, 35, null));
        await world.Marking.SetCohortPolicyAsync(world.CohortId, new PolicyOverrides(null, 40, false));
        var after = await world.Marking.GetPolicyOverridesAsync(world.CourseId, world.CohortId);

        Assert.That(before, Is.EqualTo(((PolicyOverrides?)null, (PolicyOverrides?)null)));
        Assert.That(after, Is.EqualTo(((PolicyOverrides?)new PolicyOverrides(80, null, true), (PolicyOverrides?)new PolicyOverrides(null, 40, false))));
    }

    /// <summary>
    /// The marking list's rules for every cohort on a page in one read (issue 23): the same overrides as the one-cohort
    /// read, a missing policy as all-null overrides, an unknown cohort left out.
    /// </summary>
    [Test]
    public async Task PolicyOverridesForCohorts_EachCohortWithItsCoursesAndItsOwn_InOneRead()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        var plain = await AssessmentWorld.CreateAsync(Db);
        await world.Marking.SetCoursePolicyAsync(world.CourseId, new PolicyOverrides(80, null, true));
        await world.Marking.SetCohortPolicyAsync(world.CohortId, new PolicyOverrides(null, 40, false));

        var read = await world.Marking.GetPolicyOverridesForCohortsAsync([world.CohortId, plain.CohortId, world.CohortId, -1]);

        Assert.That(read.Keys, Is.EquivalentTo(new[] { world.CohortId, plain.CohortId }));
        Assert.That(read[world.CohortId], Is.EqualTo((new PolicyOverrides(80, null, true), new PolicyOverrides(null, 40, false))));
        Assert.That(read[plain.CohortId], Is.EqualTo((new PolicyOverrides(null, null, null), new PolicyOverrides(null, null, null))));
        Assert.That(await world.Marking.GetPolicyOverridesForCohortsAsync([]), Is.Empty);
    }

    [Test]
    public async Task CohortsPeopleAndDates_AnswerForTheRightProvider()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        var other = await AssessmentWorld.CreateAsync(Db);

        var cohort = (await world.Marking.GetCohortAsync(world.CohortId))!;

        Assert.That((cohort.Name, cohort.TimeZone, cohort.StartYear, cohort.Suffix, cohort.CourseId, cohort.CourseCode, cohort.CourseIdentifier, cohort.ProviderId),
            Is.EqualTo(("Dubai", "Asia/Dubai", 2026, "b", world.CourseId, "NPQSL", "npq-senior-leadership", world.ProviderId)));
        Assert.That((await world.Marking.GetCohortsForAdminAsync(world.Admin)).Select(c => c.Id), Is.EqualTo(new[] { world.CohortId }));
        Assert.That(await world.Marking.IsProviderAdminOfCohortAsync(world.Admin, world.CohortId), Is.True);
        Assert.That(await world.Marking.IsProviderAdminOfCohortAsync(world.Admin, other.CohortId), Is.False);
        Assert.That(await world.Marking.GetMentorIdsAsync(world.Candidate), Is.EquivalentTo(new[] { world.Mentor }));
        var mentorsOfPage = await world.Marking.GetMentorIdsForAsync([world.Candidate, world.Admin]);
        Assert.That(mentorsOfPage.Keys, Is.EqualTo(new[] { world.Candidate }), "a person with no mentor is left out");
        Assert.That(mentorsOfPage[world.Candidate], Is.EquivalentTo(new[] { world.Mentor }));
        Assert.That((await world.Marking.GetAssessorsAsync(world.ProviderId)).Select(a => a.DisplayName), Is.EqualTo(new[] { "Grace Lin", "Tom Okafor" }));
        Assert.That(await world.Marking.GetFinalTaskDatesAsync(world.CohortId),
            Is.EqualTo(new[] { new TaskDates(world.TaskId, world.CohortId, new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 8), new DateOnly(2026, 6, 8)) }));
    }

    [Test]
    public async Task RecordSources_OneBatch_ReadsWhatTheSeparateQueriesRead()
    {
        var world = await AssessmentWorld.CreateAsync(Db);
        await world.SubmitAsync("## Plan\n\nStaged, costed: £300.");
        var criteria = await world.CriteriaAsync();
        var evidence = new EvidenceRepository(Db);
        var evidenceId = await evidence.CreateAsync(new EvidenceItem
        {
            CandidateUserId = world.Candidate, Title = "Staff meeting", EvidenceDate = new DateOnly(2026, 5, 2), IsDraft = false, CreatedUtc = Now, UpdatedUtc = Now, StatementIds = ["sl-1"],
        }, world.Candidate);
        await evidence.CreateAsync(new EvidenceItem { CandidateUserId = world.Candidate, Title = "Draft", EvidenceDate = new DateOnly(2026, 5, 3), CreatedUtc = Now, UpdatedUtc = Now }, world.Candidate);
        var script = await world.ScriptAsync();
        await world.Marking.SaveAssessorMarkingAsync(script.ToScript() with { State = MarkingState.InMarking, UpdatedUtc = Now }, [new(criteria[0].Id, JudgementRole.Assessor, true, "Yes")], 1);
        script = (await world.Marking.GetScriptAsync(script.Id))!;

        var sources = (await world.Marking.GetRecordSourcesAsync(script, withEvidence: true))!;
        var blind = (await world.Marking.GetRecordSourcesAsync(script, withEvidence: false))!;

        Assert.That(evidenceId, Is.Positive);
        Assert.That(sources.Cohort, Is.EqualTo(await world.Marking.GetCohortAsync(world.CohortId)));
        Assert.That((sources.TaskTitle, sources.WordLimit, sources.Submission.Body, sources.Submission.Attempt), Is.EqualTo(("Final case study", 1500, "## Plan\n\nStaged, costed: £300.", 1)));
        Assert.That(sources.FinalTaskDates, Is.EqualTo(await world.Marking.GetFinalTaskDatesAsync(world.CohortId)));
        Assert.That(sources.Criteria.Select(c => (c.Id, c.Title)), Is.EqualTo(criteria.Select(c => (c.Id, c.Title))));
        Assert.That(sources.Judgements, Is.EqualTo(await world.Marking.GetJudgementsAsync(script.Id)));
        Assert.That(sources.ReleasedByName, Is.Null);
        Assert.That(sources.Evidence!.Select(e => (e.Title, e.Date, string.Join(",", e.StatementIds))), Is.EqualTo(new[] { ("Staff meeting", new DateOnly(2026, 5, 2), "sl-1") }), "submitted evidence only");
        Assert.That(sources.Evidence!.Select(e => e.Title), Is.EqualTo((await world.Marking.GetEvidenceIndexAsync(world.Candidate)).Select(e => e.Title)));
        Assert.That(blind.Evidence, Is.Null);
    }
}
