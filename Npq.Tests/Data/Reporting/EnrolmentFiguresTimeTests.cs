using Npq.Core.Accounts;
using Npq.Core.Reporting;
using Npq.Data.Reporting;
using Npq.Tests.Web.Reporting;
using static Npq.Tests.Core.Reporting.ReportingFakes;

namespace Npq.Tests.Data.Reporting;

/// <summary>
/// The completion figures kept per enrolment change with time alone at two kinds of moment: a session of the cohort
/// ending, and an unsubmitted task's due date ending in the cohort's zone. A stored row is read until the first of
/// them (its ValidUntilUtc) and computed live from then on.
/// </summary>
[TestFixture(typeof(SqliteTestDatabase))]
[TestFixture(typeof(SqlServerTestDatabase))]
public sealed class EnrolmentFiguresTimeTests<TDatabase> : ReportingDatabaseFixture<TDatabase> where TDatabase : ITestDatabase, new()
{
    // Noon on 1 June: the London session (11:30 to 12:30) is on; in Auckland (UTC+12 in June) it is already midnight.
    private static readonly DateTime Noon = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime SessionEnd = new(2026, 6, 1, 12, 30, 0, DateTimeKind.Utc);

    // The task due on 2 June is overdue once 2 June has ended where the cohort is: 3 June 00:00 in Auckland.
    private static readonly DateTime AucklandDueEnds = new(2026, 6, 2, 12, 0, 0, DateTimeKind.Utc);

    private int _ann;
    private int _kit;

    private readonly FakeFinalOutcomes _outcomes = new();

    private CompletionReportRepository Report() => new(Db, Frameworks, [_outcomes]);

    private EnrolmentFiguresRepository Store() => new(Db, Frameworks, [_outcomes]);

    [OneTimeSetUp]
    public async Task World()
    {
        var ann = await Data.UserAsync("ann@time.example", "Ann Time", Roles.Candidate);
        var kit = await Data.UserAsync("kit@time.example", "Kit Time", Roles.Candidate);
        var course = await Data.CourseAsync("npq-senior-leadership", leadership: true);
        var london = await Data.CohortAsync(course, "London Time");
        var auckland = await Data.CohortAsync(course, "Auckland Time", timeZone: "Pacific/Auckland");
        _ann = await Data.EnrolAsync(london, ann, null);
        _kit = await Data.EnrolAsync(auckland, kit, null);

        var session = await Data.SessionAsync(london, new DateTime(2026, 6, 1, 11, 30, 0, DateTimeKind.Utc));
        await Data.SegmentAsync(session, ann, new DateTime(2026, 6, 1, 11, 30, 0, DateTimeKind.Utc), SessionEnd);
        await Data.TaskAsync(course, london, new DateOnly(2026, 6, 2));
        await Data.TaskAsync(course, auckland, new DateOnly(2026, 6, 2));
    }

    [SetUp]
    public Task Empty() => Data.ExecuteAsync("DELETE FROM EnrolmentFigures");

    [Test]
    public async Task Compute_TimeStillToChangeAFigure_ValidUntilTheFirstMomentItDoes()
    {
        var figures = (await Store().ComputeAsync([_ann, _kit], Noon)).ToDictionary(f => f.Row.EnrolmentId);

        Assert.That(figures[_ann].ValidUntilUtc, Is.EqualTo(SessionEnd), "the session's end comes before 2 June ends in London");
        Assert.That(figures[_kit].ValidUntilUtc, Is.EqualTo(AucklandDueEnds), "no session; 2 June ends in Auckland");
        Assert.That((await Store().ComputeAsync([_ann, _kit], AucklandDueEnds.AddDays(1))).Single(f => f.Row.EnrolmentId == _kit).ValidUntilUtc, Is.Null,
            "nothing left to happen");
    }

    [Test]
    public async Task Report_RowPastTheEndOfASession_ComputedLive()
    {
        await FillAsync(Noon);
        await MarkStoredAsync(_ann);

        var before = await RowAsync(_ann, SessionEnd.AddTicks(-1));
        var atTheEnd = await RowAsync(_ann, SessionEnd);
        var after = await RowAsync(_ann, SessionEnd.AddSeconds(1));

        Assert.That(before.SessionsCounted, Is.EqualTo(99), "the stored row is read until the session ends");
        Assert.That(atTheEnd.SessionsCounted, Is.Not.EqualTo(99), "from its end the row is computed live");
        Assert.That((after.SessionsCounted, after.SessionsAttended), Is.EqualTo((1, 1)), "and counts the session");
    }

    [Test]
    public async Task Report_RowPastADueDateInTheCohortsZone_ComputedLive()
    {
        await FillAsync(Noon);
        await MarkStoredAsync(_kit);

        var before = await RowAsync(_kit, AucklandDueEnds.AddTicks(-1));
        var after = await RowAsync(_kit, AucklandDueEnds);

        Assert.That(before.SessionsCounted, Is.EqualTo(99), "the stored row is read until 2 June ends in Auckland");
        Assert.That((after.SessionsCounted, after.TasksOverdue), Is.EqualTo((0, 1)), "then the row is computed live: the task is overdue");
    }

    [Test]
    public async Task Pick_RowPastItsMoment_PickedToBeComputedAgain()
    {
        await FillAsync(Noon);

        Assert.That(await Store().PickAsync(10, SessionEnd.AddTicks(-1)), Is.Empty);
        Assert.That(await Store().PickAsync(10, SessionEnd), Is.EqualTo(new[] { _ann }));

        await FillAsync(SessionEnd);
        Assert.That(await RowAsync(_ann, SessionEnd), Is.EqualTo((await Store().ComputeAsync([_ann], SessionEnd)).Single().Row));
    }

    private async Task FillAsync(DateTime now)
    {
        var store = Store();
        var ids = await store.PickAsync(100, now);
        await store.ClaimAsync(ids, 3);
        Assert.That(await store.StoreAsync(await store.ComputeAsync(ids, now), 3), Is.EqualTo(ids.Count));
    }

    /// <summary>Gives a stored row a figure no computation gives, to tell when the report reads it.</summary>
    private Task MarkStoredAsync(int enrolmentId) =>
        Data.ExecuteAsync("UPDATE EnrolmentFigures SET SessionsCounted = 99 WHERE EnrolmentId = @enrolmentId", new { enrolmentId });

    private async Task<CompletionRow> RowAsync(int enrolmentId, DateTime now)
    {
        var scope = ReportScope.ForProvider(ProviderId);
        var rows = await ToListAsync(Report().StreamAsync(scope, new CompletionFilter(), now));
        var page = await Report().GetPageAsync(scope, new CompletionFilter(), 1, 100, now);
        Assert.That(page.Rows, Is.EqualTo(rows), "page and stream agree");
        return rows.Single(r => r.EnrolmentId == enrolmentId);
    }
}
