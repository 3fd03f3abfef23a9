using Dapper;
using Npq.Core.Materials;
using Npq.Core.Portfolio;
using Npq.Data.Materials;
using Npq.Data.Portfolio;
using Npq.Tests.Builders;
using Npq.Tests.Data.Webinars;

namespace Npq.Tests.Data.Materials;

/// <summary>The progress upserts (one statement each), attempts, the study reads, and a cohort's release rows, on each database.</summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class StudyRepositoryTests<TDatabase> : DatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime T1 = new(2026, 10, 20, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime T2 = T1.AddMinutes(5);
    private static readonly DateTime T3 = T1.AddMinutes(10);

    private async Task<(int CohortId, int Candidate, int Mentor, int ModuleId, int VideoId, int CheckId, int ReflectionId)> ArrangeAsync()
    {
        var (cohortId, candidate, mentor) = await WebinarsData.CohortAsync(Db);
        var programmes = new ProgrammeRepository(Db, ProgrammeCaching.Remembering());
        var courseId = (await programmes.GetCohortAsync(cohortId))!.CourseId;
        var build = new MaterialsBuilder(programmes);
        var moduleId = await build.ModuleAsync(courseId, "Module 1");
        var video = await build.ItemAsync(moduleId, ItemKind.Video, "Video");
        var check = await build.CheckAsync(moduleId, "Check");
        var reflection = await build.ReflectionAsync(moduleId, "Reflect", "What did you notice?");
        return (cohortId, candidate, mentor, moduleId, video, check, reflection);
    }

    [Test]
    public async Task VideoProgress_ReportsAtOnce_NeverLoseEachOthersSeconds()
    {
        var w = await ArrangeAsync();
        var repository = new StudyRepository(Db);

        // Twenty reports of one second each, at once (as from two tabs and a slow network): each merges what it reads.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(second => Task.Run(() => repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.VideoId, t =>
            new VideoProgress(w.Candidate, w.VideoId, second + 1, 20, VideoWatch.Merge(t.Progress?.WatchedMap, 20, [(second, second + 1)]), false, T1)))));

        var saved = (await repository.GetItemProgressAsync(w.Candidate, w.VideoId))!;
        Assert.That(VideoWatch.PercentWatched(saved.WatchedMap, 20), Is.EqualTo(100), "every report's second is in the saved map");
    }

    [Test]
    public async Task VideoProgress_UpsertsOneRow_CompletionAndItsFirstTimeStay()
    {
        var w = await ArrangeAsync();
        var repository = new StudyRepository(Db);

        StudyTarget? seen = null;
        await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.VideoId, t => { seen = t; return new VideoProgress(w.Candidate, w.VideoId, 12.5, 60, "AAA=", false, T1); });
        var first = (await repository.GetItemProgressAsync(w.Candidate, w.VideoId))!;
        Assert.That(seen!.Progress, Is.Null, "the first report reads no progress");
        await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.VideoId, t => { seen = t; return new VideoProgress(w.Candidate, w.VideoId, 20, 60, "AP8=", false, T1); });
        Assert.That((seen!.Progress!.WatchedMap, seen.Progress.PositionSeconds), Is.EqualTo(("AAA=", (double?)12.5)), "the next report reads what the first saved");
        await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.VideoId, t => { seen = t; return new VideoProgress(w.Candidate, w.VideoId, 58, 60, "//8=", true, T2); });
        Assert.That((seen!.Progress!.WatchedMap, seen.Progress.PositionSeconds, seen.Progress.IsComplete), Is.EqualTo(("AP8=", (double?)20, false)), "a report that leaves completion as it was still saves its seconds");
        await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.VideoId, _ => new VideoProgress(w.Candidate, w.VideoId, 3, 60, "//8=", false, T3));
        var last = (await repository.GetItemProgressAsync(w.Candidate, w.VideoId))!;

        Assert.That((first.IsComplete, first.PositionSeconds, first.DurationSeconds, first.WatchedMap, first.CompletedUtc), Is.EqualTo((false, (double?)12.5, (double?)60, "AAA=", (DateTime?)null)));
        Assert.That((last.IsComplete, last.PositionSeconds, last.CompletedUtc, last.UpdatedUtc), Is.EqualTo((true, (double?)3, (DateTime?)T2, T3)), "complete stays; position moves on");
        Assert.That(last.CompletedUtc!.Value.Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public async Task MarkComplete_Twice_KeepsTheFirstTime()
    {
        var w = await ArrangeAsync();
        var repository = new StudyRepository(Db);

        await repository.MarkCompleteAsync(w.Candidate, w.VideoId, T1);
        await repository.MarkCompleteAsync(w.Candidate, w.VideoId, T2);

        var progress = (await repository.GetItemProgressAsync(w.Candidate, w.VideoId))!;
        Assert.That((progress.IsComplete, progress.CompletedUtc, progress.UpdatedUtc), Is.EqualTo((true, (DateTime?)T1, T2)));
    }

    [Test]
    public async Task Attempts_CountEach_KeepTheBest_CompleteOncePassed_LatestReadBack()
    {
        var w = await ArrangeAsync();
        var repository = new StudyRepository(Db);

        await repository.AddAttemptAsync(new KnowledgeCheckAttempt(0, w.CheckId, w.Candidate, 50, """{"q1":["t"]}""", T1), passed: false);
        var afterFail = (await repository.GetItemProgressAsync(w.Candidate, w.CheckId))!;
        await repository.AddAttemptAsync(new KnowledgeCheckAttempt(0, w.CheckId, w.Candidate, 100, """{"q1":["t"],"q2":["b"]}""", T2), passed: true);
        var latestId = await repository.AddAttemptAsync(new KnowledgeCheckAttempt(0, w.CheckId, w.Candidate, 0, "{}", T3), passed: false);
        var progress = (await repository.GetItemProgressAsync(w.Candidate, w.CheckId))!;
        var latest = (await repository.GetLatestAttemptAsync(w.Candidate, w.CheckId))!;

        Assert.That((afterFail.IsComplete, afterFail.BestScorePercent, afterFail.Attempts), Is.EqualTo((false, (int?)50, 1)));
        Assert.That((progress.IsComplete, progress.BestScorePercent, progress.Attempts, progress.CompletedUtc), Is.EqualTo((true, (int?)100, 3, (DateTime?)T2)));
        Assert.That((latest.Id, latest.ScorePercent, latest.SubmittedUtc), Is.EqualTo((latestId, 0, T3)));
        Assert.That(await repository.GetLatestAttemptAsync(w.Mentor, w.CheckId), Is.Null, "someone else's attempts are not theirs");
    }

    [Test]
    public async Task ReflectionEvidence_IsLinked_AndCompletes()
    {
        var w = await ArrangeAsync();
        var repository = new StudyRepository(Db);
        var evidenceId = await new EvidenceRepository(Db).CreateAsync(new EvidenceItem { CandidateUserId = w.Candidate, Title = "Reflect", EvidenceDate = new DateOnly(2026, 10, 20), CreatedUtc = T1, UpdatedUtc = T1 }, w.Candidate);

        await repository.SetReflectionEvidenceAsync(w.Candidate, w.ReflectionId, evidenceId, T1);

        var progress = (await repository.GetItemProgressAsync(w.Candidate, w.ReflectionId))!;
        Assert.That((progress.IsComplete, progress.EvidenceId, progress.CompletedUtc), Is.EqualTo((true, (int?)evidenceId, (DateTime?)T1)));
    }

    [Test]
    public async Task StudyReads_CohortReleasesProgressAndTarget_OnlyForTheCohortsCourse()
    {
        var w = await ArrangeAsync();
        var other = await ArrangeAsync();
        var repository = new StudyRepository(Db);
        await new ReleaseRepository(Db).SetOpensOnAsync(w.CohortId, w.ModuleId, new DateOnly(2026, 10, 5));
        await repository.MarkCompleteAsync(w.Candidate, w.VideoId, T1);
        await repository.MarkCompleteAsync(w.Candidate, other.VideoId, T1);

        var study = (await repository.GetCohortStudyAsync(w.Candidate, w.CohortId))!;
        var target = (await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.VideoId, _ => null))!;
        var notStarted = (await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.CheckId, _ => null))!;

        Assert.That(study.Cohort.TimeZone, Is.EqualTo("Asia/Dubai"));
        Assert.That(study.Releases[w.ModuleId].OpensOn, Is.EqualTo(new DateOnly(2026, 10, 5)));
        Assert.That(study.Progress.Keys, Is.EqualTo(new[] { w.VideoId }), "progress on another course's items is not this cohort's");
        Assert.That((target.Kind, target.State, target.ModuleId, target.Progress!.IsComplete), Is.EqualTo((ItemKind.Video, ItemState.Published, w.ModuleId, true)));
        Assert.That((notStarted.Kind, notStarted.Progress), Is.EqualTo((ItemKind.KnowledgeCheck, (ItemProgress?)null)));
        Assert.That(await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, other.VideoId, _ => null), Is.Null, "another course's item");
        Assert.That(await repository.SaveVideoProgressAsync(other.Candidate, w.CohortId, w.VideoId, _ => null), Is.Null, "a candidate of another cohort");
        Assert.That(await repository.GetCohortStudyAsync(w.Candidate, -1), Is.Null);
    }

    [Test]
    public async Task StudyCohorts_LeaveOutWithdrawnEnrolments()
    {
        var w = await ArrangeAsync();
        var repository = new StudyRepository(Db);
        Assert.That((await repository.GetStudyCohortsAsync(w.Candidate)).Select(c => c.CohortId), Is.EqualTo(new[] { w.CohortId }));

        await using (var connection = await Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE Enrolments SET TrainingStatus = 'Withdrawn' WHERE CandidateUserId = @candidate", new { candidate = w.Candidate });
        }

        Assert.That(await repository.GetStudyCohortsAsync(w.Candidate), Is.Empty);
        var called = false;
        Assert.That(await repository.SaveVideoProgressAsync(w.Candidate, w.CohortId, w.VideoId, _ => { called = true; return null; }), Is.Null, "a withdrawn candidate's report finds nothing");
        Assert.That(called, Is.False);
    }

    [Test]
    public async Task Releases_DateEarlyOpeningAndUndo_ReadBackExactly()
    {
        var w = await ArrangeAsync();
        var releases = new ReleaseRepository(Db);
        var programmes = new ProgrammeRepository(Db, ProgrammeCaching.Remembering());

        await releases.OpenEarlyAsync(w.CohortId, w.ModuleId, w.Mentor, T1);
        await releases.SetOpensOnAsync(w.CohortId, w.ModuleId, new DateOnly(2026, 12, 31));
        var opened = (await programmes.GetReleasesAsync(w.CohortId))[w.ModuleId];
        await releases.UndoEarlyAsync(w.CohortId, w.ModuleId);
        await releases.SetOpensOnAsync(w.CohortId, w.ModuleId, new DateOnly(2027, 1, 1));
        var undone = (await programmes.GetReleasesAsync(w.CohortId))[w.ModuleId];
        await releases.SetOpensOnAsync(w.CohortId, w.ModuleId, null);
        var cleared = (await programmes.GetReleasesAsync(w.CohortId))[w.ModuleId];

        Assert.That(opened, Is.EqualTo(new ModuleRelease(w.CohortId, w.ModuleId, new DateOnly(2026, 12, 31), T1, w.Mentor)));
        Assert.That(undone, Is.EqualTo(new ModuleRelease(w.CohortId, w.ModuleId, new DateOnly(2027, 1, 1), null, null)));
        Assert.That(cleared.OpensOn, Is.Null);
    }
}
