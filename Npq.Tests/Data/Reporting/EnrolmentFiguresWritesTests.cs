using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The completion figures kept per enrolment (migration 0034) on each provider: filled, they read as the figures
/// computed live; every kind of write that changes a figure deletes the rows it affects (the triggers), after which
/// the report still reads exactly the live figures; writes that change no figure leave the rows alone.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed partial class EnrolmentFiguresWritesTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    private static readonly DateTime Later = new(2026, 5, 30, 12, 0, 0, DateTimeKind.Utc);
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

    private int Id(string name) => _ids[name];

    private CompletionReportRepository Report() => new(Db, Frameworks, [_outcomes]);

    private EnrolmentFiguresRepository Store() => new(Db, Frameworks, [_outcomes]);

    private ReportScope Provider => ReportScope.ForProvider(ProviderId);

    [OneTimeSetUp]
    public async Task World()
    {
        var mentor = await Data.UserAsync("mo@figures.example", "Mo Mentor", Roles.Mentor);
        var ada = await Data.UserAsync("ada@figures.example", "Ada Figures", Roles.Candidate);
        var ben = await Data.UserAsync("ben@figures.example", "Ben Figures", Roles.Candidate);
        var cy = await Data.UserAsync("cy@figures.example", "Cy Figures", Roles.Candidate);
        var dan = await Data.UserAsync("dan@figures.example", "Dan Figures", Roles.Candidate);
        var course = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        var other = await Data.CourseAsync("npq-headship", leadership: true);
        var london = await Data.CohortAsync(course, "London Cohort");
        var auckland = await Data.CohortAsync(course, "Auckland Cohort", timeZone: "Pacific/Auckland");
        var elsewhere = await Data.CohortAsync(other, "Other Cohort");
        _ids["mentor"] = mentor;
        _ids["ada"] = ada;
        _ids["ben"] = ben;
        _ids["cy"] = cy;
        _ids["dan"] = dan;
        _ids["course"] = course;
        _ids["other"] = other;
        _ids["london"] = london;
        _ids["auckland"] = auckland;
        _ids["elsewhere"] = elsewhere;
        _ids["ada-e"] = await Data.EnrolAsync(london, ada, mentor);
        _ids["ben-e"] = await Data.EnrolAsync(london, ben, mentor);
        _ids["cy-e"] = await Data.EnrolAsync(auckland, cy, mentor);
        _ids["dan-e"] = await Data.EnrolAsync(elsewhere, dan, null);

        var s1 = await Data.SessionAsync(london, At(3, 2, 10));
        _ids["s1"] = s1;
        await Data.SessionAsync(auckland, At(3, 3, 10));
        await Data.SegmentAsync(s1, ada, At(3, 2, 10), At(3, 2, 11));
        await Data.MarkAsync(await Data.SessionAsync(london, At(3, 9, 10)), ada, "Absent", mentor);
        await Data.EvidenceAsync(ada, At(2, 1, 12), draft: false, Data.StatementIds[0], Data.StatementIds[1]);
        var t1 = await Data.TaskAsync(course, london, new DateOnly(2026, 3, 10));
        await Data.TaskAsync(course, auckland, new DateOnly(2026, 4, 10));
        await Data.SubmitAsync(t1, ada, london, At(3, 10, 17));
        await Data.ProgressAsync(ada, london, mentor, At(3, 1, 9), ("a", "Developing"), ("b", "Developing"));
        var module = await Data.ModuleAsync(course);
        _ids["module"] = module;
        var item = await Data.ItemAsync(module);
        await Data.ItemAsync(module, "Draft");
        await Data.MaterialProgressAsync(ada, item, complete: true);
    }

    /// <summary>A write after the figures are stored: what it arranges before they are stored, what it does, whose row it must delete.</summary>
    public sealed record Write(string Name, Func<EnrolmentFiguresWritesTests<TDatabase>, Task<Func<Task>>> Arrange, params string[] Deletes)
    {
        public override string ToString() => Name;
    }

    private static Write W(string name, Func<EnrolmentFiguresWritesTests<TDatabase>, Task<Func<Task>>> arrange, params string[] deletes) => new(name, arrange, deletes);

    /// <summary>A write that needs nothing arranged first.</summary>
    private static Func<EnrolmentFiguresWritesTests<TDatabase>, Task<Func<Task>>> Only(Func<EnrolmentFiguresWritesTests<TDatabase>, Func<Task>> act) => t => Task.FromResult(act(t));

    private static Func<Task> Sql(EnrolmentFiguresWritesTests<TDatabase> t, string sql, object? parameters = null) => () => t.Data.ExecuteAsync(sql, parameters);

    public static IEnumerable<Write> Writes() =>
    [
        W("a segment recorded", Only(t => () => t.Data.SegmentAsync(t.Id("s1"), t.Id("ben"), At(3, 2, 10), At(3, 2, 11))), "ben-e"),
        W("a segment's leaving time changed", async t =>
        {
            var id = await t.Data.SegmentAsync(t.Id("s1"), t.Id("ben"), At(3, 2, 10), At(3, 2, 10, 30));
            return Sql(t, "UPDATE AttendanceSegments SET LeaveUtc = @leave WHERE Id = @id", new { id, leave = At(3, 2, 11) });
        }, "ben-e"),
        W("a segment deleted", async t =>
        {
            var id = await t.Data.SegmentAsync(t.Id("s1"), t.Id("ben"), At(3, 2, 10), At(3, 2, 11));
            return Sql(t, "DELETE FROM AttendanceSegments WHERE Id = @id", new { id });
        }, "ben-e"),
        W("a register mark recorded", async t =>
        {
            var session = await t.Data.SessionAsync(t.Id("london"), At(3, 20, 10));
            return () => t.Data.MarkAsync(session, t.Id("ben"), "Present", t.Id("mentor"));
        }, "ben-e"),
        W("a register mark changed", async t =>
        {
            var session = await t.Data.SessionAsync(t.Id("london"), At(3, 21, 10));
            await t.Data.MarkAsync(session, t.Id("ben"), "Present", t.Id("mentor"));
            return Sql(t, "UPDATE AttendanceMarks SET Mark = 'Excused' WHERE SessionId = @session", new { session });
        }, "ben-e"),
        W("a register mark removed", async t =>
        {
            var session = await t.Data.SessionAsync(t.Id("london"), At(3, 22, 10));
            await t.Data.MarkAsync(session, t.Id("ben"), "Present", t.Id("mentor"));
            return Sql(t, "DELETE FROM AttendanceMarks WHERE SessionId = @session", new { session });
        }, "ben-e"),
        W("a session scheduled", Only(t => () => t.Data.SessionAsync(t.Id("london"), At(3, 23, 10))), "ada-e", "ben-e"),
        W("a session moved", async t =>
        {
            var session = await t.Data.SessionAsync(t.Id("auckland"), At(7, 1, 10));
            return Sql(t, "UPDATE WebinarSessions SET StartUtc = @start WHERE Id = @session", new { session, start = At(3, 24, 10) });
        }, "cy-e"),
        W("a session cancelled", async t =>
        {
            var session = await t.Data.SessionAsync(t.Id("auckland"), At(3, 25, 10));
            return Sql(t, "UPDATE WebinarSessions SET Status = 'Cancelled' WHERE Id = @session", new { session });
        }, "cy-e"),
        W("a session deleted", async t =>
        {
            var session = await t.Data.SessionAsync(t.Id("auckland"), At(3, 26, 10));
            return Sql(t, "DELETE FROM WebinarSessions WHERE Id = @session", new { session });
        }, "cy-e"),
        W("a cohort's attendance threshold changed", Only(t =>
            Sql(t, "UPDATE Cohorts SET AttendanceThresholdPercent = AttendanceThresholdPercent - 1 WHERE Id = @id", new { id = t.Id("london") })), "ada-e", "ben-e"),
        W("a cohort's time zone changed", Only(t =>
            Sql(t, "UPDATE Cohorts SET TimeZone = CASE WHEN TimeZone = 'Pacific/Auckland' THEN 'Pacific/Chatham' ELSE 'Pacific/Auckland' END WHERE Id = @id", new { id = t.Id("auckland") })), "cy-e"),
        W("a draft of evidence finished", async t =>
        {
            var id = await t.Data.EvidenceAsync(t.Id("ben"), At(2, 5, 12), draft: true, t.Data.StatementIds[3]);
            return Sql(t, "UPDATE EvidenceItems SET IsDraft = 0 WHERE Id = @id", new { id });
        }, "ben-e"),
        W("finished evidence deleted", async t =>
        {
            var id = await t.Data.EvidenceAsync(t.Id("cy"), At(2, 6, 12), draft: false);
            return Sql(t, "DELETE FROM EvidenceItems WHERE Id = @id", new { id });
        }, "cy-e"),
        W("a statement linked to evidence", async t =>
        {
            var id = await t.Data.EvidenceAsync(t.Id("cy"), At(2, 7, 12), draft: false);
            return Sql(t, "INSERT INTO EvidenceStatements (EvidenceId, StatementId) VALUES (@id, @statement)", new { id, statement = t.Data.StatementIds[4] });
        }, "cy-e"),
        W("a statement unlinked from evidence", async t =>
        {
            var id = await t.Data.EvidenceAsync(t.Id("cy"), At(2, 8, 12), draft: false, t.Data.StatementIds[5]);
            return Sql(t, "DELETE FROM EvidenceStatements WHERE EvidenceId = @id", new { id });
        }, "cy-e"),
        W("a task handed in", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("london"), new DateOnly(2026, 3, 12));
            return () => t.Data.SubmitAsync(task, t.Id("ben"), t.Id("london"), At(3, 12, 9));
        }, "ben-e"),
        W("a submission's time changed", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("london"), new DateOnly(2026, 3, 13));
            var id = await t.Data.SubmitAsync(task, t.Id("ben"), t.Id("london"), At(3, 12, 9));
            return Sql(t, "UPDATE Submissions SET SubmittedUtc = @at WHERE Id = @id", new { id, at = At(3, 20, 9) });
        }, "ben-e"),
        W("a submission deleted", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("london"), new DateOnly(2026, 3, 14));
            var id = await t.Data.SubmitAsync(task, t.Id("ben"), t.Id("london"), At(3, 12, 9));
            return Sql(t, "DELETE FROM Submissions WHERE Id = @id", new { id });
        }, "ben-e"),
        W("a task set for a cohort", Only(t => () => t.Data.TaskAsync(t.Id("course"), t.Id("auckland"), new DateOnly(2026, 3, 15))), "cy-e"),
        W("a task's due date moved", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("auckland"), new DateOnly(2026, 7, 16));
            return Sql(t, "UPDATE AssessmentTaskDates SET DueOn = @due WHERE TaskId = @task", new { task, due = new DateOnly(2026, 3, 16) });
        }, "cy-e"),
        W("a task's dates removed", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("auckland"), new DateOnly(2026, 3, 17));
            return Sql(t, "DELETE FROM AssessmentTaskDates WHERE TaskId = @task", new { task });
        }, "cy-e"),
        W("a task made the final one", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("auckland"), new DateOnly(2026, 3, 18));
            await t.Data.SubmitAsync(task, t.Id("cy"), t.Id("auckland"), At(3, 12, 9));
            return Sql(t, "UPDATE AssessmentTasks SET Kind = 'Final' WHERE Id = @task", new { task });
        }, "cy-e"),
        W("an extension granted", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("auckland"), new DateOnly(2026, 3, 19));
            return () => t.Data.ExtensionAsync(task, t.Id("cy"), new DateOnly(2026, 7, 19), t.Id("mentor"));
        }, "cy-e"),
        W("an extension moved", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("auckland"), new DateOnly(2026, 3, 20));
            await t.Data.ExtensionAsync(task, t.Id("cy"), new DateOnly(2026, 7, 20), t.Id("mentor"));
            return Sql(t, "UPDATE AssessmentTaskExtensions SET DueOn = @due WHERE TaskId = @task", new { task, due = new DateOnly(2026, 3, 21) });
        }, "cy-e"),
        W("an extension withdrawn", async t =>
        {
            var task = await t.Data.TaskAsync(t.Id("course"), t.Id("auckland"), new DateOnly(2026, 3, 22));
            await t.Data.ExtensionAsync(task, t.Id("cy"), new DateOnly(2026, 7, 22), t.Id("mentor"));
            return Sql(t, "DELETE FROM AssessmentTaskExtensions WHERE TaskId = @task", new { task });
        }, "cy-e"),
        W("a progress update written", Only(t => () => t.Data.ProgressAsync(t.Id("ben"), t.Id("london"), t.Id("mentor"), At(4, 1, 9), ("a", "Emerging"))), "ben-e"),
        W("a progress update's date changed", async t =>
        {
            var id = await t.Data.ProgressAsync(t.Id("cy"), t.Id("auckland"), t.Id("mentor"), At(4, 2, 9), ("a", "Emerging"));
            return Sql(t, "UPDATE ProgressUpdates SET CreatedUtc = @at WHERE Id = @id", new { id, at = At(1, 2, 9) });
        }, "cy-e"),
        W("a progress update deleted", async t =>
        {
            var id = await t.Data.ProgressAsync(t.Id("cy"), t.Id("auckland"), t.Id("mentor"), At(4, 3, 9), ("a", "Secure"));
            return async () =>
            {
                await t.Data.ExecuteAsync("DELETE FROM ProgressRatings WHERE ProgressUpdateId = @id", new { id });
                await t.Data.ExecuteAsync("DELETE FROM ProgressUpdates WHERE Id = @id", new { id });
            };
        }, "cy-e"),
        W("a rating changed", async t =>
        {
            var id = await t.Data.ProgressAsync(t.Id("cy"), t.Id("auckland"), t.Id("mentor"), At(5, 4, 9), ("a", "Emerging"));
            return Sql(t, "UPDATE ProgressRatings SET Rating = 'Secure' WHERE ProgressUpdateId = @id", new { id });
        }, "cy-e"),
        W("a material completed", async t =>
        {
            var item = await t.Data.ItemAsync(t.Id("module"));
            await t.Data.MaterialProgressAsync(t.Id("ben"), item, complete: false);
            return Sql(t, "UPDATE MaterialProgress SET IsComplete = 1 WHERE ItemId = @item", new { item });
        }, "ben-e"),
        W("a material's completion removed", async t =>
        {
            var item = await t.Data.ItemAsync(t.Id("module"));
            await t.Data.MaterialProgressAsync(t.Id("cy"), item, complete: true);
            return Sql(t, "DELETE FROM MaterialProgress WHERE ItemId = @item", new { item });
        }, "cy-e"),
        W("a material published", async t =>
        {
            var item = await t.Data.ItemAsync(t.Id("module"), "Draft");
            return Sql(t, "UPDATE MaterialItems SET State = 'Published' WHERE Id = @item", new { item });
        }, "ada-e", "ben-e", "cy-e"),
        W("a published material deleted", async t =>
        {
            var item = await t.Data.ItemAsync(t.Id("module"));
            return Sql(t, "DELETE FROM MaterialItems WHERE Id = @item", new { item });
        }, "ada-e", "ben-e", "cy-e"),
        W("a material moved to another course's module", async t =>
        {
            var item = await t.Data.ItemAsync(t.Id("module"));
            var module = await t.Data.ModuleAsync(t.Id("other"));
            return Sql(t, "UPDATE MaterialItems SET ModuleId = @module WHERE Id = @item", new { item, module });
        }, "ada-e", "dan-e"),
        W("a module moved to another course", async t =>
        {
            var module = await t.Data.ModuleAsync(t.Id("other"));
            await t.Data.ItemAsync(module);
            return Sql(t, "UPDATE MaterialModules SET CourseId = @course WHERE Id = @module", new { module, course = t.Id("course") });
        }, "ada-e", "dan-e"),
        W("an enrolment moved to another cohort", async t =>
        {
            var user = await t.Data.UserAsync($"moving{Guid.NewGuid():N}@figures.example", "Moving Figures", Roles.Candidate);
            var id = await t.Data.EnrolAsync(t.Id("london"), user, null);
            t._ids["moving-e"] = id;
            return Sql(t, "UPDATE Enrolments SET CohortId = @cohort WHERE Id = @id", new { id, cohort = t.Id("auckland") });
        }, "moving-e"),
        .. NameWrites(),
        .. OutcomeWrites(),
    ];

    [TestCaseSource(nameof(Writes))]
    public async Task Write_ThatChangesAFigure_DeletesTheStoredRowsAndTheReportReadsTheLiveFigures(Write write)
    {
        var act = await write.Arrange(this);
        await FillAsync(Later);
        Assert.That(await StoredAsync(write.Deletes), Is.EqualTo(write.Deletes.Length), "stored before the write");

        await act();

        Assert.That(await StoredAsync(write.Deletes), Is.Zero, "the write deleted the rows it changed");
        await AssertReportIsLiveAsync(Later);
    }

    [Test]
    public async Task Write_ThatChangesNoFigure_LeavesTheStoredRows()
    {
        var item = await Data.ItemAsync(Id("module"));
        await Data.MaterialProgressAsync(Id("ben"), item, complete: true);
        var evidence = await Data.EvidenceAsync(Id("ben"), At(2, 9, 12), draft: false, Data.StatementIds[6]);
        await FillAsync(Later);

        // A video's position reported (the hot path) on a finished item, an evidence item's text edited, a status changed.
        await Data.ExecuteAsync("UPDATE MaterialProgress SET PositionSeconds = 42, DurationSeconds = 60, IsComplete = 1 WHERE ItemId = @item", new { item });
        await Data.ExecuteAsync("UPDATE EvidenceItems SET Reflection = 'Edited' WHERE Id = @evidence", new { evidence });
        await Data.ExecuteAsync("UPDATE Enrolments SET TrainingStatus = 'Deferred' WHERE Id = @id", new { id = Id("ben-e") });


        Assert.That(await StoredAsync("ben-e"), Is.EqualTo(1));
        await AssertReportIsLiveAsync(Later);
    }

    [Test]
    public async Task Enrolment_Deleted_ItsStoredRowGoes()
    {
        var user = await Data.UserAsync("leaving@figures.example", "Leaving Figures", Roles.Candidate);
        _ids["leaving-e"] = await Data.EnrolAsync(Id("elsewhere"), user, null);
        await FillAsync(Later);
        Assert.That(await StoredAsync("leaving-e"), Is.EqualTo(1));

        await Data.ExecuteAsync("DELETE FROM Enrolments WHERE Id = @id", new { id = Id("leaving-e") });

        Assert.That(await StoredAsync("leaving-e"), Is.Zero);
    }

    [Test]
    public async Task Store_AWriteBetweenClaimAndStore_ThatRowIsNotStored()
    {
        var store = Store();
        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures");
        var ids = await store.PickAsync(100, Later);
        await store.ClaimAsync(ids, 7);
        var figures = await store.ComputeAsync(ids, Later);

        await Data.SegmentAsync(Id("s1"), Id("cy"), At(3, 2, 10), At(3, 2, 11));
        var stored = await store.StoreAsync(figures, 7);

        Assert.That(stored, Is.EqualTo(ids.Count - 1));
        Assert.That(await StoredAsync("cy-e"), Is.Zero, "cy's figures from before the write were dropped");
        Assert.That(await store.PickAsync(100, Later), Is.EqualTo(new[] { Id("cy-e") }), "and are picked again");
        await AssertReportIsLiveAsync(Later);
    }

    /// <summary>
    /// Each kind of row the job computes again is picked, read from its own index (migration 0052), and a kept row of
    /// none of those kinds is not: absent, claimed and abandoned, kept but its sort keys not (after 0045), not yet
    /// counted (kept before 0049), counted against no framework or another framework text.
    /// </summary>
    [Test]
    public async Task Pick_EachKindOfRowToComputeAgain_PickedAndNoOther()
    {
        var store = Store();
        await FillAsync(Later);
        Assert.That(await store.PickAsync(100, Later), Is.Empty, "every row kept and fresh");

        await Data.ExecuteAsync("DELETE FROM EnrolmentFigures WHERE EnrolmentId = @id", new { id = Id("ada-e") });
        await store.ClaimAsync([Id("ben-e")], 4);
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET ModulesTotal = NULL WHERE EnrolmentId = @id", new { id = Id("cy-e") });
        Assert.That(await store.PickAsync(100, Later), Is.EqualTo(new[] { Id("ada-e"), Id("ben-e"), Id("cy-e") }));
        Assert.That(await store.PickAsync(2, Later), Is.EqualTo(new[] { Id("ada-e"), Id("ben-e") }), "the first of them by id, as many as asked");
        await FillAsync(Later);

        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET FrameworkCoveredOf = NULL WHERE EnrolmentId = @id", new { id = Id("ada-e") });
        await Data.ExecuteAsync("UPDATE EnrolmentFigures SET FrameworkCoveredOf = 'npqsl:0000' WHERE EnrolmentId = @id", new { id = Id("cy-e") });
        await Data.ExecuteAsync("UPDATE EnrolmentSortKeys SET SessionsCounted = NULL WHERE EnrolmentId = @id", new { id = Id("dan-e") });
        Assert.That(await store.PickAsync(100, Later), Is.EqualTo(new[] { Id("ada-e"), Id("cy-e"), Id("dan-e") }));
        await FillAsync(Later);
        Assert.That(await store.PickAsync(100, Later), Is.Empty, "all computed again");
    }

    [Test]
    public async Task Report_ClaimedRows_ComputedLive()
    {
        await FillAsync(Later);
        await Store().ClaimAsync([Id("ada-e"), Id("ben-e")], 9);
        await Data.SegmentAsync(Id("s1"), Id("ben"), At(3, 2, 10, 5), At(3, 2, 11));

        await AssertReportIsLiveAsync(Later);
    }

    private async Task FillAsync(DateTime now)
    {
        var store = Store();
        for (var ids = await store.PickAsync(500, now); ids.Count > 0; ids = await store.PickAsync(500, now))
        {
            await store.ClaimAsync(ids, 1);
            var stored = await store.StoreAsync(await store.ComputeAsync(ids, now), 1);
            Assert.That(stored, Is.EqualTo(ids.Count));
        }
    }

    private Task<int> StoredAsync(params string[] enrolments) =>
        Data.ScalarAsync("SELECT COUNT(*) FROM EnrolmentFigures WHERE Claim IS NULL AND EnrolmentId IN @ids", new { ids = enrolments.Select(Id).ToList() });

    /// <summary>Every row of the report, streamed and paged in every sort, as computed live (outcome too) at <paramref name="now"/>.</summary>
    private async Task AssertReportIsLiveAsync(DateTime now)
    {
        var report = Report();
        var streamed = await ToListAsync(report.StreamAsync(Provider, new CompletionFilter(), now));
        var live = (await Store().ComputeAsync(streamed.Select(r => r.EnrolmentId).ToList(), now)).ToDictionary(f => f.Row.EnrolmentId, f => f.Row);
        Assert.That(streamed, Is.EqualTo(streamed.Select(r => live[r.EnrolmentId])));
        foreach (var sort in Enum.GetValues<CompletionSort>())
        {
            var filter = new CompletionFilter { Sort = sort, Descending = true };
            var page = await report.GetPageAsync(Provider, filter, 1, 500, now);
            var expected = await ToListAsync(report.StreamAsync(Provider, filter, now));
            Assert.That(page.Rows, Is.EqualTo(expected), sort.ToString());
        }
    }
}
